/**
 * Turns whatever the SDK rejected with into a `MailerSendApiError`. SDK 3.4.0 rejects non-2xx
 * answers with a plain `{headers, body, statusCode}` object (not an Error) and network failures with
 * a GaxiosError that has no status (docs/mailersend-api.md §7.2).
 */
import { MailerSendApiError } from "./errors";
import { isRetryableStatus } from "./retry";

const CREATION_THROTTLE_PREFIX = "You cannot create a resource at the moment";

interface SdkRejection {
  statusCode: number;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

function isSdkRejection(value: unknown): value is SdkRejection {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { statusCode?: unknown }).statusCode === "number"
  );
}

/**
 * Connection failures before any byte of the request was sent: the server was never reached, so
 * nothing can have been created. Node's socket and DNS codes, and the TLS handshake's (a wrong
 * `mailersend:apiUrl`, a proxy intercepting TLS): https://nodejs.org/api/errors.html#common-system-errors,
 * https://nodejs.org/api/tls.html (certificate error codes).
 */
const UNREACHABLE: Record<string, { cause: string; transient: boolean }> = {
  ECONNREFUSED: { cause: "connection refused", transient: true },
  EHOSTUNREACH: { cause: "host unreachable", transient: true },
  ENETUNREACH: { cause: "network unreachable", transient: true },
  EAI_AGAIN: { cause: "DNS lookup failed temporarily", transient: true },
  ENOTFOUND: { cause: "no such host (DNS)", transient: false },
};
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_)|^EPROTO$/;

/** Why the server could not be reached, when that is what happened; undefined otherwise. */
export function unreachableCause(
  raw: unknown,
): { code: string; cause: string; transient: boolean } | undefined {
  const code = errorCode(raw);
  if (code !== undefined) {
    const known = UNREACHABLE[code];
    if (known) return { code, ...known };
    if (TLS_CODE.test(code)) return { code, cause: "TLS handshake failed", transient: false };
  }
  // undici refuses some ports before connecting ("bad port"), with no code.
  if (causeMessages(raw).includes("bad port")) {
    return { code: "bad port", cause: "the port is not allowed for HTTP", transient: false };
  }
  return undefined;
}

export function toApiError(
  raw: unknown,
  method: string,
  path: string,
  timedOut: boolean,
  apiUrl?: string,
): MailerSendApiError {
  if (MailerSendApiError.is(raw)) return raw;
  if (timedOut) {
    return new MailerSendApiError({
      kind: "timeout",
      method,
      path,
      retryable: true,
      outcomeUnknown: true,
    });
  }
  if (!isSdkRejection(raw)) {
    const unreachable = unreachableCause(raw);
    if (unreachable) {
      return new MailerSendApiError({
        kind: "unreachable",
        method,
        path,
        // Only what may clear within seconds (a server restarting); see decideRetry.
        retryable: unreachable.transient,
        // Nothing was sent: a create cannot have happened.
        outcomeUnknown: false,
        apiUrl,
        unreachable: { code: unreachable.code, cause: unreachable.cause },
        cause: raw,
      });
    }
    return new MailerSendApiError({
      kind: "network",
      method,
      path,
      retryable: true,
      // The connection was made and then lost (reset, hang-up): the server may have acted on it.
      outcomeUnknown: true,
      cause: raw,
    });
  }
  const status = raw.statusCode;
  const headers = raw.headers ?? {};
  const { apiMessage, fieldErrors } = readErrorBody(raw.body);
  const base = { method, path, status, apiMessage, fieldErrors };
  if (status === 429) {
    if (headers["x-apiquota-remaining"] === "0") {
      return new MailerSendApiError({
        ...base,
        kind: "daily-quota",
        retryable: false,
        quotaResetsAt: headers["x-apiquota-reset"],
      });
    }
    if (apiMessage?.startsWith(CREATION_THROTTLE_PREFIX)) {
      return new MailerSendApiError({ ...base, kind: "creation-throttle", retryable: true });
    }
    return new MailerSendApiError({
      ...base,
      kind: "rate-limit",
      retryable: true,
      retryAfterSeconds: parseRetryAfter(headers["retry-after"]),
    });
  }
  return new MailerSendApiError({
    ...base,
    kind: "http",
    retryable: isRetryableStatus(status),
    // A 5xx may come after the write happened; the caller must not repeat a create blindly.
    outcomeUnknown: status >= 500,
    retryAfterSeconds: parseRetryAfter(headers["retry-after"]),
  });
}

function readErrorBody(body: unknown): {
  apiMessage?: string;
  fieldErrors?: Record<string, string[]>;
} {
  if (typeof body === "string") {
    const trimmed = body.trim();
    // A non-JSON body (an HTML 502 page, say) is not worth quoting in full.
    return { apiMessage: trimmed.length > 0 && trimmed.length <= 200 ? trimmed : undefined };
  }
  if (typeof body !== "object" || body === null) return {};
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const fieldErrors: Record<string, string[]> = {};
  if (typeof errors === "object" && errors !== null) {
    for (const [field, messages] of Object.entries(errors)) {
      if (Array.isArray(messages)) fieldErrors[field] = messages.map(String);
    }
  }
  return { apiMessage: typeof message === "string" ? message : undefined, fieldErrors };
}

/** Retry-After in seconds (the HTTP-date form is accepted too). */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** The first error code down the cause chain (gaxios wraps undici's TypeError, which wraps it). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function causeMessages(error: unknown): string[] {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string") messages.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return messages;
}
