/**
 * DomainVerification: pure rules. Asks MailerSend to check a domain's DNS records
 * (`GET /domains/{id}/verify`, docs/mailersend-api.md §3.6) in one of three modes:
 * - `none`: report the status MailerSend already has, trigger nothing;
 * - `trigger`: one verify call, never fails;
 * - `wait`: poll with backoff until the required records pass or the timeout ends, then fail with
 *   the records that are still wrong and what they should be.
 *
 * Layout shared by every `*.logic.ts` here (a list of allowed names and its type where there is
 * one, the inputs schema and outputs type, `check…` over `checkInputs` from check.ts, the diff
 * table and `diff…` over `diffByTable` from diff.ts): the lines that repeat across these files are
 * declarations of this resource's facts, not logic; the logic that reads them is shared already.
 */
import { z } from "zod";
import type { ApiDomain, ApiVerification } from "../api/schemas";
import { checkInputs, type CheckFailure, type CheckResult } from "./check";
import { diffByTable, type DiffTable } from "./diff";
import type { DnsRecord } from "./domain.logic";
import { nonce, objectId, oneOf } from "./fields";

export const DOMAIN_VERIFICATION_STATE_VERSION = 1;

export const RECORD_KINDS = [
  "dkim",
  "spf",
  "returnPath",
  "customTracking",
  "inboundRouting",
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const domainVerificationInputsSchema = z.strictObject({
  domainId: objectId("MailerSend domain"),
  mode: oneOf(["none", "trigger", "wait"], "none reports, trigger asks once, wait polls").default(
    "trigger",
  ),
  /**
   * What must pass for `wait` to succeed. MailerSend's exact rule for "verified" is not documented;
   * DKIM, SPF and the return-path CNAME are what its verified domains show (docs/mailersend-api.md §3.6).
   */
  requiredRecords: z
    .array(oneOf(RECORD_KINDS, "DNS records MailerSend checks"), {
      error: `must be a list of record kinds from ${RECORD_KINDS.join(", ")}`,
    })
    .min(1, { error: "must name at least one record, such as dkim" })
    .transform((kinds) => [...new Set(kinds)].sort())
    .default(["dkim", "returnPath", "spf"]),
  timeoutSeconds: z
    .number({ error: "must be a number of seconds" })
    .int({ error: "must be a whole number of seconds" })
    .min(1, { error: "must be at least 1 second" })
    .max(86_400, { error: "must be at most 86400 seconds (DNS changes can take up to 24 hours)" })
    .default(600),
  pollIntervalSeconds: z
    .number({ error: "must be a number of seconds" })
    .min(1, { error: "must be at least 1 second" })
    .max(3600, { error: "must be at most 3600 seconds" })
    .default(15),
  nonce: nonce().optional(),
});

export type DomainVerificationInputs = z.infer<typeof domainVerificationInputsSchema>;

export interface RecordStatus {
  purpose: RecordKind;
  verified: boolean;
}

export interface DomainVerificationOutputs extends DomainVerificationInputs {
  /** MailerSend's verified flag for the domain. */
  verified: boolean;
  /** `verified`, `pending` (some required record fails) or `unchecked` (mode none, never checked). */
  status: "verified" | "pending" | "unchecked";
  /** The status of each record MailerSend checked. */
  records: RecordStatus[];
  stateVersion: number;
}

function crossCheck(
  inputs: DomainVerificationInputs,
  unknown: ReadonlySet<string>,
): CheckFailure[] {
  if (unknown.has("timeoutSeconds") || unknown.has("pollIntervalSeconds")) return [];
  if (inputs.mode === "wait" && inputs.pollIntervalSeconds > inputs.timeoutSeconds) {
    return [
      {
        property: "pollIntervalSeconds",
        reason: `must not exceed timeoutSeconds (${inputs.timeoutSeconds}) in wait mode`,
      },
    ];
  }
  return [];
}

export function checkDomainVerification(
  news: Record<string, unknown>,
): CheckResult<Record<string, unknown>> {
  return checkInputs(domainVerificationInputsSchema, news, crossCheck);
}

/**
 * A new domain means a new verification. Changing how or when to verify re-runs it; the timeout and
 * interval only shape future runs, so changing them alone does nothing.
 */
export const DOMAIN_VERIFICATION_DIFF_TABLE: DiffTable<keyof DomainVerificationInputs> = {
  fields: {
    domainId: "replace",
    mode: "update",
    requiredRecords: "update",
    nonce: "update",
    timeoutSeconds: "ignore",
    pollIntervalSeconds: "ignore",
  },
};

export function diffDomainVerification(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
) {
  return diffByTable(DOMAIN_VERIFICATION_DIFF_TABLE, olds, news);
}

/** Per-record status from a verify answer (`rp_cname` is the return path, `mx` inbound routing). */
export function recordsFromVerification(verification: ApiVerification): RecordStatus[] {
  const data = verification.data ?? {};
  const flags: Record<RecordKind, boolean | null | undefined> = {
    dkim: data.dkim,
    spf: data.spf,
    returnPath: data.rp_cname,
    customTracking: data.tracking,
    inboundRouting: data.mx,
  };
  return RECORD_KINDS.map((purpose) => ({ purpose, verified: flags[purpose] === true }));
}

/** Per-record status from `GET /domains/{id}`, which knows DKIM, SPF and tracking only (docs/mailersend-api.md §3.3). */
export function recordsFromDomain(domain: ApiDomain): RecordStatus[] {
  return [
    { purpose: "dkim", verified: domain.dkim === true },
    { purpose: "spf", verified: domain.spf === true },
    { purpose: "customTracking", verified: domain.tracking === true },
  ];
}

export function failingRecords(
  records: RecordStatus[],
  required: readonly RecordKind[],
): RecordKind[] {
  return required.filter((kind) => !records.find((record) => record.purpose === kind)?.verified);
}

/** Next poll interval: ×1.5 each time, capped at two minutes (or the configured interval if larger). */
export function nextPollDelayMs(previousMs: number, configuredSeconds: number): number {
  const cap = Math.max(120_000, configuredSeconds * 1000);
  return Math.min(cap, Math.round(previousMs * 1.5));
}

/** Do not spend the last of the daily quota polling: other resources need it too (docs/mailersend-api.md §2.3). */
export const QUOTA_RESERVE = 20;

/** The failure message of a `wait` that ran out: which records, and what they should be. */
export function verificationTimeoutMessage(
  domainName: string,
  domainId: string,
  waitedSeconds: number,
  failing: readonly RecordKind[],
  expected: readonly DnsRecord[],
  stoppedBecause?: string,
): string {
  const lines = failing.map((kind) => {
    const record = expected.find((r) => r.purpose === kind);
    return record
      ? `  - ${kind}: ${record.type} ${record.name} → ${record.value}${record.priority !== undefined ? ` (priority ${record.priority})` : ""}`
      : `  - ${kind}`;
  });
  return (
    `Domain ${domainName} (id ${domainId}) is not verified after ${waitedSeconds}s` +
    (stoppedBecause ? ` (${stoppedBecause})` : "") +
    `. These records still fail MailerSend's check:\n${lines.join("\n")}\n` +
    "Publish them in the domain's DNS (changes can take up to 24 hours to propagate), then run " +
    '`pulumi up` again, or set mode to "trigger" to continue without waiting.'
  );
}
