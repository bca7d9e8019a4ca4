/**
 * Helpers for the API-layer tests: a client wired to an emulator with short timeouts and its own
 * request gate (so tests never share the process-wide one), and compact views of the emulator's
 * request log.
 */
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type RequestFilter,
  type RequestLogEntry,
} from "../../emulator";
import { MailerSendClient } from "../../provider/api/client";
import { RequestGate, type Clock, type GateSettings } from "../../provider/api/gate";
import { setLogSink } from "../../provider/api/log";
import type { RetryPolicy } from "../../provider/api/retry";
import type { ApiSettings } from "../../provider/api/transport";

/** An emulator for one test: deterministic ids, no per-minute limit unless a test asks for one. */
export function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ seed: 7, rateLimit: false, ...options });
}

export interface ClientOptions {
  /** Default: the emulator's account key. */
  apiKey?: string;
  /** Default: the emulator's URL. */
  apiUrl?: string;
  /** Default 2000 ms. */
  requestTimeoutMs?: number;
  /** Default 1000 ms (the provider's is 120 s). */
  lateAnswerWindowMs?: number;
  /** Default: 4 attempts, 20 ms base, 200 ms cap, 10 s budget. */
  retry?: Partial<RetryPolicy>;
  /** Default: 8 in flight, 1000 requests per second (no pacing to speak of). */
  gate?: Partial<GateSettings>;
  /** Default: real time. */
  clock?: Clock;
  /** Default `() => 0`: backoff is exactly half the step, Retry-After exactly as sent. */
  random?: () => number;
}

export const TEST_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 20,
  maxDelayMs: 200,
  budgetMs: 10_000,
};

export const TEST_GATE: GateSettings = { maxConcurrency: 8, requests: 1000, windowMs: 1000 };

export function settingsFor(emulator: Emulator, options: ClientOptions = {}): ApiSettings {
  return {
    apiKey: options.apiKey ?? emulator.apiKey,
    apiUrl: options.apiUrl ?? emulator.url,
    requestTimeoutMs: options.requestTimeoutMs ?? 2000,
    lateAnswerWindowMs: options.lateAnswerWindowMs ?? 1000,
    retry: { ...TEST_RETRY, ...options.retry },
    gate: { ...TEST_GATE, ...options.gate },
  };
}

/** A client against `emulator` with its own gate (built on the same clock as the transport). */
export function clientFor(emulator: Emulator, options: ClientOptions = {}): MailerSendClient {
  const settings = settingsFor(emulator, options);
  return new MailerSendClient(settings, {
    clock: options.clock,
    random: options.random ?? (() => 0),
    gate: new RequestGate(settings.gate, options.clock),
  });
}

/** The request log as compact lines: `METHOD /path?query` with the `/v1` prefix dropped. */
export function lines(emulator: Emulator, filter?: RequestFilter): string[] {
  return emulator.requests.list(filter).map(line);
}

export function line(entry: RequestLogEntry): string {
  const path = entry.path.replace(/^\/v1/, "");
  const query = new URLSearchParams(entry.query as Record<string, string>).toString();
  return `${entry.method} ${path}${query ? `?${query}` : ""}`;
}

/** The request log with what a test asserts on: line, body, status, credential and outcome. */
export function exchanges(emulator: Emulator, filter?: RequestFilter) {
  return emulator.requests.list(filter).map((entry) => ({
    request: line(entry),
    body: entry.body,
    status: entry.status,
    auth: entry.auth,
    outcome: entry.outcome,
  }));
}

/** Statuses of the logged requests (null when none was sent). */
export function statuses(emulator: Emulator, filter?: RequestFilter): (number | null)[] {
  return emulator.requests.list(filter).map((entry) => entry.status);
}

/** Arrival times (epoch ms) of the logged requests. */
export function arrivals(emulator: Emulator, filter?: RequestFilter): number[] {
  return emulator.requests.list(filter).map((entry) => Date.parse(entry.at));
}

/** Differences between consecutive values. */
export function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((time, i) => time - (times[i] as number));
}

/** Real time that remembers every sleep it was asked for. */
export function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: (ms) => {
      sleeps.push(ms);
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
  };
}

/** Captures the provider's progress lines until `restore()`. */
export function captureLog(): { lines: string[]; restore: () => void } {
  const captured: string[] = [];
  const previous = setLogSink((text) => captured.push(text));
  return { lines: captured, restore: () => setLogSink(previous) };
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** A domain that exists and is verified, set up without HTTP (nothing in the request log). */
export function verifiedDomain(emulator: Emulator, name = "example.com"): string {
  const { id } = emulator.store.domains.create({ name });
  emulator.store.verifyDomain(id);
  return id;
}
