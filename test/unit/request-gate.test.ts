import { describe, expect, it } from "vitest";
import { RequestGate, type Clock } from "../../provider/api/gate";

/** A clock that only moves when someone sleeps on it. */
function fakeClock(): Clock & { time: number } {
  const clock = {
    time: 0,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.time += ms;
    },
  };
  return clock;
}

describe("RequestGate", () => {
  it("starts at most `requests` in any window and spaces the rest by the window", async () => {
    const clock = fakeClock();
    const gate = new RequestGate({ maxConcurrency: 10, requests: 3, windowMs: 1000 }, clock);
    const starts: number[] = [];
    for (let i = 0; i < 7; i++) {
      const release = await gate.acquire();
      starts.push(clock.now());
      release();
    }
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it("keeps arrival order and never exceeds the concurrency cap", async () => {
    const clock = fakeClock();
    const gate = new RequestGate({ maxConcurrency: 2, requests: 100, windowMs: 1000 }, clock);
    let inFlight = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const release = await gate.acquire();
        order.push(i);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("holds everybody back after a pause (a 429 with Retry-After)", async () => {
    const clock = fakeClock();
    const gate = new RequestGate({ maxConcurrency: 4, requests: 100, windowMs: 1000 }, clock);
    gate.pauseUntil(5000);
    const release = await gate.acquire();
    expect(clock.now()).toBe(5000);
    release();
    release(); // releasing twice is harmless
  });
});
