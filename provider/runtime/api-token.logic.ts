/**
 * ApiToken: pure rules (docs/mailersend-api.md §5). Only a token's name and status can change; its
 * scopes and domain are fixed at creation, and its value is shown once.
 *
 * Layout shared by every `*.logic.ts` here (a list of allowed names and its type where there is
 * one, the inputs schema and outputs type, `check…` over `checkInputs` from check.ts, the diff
 * table and `diff…` over `diffByTable` from diff.ts): the lines that repeat across these files are
 * declarations of this resource's facts, not logic; the logic that reads them is shared already.
 */
import { z } from "zod";
import type { ApiToken } from "../api/schemas";
import { checkInputs, type CheckResult } from "./check";
import { diffByTable, type DiffTable } from "./diff";
import { nonce, objectId, oneOf, text } from "./fields";

export const API_TOKEN_STATE_VERSION = 1;

/** The 31 scope names (docs/mailersend-api.md §5.4: the union of the SDKs' lists). */
export const TOKEN_SCOPES = [
  "email_full",
  "domains_read",
  "domains_full",
  "activity_read",
  "activity_full",
  "analytics_read",
  "analytics_full",
  "tokens_full",
  "webhooks_full",
  "templates_full",
  "suppressions_read",
  "suppressions_full",
  "sms_read",
  "sms_full",
  "email_verification_read",
  "email_verification_full",
  "inbounds_full",
  "recipients_read",
  "recipients_full",
  "sender_identity_read",
  "sender_identity_full",
  "users_read",
  "users_full",
  "smtp_users_read",
  "smtp_users_full",
  "dmarc_monitoring_read",
  "dmarc_monitoring_full",
  "blocklist_monitoring_read",
  "blocklist_monitoring_full",
  "whatsapp_full",
  "ifttt",
] as const;

export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const apiTokenInputsSchema = z.strictObject({
  name: text({ max: 50, what: "the token's name (MailerSend allows 50 characters)" }),
  domainId: objectId("MailerSend domain the token is for").optional(),
  scopes: z
    .array(oneOf(TOKEN_SCOPES, "MailerSend token scopes"), {
      error: 'must be a list of scopes such as ["email_full"]',
    })
    .min(1, { error: "must list at least one scope, such as email_full" })
    // Order and repeats carry no meaning: sorted and unique, so reordering is not a change.
    .transform((scopes) => [...new Set(scopes)].sort()),
  status: oneOf(["active", "paused"], "a paused token is refused by MailerSend").default("active"),
  rotationNonce: nonce().optional(),
});

export type ApiTokenInputs = z.infer<typeof apiTokenInputsSchema>;

export interface ApiTokenOutputs extends ApiTokenInputs {
  /** The token value: shown by MailerSend once, at creation; always a secret output. */
  token: string;
  createdAt: string;
  stateVersion: number;
}

export function checkApiToken(news: Record<string, unknown>): CheckResult<Record<string, unknown>> {
  return checkInputs(apiTokenInputsSchema, news);
}

/**
 * Scopes, domain and the rotation nonce can only change by issuing a new token. The replacement is
 * always created before the old token is deleted, so clients never lose the ability to send (the
 * new value appears in the outputs; switch clients over, the old token is deleted at the end of
 * the same `up`).
 */
export const API_TOKEN_DIFF_TABLE: DiffTable<keyof ApiTokenInputs> = {
  fields: {
    name: "update",
    status: "update",
    domainId: "replace",
    scopes: "replace",
    rotationNonce: "replace",
  },
  neverDeleteFirst: true,
};

export function diffApiToken(olds: Record<string, unknown>, news: Record<string, unknown>) {
  return diffByTable(API_TOKEN_DIFF_TABLE, olds, news);
}

/** Our status names ↔ MailerSend's (`pause` / `unpause`, docs/mailersend-api.md §5.3). */
export function toApiStatus(status: ApiTokenInputs["status"]): "pause" | "unpause" {
  return status === "paused" ? "pause" : "unpause";
}

export function fromApiStatus(
  status: string | null | undefined,
): ApiTokenInputs["status"] | undefined {
  if (status === "pause") return "paused";
  if (status === "unpause") return "active";
  return undefined;
}

/** Outputs from what MailerSend reports; the value is never readable again, so it is carried over. */
export function apiTokenOutputs(
  inputs: ApiTokenInputs,
  live: ApiToken,
  carried: { token: string; createdAt?: string },
): ApiTokenOutputs {
  const outputs: ApiTokenOutputs = {
    ...inputs,
    name: live.name,
    status: fromApiStatus(live.status) ?? inputs.status,
    scopes: live.scopes ? ([...new Set(live.scopes)].sort() as TokenScope[]) : inputs.scopes,
    token: carried.token,
    createdAt: live.created_at ?? carried.createdAt ?? "",
    stateVersion: API_TOKEN_STATE_VERSION,
  };
  // `GET /token/{id}` may leave the domain out (docs/mailersend-api.md §5.3): keep what we know then.
  if (live.domain !== undefined) {
    if (live.domain) outputs.domainId = live.domain.id;
    else delete outputs.domainId;
  }
  return outputs;
}
