import { formatTimestamp } from "../clock";
import { uniqueId, type EmulatorContext } from "../context";
import type { TokenRecord, TokenStatus } from "../state";
import { hashSecret } from "../store";
import { isArray, isString, maxLength, oneOf, required, Validation } from "../validation";
import { asObject } from "./input";

/** [SDK] docs/mailersend-api.md §5.4: the 31 scope names (union of the nodejs 3.4.0 enum and php's list). */
export const TOKEN_SCOPES: readonly string[] = [
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
];

const TOKEN_STATUSES: readonly TokenStatus[] = ["pause", "unpause"];

/** `POST /token` (docs/mailersend-api.md §5.2). Returns the record and the secret, which exists only here. */
export function createToken(
  ctx: EmulatorContext,
  body: unknown,
): { token: TokenRecord; accessToken: string } {
  const input = asObject(body);
  const validation = new Validation();
  // [SDK php/python] name <= 50 characters.
  validation.check("name", input.name, [required, isString, maxLength(50)]);
  if (validation.check("scopes", input.scopes, [required, isArray])) {
    // [INF] docs/mailersend-api.md §5.4: Laravel `in` on `scopes.*`.
    (input.scopes as unknown[]).forEach((scope, index) => {
      validation.check(`scopes.${index}`, scope, [oneOf(TOKEN_SCOPES)]);
    });
  }
  // [SDK 2026] domain_id is optional. [REC] an id the account does not have is NOT refused: the
  // token is issued account-wide and the answer says `domain: null` (mailersend-python
  // tokens_create_invalid_domain.yaml, 2025; mailersend-ruby fixtures/tokens/tokens_create.yml, 2024).
  validation.check("domain_id", input.domain_id, [isString], { optional: true });
  validation.finish();

  const accessToken = ctx.ids.accessToken();
  const now = formatTimestamp(ctx.now());
  const token: TokenRecord = {
    id: uniqueId(ctx.ids.tokenId, ctx.store.state.tokens),
    name: input.name as string,
    status: "unpause",
    scopes: [...new Set(input.scopes as string[])],
    domainId:
      typeof input.domain_id === "string" && ctx.store.domain(input.domain_id) !== undefined
        ? input.domain_id
        : null,
    secretHash: hashSecret(accessToken),
    // [INF] docs/mailersend-api.md §5.2: `preview` was redacted in the recording; a masked token of the same length.
    preview: `${accessToken.slice(0, 9)}${"*".repeat(accessToken.length - 13)}${accessToken.slice(-4)}`,
    createdAt: now,
    updatedAt: now,
  };
  ctx.store.mutate((state) => {
    state.tokens.push(token);
  });
  return { token, accessToken };
}

/** [INF] docs/mailersend-api.md §5.2: `has_full` = the token holds every scope. */
export function hasFullAccess(token: TokenRecord): boolean {
  return TOKEN_SCOPES.every((scope) => token.scopes.includes(scope));
}

/** `PUT /token/{id}` and `PUT /token/{id}/settings` (both accepted, docs/mailersend-api.md §5.1): `{name?, status?}`. */
export function updateToken(ctx: EmulatorContext, token: TokenRecord, body: unknown): TokenRecord {
  const input = asObject(body);
  const validation = new Validation();
  validation.check("name", input.name, [required, isString, maxLength(50)], { optional: true });
  validation.check("status", input.status, [oneOf(TOKEN_STATUSES)], { optional: true });
  validation.finish();
  return ctx.store.mutate(() => {
    if (typeof input.name === "string") token.name = input.name;
    if (typeof input.status === "string") token.status = input.status as TokenStatus;
    token.updatedAt = formatTimestamp(ctx.now());
    return token;
  });
}

export function deleteToken(ctx: EmulatorContext, token: TokenRecord): void {
  ctx.store.mutate((state) => {
    state.tokens = state.tokens.filter((t) => t.id !== token.id);
  });
}
