import { randomBytes } from "node:crypto";
import type { Clock } from "./clock";
import { PLANS, planFacts, type Plan } from "./plans";

/** Options for {@link startEmulator}. Every option has a default; `{}` gives a Professional account. */
export interface EmulatorOptions {
  /** Interface to bind. Default `"127.0.0.1"` (loopback only). */
  host?: string;
  /** TCP port. Default `0` (an ephemeral port; read it back from `Emulator.url`). */
  port?: number;
  /** The account's full-access API key. Default: a generated `mlsn.` + 64 lowercase hex. */
  apiKey?: string;
  /** The plan to impersonate (quota, domain and identity limits). Default `"professional"`. */
  plan?: Plan;
  /** Starter "domain space add-on": domains allowed on top of the plan's. Default `0`. */
  extraDomainSlots?: number;
  /**
   * Per-account fixed-window request limit (docs/mailersend-api.md §2.3). Default `{ requests: 60, windowMs: 60_000 }`;
   * `false` disables it (and the `X-RateLimit-*` headers).
   */
  rateLimit?: { requests: number; windowMs?: number } | false;
  /** Send `Retry-After` on the per-minute 429 (never observed live, docs/mailersend-api.md §2.3). Default `true`. */
  retryAfterHeader?: boolean;
  /**
   * Requests per UTC day, or `"unlimited"` (MailerSend then reports `-1` as quota and in
   * `x-apiquota-remaining`, as on every recorded answer). Default by plan: none 100, hobby 1000,
   * starter 100000, professional/enterprise 500000.
   */
  dailyQuota?: number | "unlimited";
  /**
   * The "You cannot create a resource at the moment" throttle on POST creates (docs/mailersend-api.md §2.2).
   * Default `false` (off).
   */
  creationThrottle?: { creates: number; windowMs: number } | false;
  /**
   * Create sender identities already verified when their email is on one of the account's verified
   * domains (docs/mailersend-api.md §4.4, an open question). Default `false`.
   */
  autoVerifyIdentitiesOnVerifiedDomains?: boolean;
  /**
   * What happens to API tokens bound to a domain when the domain is deleted: `"delete"` them (default)
   * or `"unbind"` them (they live on with `domain: null`). Not documented anywhere ([INF]).
   */
  tokensOnDomainDelete?: "delete" | "unbind";
  /** Domain names already taken by other MailerSend accounts (names are globally unique, docs/mailersend-api.md §3.2). */
  foreignDomains?: string[];
  /**
   * A JSON file holding the account. Loaded on start if present, rewritten atomically after every
   * mutation, and re-read when another process changed it, so separate processes share one account.
   */
  persistPath?: string;
  /** Seed for deterministic ids and token secrets (never the account key). Default: random. */
  seed?: number;
  /** Clock for timestamps, rate windows and the quota reset. Default `Date.now`. */
  now?: Clock;
}

/** {@link EmulatorOptions} with every default applied. */
export interface ResolvedOptions {
  host: string;
  port: number;
  apiKey: string;
  plan: Plan;
  extraDomainSlots: number;
  rateLimit: { requests: number; windowMs: number } | false;
  retryAfterHeader: boolean;
  /** `-1` = unlimited. */
  dailyQuota: number;
  creationThrottle: { creates: number; windowMs: number } | false;
  autoVerifyIdentitiesOnVerifiedDomains: boolean;
  tokensOnDomainDelete: "delete" | "unbind";
  foreignDomains: string[];
  persistPath: string | undefined;
  seed: number | undefined;
  now: Clock;
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const plan = options.plan ?? "professional";
  if (!PLANS.includes(plan)) {
    throw new TypeError(`Unknown plan "${String(plan)}"; expected one of ${PLANS.join(", ")}.`);
  }
  const rateLimit =
    options.rateLimit === false
      ? false
      : {
          requests: options.rateLimit?.requests ?? 60,
          windowMs: options.rateLimit?.windowMs ?? 60_000,
        };
  if (rateLimit && !(rateLimit.requests > 0 && rateLimit.windowMs > 0)) {
    throw new TypeError("rateLimit.requests and rateLimit.windowMs must be positive.");
  }
  const creationThrottle = options.creationThrottle ?? false;
  if (creationThrottle && !(creationThrottle.creates >= 0 && creationThrottle.windowMs > 0)) {
    throw new TypeError("creationThrottle.creates must be >= 0 and creationThrottle.windowMs > 0.");
  }
  return {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    apiKey: options.apiKey ?? generateApiKey(),
    plan,
    extraDomainSlots: options.extraDomainSlots ?? 0,
    rateLimit,
    retryAfterHeader: options.retryAfterHeader ?? true,
    dailyQuota:
      options.dailyQuota === "unlimited" ? -1 : (options.dailyQuota ?? planFacts(plan).dailyQuota),
    creationThrottle,
    autoVerifyIdentitiesOnVerifiedDomains: options.autoVerifyIdentitiesOnVerifiedDomains ?? false,
    tokensOnDomainDelete: options.tokensOnDomainDelete ?? "delete",
    foreignDomains: (options.foreignDomains ?? []).map((name) => name.toLowerCase()),
    persistPath: options.persistPath,
    seed: options.seed,
    now: options.now ?? Date.now,
  };
}

/** The account key is a real secret for whoever runs the CLI, so it never comes from the seeded PRNG. */
function generateApiKey(): string {
  return `mlsn.${randomBytes(32).toString("hex")}`;
}
