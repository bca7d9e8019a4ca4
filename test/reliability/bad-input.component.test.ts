/**
 * The bad-input matrix for the Client and Agency components: every argument given a wrong type,
 * an empty value, a value too long, an invalid format or a conflicting combination. Each must fail
 * before MailerSend sees a request, naming the argument, in one of two places:
 * - `component`: the constructor throws naming the argument, and no custom resource is registered
 *   (so `pulumi preview` fails with zero API calls);
 * - `child`: the argument is passed through to a child resource, whose check() (through the real
 *   dynamic-provider host, as the engine would call it) fails naming the child's input, with zero
 *   API calls. The error then names the child's property, not the Client's argument path.
 * Rows marked `gap` are known gaps (see docs/reliability.md): they hold the behaviour we want and
 * run as `it.fails`, so fixing one turns its test red until the `gap` mark is removed.
 *
 * Pulumi mocks record the registrations; the package is loaded from dist/ by Node's own loader so
 * the dynamic resources' providers really are serialized, as in `pulumi up`.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { componentFailures } from "../support/component-failures";
import { startHostFixture, type HostFixture } from "../support/host-fixture";
import type { Expectation } from "./support/bad-input";
import { AGENCY_ROWS } from "./support/bad-input-agency-rows";
import { CLIENT_ROWS } from "./support/bad-input-client-rows";

const nodeRequire = createRequire(path.resolve(__dirname, "../../package.json"));
const pulumi = nodeRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");

interface Registration {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
}
let registrations: Registration[] = [];
let f: HostFixture;

beforeAll(async () => {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({
          type: args.type,
          name: args.name,
          custom: args.custom ?? false,
          inputs: args.inputs as Record<string, unknown>,
        });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call(args) {
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    "bad-input",
    "dev",
    true,
  );
  f = await startHostFixture();
});
afterAll(() => f?.stop());

/** Waits until registrations stop arriving. */
async function settled(): Promise<Registration[]> {
  let seen = -1;
  while (seen !== registrations.length) {
    seen = registrations.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return registrations;
}

async function check(expected: Expectation, build: () => unknown): Promise<void> {
  await settled(); // nothing from the previous row may leak into this one
  registrations = [];
  f.clearCalls();
  if (expected.by === "component") {
    // The Agency throws its own errors; a Client reports its own on itself (see failures.ts).
    const failure = await componentFailures(build);
    expect([failure.thrown ?? "", ...failure.errors].join("\n")).toMatch(expected.message);
    // Nothing reaches the engine, so nothing reaches MailerSend.
    expect((await settled()).filter((r) => r.custom)).toEqual([]);
    return;
  }
  expect(build).not.toThrow();
  const children = (await settled()).filter((r) => r.type.endsWith(`:${expected.type}`));
  expect(children.length).toBeGreaterThan(0);
  // The child's inputs as the engine hands them to check().
  const { failures } = await f.host.check({}, children[0].inputs);
  expect(failures.map((failure) => failure.property)).toContain(expected.property);
  expect(f.calls()).toEqual([]);
}

describe.each([
  ["Client", CLIENT_ROWS],
  ["Agency", AGENCY_ROWS],
] as const)("%s arguments", (_component, rows) => {
  for (const row of rows) {
    const where =
      row.expected.by === "component"
        ? "the constructor names it"
        : `${row.expected.type} check names ${row.expected.property}`;
    if (row.gap) {
      it.fails(`${row.name}: ${where} [known gap: ${row.gap}]`, () =>
        check(row.expected, row.build),
      );
    } else {
      it(`${row.name}: ${where}`, () => check(row.expected, row.build));
    }
  }
});

describe("the matrix", () => {
  it("covers every argument of Client and Agency", () => {
    const clientArgs = [
      "domain",
      "fromAddresses",
      "foreignFromAddresses",
      "displayName",
      "monthlyVolume",
      "dnsAccess",
      "dataIsolation",
      "clientAccess",
      "domainReputation",
      "dmarcPolicy",
      "strictDmarcPlanned",
      "domainVerified",
      "existingDomainId",
      "method",
      "policy",
      "agencyDomainId",
      "token",
      "users",
      "domainSettings",
      "verification",
      "keepIdentitiesUntilVerified",
    ];
    const named = CLIENT_ROWS.map((row) => row.name.split(/[.:[ ]/)[0]);
    expect(clientArgs.filter((arg) => !named.includes(arg))).toEqual([]);
    const agencyArgs = ["plan", "extraDomains", "existing", "domainId", "policy", "clients"];
    const agencyNamed = AGENCY_ROWS.map((row) => row.name.split(/[.:[ ]/)[0]);
    expect(agencyArgs.filter((arg) => !agencyNamed.includes(arg))).toEqual([]);
  });

  it("MailerSend saw no request", () => {
    expect(f.emulator.requests.count()).toBe(0);
  });
});
