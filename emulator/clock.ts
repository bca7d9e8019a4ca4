/** A source of "now" in epoch milliseconds; injectable so tests control rate windows and quota resets. */
export type Clock = () => number;

/**
 * MailerSend's timestamp format: seconds precision with six zero fraction digits, e.g.
 * `2025-04-01T12:33:41.000000Z` (docs/mailersend-api.md §1, "Timestamps").
 */
export function formatTimestamp(epochMs: number): string {
  const wholeSeconds = new Date(Math.floor(epochMs / 1000) * 1000).toISOString();
  return wholeSeconds.replace(/\.\d{3}Z$/, ".000000Z");
}

/** Epoch milliseconds of the next UTC midnight after `epochMs` (when the daily quota resets, docs/mailersend-api.md §2.3). */
export function nextUtcMidnight(epochMs: number): number {
  const date = new Date(epochMs);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}

/** The `x-apiquota-reset` format: `2025-07-30T00:00:00Z` (no fraction, docs/mailersend-api.md §1). */
export function formatQuotaReset(epochMs: number): string {
  return new Date(nextUtcMidnight(epochMs)).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The UTC calendar day of `epochMs`, used as the daily quota's bucket key. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
