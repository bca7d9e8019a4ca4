import { formatQuotaReset, utcDay, type Clock } from "./clock";

/**
 * The daily request quota (docs/mailersend-api.md §2.3): every API request counts, valid or failed, account-wide;
 * it resets at midnight UTC. Kept in memory per emulator process (not persisted).
 */
export class DailyQuota {
  private day: string | undefined;
  private used = 0;

  constructor(
    readonly quota: number,
    private readonly now: Clock,
  ) {}

  /** [REC] an unlimited plan reports `-1` as quota and remaining (every recorded answer). */
  get unlimited(): boolean {
    return this.quota < 0;
  }

  /** Uses one request if any are left. */
  consume(): { allowed: boolean; remaining: number } {
    if (this.unlimited) return { allowed: true, remaining: -1 };
    this.roll();
    if (this.used >= this.quota) return { allowed: false, remaining: 0 };
    this.used++;
    return { allowed: true, remaining: this.quota - this.used };
  }

  remaining(): number {
    if (this.unlimited) return -1;
    this.roll();
    return Math.max(0, this.quota - this.used);
  }

  /** ISO timestamp of the next UTC midnight, e.g. `2025-07-30T00:00:00Z`. */
  resetAt(): string {
    return formatQuotaReset(this.now());
  }

  reset(): void {
    this.day = undefined;
    this.used = 0;
  }

  private roll(): void {
    const today = utcDay(this.now());
    if (today !== this.day) {
      this.day = today;
      this.used = 0;
    }
  }
}
