/**
 * Sends one logical API call: through the process-wide gate, with a timeout that really aborts the
 * request, and with the retry policy applied. Nothing here knows about domains or tokens.
 */
import { createHash } from "node:crypto";
import { toApiError } from "./classify";
import { engineWatch } from "./engine-watch";
import { MailerSendApiError } from "./errors";
import {
  gateFor,
  realClock,
  type Clock,
  type GateSettings,
  type Release,
  type RequestGate,
} from "./gate";
import { logLine } from "./log";
import { registerSecret } from "./redact";
import { UNREACHABLE_MAX_ATTEMPTS, decideRetry, type RetryPolicy } from "./retry";
import { callWithFetch, createSdkModules, type SdkModules, type SdkResponse } from "./sdk";

export interface ApiSettings {
  apiKey: string;
  /** Base URL including `/v1`. */
  apiUrl: string;
  requestTimeoutMs: number;
  /**
   * How long after it was sent a request we gave up on may still be carried out by MailerSend
   * (the token create's final sweep waits that long; default 120 s). See client.ts.
   */
  lateAnswerWindowMs?: number;
  retry: RetryPolicy;
  gate: GateSettings;
}

export interface CallSpec {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The path as sent, for errors and logs (ids and emails only; never a secret). */
  path: string;
  /** Safe to repeat after an answer that may hide a performed write. */
  idempotent: boolean;
  send: (sdk: SdkModules) => Promise<SdkResponse>;
}

export interface TransportDeps {
  clock?: Clock;
  random?: () => number;
  /** Overrides the process-wide gate (tests). */
  gate?: RequestGate;
}

/** The last quota figures the server reported, per account (see `quotaFor`). */
export interface QuotaObservation {
  /**
   * `x-apiquota-remaining`. `-1` means an unlimited plan (on every recorded answer, e.g.
   * mailersend-ruby fixtures/api_quota/api_quota_get.yml): only `0` means spent. Answers without
   * the header (401s, most 404s, as recorded) leave the last figure as it was.
   */
  remaining?: number;
  resetsAt?: string;
}

const quotas = new Map<string, QuotaObservation>();

export class Transport {
  readonly settings: ApiSettings;
  private readonly sdk: SdkModules;
  private readonly gate: RequestGate;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly accountKey: string;

  constructor(settings: ApiSettings, deps: TransportDeps = {}) {
    registerSecret(settings.apiKey);
    this.settings = settings;
    this.sdk = createSdkModules(settings.apiKey, settings.apiUrl);
    this.accountKey = `${settings.apiUrl} ${fingerprint(settings.apiKey)}`;
    this.gate = deps.gate ?? gateFor(this.accountKey, settings.gate);
    this.clock = deps.clock ?? realClock;
    this.random = deps.random ?? Math.random;
  }

  /** What the server last said about the daily quota for this account. */
  get quota(): QuotaObservation {
    return quotas.get(this.accountKey) ?? {};
  }

  async send(spec: CallSpec): Promise<SdkResponse> {
    this.refuseWhenQuotaSpent(spec);
    const started = this.clock.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(spec);
      } catch (raw) {
        const error = withWindowWait(raw as MailerSendApiError, this.settings.gate.windowMs);
        error.attempts = attempt;
        const decision = decideRetry(
          this.settings.retry,
          error,
          attempt,
          this.clock.now() - started,
          spec.idempotent,
          this.random,
        );
        if (!decision.retry) {
          // The message was built before the attempts were known (same suffix as errors.ts adds).
          if (attempt > 1) error.message += ` [after ${attempt} attempts]`;
          throw error;
        }
        if (error.kind === "rate-limit" && error.retryAfterSeconds !== undefined) {
          // Everybody waits, not just this request: the limit is per account (docs/mailersend-api.md §2.3).
          this.gate.pauseUntil(this.clock.now() + decision.delayMs);
        }
        const maxAttempts =
          error.kind === "unreachable"
            ? Math.min(UNREACHABLE_MAX_ATTEMPTS, this.settings.retry.maxAttempts)
            : this.settings.retry.maxAttempts;
        logLine(
          `${spec.method} ${spec.path}: ${retryReason(error)}; retrying in ` +
            `${(decision.delayMs / 1000).toFixed(1)}s (attempt ${attempt + 1} of ${maxAttempts})`,
        );
        await this.clock.sleep(decision.delayMs);
      }
    }
  }

  /**
   * Once MailerSend has said the daily quota is spent, every further request until the reset would
   * be refused with a 429 that counts too (docs/mailersend-api.md §2.3): refuse it here instead, without a request.
   * `GET /api-quota` does not count towards the quota, so it still goes through.
   */
  private refuseWhenQuotaSpent(spec: CallSpec): void {
    const { remaining, resetsAt } = this.quota;
    // Only 0 is spent: -1 is an unlimited plan.
    if (remaining !== 0 || spec.path === "/api-quota") return;
    if (resetsAt && Date.parse(resetsAt) <= this.clock.now()) return;
    throw new MailerSendApiError({
      kind: "daily-quota",
      method: spec.method,
      path: spec.path,
      status: 429,
      apiMessage: "not sent: MailerSend's last answer said no requests remain today",
      retryable: false,
      quotaResetsAt: resetsAt,
    });
  }

  private async attempt(spec: CallSpec): Promise<SdkResponse> {
    const release = await this.gate.acquire();
    // The last moment before the request leaves: never send for an engine that is gone.
    await engineWatch().ensureAlive();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.settings.requestTimeoutMs);
    const realFetch = globalThis.fetch;
    const fetchWithSignal: typeof fetch = (input, init) =>
      realFetch(input, {
        ...init,
        signal: init?.signal
          ? AbortSignal.any([init.signal, controller.signal])
          : controller.signal,
      });
    try {
      const response = await callWithFetch(fetchWithSignal, () => spec.send(this.sdk));
      this.observe(response.headers, release);
      return response;
    } catch (raw) {
      const headers = (raw as { headers?: Record<string, string | undefined> } | null)?.headers;
      if (headers) this.observe(headers, release);
      const error = withWindowWait(
        toApiError(raw, spec.method, spec.path, timedOut, this.settings.apiUrl),
        this.settings.gate.windowMs,
      );
      if (error.kind === "rate-limit" && error.retryAfterSeconds !== undefined) {
        // Hold everybody back before this request's slot is freed, so no other request (a probe
        // of the server's window) goes out between the 429 and the pause.
        this.gate.pauseUntil(this.clock.now() + error.retryAfterSeconds * 1000);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  private observe(headers: Record<string, string | undefined>, request: Release): void {
    // The server's own window (issue 13): it may be stricter than the configured pace.
    const windowRemaining = headers["x-ratelimit-remaining"];
    if (windowRemaining !== undefined) {
      request.observeServerWindow(Number(headers["x-ratelimit-limit"]), Number(windowRemaining));
    }
    const remaining = headers["x-apiquota-remaining"];
    if (remaining === undefined) return;
    quotas.set(this.accountKey, {
      remaining: Number(remaining),
      resetsAt: headers["x-apiquota-reset"],
    });
  }
}

/**
 * A per-minute 429 without Retry-After: MailerSend documents no Retry-After (it was never observed,
 * docs/mailersend-api.md §2.3) and says the limit "clears within the minute". Short backoff would only
 * spend more of the daily quota on 429s, so wait one rate-limit window, as if the server had said so.
 */
function withWindowWait(error: MailerSendApiError, windowMs: number): MailerSendApiError {
  if (error.kind !== "rate-limit" || error.retryAfterSeconds !== undefined) return error;
  Object.defineProperty(error, "retryAfterSeconds", { value: windowMs / 1000 });
  return error;
}

function retryReason(error: MailerSendApiError): string {
  switch (error.kind) {
    case "rate-limit":
      return "429 rate limit";
    case "creation-throttle":
      return "429 resource creation throttled";
    case "timeout":
      return "timed out";
    case "network":
      return "no answer";
    case "unreachable":
      return `cannot connect (${error.unreachableCode ?? "?"})`;
    default:
      return `${error.status}`;
  }
}

function fingerprint(secret: string): string {
  return createHash("sha256").update(secret).digest("hex").slice(0, 12);
}

export function isDefinitelyMissing(error: unknown): boolean {
  return MailerSendApiError.is(error) && error.isNotFound;
}
