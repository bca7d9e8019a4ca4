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
} from "../../../provider/component/plan-limits";
import { INVALID_CASES, LIMIT_CASES } from "./cases";
import { check, domains } from "./support";

/** Every input of the case tables (cases.ts); the dead-code test runs them all. */
const ALL_CASES = [...LIMIT_CASES, ...INVALID_CASES];

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
    const docs = readFileSync(join(__dirname, "../../../docs/decision-table.md"), "utf8");
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
