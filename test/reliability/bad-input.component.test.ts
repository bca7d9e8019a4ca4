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

const nodeRequire = createRequire(path.resolve(__dirname, "../../package.json"));
const pulumi = nodeRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
type Package = typeof import("../../provider/index");

interface Registration {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
}
let registrations: Registration[] = [];
let mailersend: Package;
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
  mailersend = nodeRequire("./dist/provider/index.js");
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

type Expectation =
  { by: "component"; message: RegExp } | { by: "child"; type: string; property: string };

interface Row {
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
const identityClient = {
  domain: "shop.test",
  fromAddresses: ["hello@shop.test"],
  monthlyVolume: 300,
  dmarcPolicy: "none",
  agencyDomainId: "agencydomain0001",
};

/** A Client with these arguments (a domain client unless `base` says otherwise). */
function client(args: Record<string, unknown>, base: object = domainClient): () => unknown {
  return () => new mailersend.Client("c", { ...base, ...args } as never);
}
function agency(args: Record<string, unknown>): () => unknown {
  return () =>
    new mailersend.Agency("ag", {
      plan: "starter",
      clients: { a: { domain: "acme.test", monthlyVolume: 40_000, dnsAccess: true } },
      ...args,
    } as never);
}
/** The constructor throws a message naming the argument. */
const component = (message: RegExp): Expectation => ({ by: "component", message });
/** A child's check names the input the argument became. */
const child = (type: string, property: string): Expectation => ({ by: "child", type, property });

const invalidArgs = (line: string) => new RegExp(`has invalid arguments:\\n(.*\\n)*  - ${line}`);
const blocker = (code: string, text: string) =>
  new RegExp(`cannot be set up:\\n(.*\\n)*  - \\[${code}\\] ${text}`);

const CLIENT_ROWS: Row[] = [
  // domain
  {
    name: "domain: wrong type",
    build: client({ domain: 42 }),
    expected: component(invalidArgs("domain: must be the client's domain name")),
  },
  {
    name: "domain: empty",
    build: client({ domain: "" }),
    expected: component(invalidArgs('domain: .*got ""')),
  },
  {
    name: "domain: too long",
    build: client({ domain: `${"a".repeat(250)}.test` }),
    expected: component(invalidArgs("domain: ")),
  },
  {
    name: "domain: bad format",
    build: client({ domain: "acme dot test" }),
    expected: component(invalidArgs('domain: .*got "acme dot test"')),
  },
  // fromAddresses
  {
    name: "fromAddresses: wrong type",
    build: client({ fromAddresses: "news@acme.test" }),
    expected: component(invalidArgs("fromAddresses: must be a list of email addresses")),
  },
  {
    name: "fromAddresses[0]: wrong type",
    build: client({ fromAddresses: [42] }),
    expected: component(invalidArgs("fromAddresses\\[0\\]: must be an email address")),
  },
  {
    name: "fromAddresses[0]: empty",
    build: client({ fromAddresses: [""] }),
    expected: component(invalidArgs('fromAddresses\\[0\\]: .*got ""')),
  },
  {
    name: "fromAddresses[0]: bad format",
    build: client({ fromAddresses: ["news(at)acme.test"] }),
    expected: component(invalidArgs("fromAddresses\\[0\\]: must be an email address")),
  },
  {
    name: "fromAddresses[0]: too long (identity client)",
    build: client({ fromAddresses: [`${"a".repeat(200)}@shop.test`] }, identityClient),
    expected: child("SenderIdentity", "email"),
  },
  {
    name: "fromAddresses[1]: repeats [0]",
    build: client({ fromAddresses: ["news@acme.test", "NEWS@acme.test"] }),
    expected: component(invalidArgs("fromAddresses\\[1\\]: repeats news@acme.test")),
  },
  {
    name: "fromAddresses: empty for an identity client",
    build: client({ fromAddresses: [] }, identityClient),
    expected: component(invalidArgs("fromAddresses: must list at least one address")),
  },
  {
    name: "fromAddresses[0]: free mail for an identity client",
    build: client({ fromAddresses: ["me@gmail.com"] }, identityClient),
    expected: component(invalidArgs("fromAddresses\\[0\\]: is on a free email provider")),
  },
  {
    name: "fromAddresses[0]: not on the client's domain (domain client)",
    build: client({ fromAddresses: ["news@other.test"] }),
    expected: component(
      invalidArgs("fromAddresses\\[0\\]: must be on the client's sending domain"),
    ),
  },
  {
    name: "fromAddresses[0]: not on the client's domain (identity client)",
    build: client({ fromAddresses: ["hello@stranger.test"] }, identityClient),
    expected: component(
      invalidArgs(
        "fromAddresses\\[0\\]: must be on the client's domain shop.test: MailerSend emails the " +
          "confirmation link to the address; to send from an address on another domain on purpose, " +
          "list it in foreignFromAddresses too; got hello@stranger.test",
      ),
    ),
  },
  // foreignFromAddresses
  {
    name: "foreignFromAddresses: wrong type",
    build: client({ foreignFromAddresses: "hello@stranger.test" }, identityClient),
    expected: component(
      invalidArgs(
        'foreignFromAddresses: must be a list of email addresses from fromAddresses; got "hello@stranger.test"',
      ),
    ),
  },
  {
    name: "foreignFromAddresses[0]: not in fromAddresses",
    build: client({ foreignFromAddresses: ["hello@stranger.test"] }, identityClient),
    expected: component(
      invalidArgs(
        "foreignFromAddresses\\[0\\]: must also be listed in fromAddresses; got hello@stranger.test",
      ),
    ),
  },
  {
    name: "foreignFromAddresses[0]: on the client's domain",
    build: client({ foreignFromAddresses: ["hello@shop.test"] }, identityClient),
    expected: component(
      invalidArgs(
        "foreignFromAddresses\\[0\\]: is on the client's domain shop.test; list only addresses on other domains",
      ),
    ),
  },
  // displayName (the sender name of identities)
  {
    name: "displayName: wrong type",
    build: client({ displayName: 42 }, identityClient),
    expected: component(invalidArgs("displayName: must be text; got 42")),
  },
  {
    name: "displayName: empty",
    build: client({ displayName: "" }, identityClient),
    expected: child("SenderIdentity", "name"),
  },
  {
    name: "displayName: too long",
    build: client({ displayName: "x".repeat(192) }, identityClient),
    expected: child("SenderIdentity", "name"),
  },
  // the decision attributes
  {
    name: "monthlyVolume: missing",
    build: client({ monthlyVolume: undefined }),
    expected: component(blocker("invalid-monthly-volume", "monthlyVolume is required")),
  },
  {
    name: "monthlyVolume: wrong type",
    build: client({ monthlyVolume: "lots" }),
    expected: component(blocker("invalid-monthly-volume", "monthlyVolume must be a finite number")),
  },
  {
    name: "monthlyVolume: negative",
    build: client({ monthlyVolume: -1 }),
    expected: component(blocker("invalid-monthly-volume", "monthlyVolume must be a finite number")),
  },
  {
    name: "monthlyVolume: not a number",
    build: client({ monthlyVolume: Number.NaN }),
    expected: component(blocker("invalid-monthly-volume", "monthlyVolume must be a finite number")),
  },
  ...[
    "dnsAccess",
    "dataIsolation",
    "clientAccess",
    "domainReputation",
    "strictDmarcPlanned",
    "domainVerified",
  ].map((key): Row => ({
    name: `${key}: wrong type`,
    build: client({ [key]: "yes" }),
    expected: component(blocker("invalid-boolean-attribute", `${key} must be true or false`)),
  })),
  {
    name: "dmarcPolicy: wrong type",
    build: client({ dmarcPolicy: 1 }),
    expected: component(
      invalidArgs("dmarcPolicy: must be one of none, quarantine, reject, unknown or auto; got 1"),
    ),
  },
  {
    name: "dmarcPolicy: empty",
    build: client({ dmarcPolicy: "" }),
    expected: component(invalidArgs('dmarcPolicy: .*got ""')),
  },
  {
    name: "dmarcPolicy: bad value",
    build: client({ dmarcPolicy: "strict" }),
    expected: component(invalidArgs('dmarcPolicy: .*got "strict"')),
  },
  {
    name: "method: bad value",
    build: client({ method: "smtp" }),
    expected: component(invalidArgs("method: ")),
  },
  {
    name: "policy.lowVolumeBelow: negative",
    build: client({ policy: { lowVolumeBelow: -1 } }),
    expected: component(blocker("invalid-policy", "policy.lowVolumeBelow must be a finite number")),
  },
  {
    name: "policy: unknown setting",
    build: client({ policy: { lowVolume: 10 } }),
    expected: component(
      blocker("invalid-policy", 'The decision policy has no setting "lowVolume"'),
    ),
  },
  {
    name: "policy: conflicting thresholds",
    build: client({ policy: { lowVolumeBelow: 5000, highVolumeAbove: 1000 } }),
    expected: component(
      blocker(
        "invalid-policy",
        "policy.lowVolumeBelow \\(5,000\\) must not be above policy.highVolumeAbove",
      ),
    ),
  },
  // existing domain
  {
    name: "existingDomainId: without domainVerified",
    build: client({ existingDomainId: "abc" }),
    expected: component(invalidArgs("existingDomainId: is only used with domainVerified: true")),
  },
  {
    name: "existingDomainId: wrong type",
    build: client({ domainVerified: true, existingDomainId: 5 }),
    expected: component(invalidArgs("existingDomainId: must be text; got 5")),
  },
  {
    name: "existingDomainId: bad format",
    build: client({ domainVerified: true, existingDomainId: "a b" }),
    expected: child("ApiToken", "domainId"),
  },
  // agencyDomainId
  {
    name: "agencyDomainId: missing for an identity client",
    build: client({ agencyDomainId: undefined }, identityClient),
    expected: component(invalidArgs("agencyDomainId: is required for a sender identity client")),
  },
  {
    name: "agencyDomainId: wrong type",
    build: client({ agencyDomainId: 5 }, identityClient),
    expected: child("SenderIdentity", "domainId"),
  },
  {
    name: "agencyDomainId: empty",
    build: client({ agencyDomainId: "" }, identityClient),
    expected: child("SenderIdentity", "domainId"),
  },
  {
    name: "agencyDomainId: bad format",
    build: client({ agencyDomainId: "a b" }, identityClient),
    expected: child("SenderIdentity", "domainId"),
  },
  // token
  {
    name: "token.scopes: empty",
    build: client({ token: { scopes: [] } }),
    expected: child("ApiToken", "scopes"),
  },
  {
    name: "token.scopes[0]: bad value",
    build: client({ token: { scopes: ["send"] } }),
    expected: child("ApiToken", "scopes[0]"),
  },
  {
    name: "token.name: empty",
    build: client({ token: { name: "" } }),
    expected: child("ApiToken", "name"),
  },
  {
    name: "token.name: too long",
    build: client({ token: { name: "x".repeat(51) } }),
    expected: child("ApiToken", "name"),
  },
  {
    name: "token.name: wrong type",
    build: client({ token: { name: 5 } }),
    expected: child("ApiToken", "name"),
  },
  {
    name: "token.rotationNonce: wrong type",
    build: client({ token: { rotationNonce: true } }),
    expected: child("ApiToken", "rotationNonce"),
  },
  {
    name: "token: wrong type",
    build: client({ token: "yes" }),
    expected: component(invalidArgs("token: ")),
  },
  {
    name: "token.create: wrong type",
    build: client({ token: { create: "no" } }),
    expected: component(invalidArgs("token\\.create: ")),
  },
  {
    name: "token.allowForIdentity: wrong type",
    build: client({ token: { allowForIdentity: "yes" } }, identityClient),
    expected: component(invalidArgs("token\\.allowForIdentity: ")),
  },
  {
    name: "token.scopes: wrong type",
    build: client({ token: { scopes: "email_full" } }),
    expected: component(invalidArgs("token\\.scopes: ")),
  },
  // users
  {
    name: "users: on an identity client",
    build: client({ users: [{ email: "boss@shop.test" }] }, identityClient),
    expected: component(invalidArgs("users: cannot be given to a sender identity client")),
  },
  {
    name: "users[0].email: empty",
    build: client({ users: [{ email: "" }] }),
    expected: component(invalidArgs('users\\[0\\].email: must be an email address; got ""')),
  },
  {
    name: "users[0].email: bad format",
    build: client({ users: [{ email: "boss" }] }),
    expected: component(invalidArgs('users\\[0\\].email: must be an email address; got "boss"')),
  },
  {
    name: "users[0]: wrong type",
    build: client({ users: ["boss@acme.test"] }),
    expected: component(invalidArgs("users\\[0\\].email: must be an email address; got undefined")),
  },
  {
    name: "users[0].email: too long",
    build: client({ users: [{ email: `${"a".repeat(190)}@acme.test` }] }),
    expected: child("ClientUser", "email"),
  },
  {
    name: "users[0].role: bad value",
    build: client({ users: [{ email: "boss@acme.test", role: "boss" }] }),
    expected: child("ClientUser", "role"),
  },
  {
    name: "users[0].permissions[0]: bad value",
    build: client({ users: [{ email: "boss@acme.test", permissions: ["fly"] }] }),
    expected: child("ClientUser", "permissions[0]"),
  },
  {
    name: "users[0].permissions: empty for Custom User",
    build: client({ users: [{ email: "boss@acme.test", permissions: [] }] }),
    expected: child("ClientUser", "permissions"),
  },
  {
    name: "users: wrong type",
    build: client({ users: "boss@acme.test" }),
    expected: component(invalidArgs("users: ")),
  },
  {
    name: "users[0].permissions: wrong type",
    build: client({ users: [{ email: "boss@acme.test", permissions: "read-activity" }] }),
    expected: component(invalidArgs("users\\[0\\]\\.permissions: ")),
  },
  {
    name: "users[1].email: repeats users[0]",
    build: client({ users: [{ email: "boss@acme.test" }, { email: "Boss@acme.test" }] }),
    expected: component(invalidArgs("users\\[1\\]\\.email: ")),
  },
  // child settings
  {
    name: "domainSettings.trackOpens: wrong type",
    build: client({ domainSettings: { trackOpens: "no" } }),
    expected: child("Domain", "trackOpens"),
  },
  {
    name: "domainSettings: unknown setting",
    build: client({ domainSettings: { track: true } }),
    expected: child("Domain", "track"),
  },
  {
    name: "domainSettings.trackUnsubscribeHtml: bad format",
    build: client({ domainSettings: { trackUnsubscribeHtml: "<p>bye</p>" } }),
    expected: child("Domain", "trackUnsubscribeHtml"),
  },
  {
    name: "domainSettings: wrong type",
    build: client({ domainSettings: "tracking" }),
    expected: component(invalidArgs("domainSettings: ")),
  },
  {
    name: "verification.mode: bad value",
    build: client({ verification: { mode: "poll" } }),
    expected: child("DomainVerification", "mode"),
  },
  {
    name: "verification: conflicting interval",
    build: client({ verification: { mode: "wait", timeoutSeconds: 10, pollIntervalSeconds: 60 } }),
    expected: child("DomainVerification", "pollIntervalSeconds"),
  },
  {
    name: "verification: wrong type",
    build: client({ verification: "wait" }),
    expected: component(invalidArgs("verification: ")),
  },
  // combinations and the rest
  {
    name: "keepIdentitiesUntilVerified: without agencyDomainId",
    build: client({ keepIdentitiesUntilVerified: true }),
    expected: component(
      invalidArgs("agencyDomainId: is required with keepIdentitiesUntilVerified"),
    ),
  },
  {
    name: "keepIdentitiesUntilVerified: wrong type",
    build: client({ keepIdentitiesUntilVerified: "no", agencyDomainId: "agencydomain0001" }),
    expected: component(invalidArgs("keepIdentitiesUntilVerified: ")),
  },
  {
    name: "an unknown argument",
    build: client({ colour: "red" }),
    expected: component(invalidArgs("colour: ")),
  },
];

const AGENCY_ROWS: Row[] = [
  {
    name: "plan: missing",
    build: agency({ plan: undefined }),
    expected: component(/\[invalid-plan\] The plan must be one of .*; got nothing/),
  },
  {
    name: "plan: wrong type",
    build: agency({ plan: 3 }),
    expected: component(/\[invalid-plan\] The plan must be one of .*; got 3/),
  },
  {
    name: "plan: bad value",
    build: agency({ plan: "gold" }),
    expected: component(/\[invalid-plan\] The plan must be one of .*; got "gold"/),
  },
  {
    name: "extraDomains: negative",
    build: agency({ extraDomains: -1 }),
    expected: component(/\[invalid-plan-settings\] extraDomains must be a whole number/),
  },
  {
    name: "extraDomains: wrong type",
    build: agency({ extraDomains: "2" }),
    expected: component(/\[invalid-plan-settings\] extraDomains must be a whole number/),
  },
  {
    name: "existing: wrong type",
    build: agency({ existing: "x" }),
    expected: component(/\[invalid-plan-settings\] existing must be an object/),
  },
  {
    name: "existing.domains: negative",
    build: agency({ existing: { domains: -3 } }),
    expected: component(/\[invalid-plan-settings\] existing\.domains must be a whole number/),
  },
  {
    name: "policy.withinBand: bad value",
    build: agency({ policy: { withinBand: "both" } }),
    expected: component(/policy\.withinBand must be "domain" or "identity"; got "both"/),
  },
  {
    name: "clients: a client's argument",
    build: agency({ clients: { a: { domain: "x", monthlyVolume: 10 } } }),
    expected: component(invalidArgs('domain: .*got "x"')),
  },
  {
    name: "clients: an empty name",
    build: agency({
      clients: { "": { domain: "acme.test", monthlyVolume: 40_000, dnsAccess: true } },
    }),
    expected: component(
      /\[invalid-client\] Client 1 is invalid: its name must be a non-empty string/,
    ),
  },
  {
    name: "clients: more domains than the plan allows",
    build: agency({
      clients: Object.fromEntries(
        Array.from({ length: 11 }, (_, i) => [
          `c${i}`,
          { domain: `c${i}.test`, monthlyVolume: 40_000, dnsAccess: true },
        ]),
      ),
    }),
    expected: component(
      /\[domain-limit-exceeded\] The Starter plan allows 10 domains.*Over the limit: c10/,
    ),
  },
  {
    name: "domainId: wrong type",
    build: agency({
      domainId: 5,
      clients: { a: { domain: "shop.test", fromAddresses: ["hi@shop.test"], monthlyVolume: 10 } },
    }),
    expected: child("SenderIdentity", "domainId"),
  },
  {
    name: "clients: missing",
    build: agency({ clients: undefined }),
    expected: component(/clients/),
  },
  {
    name: "clients: two with one domain",
    build: agency({
      clients: {
        a: { domain: "acme.test", monthlyVolume: 40_000, dnsAccess: true },
        b: { domain: "acme.test", monthlyVolume: 40_000, dnsAccess: true },
      },
    }),
    expected: component(/acme\.test/),
  },
  {
    name: "clients: one address in two identity clients",
    build: agency({
      domainId: "agencydomain0001",
      clients: {
        a: { domain: "shop.test", fromAddresses: ["hi@shop.test"], monthlyVolume: 10 },
        b: { domain: "shop.test", fromAddresses: ["hi@shop.test"], monthlyVolume: 10 },
      },
    }),
    expected: component(/hi@shop\.test/),
  },
  {
    name: "an unknown argument",
    build: agency({ clientz: {} }),
    expected: component(/clientz/),
  },
];

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
