/**
 * A new API token is only as narrow as MailerSend made it, not as we asked. Asked for a `domain_id`
 * the account does not have, MailerSend does not refuse: it answers 200 with `domain: null` and
 * issues a token for every domain of the account (recorded twice: mailersend-python
 * tests/fixtures/cassettes/tokens_create_invalid_domain.yaml, 2025, and mailersend-ruby
 * fixtures/tokens/tokens_create.yml, 2024; see docs/mailersend-api.md §9). So the answer is checked,
 * and a token bound otherwise than asked is deleted before anyone can hold it.
 */
import { redactSecrets } from "./redact";
import type { ApiCreatedToken } from "./schemas";

const BINDING_ERROR_MARK = Symbol.for("pulumi-mailersend.TokenBindingError");

/** What MailerSend bound the token to: a domain id, `null` = every domain, `undefined` = not said. */
export function boundDomainOf(created: ApiCreatedToken): string | null | undefined {
  if (created.domain === undefined) return undefined;
  return created.domain === null ? null : created.domain.id;
}

/** True when the answer confirms exactly the binding that was asked for. */
export function bindingMatches(
  askedDomainId: string | undefined,
  created: ApiCreatedToken,
): boolean {
  const bound = boundDomainOf(created);
  if (askedDomainId === undefined) return bound === null || bound === undefined;
  return bound === askedDomainId;
}

/** The token MailerSend issued was not bound as asked; it was deleted (or could not be). */
export class TokenBindingError extends Error {
  override readonly name = "TokenBindingError";

  constructor(
    readonly tokenName: string,
    readonly askedDomainId: string | undefined,
    readonly boundDomainId: string | null | undefined,
    readonly tokenId: string,
    deleteFailure?: unknown,
  ) {
    super(redactSecrets(describe(tokenName, askedDomainId, boundDomainId, tokenId, deleteFailure)));
    Object.defineProperty(this, BINDING_ERROR_MARK, { value: true });
  }

  static is(value: unknown): value is TokenBindingError {
    return typeof value === "object" && value !== null && BINDING_ERROR_MARK in value;
  }
}

function describe(
  name: string,
  asked: string | undefined,
  bound: string | null | undefined,
  tokenId: string,
  deleteFailure: unknown,
): string {
  const answer =
    bound === null
      ? "its answer says domain: null, a token for every domain of the account (MailerSend does this when the account has no domain with that id)"
      : bound === undefined
        ? "its answer does not say which domain the token is for"
        : `its answer binds it to domain ${bound}`;
  const what =
    asked === undefined
      ? `MailerSend bound the new API token "${name}" although no domain was asked for`
      : `MailerSend did not bind the new API token "${name}" to domain ${asked}`;
  const outcome =
    deleteFailure === undefined
      ? "The token was deleted."
      : `Deleting it failed (${deleteFailure instanceof Error ? deleteFailure.message : String(deleteFailure)}): delete API token ${tokenId} in MailerSend by hand.`;
  const hint =
    asked === undefined
      ? ""
      : ` Check domainId ${asked}: it must be the id of a domain in this MailerSend account.`;
  return `${what}: ${answer}. ${outcome}${hint}`;
}
