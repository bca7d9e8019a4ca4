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

export function toApiError(
  raw: unknown,
  method: string,
  path: string,
  timedOut: boolean,
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
    const refused = errorCode(raw) === "ECONNREFUSED";
    return new MailerSendApiError({
      kind: "network",
      method,
      path,
      retryable: true,
      // A refused connection never reached the server; anything else (reset, hang-up) may have.
      outcomeUnknown: !refused,
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

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("E")) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
