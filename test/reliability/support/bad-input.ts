/**
 * The bad-input matrix's vocabulary (bad-input.component.test.ts): a row, what it expects, and
 * builders for a Client or an Agency with some arguments changed. The rows are in
 * bad-input-client-rows.ts and bad-input-agency-rows.ts.
 */
import { createRequire } from "node:module";
import path from "node:path";

const nodeRequire = createRequire(path.resolve(__dirname, "../../../package.json"));
type Package = typeof import("../../../provider/index");

/**
 * The package from dist/, by Node's own loader (so the dynamic resources' providers really are
 * serialized); loaded when a row is built, after the test file has set Pulumi's mocks.
 */
const mailersend = (): Package => nodeRequire("./dist/provider/index.js") as Package;

export type Expectation =
  { by: "component"; message: RegExp } | { by: "child"; type: string; property: string };

export interface Row {
  name: string;
  build: () => unknown;
  expected: Expectation;
  /** A known gap: what happens today, in words; the row holds what should happen. */
  gap?: string;
}

const domainClient = {
  domain: "acme.test",
  fromAddresses: ["news@acme.test"],
  monthlyVolume: 40_000,
  dnsAccess: true,
  dataIsolation: true,
  clientAccess: true,
  dmarcPolicy: "none",
};
export const identityClient = {
  domain: "shop.test",
  fromAddresses: ["hello@shop.test"],
  monthlyVolume: 300,
  dmarcPolicy: "none",
  agencyDomainId: "agencydomain0001",
};

/** A Client with these arguments (a domain client unless `base` says otherwise). */
export function client(args: Record<string, unknown>, base: object = domainClient): () => unknown {
  return () => new (mailersend().Client)("c", { ...base, ...args } as never);
}
export function agency(args: Record<string, unknown>): () => unknown {
  return () =>
    new (mailersend().Agency)("ag", {
      plan: "starter",
      clients: { a: { domain: "acme.test", monthlyVolume: 40_000, dnsAccess: true } },
      ...args,
    } as never);
}
/** The constructor throws a message naming the argument. */
export const component = (message: RegExp): Expectation => ({ by: "component", message });
/** A child's check names the input the argument became. */
export const child = (type: string, property: string): Expectation => ({
  by: "child",
  type,
  property,
});

export const invalidArgs = (line: string) =>
  new RegExp(`has invalid arguments:\\n(.*\\n)*  - ${line}`);
export const blocker = (code: string, text: string) =>
  new RegExp(`cannot be set up:\\n(.*\\n)*  - \\[${code}\\] ${text}`);
