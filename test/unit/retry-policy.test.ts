import { describe, expect, it } from "vitest";
import { toApiError, parseRetryAfter } from "../../provider/api/classify";
import { MailerSendApiError } from "../../provider/api/errors";
import {
  DEFAULT_RETRY_POLICY,
  DO_NOT_RETRY_STATUSES,
  decideRetry,
  isRetryableStatus,
  retryDelayMs,
} from "../../provider/api/retry";

const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 8000, budgetMs: 60_000 };
const rejection = (
  statusCode: number,
  body: unknown = {},
  headers: Record<string, string> = {},
) => ({
  statusCode,
  body,
  headers,
});

describe("retryDelayMs", () => {
  it.each([
    // attempt, random, expected: half the step fixed, half random
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [4, 1, 8000],
    [5, 1, 8000], // capped at maxDelayMs
  ])("attempt %i with random %f waits %i ms", (attempt, random, expected) => {
    expect(retryDelayMs(policy, attempt, undefined, () => random)).toBe(expected);
  });

  it("honours Retry-After exactly, plus at most 250 ms of jitter", () => {
    expect(retryDelayMs(policy, 1, 12, () => 0)).toBe(12_000);
    expect(retryDelayMs(policy, 3, 12, () => 1)).toBe(12_250);
    // A Retry-After longer than maxDelayMs still wins: the server knows best.
    expect(retryDelayMs(policy, 1, 30, () => 0)).toBe(30_000);
  });
});

describe("which statuses are retried", () => {
  it.each(DO_NOT_RETRY_STATUSES.map((status) => [status]))("%i is never retried", (status) => {
    const error = toApiError(rejection(status), "GET", "/domains", false);
    expect(error.retryable).toBe(false);
    expect(decideRetry(policy, error, 1, 0, true)).toEqual({ retry: false });
  });

  it.each([[500], [502], [503], [504], [408], [421]])("%i is retried", (status) => {
    expect(isRetryableStatus(status)).toBe(true);
    const error = toApiError(rejection(status), "GET", "/domains", false);
    expect(decideRetry(policy, error, 1, 0, true, () => 0)).toEqual({ retry: true, delayMs: 500 });
  });
});

describe("toApiError", () => {
  it("maps a 422 with field errors, keeping MailerSend's message", () => {
    const error = toApiError(
      rejection(422, {
        message: "The name has already been taken. (and 1 more error)",
        errors: { name: ["The name has already been taken."], return_path_subdomain: ["Bad."] },
      }),
      "POST",
      "/domains",
      false,
    );
    expect(MailerSendApiError.is(error)).toBe(true);
    expect(error).toMatchObject({
      kind: "http",
      status: 422,
      method: "POST",
      path: "/domains",
      retryable: false,
      apiMessage: "The name has already been taken. (and 1 more error)",
      fieldErrors: { name: ["The name has already been taken."], return_path_subdomain: ["Bad."] },
    });
    expect(error.message).toBe(
      "MailerSend API POST /domains failed: 422 The name has already been taken. (and 1 more error) " +
        "(name: The name has already been taken.; return_path_subdomain: Bad.)",
    );
  });

  it("tells the daily quota apart and reports when it resets, without retrying", () => {
    const error = toApiError(
      rejection(
        429,
        { message: "Too Many Attempts." },
        {
          "x-apiquota-remaining": "0",
          "x-apiquota-reset": "2026-11-27T00:00:00Z",
        },
      ),
      "GET",
      "/domains",
      false,
    );
    expect(error.kind).toBe("daily-quota");
    expect(error.quotaResetsAt).toBe("2026-11-27T00:00:00Z");
    expect(decideRetry(policy, error, 1, 0, true)).toEqual({ retry: false });
    expect(error.message).toContain(
      "daily request quota is used up; it resets at 2026-11-27T00:00:00Z",
    );
  });

  it("reads Retry-After on the per-minute 429", () => {
    const error = toApiError(
      rejection(
        429,
        { message: "Too Many Attempts." },
        {
          "retry-after": "7",
          "x-ratelimit-limit": "60",
          "x-ratelimit-remaining": "0",
          "x-apiquota-remaining": "900",
        },
      ),
      "POST",
      "/domains",
      false,
    );
    expect(error).toMatchObject({
      kind: "rate-limit",
      retryable: true,
      retryAfterSeconds: 7,
      outcomeUnknown: false,
    });
    // 429 means "not performed": even a create is repeated.
    expect(decideRetry(policy, error, 1, 0, false, () => 0)).toEqual({
      retry: true,
      delayMs: 7000,
    });
  });

  it("recognises the resource-creation throttle (no headers at all, docs/mailersend-api.md §2.2)", () => {
    const error = toApiError(
      rejection(429, {
        message: "You cannot create a resource at the moment. Please wait a while before retrying.",
      }),
      "POST",
      "/identities",
      false,
    );
    expect(error).toMatchObject({
      kind: "creation-throttle",
      retryable: true,
      retryAfterSeconds: undefined,
    });
  });

  it("marks a 5xx as possibly performed, so a create is not repeated blindly", () => {
    const error = toApiError(rejection(503, "<html>busy</html>"), "POST", "/token", false);
    expect(error).toMatchObject({
      kind: "http",
      status: 503,
      outcomeUnknown: true,
      apiMessage: "<html>busy</html>",
    });
    expect(decideRetry(policy, error, 1, 0, false)).toEqual({ retry: false });
    expect(decideRetry(policy, error, 1, 0, true, () => 0)).toEqual({ retry: true, delayMs: 500 });
  });

  it("treats a refused connection as not performed and a reset as unknown", () => {
    const refused = toApiError(
      Object.assign(new Error("fetch failed"), { cause: { code: "ECONNREFUSED" } }),
      "POST",
      "/domains",
      false,
      "http://127.0.0.1:4010/v1",
    );
    expect(refused).toMatchObject({ kind: "unreachable", outcomeUnknown: false, retryable: true });
    expect(refused.message).toBe(
      "MailerSend API POST /domains failed: cannot connect to 127.0.0.1:4010 (connection refused, " +
        "ECONNREFUSED); nothing was sent. Check mailersend:apiUrl (or MAILERSEND_API_URL), now " +
        "http://127.0.0.1:4010/v1",
    );
    // Two quick retries at most, each wait capped at a second.
    expect(decideRetry(policy, refused, 1, 0, false, () => 1)).toEqual({
      retry: true,
      delayMs: 1000,
    });
    expect(decideRetry(policy, refused, 3, 0, false)).toEqual({ retry: false });
    const reset = toApiError(
      Object.assign(new Error("fetch failed"), { cause: { code: "ECONNRESET" } }),
      "POST",
      "/domains",
      false,
    );
    expect(reset).toMatchObject({ kind: "network", outcomeUnknown: true });
  });

  it("reports a timeout as possibly performed", () => {
    const error = toApiError(new Error("aborted"), "POST", "/domains", true);
    expect(error).toMatchObject({ kind: "timeout", outcomeUnknown: true, retryable: true });
    expect(error.message).toBe(
      "MailerSend API POST /domains failed: no answer within the request timeout",
    );
  });
});

describe("decideRetry limits", () => {
  const error = toApiError(rejection(500), "GET", "/domains", false);
  it("stops after maxAttempts", () => {
    expect(decideRetry(policy, error, 3, 0, true, () => 0).retry).toBe(true);
    expect(decideRetry(policy, error, 4, 0, true, () => 0)).toEqual({ retry: false });
  });
  it("stops when the next wait would overrun the budget", () => {
    expect(decideRetry(policy, error, 1, 59_400, true, () => 0)).toEqual({
      retry: true,
      delayMs: 500,
    });
    expect(decideRetry(policy, error, 1, 59_600, true, () => 0)).toEqual({ retry: false });
  });
  it("has documented defaults", () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxAttempts: 6,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      budgetMs: 300_000,
    });
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["7", 7],
    ["0", 0],
    ["", undefined],
    [undefined, undefined],
    ["soon", undefined],
    ["Thu, 26 Nov 2026 14:00:10 GMT", 10],
  ])("%s → %s", (header, expected) => {
    expect(parseRetryAfter(header, Date.parse("Thu, 26 Nov 2026 14:00:00 GMT"))).toBe(expected);
  });
});
