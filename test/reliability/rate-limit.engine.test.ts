/**
 * A hundred clients applied with `pulumi up --parallel 16` against an account limited to a low
 * rate. The limit is MailerSend's 60 requests a minute scaled down to 20 requests per 2 seconds
 * (same shape, 3x the rate, so the test takes a minute, not five), set both in the emulator and in
 * the provider's config (`mailersend:rateLimitRequests` / `rateLimitWindowSeconds`).
 *
 * Every resource must succeed; the provider must pace itself under the limit instead of hammering
 * it (no window ever sees more than the limit, so no 429 at all, and any 429 is retried only after
 * its Retry-After); it must use no more calls than the API minimum; the run must take about
 * calls / rate, not more; and state and account must agree afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../../emulator";
import {
  createAgencyStack,
  expectedAccount,
  expectedResources,
  expectStateMatchesAccount,
  maxInWindow,
  minimumCreateCalls,
  waitsAfter429,
  type AgencyStack,
} from "./support/agency-stack";

const LIMIT = 20;
const WINDOW_MS = 2_000;
const SHAPE = { clients: 100, domainEvery: 2 };

describe("100 clients under a per-minute limit (scaled: 20 requests / 2 s)", () => {
  let stack: AgencyStack;
  let upMs = 0;
  let upResult: Awaited<ReturnType<AgencyStack["ws"]["up"]>>;
  /** The requests of the `up` (the checks below make some of their own). */
  let log: RequestLogEntry[] = [];

  beforeAll(async () => {
    stack = await createAgencyStack({
      ...SHAPE,
      emulator: { rateLimit: { requests: LIMIT, windowMs: WINDOW_MS }, retryAfterHeader: true },
      config: {
        "mailersend:rateLimitRequests": String(LIMIT),
        "mailersend:rateLimitWindowSeconds": String(WINDOW_MS / 1000),
      },
    });
    const started = Date.now();
    upResult = await stack.ws.up({
      args: ["--parallel", "16"],
      allowFailure: true,
      timeoutMs: 300_000,
    });
    upMs = Date.now() - started;
    log = stack.emulator.requests.list();
  }, 360_000);
  afterAll(() => stack?.cleanup());

  it("every resource succeeds, with exactly the objects asked for", async () => {
    expect(upResult.exitCode, upResult.stderr).toBe(0);
    expect(upResult.summary).toMatchObject({
      result: "succeeded",
      resourceChanges: { create: expectedResources(SHAPE).all },
    });
    expect(upResult.events.filter((e) => e.resOpFailedEvent)).toEqual([]);
    expect(stack.emulator.store.counts()).toEqual(expectedAccount(SHAPE));
    await expectStateMatchesAccount(stack);
  });

  it("stays under the limit: never more than 20 requests in any 2 s, no 429", () => {
    expect(maxInWindow(log, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    expect(
      log.filter((e) => e.outcome !== "ok").map((e) => `${e.method} ${e.path} ${e.outcome}`),
    ).toEqual([]);
    // Were there a 429, its retry must have waited the Retry-After (whole seconds, at least 1).
    for (const { path, waitedMs } of waitsAfter429(log)) {
      expect(waitedMs, path).toBeGreaterThanOrEqual(1000);
    }
  });

  it("uses the API minimum: 5 calls per domain client, 1 per identity client", () => {
    expect(log).toHaveLength(minimumCreateCalls(SHAPE));
  });

  it("takes about calls / rate: the paced phase within 1.25x of its bound, the whole up within 1.5x", () => {
    const calls = log.length;
    const times = log.map((e) => Date.parse(e.at));
    const span = Math.max(...times) - Math.min(...times);
    // The first LIMIT requests may go at once; each further LIMIT needs one more window.
    const spanBound = ((calls - LIMIT) / LIMIT) * WINDOW_MS;
    const upBound = (calls / LIMIT) * WINDOW_MS;
    console.log(
      `[rate-limit] ${calls} calls; API phase ${span} ms (bound ${spanBound} ms, ` +
        `${(span / spanBound).toFixed(2)}x); up ${upMs} ms (calls/rate ${upBound} ms, ` +
        `${(upMs / upBound).toFixed(2)}x)`,
    );
    expect(span / spanBound).toBeLessThan(1.25);
    expect(upMs / upBound).toBeLessThan(1.5);
  });
});
