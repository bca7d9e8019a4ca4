/** MailerSend plans the emulator can impersonate (docs/mailersend-api.md §2.3, docs/mailersend-api.md §2.4). */
export type Plan = "none" | "hobby" | "starter" | "professional" | "enterprise";

export const PLANS: readonly Plan[] = ["none", "hobby", "starter", "professional", "enterprise"];

interface PlanFacts {
  /** Name used in error messages. */
  label: string;
  /** Requests per UTC day, all endpoints (docs/mailersend-api.md §2.3 table, current help page). */
  dailyQuota: number;
  /** Domains the plan includes; `Infinity` = unlimited. */
  domains: number;
  /** Sender identities the plan includes; 0 = feature not available. */
  identities: number;
  /** Whether custom tracking is allowed (`is_tracking_allowed`). */
  trackingAllowed: boolean;
}

const FACTS: Record<Plan, PlanFacts> = {
  // [INF] docs/mailersend-api.md §2.4: Free/Hobby domain and identity counts were not found; 1 domain, no identities.
  // [INF] is_tracking_allowed: the recorded test account had false; assume paid plans allow it.
  none: { label: "No plan", dailyQuota: 100, domains: 1, identities: 0, trackingAllowed: false },
  hobby: { label: "Hobby", dailyQuota: 1_000, domains: 1, identities: 0, trackingAllowed: false },
  // [DOC] docs/mailersend-api.md §2.4: Starter has up to 10 domains (+ domain add-on) and, per DESIGN, 50 identities.
  starter: {
    label: "Starter",
    dailyQuota: 100_000,
    domains: 10,
    identities: 50,
    trackingAllowed: true,
  },
  // [DOC] docs/mailersend-api.md §2.4: Professional is unlimited; Enterprise assumed the same.
  professional: {
    label: "Professional",
    dailyQuota: 500_000,
    domains: Infinity,
    identities: Infinity,
    trackingAllowed: true,
  },
  enterprise: {
    label: "Enterprise",
    dailyQuota: 500_000,
    domains: Infinity,
    identities: Infinity,
    trackingAllowed: true,
  },
};

export function planFacts(plan: Plan): PlanFacts {
  return FACTS[plan];
}

/** How many domains the account may hold: the plan's allowance plus bought add-on slots. */
export function domainAllowance(plan: Plan, extraDomainSlots: number): number {
  return FACTS[plan].domains + extraDomainSlots;
}
