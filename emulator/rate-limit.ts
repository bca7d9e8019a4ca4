import type { Clock } from "./clock";

/**
 * A fixed-window counter in the style of Laravel's `throttle` middleware: the window opens at the
 * first hit and lasts `windowMs`; once `limit` hits are used, further hits are refused (and not
 * counted) until the window ends. Used for the per-minute limit and for the creation throttle.
 */
export class FixedWindowCounter {
  private windowStart: number | undefined;
  private hits = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
    private readonly now: Clock,
  ) {}

  /** Counts one hit if allowed. `remaining` is what is left after this hit. */
  hit(): { allowed: boolean; remaining: number; retryAfterMs: number } {
    const now = this.roll();
    if (this.hits >= this.limit) {
      return { allowed: false, remaining: 0, retryAfterMs: this.windowEndsAt(now) - now };
    }
    this.hits++;
    return { allowed: true, remaining: this.limit - this.hits, retryAfterMs: 0 };
  }

  /** What is left without counting anything. */
  remaining(): number {
    this.roll();
    return Math.max(0, this.limit - this.hits);
  }

  reset(): void {
    this.windowStart = undefined;
    this.hits = 0;
  }

  private roll(): number {
    const now = this.now();
    if (this.windowStart === undefined || now >= this.windowStart + this.windowMs) {
      this.windowStart = now;
      this.hits = 0;
    }
    return now;
  }

  private windowEndsAt(now: number): number {
    return (this.windowStart ?? now) + this.windowMs;
  }
}
