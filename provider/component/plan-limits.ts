/**
 * Plan limits across every client of a stack: does the MailerSend plan have room for the domains
 * and sender identities the stack's clients need? Checked at preview, before anything is created,
 * with errors that name the clients over the limit.
 *
 * Limits, from MailerSend's guide "Sending emails for clients: domains vs. sender identities"
 * (Plan availability row): "Multiple domains on Starter (10 domains) and Professional (Unlimited)
 * with domain space add-on." and "Starter (50 identities) and Professional (Unlimited)."
 * The Hobby and Enterprise rows are documented on {@link PLAN_LIMITS}.
 *
 * Pure TypeScript: no I/O, no Pulumi. {@link checkPlanLimits} is total: it never throws.
 */

import { describe, joinWords, readRecord } from "./words";
import type { SendingMethod } from "./decision";

/** A MailerSend plan. */
export type Plan = "hobby" | "starter" | "professional" | "enterprise";

/** Every {@link Plan}, cheapest first. */
export const PLANS: readonly Plan[] = ["hobby", "starter", "professional", "enterprise"];

/**
 * How many objects a plan allows: a number, `"unlimited"`, or `"undocumented"` when MailerSend
 * publishes no number (the check is then skipped with a warning).
 */
export type PlanLimit = number | "unlimited" | "undocumented";

/**
 * The guide's Plan availability row, quoted exactly: domains, then sender identities. The Starter
 * and Professional numbers of {@link PLAN_LIMITS} come from here.
 */
export const PLAN_LIMITS_GUIDE: readonly string[] = [
  "Multiple domains on Starter (10 domains) and Professional (Unlimited) with domain space add-on.",
  "Starter (50 identities) and Professional (Unlimited).",
];

/** The domains and sender identities one plan allows. */
export interface PlanAllowance {
  /** Sending domains, before domain space add-ons. */
  domains: PlanLimit;
  /** Sender identities. */
  identities: PlanLimit;
}

/**
 * The published limits.
 * - Starter: 10 domains (more with domain space add-ons, see `extraDomains`) and 50 sender
 *   identities (the guide's Plan availability row).
 * - Professional: unlimited domains and sender identities (the same row).
 * - Hobby: sender identities are offered on "Starter plans and above" (MailerSend help, "Send email
 *   on behalf of clients"), so 0; the number of domains is not documented, so the domain check is
 *   skipped with a warning unless `limits.domains` gives it.
 * - Enterprise: not in the guide; treated as unlimited, like Professional, the plan below it.
 *   Give `limits` when your contract says otherwise.
 */
export const PLAN_LIMITS: Readonly<Record<Plan, Readonly<PlanAllowance>>> = Object.freeze({
  hobby: Object.freeze({ domains: "undocumented", identities: 0 }),
  starter: Object.freeze({ domains: 10, identities: 50 }),
  professional: Object.freeze({ domains: "unlimited", identities: "unlimited" }),
  enterprise: Object.freeze({ domains: "unlimited", identities: "unlimited" }),
});

/** The account, when more than its plan name is known. */
export interface PlanSettings {
  plan: Plan;
  /**
   * Extra domains bought as domain space add-ons, on top of the plan's domain limit. A whole
   * number, zero or more; default 0. No effect on plans with unlimited domains. Cannot be combined
   * with `limits.domains`, which is the whole allowance.
   */
  extraDomains?: number;
  /**
   * Objects already in the account that this stack does not manage; they use up the allowance
   * first. Whole numbers, zero or more; default 0.
   */
  existing?: { domains?: number; identities?: number };
  /**
   * The account's real allowance when it differs from {@link PLAN_LIMITS} (a custom contract, or
   * a Hobby domain count you know). Each replaces the plan's number; `limits.domains` includes any
   * add-ons.
   */
  limits?: { domains?: number | "unlimited"; identities?: number | "unlimited" };
}

/**
 * One client of the stack, as the `Client` component plans it.
 * - `domainsNeeded`: new domains this client creates, 0 or 1. Default 1 for `domain`, 0 for
 *   `identity`. Pass 0 for a domain client that reuses a domain already verified in the account.
 *   Must be 0 for an `identity` client.
 * - `identitiesNeeded`: new sender identities, one per from-address (each is verified separately).
 *   A whole number, zero or more. Default 1 for `identity`, 0 for `domain`.
 */
export interface PlannedClient {
  /** The client's name in the stack; names must be unique. */
  name: string;
  method: SendingMethod;
  domainsNeeded?: number;
  identitiesNeeded?: number;
}

/** Errors: the plan cannot hold the stack, or an input is invalid. */
export const PLAN_ERROR_CODES = [
  "invalid-plan",
  "invalid-plan-settings",
  "invalid-client",
  "domain-limit-exceeded",
  "identity-limit-exceeded",
] as const;

/** Warnings: a limit could not be checked. */
export const PLAN_WARNING_CODES = ["limit-undocumented"] as const;

export type PlanErrorCode = (typeof PLAN_ERROR_CODES)[number];
export type PlanWarningCode = (typeof PLAN_WARNING_CODES)[number];

/** One error or warning: a stable kebab-case code and a sentence a reviewer understands. */
export interface PlanNote<C extends PlanErrorCode | PlanWarningCode> {
  code: C;
  message: string;
}

/** How one kind of object is used against its limit. */
export interface PlanUsage {
  /** The limit that applies (add-ons and `limits` included). */
  limit: PlanLimit;
  /** Objects already in the account outside the stack. */
  existing: number;
  /** Objects the stack's valid clients need. */
  stack: number;
  /** `existing + stack`. */
  total: number;
  /** How many of the stack's objects do not fit: 0 when the limit is not a number. */
  over: number;
  /** Names of the clients with at least one object that does not fit, in stack order. */
  overClients: string[];
}

/** The result of {@link checkPlanLimits}. */
export interface PlanCheck {
  /** True when there are no errors. */
  ok: boolean;
  errors: PlanNote<PlanErrorCode>[];
  warnings: PlanNote<PlanWarningCode>[];
  usage: { domains: PlanUsage; identities: PlanUsage };
}

// ---------------------------------------------------------------------------------------------

const PLAN_TITLES: Record<Plan, string> = {
  hobby: "Hobby",
  starter: "Starter",
  professional: "Professional",
  enterprise: "Enterprise",
};

type Kind = "domains" | "identities";

const KIND_WORDS: Record<Kind, { one: string; many: string }> = {
  domains: { one: "domain", many: "domains" },
  identities: { one: "sender identity", many: "sender identities" },
};

const KIND_ADVICE: Record<Kind, string> = {
  domains:
    "Reuse domains already verified in the account (domainsNeeded: 0), buy domain space add-ons (extraDomains), send some clients through sender identities, or move to the Professional plan (unlimited domains).",
  identities:
    "Give clients with several from-addresses a domain instead (it sends from any address on it), remove sender identities no longer used, or move to the Professional plan (unlimited sender identities).",
};

function count(n: number, kind: Kind): string {
  return `${n} ${n === 1 ? KIND_WORDS[kind].one : KIND_WORDS[kind].many}`;
}

/** 1 -> "1st", 12 -> "12th", 23 -> "23rd". */
function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** The plain object's entries, or undefined when it is not a readable plain object. */
function readEntries(value: unknown): Map<string, unknown> | undefined {
  const record = readRecord(value);
  return record.ok ? record.entries : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function unknownKeys(entries: Map<string, unknown>, allowed: readonly string[]): string[] {
  return [...entries.keys()].filter((key) => !allowed.includes(key));
}

interface Account {
  plan: Plan;
  limits: Record<Kind, PlanLimit>;
  /** Words for the limit, e.g. "The Starter plan allows 12 domains (10 plus 2 from ...)". */
  allows: Record<Kind, string>;
  existing: Record<Kind, number>;
}

function readAccount(input: unknown, errors: PlanNote<PlanErrorCode>[]): Account | undefined {
  const settingsError = (message: string) =>
    errors.push({ code: "invalid-plan-settings", message });
  const entries = typeof input === "string" ? new Map([["plan", input]]) : readEntries(input);
  if (entries === undefined) {
    errors.push({
      code: "invalid-plan",
      message: `The plan must be one of ${joinWords(
        PLANS.map((p) => `"${p}"`),
        "or",
      )}, or settings with a plan; got ${describe(input)}.`,
    });
    return undefined;
  }
  const planValue = entries.get("plan");
  if (!(PLANS as readonly unknown[]).includes(planValue)) {
    errors.push({
      code: "invalid-plan",
      message: `The plan must be one of ${joinWords(
        PLANS.map((p) => `"${p}"`),
        "or",
      )}; got ${describe(planValue)}.`,
    });
    return undefined;
  }
  const plan = planValue as Plan;
  const title = PLAN_TITLES[plan];
  for (const key of unknownKeys(entries, ["plan", "extraDomains", "existing", "limits"])) {
    settingsError(
      `The plan settings have no field ${describe(key)}; the fields are plan, extraDomains, existing and limits.`,
    );
  }

  const nested = (key: "existing" | "limits") => {
    const value = entries.get(key);
    if (value === undefined || value === null) return new Map<string, unknown>();
    const record = readEntries(value);
    if (record === undefined) {
      settingsError(
        `${key} must be an object with domains and identities; got ${describe(value)}.`,
      );
      return new Map<string, unknown>();
    }
    for (const extra of unknownKeys(record, ["domains", "identities"])) {
      settingsError(
        `${key} has no field ${describe(extra)}; the fields are domains and identities.`,
      );
    }
    return record;
  };
  const existingInput = nested("existing");
  const limitsInput = nested("limits");

  const existing: Record<Kind, number> = { domains: 0, identities: 0 };
  for (const kind of ["domains", "identities"] as const) {
    const value = existingInput.get(kind);
    if (value === undefined || value === null) continue;
    if (isCount(value)) existing[kind] = value;
    else
      settingsError(
        `existing.${kind} must be a whole number, zero or more; got ${describe(value)}. 0 is used.`,
      );
  }

  let extraDomains = 0;
  const extraValue = entries.get("extraDomains");
  if (extraValue !== undefined && extraValue !== null) {
    if (isCount(extraValue)) extraDomains = extraValue;
    else
      settingsError(
        `extraDomains must be a whole number, zero or more; got ${describe(extraValue)}. 0 is used.`,
      );
  }

  const limits: Record<Kind, PlanLimit> = { ...PLAN_LIMITS[plan] };
  const allows: Record<Kind, string> = { domains: "", identities: "" };
  for (const kind of ["domains", "identities"] as const) {
    const value = limitsInput.get(kind);
    const given = value !== undefined && value !== null;
    if (given && !(isCount(value) || value === "unlimited")) {
      settingsError(
        `limits.${kind} must be a whole number, zero or more, or "unlimited"; got ${describe(value)}. The ${title} plan's limit is used.`,
      );
    }
    if (given && (isCount(value) || value === "unlimited")) {
      if (kind === "domains" && extraDomains > 0) {
        settingsError(
          `Set either extraDomains (${extraDomains}) or limits.domains (${describe(value)}), not both: limits.domains is the whole allowance, add-ons included. limits.domains is used.`,
        );
      }
      limits[kind] = value;
      allows[kind] =
        value === "unlimited"
          ? `This account allows unlimited ${KIND_WORDS[kind].many} (limits.${kind})`
          : `This account allows ${count(value, kind)} (limits.${kind})`;
      continue;
    }
    const base = limits[kind];
    if (typeof base === "number") {
      if (kind === "domains" && extraDomains > 0) {
        limits[kind] = base + extraDomains;
        allows[kind] =
          `The ${title} plan allows ${count(base + extraDomains, kind)} (${base} plus ${extraDomains} from domain space add-ons)`;
      } else {
        const why =
          plan === "hobby" && kind === "identities" ? " (they need Starter or above)" : "";
        allows[kind] = `The ${title} plan allows ${count(base, kind)}${why}`;
      }
    } else {
      allows[kind] = `The ${title} plan allows ${base} ${KIND_WORDS[kind].many}`;
    }
  }
  return { plan, limits, allows, existing };
}

interface ClientNeeds {
  name: string;
  domains: number;
  identities: number;
}

function readClients(input: unknown, errors: PlanNote<PlanErrorCode>[]): ClientNeeds[] {
  const clientError = (message: string) => errors.push({ code: "invalid-client", message });
  let items: unknown[];
  try {
    if (!Array.isArray(input)) {
      clientError(`The clients must be an array; got ${describe(input)}.`);
      return [];
    }
    items = [...input];
  } catch {
    clientError("The clients could not be read.");
    return [];
  }
  const clients: ClientNeeds[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const entries = readEntries(item);
    const position = `Client ${index + 1}`;
    if (entries === undefined) {
      clientError(`${position} must be an object; got ${describe(item)}.`);
      return;
    }
    const nameValue = entries.get("name");
    const named = typeof nameValue === "string" && nameValue.length > 0;
    const label = named ? `Client "${nameValue}"` : position;
    const problems: string[] = [];
    if (!named) problems.push(`its name must be a non-empty string, got ${describe(nameValue)}`);
    for (const key of unknownKeys(entries, [
      "name",
      "method",
      "domainsNeeded",
      "identitiesNeeded",
    ])) {
      problems.push(
        `it has no field ${describe(key)} (the fields are name, method, domainsNeeded and identitiesNeeded)`,
      );
    }
    const method = entries.get("method");
    const methodValid = method === "domain" || method === "identity";
    if (!methodValid)
      problems.push(`its method must be "domain" or "identity", got ${describe(method)}`);
    const read = (key: "domainsNeeded" | "identitiesNeeded", fallback: number) => {
      const value = entries.get(key);
      if (value === undefined || value === null) return fallback;
      if (isCount(value)) return value;
      problems.push(`${key} must be a whole number, zero or more, got ${describe(value)}`);
      return fallback;
    };
    const domains = read("domainsNeeded", method === "domain" ? 1 : 0);
    const identities = read("identitiesNeeded", method === "identity" ? 1 : 0);
    if (methodValid && method === "identity" && domains !== 0) {
      problems.push(
        `a sender identity client creates no domain, so domainsNeeded must be 0, got ${domains}`,
      );
    }
    if (domains > 1)
      problems.push(
        `a client creates at most one domain, so domainsNeeded must be 0 or 1, got ${domains}`,
      );
    if (named && seen.has(nameValue)) problems.push("its name is used by an earlier client");
    if (named) seen.add(nameValue);
    if (problems.length > 0) {
      clientError(`${label} is invalid: ${problems.join("; ")}. It is left out of the count.`);
      return;
    }
    clients.push({ name: nameValue as string, domains, identities });
  });
  return clients;
}

function usageOf(
  kind: Kind,
  account: Account | undefined,
  clients: readonly ClientNeeds[],
): { usage: PlanUsage; over: string[] } {
  const limit = account?.limits[kind] ?? "undocumented";
  const existing = account?.existing[kind] ?? 0;
  const stack = clients.reduce((sum, client) => sum + client[kind], 0);
  const usage: PlanUsage = {
    limit,
    existing,
    stack,
    total: existing + stack,
    over: 0,
    overClients: [],
  };
  const over: string[] = [];
  if (typeof limit !== "number") return { usage, over };
  let position = existing;
  for (const client of clients) {
    const first = position + 1;
    const last = position + client[kind];
    position = last;
    if (client[kind] === 0 || last <= limit) continue;
    const from = Math.max(first, limit + 1);
    usage.over += last - from + 1;
    usage.overClients.push(client.name);
    const objects =
      from === last
        ? `the ${ordinal(last)} ${KIND_WORDS[kind].one}`
        : `the ${ordinal(from)} to ${ordinal(last)} ${KIND_WORDS[kind].many}`;
    over.push(`${client.name} (${objects})`);
  }
  return { usage, over };
}

/**
 * Check that the plan can hold every client of the stack, counting the objects already in the
 * account first and then the clients in stack order: the clients whose objects fall beyond the
 * limit are the ones named. Total and pure: never throws; invalid input becomes an error.
 *
 * @example
 * checkPlanLimits("starter", [{ name: "acme", method: "domain" }, { name: "beta", method: "identity" }]);
 * checkPlanLimits({ plan: "starter", extraDomains: 2, existing: { domains: 3 } }, clients);
 */
export function checkPlanLimits(
  plan: Plan | PlanSettings,
  clients: readonly PlannedClient[],
): PlanCheck {
  const errors: PlanNote<PlanErrorCode>[] = [];
  const warnings: PlanNote<PlanWarningCode>[] = [];
  const account = readAccount(plan, errors);
  const needs = readClients(clients, errors);
  const domains = usageOf("domains", account, needs);
  const identities = usageOf("identities", account, needs);

  if (account !== undefined) {
    for (const [kind, result] of [
      ["domains", domains],
      ["identities", identities],
    ] as const) {
      const { usage } = result;
      if (usage.limit === "undocumented" && usage.stack > 0) {
        warnings.push({
          code: "limit-undocumented",
          message: `MailerSend does not document how many ${KIND_WORDS[kind].many} the ${PLAN_TITLES[account.plan]} plan allows, so the ${count(usage.stack, kind)} this stack needs ${usage.stack === 1 ? "is" : "are"} not checked; set limits.${kind} to check ${usage.stack === 1 ? "it" : "them"}.`,
        });
      }
      if (usage.over === 0) continue;
      const code = kind === "domains" ? "domain-limit-exceeded" : "identity-limit-exceeded";
      const needed =
        usage.existing === 0
          ? `but this stack's clients need ${count(usage.stack, kind)}`
          : `but ${usage.total} ${usage.total === 1 ? "is" : "are"} needed: ${usage.existing} already in the account outside this stack and ${usage.stack} for this stack's clients`;
      errors.push({
        code,
        message: `${account.allows[kind]}, ${needed}, ${usage.over} too many. Over the limit: ${joinWords(result.over)}. ${KIND_ADVICE[kind]}`,
      });
    }
  }

  return {
    ok: errors.length === 0,
    errors,
    warnings,
    usage: { domains: domains.usage, identities: identities.usage },
  };
}
