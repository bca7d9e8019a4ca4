/**
 * The Client and Agency components under Pulumi's mocks (client.test.ts, agency.test.ts): every
 * registration is recorded and asserted (type, name, parent, inputs); `call` throws, so an
 * unplanned invoke fails loudly. The package is loaded from dist/ by Node's own loader, so the
 * dynamic resources' providers really are serialized, as in `pulumi up`.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { beforeAll, expect } from "vitest";

const nodeRequire = createRequire(path.resolve(__dirname, "../../package.json"));
const pulumi = nodeRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
type Package = typeof import("../../provider/index");

export interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** The outputs the mocks give each child type, on top of its inputs. */
export const OUTPUTS_BY_TYPE: Record<string, Record<string, unknown>> = {
  "pulumi-nodejs:dynamic/mailersend:Domain": {
    verified: false,
    dnsRecords: [
      {
        purpose: "spf",
        type: "TXT",
        name: "acme.test",
        value: "v=spf1 include:_spf.mailersend.net ~all",
      },
    ],
  },
  "pulumi-nodejs:dynamic/mailersend:SenderIdentity": { verified: false },
  "pulumi-nodejs:dynamic/mailersend:ApiToken": { token: "mlsn.mocked" },
  "pulumi-nodejs:dynamic/mailersend:ClientUser": { state: "invited" },
};

/** The package from dist/, loaded once the mocks are set. */
export let mailersend: Package;

/**
 * Sets Pulumi's mocks for this test file and loads the package: every registration goes to
 * `record` (without its `__provider`, which a custom resource must carry).
 */
export function mockPulumi(record: (registration: Registration) => void): void {
  beforeAll(() => {
    pulumi.runtime.setMocks(
      {
        newResource(args) {
          const { __provider, ...inputs } = args.inputs as Record<string, unknown>;
          if (args.custom) expect(typeof __provider).toBe("string");
          record({ type: args.type, name: args.name, inputs });
          return { id: `${args.name}-id`, state: { ...inputs, ...OUTPUTS_BY_TYPE[args.type] } };
        },
        call(args) {
          throw new Error(`unexpected invoke ${args.token}`);
        },
      },
      "agency-project",
      "dev",
      true,
    );
    mailersend = nodeRequire("./dist/provider/index.js");
  });
}

export const value = <T>(output: import("@pulumi/pulumi").Output<T>) =>
  new Promise<T>((resolve) => output.apply((v) => resolve(v)));
/**
 * Waits until the registrations `current` returns stop arriving (they complete asynchronously, in
 * no fixed order), then returns them sorted by name so assertions are exact but order-free.
 */
export async function settledOf(current: () => Registration[]): Promise<Registration[]> {
  let seen = -1;
  while (seen !== current().length) {
    seen = current().length;
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  return byName(current());
}

/** Sorts registrations, `[type, name, …]` tuples or plain names by the resource name. */
export function byName<T>(items: readonly T[]): T[] {
  const key = (item: T) =>
    typeof item === "string"
      ? item
      : Array.isArray(item)
        ? String(item[1])
        : String((item as { name: string }).name);
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export const DOMAIN = "pulumi-nodejs:dynamic/mailersend:Domain";
export const VERIFICATION = "pulumi-nodejs:dynamic/mailersend:DomainVerification";
export const IDENTITY = "pulumi-nodejs:dynamic/mailersend:SenderIdentity";
export const TOKEN = "pulumi-nodejs:dynamic/mailersend:ApiToken";
export const USER = "pulumi-nodejs:dynamic/mailersend:ClientUser";
