/**
 * One error type for everything that goes wrong talking to MailerSend, and one for answers whose
 * shape we do not understand. Both carry a marker so `is()` works across realms: the provider
 * runtime may be loaded more than once in a process (Pulumi's own `isInstance` pattern), so
 * `instanceof` is not reliable.
 */
import { redactSecrets } from "./redact";

/** Why a request failed, as far as retrying is concerned. */
export type ApiErrorKind =
  /** The server answered with a non-2xx status (see `status`). */
  | "http"
  /** The per-minute rate limit (429 with X-RateLimit-* headers or Retry-After). */
  | "rate-limit"
  /** The "You cannot create a resource at the moment" 429 (docs/mailersend-api.md §2.2). */
  | "creation-throttle"
  /** The account's daily request quota is spent (429 with `x-apiquota-remaining: 0`, docs/mailersend-api.md §2.3). */
  | "daily-quota"
  /** The connection was made, then lost without an answer (reset, hang-up). */
  | "network"
  /** The server was never reached (refused, no such host, TLS failed): nothing was sent. */
  | "unreachable"
  /** No answer within the request timeout. */
  | "timeout";

export interface ApiErrorDetails {
  kind: ApiErrorKind;
  method: string;
  path: string;
  status?: number;
  apiMessage?: string;
  fieldErrors?: Record<string, string[]>;
  retryable: boolean;
  /** True when the request may have been performed although no success answer arrived. */
  outcomeUnknown?: boolean;
  retryAfterSeconds?: number;
  /** ISO time when the daily quota resets (only for `daily-quota`). */
  quotaResetsAt?: string;
  attempts?: number;
  /** The configured base URL (`unreachable` names it and its host). */
  apiUrl?: string;
  /** Why the server was not reached (`unreachable`): the error code and its meaning. */
  unreachable?: { code: string; cause: string };
  cause?: unknown;
}

const API_ERROR_MARK = Symbol.for("pulumi-mailersend.MailerSendApiError");
const RESPONSE_ERROR_MARK = Symbol.for("pulumi-mailersend.MailerSendResponseError");

export class MailerSendApiError extends Error {
  override readonly name = "MailerSendApiError";
  readonly kind: ApiErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly apiMessage?: string;
  readonly fieldErrors: Record<string, string[]>;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;
  readonly retryAfterSeconds?: number;
  readonly quotaResetsAt?: string;
  /** Why the server was not reached (`unreachable`), e.g. `ECONNREFUSED`. */
  readonly unreachableCode?: string;
  attempts: number;

  constructor(details: ApiErrorDetails) {
    super(describeApiError(details));
    Object.defineProperty(this, API_ERROR_MARK, { value: true });
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.apiMessage = details.apiMessage && redactSecrets(details.apiMessage);
    this.fieldErrors = Object.fromEntries(
      Object.entries(details.fieldErrors ?? {}).map(([field, messages]) => [
        field,
        messages.map(redactSecrets),
      ]),
    );
    this.retryable = details.retryable;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.quotaResetsAt = details.quotaResetsAt;
    this.unreachableCode = details.unreachable?.code;
    this.attempts = details.attempts ?? 1;
  }

  static is(value: unknown): value is MailerSendApiError {
    return typeof value === "object" && value !== null && API_ERROR_MARK in value;
  }

  /** True for a 404 answer: the object does not exist (or no longer does). */
  get isNotFound(): boolean {
    return this.kind === "http" && this.status === 404;
  }
}

function describeApiError(d: ApiErrorDetails): string {
  const where = `MailerSend API ${d.method} ${d.path}`;
  let text: string;
  switch (d.kind) {
    case "daily-quota":
      text =
        `${where} failed: 429 the account's daily request quota is used up` +
        (d.quotaResetsAt ? `; it resets at ${d.quotaResetsAt}` : "") +
        ". Every request counts, failed ones too (https://www.mailersend.com/help/rate-limits-how-to-reduce-403-422-429-errors); run again after the reset.";
      break;
    case "network":
      text = `${where} failed: no answer (${causeText(d.cause)})`;
      break;
    case "unreachable": {
      const host = hostOf(d.apiUrl);
      text =
        `${where} failed: cannot connect to ${host ?? "the API"} ` +
        `(${d.unreachable?.cause ?? "no connection"}, ${d.unreachable?.code ?? "?"}); nothing was ` +
        `sent. Check mailersend:apiUrl (or MAILERSEND_API_URL)` +
        (d.apiUrl ? `, now ${d.apiUrl}` : "");
      break;
    }
    case "timeout":
      text = `${where} failed: no answer within the request timeout`;
      break;
    default: {
      text = `${where} failed: ${d.status ?? "?"}`;
      if (d.apiMessage) text += ` ${d.apiMessage}`;
      const fields = Object.entries(d.fieldErrors ?? {});
      if (fields.length > 0) {
        text += ` (${fields.map(([field, messages]) => `${field}: ${messages.join(" ")}`).join("; ")})`;
      }
    }
  }
  if (d.attempts && d.attempts > 1) text += ` [after ${d.attempts} attempts]`;
  return redactSecrets(text);
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function causeText(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code ?? causeCode(cause.cause);
    return code ? `${cause.message}, ${String(code)}` : cause.message;
  }
  return String(cause);
}

/** The first error code down the cause chain (gaxios wraps undici's TypeError, which wraps it). */
function causeCode(cause: unknown): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code !== undefined && code !== null) return String(code);
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The answer arrived but did not have the shape docs/mailersend-api.md documents. */
export class MailerSendResponseError extends Error {
  override readonly name = "MailerSendResponseError";
  readonly method: string;
  readonly path: string;
  readonly issues: string[];

  constructor(method: string, path: string, issues: string[]) {
    super(
      redactSecrets(
        `MailerSend API ${method} ${path} answered with an unexpected shape: ${issues.join("; ")}`,
      ),
    );
    Object.defineProperty(this, RESPONSE_ERROR_MARK, { value: true });
    this.method = method;
    this.path = path;
    this.issues = issues;
  }

  static is(value: unknown): value is MailerSendResponseError {
    return typeof value === "object" && value !== null && RESPONSE_ERROR_MARK in value;
  }
}
