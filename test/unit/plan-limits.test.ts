import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PLANS,
  PLAN_ERROR_CODES,
  PLAN_LIMITS,
  PLAN_LIMITS_GUIDE,
  PLAN_WARNING_CODES,
  checkPlanLimits,
  type Plan,
  type PlanCheck,
  type PlanSettings,
  type PlannedClient,
} from "../../provider/component/plan-limits";

// The check is total: tests feed it invalid values on purpose.
const check = (plan: unknown, clients: unknown): PlanCheck =>
  checkPlanLimits(plan as Plan | PlanSettings, clients as PlannedClient[]);

const domains = (n: number, prefix = "d"): PlannedClient[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i + 1}`, method: "domain" }));
const identities = (n: number, prefix = "i"): PlannedClient[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i + 1}`, method: "identity" }));

const summary = (r: PlanCheck) => ({
  ok: r.ok,
  errors: r.errors.map((e) => e.code),
  warnings: r.warnings.map((w) => w.code),
  domainsOver: r.usage.domains.overClients,
  identitiesOver: r.usage.identities.overClients,
});

interface Case {
  name: string;
  plan: unknown;
  clients: unknown;
  errors?: string[];
  warnings?: string[];
  domainsOver?: string[];
  identitiesOver?: string[];
}

const ALL_CASES: Case[] = [];
const table = (cases: Case[]) => {
  ALL_CASES.push(...cases);
  return cases.map((c) => [c.name, c] as const);
};
const expectCase = (c: Case) => {
  const errors = c.errors ?? [];
  expect(summary(check(c.plan, c.clients))).toEqual({
    ok: errors.length === 0,
    errors,
    warnings: c.warnings ?? [],
    domainsOver: c.domainsOver ?? [],
    identitiesOver: c.identitiesOver ?? [],
  });
};

describe("the guide's limits, at both edges", () => {
  it.each(
    table([
      { name: "Starter, 10 domains: fits", plan: "starter", clients: domains(10) },
      {
        name: "Starter, 11 domains: the 11th is named",
        plan: "starter",
        clients: domains(11),
        errors: ["domain-limit-exceeded"],
        domainsOver: ["d11"],
      },
      { name: "Starter, 50 identities: fits", plan: "starter", clients: identities(50) },
      {
        name: "Starter, 51 identities: the 51st is named",
        plan: "starter",
        clients: identities(51),
        errors: ["identity-limit-exceeded"],
        identitiesOver: ["i51"],
      },
      {
        name: "Starter, both over at once",
        plan: "starter",
        clients: [...domains(12), ...identities(51)],
        errors: ["domain-limit-exceeded", "identity-limit-exceeded"],
        domainsOver: ["d11", "d12"],
        identitiesOver: ["i51"],
      },
      {
        name: "Starter with 2 domain space add-ons: 12 fit",
        plan: { plan: "starter", extraDomains: 2 },
        clients: domains(12),
      },
      {
        name: "Starter with 2 domain space add-ons: the 13th is named",
        plan: { plan: "starter", extraDomains: 2 },
        clients: domains(13),
        errors: ["domain-limit-exceeded"],
        domainsOver: ["d13"],
      },
      {
        name: "domains already in the account count first",
        plan: { plan: "starter", existing: { domains: 9, identities: 50 } },
        clients: [...domains(2), ...identities(1)],
        errors: ["domain-limit-exceeded", "identity-limit-exceeded"],
        domainsOver: ["d2"],
        identitiesOver: ["i1"],
      },
      {
        name: "a client reusing a verified domain needs no slot",
        plan: "starter",
        clients: [...domains(10), { name: "reused", method: "domain", domainsNeeded: 0 }],
      },
      {
        name: "a client with several from-addresses needs one identity each",
        plan: { plan: "starter", existing: { identities: 48 } },
        clients: [{ name: "many", method: "identity", identitiesNeeded: 3 }],
        errors: ["identity-limit-exceeded"],
        identitiesOver: ["many"],
      },
      {
        name: "a client needing nothing is never named, even past the limit",
        plan: "starter",
        clients: [
          ...domains(11),
          { name: "nothing", method: "domain", domainsNeeded: 0 },
          { name: "ident", method: "identity" },
        ],
        errors: ["domain-limit-exceeded"],
        domainsOver: ["d11"],
      },
      {
        name: "Professional: unlimited",
        plan: "professional",
        clients: [...domains(500), ...identities(500)],
      },
      {
        name: "Enterprise: unlimited",
        plan: "enterprise",
        clients: [...domains(500), ...identities(500)],
      },
      {
        name: "Hobby: identities are Starter and above",
        plan: "hobby",
        clients: identities(1),
        errors: ["identity-limit-exceeded"],
        identitiesOver: ["i1"],
      },
      {
        name: "Hobby: domain count undocumented, not checked",
        plan: "hobby",
        clients: domains(3),
        warnings: ["limit-undocumented"],
      },
      {
        name: "Hobby with a known domain count: checked",
        plan: { plan: "hobby", limits: { domains: 1 } },
        clients: domains(2),
        errors: ["domain-limit-exceeded"],
        domainsOver: ["d2"],
      },
      {
        name: "Hobby with no clients: nothing to warn about",
        plan: "hobby",
        clients: [],
      },
      {
        name: "a custom contract lifts the limit",
        plan: { plan: "starter", limits: { domains: "unlimited", identities: 100 } },
        clients: [...domains(40), ...identities(100)],
      },
      {
        name: "a custom contract lowers the limit",
        plan: { plan: "enterprise", limits: { identities: 2 } },
        clients: identities(3),
        errors: ["identity-limit-exceeded"],
        identitiesOver: ["i3"],
      },
      {
        name: "existing objects over the limit do not fail a stack that adds none",
        plan: { plan: "starter", existing: { domains: 30 } },
        clients: identities(2),
      },
    ]),
  )("%s", (_name, c) => expectCase(c));
});

describe("messages name the clients over the limit", () => {
  it("domains, with add-ons and existing domains", () => {
    const r = check({ plan: "starter", extraDomains: 2, existing: { domains: 3 } }, [
      ...domains(9),
      { name: "acme", method: "domain" },
      { name: "beta", method: "domain" },
    ]);
    expect(r.errors).toEqual([
      {
        code: "domain-limit-exceeded",
        message:
          "The Starter plan allows 12 domains (10 plus 2 from domain space add-ons), but 14 are needed: 3 already in the account outside this stack and 11 for this stack's clients, 2 too many. Over the limit: acme (the 13th domain) and beta (the 14th domain). Reuse domains already verified in the account (domainsNeeded: 0), buy domain space add-ons (extraDomains), send some clients through sender identities, or move to the Professional plan (unlimited domains).",
      },
    ]);
    expect(r.usage.domains).toEqual({
      limit: 12,
      existing: 3,
      stack: 11,
      total: 14,
      over: 2,
      overClients: ["acme", "beta"],
    });
  });

  it("identities, a client partly over", () => {
    const r = check("starter", [
      ...identities(48),
      { name: "acme", method: "identity", identitiesNeeded: 3 },
      { name: "beta", method: "identity" },
    ]);
    expect(r.errors).toEqual([
      {
        code: "identity-limit-exceeded",
        message:
          "The Starter plan allows 50 sender identities, but this stack's clients need 52 sender identities, 2 too many. Over the limit: acme (the 51st sender identity) and beta (the 52nd sender identity). Give clients with several from-addresses a domain instead (it sends from any address on it), remove sender identities no longer used, or move to the Professional plan (unlimited sender identities).",
      },
    ]);
    expect(r.usage.identities.over).toBe(2);
  });

  it("a client with several objects over", () => {
    const r = check({ plan: "starter", existing: { identities: 50 } }, [
      { name: "acme", method: "identity", identitiesNeeded: 3 },
    ]);
    expect(r.errors[0].message).toContain(
      "but 53 are needed: 50 already in the account outside this stack and 3 for this stack's clients, 3 too many. Over the limit: acme (the 51st to 53rd sender identities).",
    );
  });

  it("Hobby, and limits given by hand", () => {
    expect(check("hobby", identities(1)).errors[0].message).toMatch(
      /^The Hobby plan allows 0 sender identities \(they need Starter or above\), but this stack's clients need 1 sender identity, 1 too many\. Over the limit: i1 \(the 1st sender identity\)\./,
    );
    expect(check("hobby", domains(2)).warnings).toEqual([
      {
        code: "limit-undocumented",
        message:
          "MailerSend does not document how many domains the Hobby plan allows, so the 2 domains this stack needs are not checked; set limits.domains to check them.",
      },
    ]);
    expect(check({ plan: "hobby", limits: { domains: 1 } }, domains(2)).errors[0].message).toMatch(
      /^This account allows 1 domain \(limits\.domains\), but this stack's clients need 2 domains, 1 too many\. Over the limit: d2 \(the 2nd domain\)\./,
    );
  });

  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [22, "22nd"],
    [101, "101st"],
    [111, "111th"],
    [112, "112th"],
  ])("ordinal of the %ith object: %s", (n, word) => {
    const r = check({ plan: "starter", limits: { domains: n - 1 } }, domains(n));
    expect(r.errors[0].message).toContain(`d${n} (the ${word} domain)`);
  });
});

describe("invalid inputs: an error, never a throw", () => {
  it.each(
    table([
      { name: "an unknown plan", plan: "gold", clients: [], errors: ["invalid-plan"] },
      { name: "a capitalised plan", plan: "Starter", clients: [], errors: ["invalid-plan"] },
      { name: "no plan", plan: undefined, clients: [], errors: ["invalid-plan"] },
      { name: "settings without a plan", plan: {}, clients: [], errors: ["invalid-plan"] },
      {
        name: "a misspelt setting",
        plan: { plan: "starter", extraDomain: 2 },
        clients: [],
        errors: ["invalid-plan-settings"],
      },
      {
        name: "negative add-ons",
        plan: { plan: "starter", extraDomains: -1 },
        clients: [],
        errors: ["invalid-plan-settings"],
      },
      {
        name: "fractional existing count",
        plan: { plan: "starter", existing: { domains: 1.5 } },
        clients: [],
        errors: ["invalid-plan-settings"],
      },
      {
        name: "existing is not an object",
        plan: { plan: "starter", existing: 3 },
        clients: [],
        errors: ["invalid-plan-settings"],
      },
      {
        name: "a misspelt limit",
        plan: { plan: "starter", limits: { domain: 3 } },
        clients: [],
        errors: ["invalid-plan-settings"],
      },
      {
        name: "a limit that is not a count",
        plan: { plan: "starter", limits: { identities: "lots" } },
        clients: [],
        errors: ["invalid-plan-settings"],
      },
      {
        name: "add-ons and a domain limit together",
        plan: { plan: "starter", extraDomains: 2, limits: { domains: 20 } },
        clients: [],
        errors: ["invalid-plan-settings"],
      },
      { name: "clients not an array", plan: "starter", clients: {}, errors: ["invalid-client"] },
      {
        name: "a client that is not an object",
        plan: "starter",
        clients: [null],
        errors: ["invalid-client"],
      },
      {
        name: "a client without a name",
        plan: "starter",
        clients: [{ method: "domain" }],
        errors: ["invalid-client"],
      },
      {
        name: "a client with an unknown method",
        plan: "starter",
        clients: [{ name: "a", method: "smtp" }],
        errors: ["invalid-client"],
      },
      {
        name: "an identity client creating a domain",
        plan: "starter",
        clients: [{ name: "a", method: "identity", domainsNeeded: 1 }],
        errors: ["invalid-client"],
      },
      {
        name: "a domain client creating two domains",
        plan: "starter",
        clients: [{ name: "a", method: "domain", domainsNeeded: 2 }],
        errors: ["invalid-client"],
      },
      {
        name: "a negative count",
        plan: "starter",
        clients: [{ name: "a", method: "identity", identitiesNeeded: -1 }],
        errors: ["invalid-client"],
      },
      {
        name: "a misspelt client field",
        plan: "starter",
        clients: [{ name: "a", method: "domain", domainNeeded: 0 }],
        errors: ["invalid-client"],
      },
      {
        name: "two clients with one name",
        plan: "starter",
        clients: [
          { name: "a", method: "domain" },
          { name: "a", method: "identity" },
        ],
        errors: ["invalid-client"],
      },
      {
        name: "invalid clients are left out of the count",
        plan: "starter",
        clients: [...domains(10), { name: "bad", method: "domain", domainsNeeded: 7 }],
        errors: ["invalid-client"],
      },
    ]),
  )("%s", (_name, c) => expectCase(c));

  it.each([
    [
      "gold",
      [],
      "invalid-plan",
      'The plan must be one of "hobby", "starter", "professional" or "enterprise"; got "gold".',
    ],
    [
      { plan: "starter", extraDomain: 2 },
      [],
      "invalid-plan-settings",
      'The plan settings have no field "extraDomain"; the fields are plan, extraDomains, existing and limits.',
    ],
    [
      { plan: "starter", extraDomains: 2, limits: { domains: 20 } },
      [],
      "invalid-plan-settings",
      "Set either extraDomains (2) or limits.domains (20), not both: limits.domains is the whole allowance, add-ons included. limits.domains is used.",
    ],
    [
      "starter",
      [{ name: "a", method: "identity", domainsNeeded: 1 }],
      "invalid-client",
      'Client "a" is invalid: a sender identity client creates no domain, so domainsNeeded must be 0, got 1. It is left out of the count.',
    ],
    [
      "starter",
      [{ name: "", method: "smtp", domainsNeeded: 2 }],
      "invalid-client",
      'Client 1 is invalid: its name must be a non-empty string, got ""; its method must be "domain" or "identity", got "smtp"; a client creates at most one domain, so domainsNeeded must be 0 or 1, got 2. It is left out of the count.',
    ],
    [
      "starter",
      [
        { name: "a", method: "domain" },
        { name: "a", method: "domain" },
      ],
      "invalid-client",
      'Client "a" is invalid: its name is used by an earlier client. It is left out of the count.',
    ],
  ])("message for %j and %j: %s", (plan, clients, code, message) => {
    expect(check(plan, clients).errors).toEqual([{ code, message }]);
  });
});

describe("properties", () => {
  const client = fc.oneof(
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 6 }),
      method: fc.constant("domain" as const),
      domainsNeeded: fc.constantFrom(0, 1, undefined),
    }),
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 6 }),
      method: fc.constant("identity" as const),
      identitiesNeeded: fc.option(fc.nat(4), { nil: undefined }),
    }),
  );
  const clients = fc.uniqueArray(client, { selector: (c) => c.name, maxLength: 80 });
  const settings = fc.record(
    {
      plan: fc.constantFrom(...PLANS),
      extraDomains: fc.nat(5),
      existing: fc.record({ domains: fc.nat(20), identities: fc.nat(60) }, { requiredKeys: [] }),
    },
    { requiredKeys: ["plan"] },
  );

  it("never throws, and ok means no errors, for any input", () => {
    fc.assert(
      fc.property(
        fc.oneof(settings, fc.constantFrom(...PLANS), fc.anything()),
        fc.oneof(clients, fc.array(fc.anything(), { maxLength: 5 }), fc.anything()),
        (plan, list) => {
          const r = check(plan, list);
          expect(r.ok).toBe(r.errors.length === 0);
          for (const e of r.errors) expect(PLAN_ERROR_CODES).toContain(e.code);
          for (const w of r.warnings) expect(PLAN_WARNING_CODES).toContain(w.code);
          for (const n of [...r.errors, ...r.warnings]) expect(n.message).toMatch(/^\S.*\.$/s);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("valid input: counts add up, and exactly the clients beyond the limit are named", () => {
    fc.assert(
      fc.property(settings, clients, (s, list) => {
        const r = check(s, list);
        expect(r.errors.filter((e) => e.code.startsWith("invalid-"))).toEqual([]);
        for (const kind of ["domains", "identities"] as const) {
          const need = (c: (typeof list)[number]) =>
            kind === "domains"
              ? c.method === "domain"
                ? (c.domainsNeeded ?? 1)
                : 0
              : c.method === "identity"
                ? (c.identitiesNeeded ?? 1)
                : 0;
          const usage = r.usage[kind];
          const existing = s.existing?.[kind] ?? 0;
          const stack = list.reduce((sum, c) => sum + need(c), 0);
          expect(usage.existing).toBe(existing);
          expect(usage.stack).toBe(stack);
          expect(usage.total).toBe(existing + stack);
          const base = PLAN_LIMITS[s.plan][kind];
          const limit =
            typeof base === "number" && kind === "domains" ? base + (s.extraDomains ?? 0) : base;
          expect(usage.limit).toBe(limit);
          if (typeof limit !== "number") {
            expect(usage.over).toBe(0);
            continue;
          }
          expect(usage.over).toBe(Math.max(0, Math.min(stack, existing + stack - limit)));
          let position = existing;
          const expected: string[] = [];
          for (const c of list) {
            position += need(c);
            if (need(c) > 0 && position > limit) expected.push(c.name);
          }
          expect(usage.overClients).toEqual(expected);
          const code = kind === "domains" ? "domain-limit-exceeded" : "identity-limit-exceeded";
          const error = r.errors.find((e) => e.code === code);
          expect(error !== undefined).toBe(usage.over > 0);
          for (const name of expected) expect(error?.message).toContain(`${name} (the `);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("tables and docs", () => {
  it("the published limits", () => {
    expect(PLAN_LIMITS).toEqual({
      hobby: { domains: "undocumented", identities: 0 },
      starter: { domains: 10, identities: 50 },
      professional: { domains: "unlimited", identities: "unlimited" },
      enterprise: { domains: "unlimited", identities: "unlimited" },
    });
  });

  it("no dead codes", () => {
    const seen = new Set<string>();
    for (const c of ALL_CASES) {
      const r = check(c.plan, c.clients);
      for (const n of [...r.errors, ...r.warnings]) seen.add(n.code);
    }
    expect([...PLAN_ERROR_CODES, ...PLAN_WARNING_CODES].filter((c) => !seen.has(c))).toEqual([]);
  });

  it("docs/decision-table.md quotes the guide's plan row and shows a real message", () => {
    const docs = readFileSync(join(__dirname, "../../docs/decision-table.md"), "utf8");
    for (const quote of PLAN_LIMITS_GUIDE) expect(docs).toContain(`“${quote}”`);
    const start = docs.indexOf("fails with:\n\n> ");
    expect(start).toBeGreaterThan(0);
    const lines = docs.slice(start + "fails with:\n\n".length).split("\n");
    const end = lines.findIndex((line) => !line.startsWith(">"));
    const quoted = lines
      .slice(0, end === -1 ? lines.length : end)
      .map((line) => line.replace(/^> ?/, ""))
      .join(" ");
    const r = check({ plan: "starter", existing: { domains: 1 } }, [
      ...domains(9, "client"),
      { name: "acme", method: "domain" },
      { name: "beta", method: "domain", domainsNeeded: 0 },
      { name: "gamma", method: "identity", identitiesNeeded: 2 },
      { name: "delta", method: "domain" },
      { name: "epsilon", method: "domain" },
    ]);
    expect(r.errors.map((e) => e.message)).toEqual([quoted]);
  });
});
