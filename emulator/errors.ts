/**
 * An error the emulator answers with: HTTP status plus MailerSend's JSON body (docs/mailersend-api.md §2.2).
 * Route handlers and rules throw it; the server's error handler turns it into the response. The public
 * store handles throw it too, so callers can read `status` and `body`.
 */
export class EmulatorApiError extends Error {
  override readonly name = "EmulatorApiError";

  constructor(
    readonly status: number,
    readonly body: { message: string; errors?: Record<string, string[]> },
    readonly headers: Readonly<Record<string, string>> = {},
    /**
     * False for the answers MailerSend sends without `x-apiquota-*` headers: the 401 and the 404 of
     * a lookup by id (see {@link notFound}).
     */
    readonly quotaHeaders = true,
  ) {
    super(`${status} ${body.message}`);
  }
}

/** Field name -> messages, in the order the fields were validated. */
export type FieldErrors = Record<string, string[]>;

/**
 * [REC] docs/mailersend-api.md §2.2: the same 404 body for every unknown id, on every resource. [REC] most of these 404s
 * carry no `x-apiquota-*` headers (domains, tokens, identities by id, invites); the user lookups and
 * the identity lookups by email do (mailersend-python tests/fixtures/cassettes/*_not_found.yaml,
 * users_get_single.yaml, identities_get_by_email.yaml): `quotaHeaders` says which.
 */
export function notFound(
  quotaHeaders: "without-quota-headers" | "with-quota-headers" = "without-quota-headers",
): EmulatorApiError {
  return new EmulatorApiError(
    404,
    { message: "Resource not found." },
    {},
    quotaHeaders === "with-quota-headers",
  );
}

/** The record, or a thrown 404 when there is none. */
export function orNotFound<T>(
  record: T | undefined,
  quotaHeaders?: "without-quota-headers" | "with-quota-headers",
): T {
  if (record === undefined) throw notFound(quotaHeaders);
  return record;
}

/**
 * [REC] docs/mailersend-api.md §2.2: missing or unknown token; no `x-apiquota-*` headers (mailersend-java
 * src/test/resources/fixtures/EmailSendTest_TestInvalidTokenFailsWith401().json, 2026).
 */
export function unauthenticated(): EmulatorApiError {
  return new EmulatorApiError(401, { message: "Unauthenticated." }, {}, false);
}

/**
 * [INF] docs/mailersend-api.md §2.2 / docs/mailersend-api.md §5.4: no 403 body was ever observed; this is Laravel's default authorization message,
 * which MailerSend (a Laravel application) most plausibly sends for a token lacking a scope.
 */
export function forbidden(): EmulatorApiError {
  return new EmulatorApiError(403, { message: "This action is unauthorized." });
}

/**
 * A Laravel validation failure (docs/mailersend-api.md §2.2): `message` is the first error, followed by
 * ` (and 1 more error)` / ` (and N more errors)` counting every other message of every field.
 */
export function validationFailed(errors: FieldErrors): EmulatorApiError {
  return new EmulatorApiError(422, { message: summarizeErrors(errors), errors });
}

export function summarizeErrors(errors: FieldErrors): string {
  const messages = Object.values(errors).flat();
  const [first = "The given data was invalid."] = messages;
  const more = messages.length - 1;
  if (more <= 0) return first;
  return `${first} (and ${more} more ${more === 1 ? "error" : "errors"})`;
}

/** A one-field 422, for rules that are not about a single input's format (plan limits, ...). */
export function fieldError(field: string, message: string): EmulatorApiError {
  return validationFailed({ [field]: [message] });
}
