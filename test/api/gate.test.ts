/**
 * The request gate against a server that enforces a limit: configured to the server's limit it
 * paces requests so that none is refused, and it never has more than `maxConcurrency` in flight.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { arrivals, captureLog, clientFor, start, statuses } from "./support";

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** For every request, how many others the server had begun and not yet finished when it arrived. */
function peakInFlight(times: readonly number[], durationMs: number): number {
  let peak = 0;
  for (const time of times) {
    const overlapping = times.filter((other) => other <= time && time < other + durationMs).length;
    peak = Math.max(peak, overlapping);
  }
  return peak;
}

describe("pacing", () => {
  it("10 requests through a gate set to the server's 3 per 1000 ms: no 429, about 3 s", async () => {
    emulator = await start({ rateLimit: { requests: 3, windowMs: 1000 } });
    const client = clientFor(emulator, {
      gate: { maxConcurrency: 8, requests: 3, windowMs: 1000 },
    });
    const log = captureLog();
    const started = Date.now();
    try {
      await Promise.all(Array.from({ length: 10 }, (_, i) => client.domains.get(`d${i}`)));
    } finally {
      log.restore();
    }
    const elapsed = Date.now() - started;

    expect(statuses(emulator)).toEqual(Array(10).fill(404));
    expect(emulator.requests.count({ status: 429 })).toBe(0);
    expect(log.lines).toEqual([]);
    // As the server counts: no 4 arrivals within 1000 ms of each other.
    const times = arrivals(emulator);
    for (let i = 0; i + 3 < times.length; i++) {
      expect((times[i + 3] as number) - (times[i] as number)).toBeGreaterThanOrEqual(1000);
    }
    // 4 waves (3 + 3 + 3 + 1): three full windows, not much more.
    expect(elapsed).toBeGreaterThanOrEqual(3000);
    expect(elapsed).toBeLessThan(3800);
  });

  it("no 429 either when the first requests reach the server late (slow connection)", async () => {
    // The first three requests spend 300 ms on the way, so the server's window opens 300 ms after
    // the gate's. A gate that counted from the start of each request let the next three in at
    // 1000 ms, inside the server's window: three 429s.
    emulator = await start({ rateLimit: { requests: 3, windowMs: 1000 } });
    emulator.faults.add({ delayMs: 300, times: 3 });
    const client = clientFor(emulator, {
      gate: { maxConcurrency: 8, requests: 3, windowMs: 1000 },
      retry: { maxAttempts: 1 },
    });
    await Promise.all(Array.from({ length: 6 }, (_, i) => client.domains.get(`d${i}`)));
    expect(statuses(emulator)).toEqual(Array(6).fill(404));
    const times = arrivals(emulator);
    expect((times[3] as number) - (times[0] as number)).toBeGreaterThanOrEqual(1300);
  });
});

describe("the concurrency cap", () => {
  it("with maxConcurrency 2 the server never has more than 2 requests in flight", async () => {
    emulator = await start();
    emulator.faults.add({ delayMs: 150, times: Infinity });
    const client = clientFor(emulator, { gate: { maxConcurrency: 2 } });
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, (_, i) => client.domains.get(`d${i}`)));
    const elapsed = Date.now() - started;

    const times = arrivals(emulator);
    expect(times).toHaveLength(6);
    // Each request holds its slot for at least the 150 ms delay: the third starts only after the
    // first has finished, and so on.
    for (let i = 0; i + 2 < times.length; i++) {
      expect((times[i + 2] as number) - (times[i] as number)).toBeGreaterThanOrEqual(150);
    }
    expect(peakInFlight(times, 150)).toBe(2);
    // Two really run side by side: three rounds, not six.
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(850);
  });

  it("with maxConcurrency 1 requests run one after another", async () => {
    emulator = await start();
    emulator.faults.add({ delayMs: 100, times: Infinity });
    const client = clientFor(emulator, { gate: { maxConcurrency: 1 } });
    await Promise.all(Array.from({ length: 4 }, (_, i) => client.tokens.get(`t${i}`)));
    const times = arrivals(emulator);
    for (let i = 0; i + 1 < times.length; i++) {
      expect((times[i + 1] as number) - (times[i] as number)).toBeGreaterThanOrEqual(100);
    }
    expect(peakInFlight(times, 100)).toBe(1);
  });
});

describe("a server window stricter than the configured one (X-RateLimit-*, issue 13)", () => {
  it("30 requests, server 5 per 1000 ms, gate set to 60 a minute: at most one 429 per window", async () => {
    emulator = await start({ rateLimit: { requests: 5, windowMs: 1000 } });
    const client = clientFor(emulator, {
      gate: { maxConcurrency: 4, requests: 60, windowMs: 60_000 },
      retry: { maxAttempts: 10, budgetMs: 60_000 },
    });
    const log = captureLog();
    try {
      await Promise.all(Array.from({ length: 30 }, (_, i) => client.tokens.get(`t${i}`)));
    } finally {
      log.restore();
    }
    const refused = emulator.requests.count({ status: 429 });
    console.log(`[pacing] ${refused} 429s for 30 requests in 6 server windows`);
    // 30 requests need 6 windows of 5; a window costs at most its one probe.
    expect(emulator.requests.count({ status: 404 })).toBe(30);
    expect(refused).toBeLessThanOrEqual(6);
    expect(emulator.requests.count()).toBe(30 + refused);
  });
});
