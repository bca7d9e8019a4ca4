/**
 * Shared by the plan-limit tests (test/unit/plan-limits/*.test.ts): the call, clients by the
 * dozen, and the case shape the tables in cases.ts use.
 */
import { expect } from "vitest";
import {
  checkPlanLimits,
  type Plan,
  type PlanCheck,
  type PlanSettings,
  type PlannedClient,
} from "../../../provider/component/plan-limits";

// The check is total: tests feed it invalid values on purpose.
export const check = (plan: unknown, clients: unknown): PlanCheck =>
  checkPlanLimits(plan as Plan | PlanSettings, clients as PlannedClient[]);

export const domains = (n: number, prefix = "d"): PlannedClient[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i + 1}`, method: "domain" }));
export const identities = (n: number, prefix = "i"): PlannedClient[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i + 1}`, method: "identity" }));

export const summary = (r: PlanCheck) => ({
  ok: r.ok,
  errors: r.errors.map((e) => e.code),
  warnings: r.warnings.map((w) => w.code),
  domainsOver: r.usage.domains.overClients,
  identitiesOver: r.usage.identities.overClients,
});

export interface Case {
  name: string;
  plan: unknown;
  clients: unknown;
  errors?: string[];
  warnings?: string[];
  domainsOver?: string[];
  identitiesOver?: string[];
}

export const expectCase = (c: Case) => {
  const errors = c.errors ?? [];
  expect(summary(check(c.plan, c.clients))).toEqual({
    ok: errors.length === 0,
    errors,
    warnings: c.warnings ?? [],
    domainsOver: c.domainsOver ?? [],
    identitiesOver: c.identitiesOver ?? [],
  });
};

/** The rows `it.each` takes: each case under its own name. */
export const rows = (cases: readonly Case[]) => cases.map((c) => [c.name, c] as const);
