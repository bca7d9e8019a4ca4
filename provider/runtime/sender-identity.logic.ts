/**
 * SenderIdentity: pure rules (docs/mailersend-api.md §4). One verified address sent through the agency's
 * verified domain; the address owner confirms it by clicking a link MailerSend emails them.
 *
 * Layout shared by every `*.logic.ts` here (a list of allowed names and its type where there is
 * one, the inputs schema and outputs type, `check…` over `checkInputs` from check.ts, the diff
 * table and `diff…` over `diffByTable` from diff.ts): the lines that repeat across these files are
 * declarations of this resource's facts, not logic; the logic that reads them is shared already.
 */
import { z } from "zod";
import type { ApiIdentity } from "../api/schemas";
import type { UpdateIdentityBody } from "../api/client";
import { checkInputs, type CheckFailure, type CheckResult } from "./check";
import { diffByTable, sameValue, type DiffTable } from "./diff";
import { FREE_EMAIL_DOMAINS } from "../facts/names";
import { adoptMode, emailAddress, flag, nonce, objectId, text } from "./fields";

export const SENDER_IDENTITY_STATE_VERSION = 1;

export const senderIdentityInputsSchema = z.strictObject({
  domainId: objectId("verified MailerSend domain (the agency's sending domain)"),
  email: emailAddress(191),
  name: text({ max: 191, what: "the sender name shown to recipients" }),
  replyToEmail: emailAddress(191).optional(),
  replyToName: text({ max: 191, what: "the reply-to name" }).optional(),
  personalNote: text({ max: 250, what: "a note for the confirmation email" }).optional(),
  addNote: flag().default(false),
  resendNonce: nonce().optional(),
  adopt: adoptMode().default(false),
  /** Delete the identity with the resource even when `adopt` took it over (default: leave it). */
  deleteAdoptedOnDestroy: flag().optional(),
});

export type SenderIdentityInputs = z.infer<typeof senderIdentityInputsSchema>;

export interface SenderIdentityOutputs extends SenderIdentityInputs {
  /** True once the address owner clicked the confirmation link. */
  verified: boolean;
  /** Confirmation emails re-sent so far. */
  resends: number;
  /** The name of the domain the identity sends through. */
  domainName: string;
  /** True when the create took over an identity that already existed; absent in older states. */
  adopted?: boolean;
  stateVersion: number;
}

function crossCheck(inputs: SenderIdentityInputs, unknown: ReadonlySet<string>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (!unknown.has("email")) {
    const domain = inputs.email.slice(inputs.email.lastIndexOf("@") + 1);
    if (FREE_EMAIL_DOMAINS.includes(domain)) {
      failures.push({
        property: "email",
        reason:
          `must be an address on the client's own domain, not a free email provider (${domain}): ` +
          "MailerSend does not allow sender identities on free email providers",
      });
    }
  }
  // The API requires a reply-to address whenever a reply-to name is set.
  if (
    inputs.replyToName !== undefined &&
    inputs.replyToEmail === undefined &&
    !unknown.has("replyToEmail")
  ) {
    failures.push({ property: "replyToEmail", reason: "is required when replyToName is set" });
  }
  if (inputs.addNote && inputs.personalNote === undefined && !unknown.has("personalNote")) {
    failures.push({
      property: "personalNote",
      reason: "is required when addNote is true (the note is added to the confirmation email)",
    });
  }
  return failures;
}

export function checkSenderIdentity(
  news: Record<string, unknown>,
): CheckResult<Record<string, unknown>> {
  return checkInputs(senderIdentityInputsSchema, news, crossCheck);
}

/**
 * The email and the domain cannot be changed (docs/mailersend-api.md §4.3): they replace. The email is unique per account,
 * so a replacement that keeps it deletes the old identity first.
 */
export const SENDER_IDENTITY_DIFF_TABLE: DiffTable<keyof SenderIdentityInputs> = {
  fields: {
    domainId: "replace",
    email: "replace",
    name: "update",
    replyToEmail: "update",
    replyToName: "update",
    personalNote: "update",
    addNote: "update",
    resendNonce: "update",
    adopt: "ignore",
    // Only read by delete; recorded by an update that sends nothing to MailerSend.
    deleteAdoptedOnDestroy: "update",
  },
  uniqueKey: ["email"],
};

export function diffSenderIdentity(olds: Record<string, unknown>, news: Record<string, unknown>) {
  return diffByTable(SENDER_IDENTITY_DIFF_TABLE, olds, news);
}

const UPDATABLE = {
  name: "name",
  replyToEmail: "reply_to_email",
  replyToName: "reply_to_name",
  personalNote: "personal_note",
  addNote: "add_note",
} as const;

/**
 * The update body: only what differs. A value removed from the program is sent as `null` so
 * MailerSend clears it ([INF]: the API's handling of null is not documented).
 */
export function identityChanges(
  desired: SenderIdentityInputs,
  current: Partial<SenderIdentityInputs>,
): UpdateIdentityBody {
  const body: Record<string, unknown> = {};
  for (const [field, apiKey] of Object.entries(UPDATABLE) as [keyof typeof UPDATABLE, string][]) {
    if (!sameValue(desired[field], current[field])) body[apiKey] = desired[field] ?? null;
  }
  return body as UpdateIdentityBody;
}

/** What MailerSend holds, by input name. */
export function liveIdentity(identity: ApiIdentity): Partial<SenderIdentityInputs> {
  return {
    domainId: identity.domain?.id,
    email: identity.email.toLowerCase(),
    name: identity.name ?? undefined,
    replyToEmail: identity.reply_to_email ? identity.reply_to_email.toLowerCase() : undefined,
    replyToName: identity.reply_to_name ?? undefined,
    personalNote: identity.personal_note ?? undefined,
    addNote: identity.add_note ?? undefined,
  };
}

export function senderIdentityOutputs(
  inputs: SenderIdentityInputs,
  identity: ApiIdentity,
  adopted?: boolean,
): SenderIdentityOutputs {
  const live = liveIdentity(identity);
  const merged: Record<string, unknown> = { ...inputs };
  for (const [key, value] of Object.entries(live)) merged[key] = value;
  // Optional inputs MailerSend reports as null are absent, not null, so the diff stays exact.
  for (const key of ["replyToEmail", "replyToName", "personalNote"] as const) {
    if (live[key] === undefined) delete merged[key];
  }
  if (live.addNote === undefined) merged.addNote = inputs.addNote;
  if (live.domainId === undefined) merged.domainId = inputs.domainId;
  return {
    ...(merged as SenderIdentityInputs),
    verified: identity.is_verified === true,
    resends: identity.resends ?? 0,
    domainName: identity.domain?.name ?? "",
    ...(adopted === undefined ? {} : { adopted }),
    stateVersion: SENDER_IDENTITY_STATE_VERSION,
  };
}
