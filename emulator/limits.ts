import type { ResolvedOptions } from "./options";
import { DailyQuota } from "./quota";
import { FixedWindowCounter } from "./rate-limit";

/** The account's counters: per-minute rate limit, daily quota, creation throttle (docs/mailersend-api.md §2.2, docs/mailersend-api.md §2.3). */
export class AccountLimits {
  readonly rate: FixedWindowCounter | undefined;
  readonly quota: DailyQuota;
  readonly creation: FixedWindowCounter | undefined;

  constructor(readonly options: ResolvedOptions) {
    const { rateLimit, creationThrottle, now } = options;
    this.rate = rateLimit
      ? new FixedWindowCounter(rateLimit.requests, rateLimit.windowMs, now)
      : undefined;
    this.quota = new DailyQuota(options.dailyQuota, now);
    this.creation = creationThrottle
      ? new FixedWindowCounter(creationThrottle.creates, creationThrottle.windowMs, now)
      : undefined;
  }

  reset(): void {
    this.rate?.reset();
    this.quota.reset();
    this.creation?.reset();
  }
}
