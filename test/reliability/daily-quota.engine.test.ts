/**
 * The daily quota runs out in the middle of `pulumi up` (MailerSend: 100 requests a day without a
 * plan, 1,000 on Hobby; every request counts, failed ones too). The run must fail fast (no retry
 * until the reset, a handful of requests at most after the first refusal) and say when the quota
 * resets; the state must match the account (what was created is recorded, nothing is orphaned or
 * lost); and after the reset (the emulator's clock moved to the next UTC day) the next `up`
 * completes with exactly the objects asked for and a preview shows nothing left to do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../../emulator";
import { changesIn } from "../support/engine-stack";
import type { UpdateResult } from "../support/pulumi";
import {
  createAgencyStack,
  expectedAccount,
  expectStateMatchesAccount,
  minimumCreateCalls,
  type AgencyStack,
} from "./support/agency-stack";

const SHAPE = { clients: 20, domainEvery: 2 }; // 60 calls to create
const QUOTA = 35;
const DAY_MS = 24 * 60 * 60 * 1000;

describe("the daily quota runs out mid-run", () => {
  let stack: AgencyStack;
  let clockOffset = 0;
  let failed: UpdateResult;
  let failedLog: RequestLogEntry[] = [];
  let exitedAt = 0;

  beforeAll(async () => {
    stack = await createAgencyStack({
      ...SHAPE,
      emulator: { dailyQuota: QUOTA, now: () => Date.now() + clockOffset },
    });
    failed = await stack.ws.up({ args: ["--parallel", "16"], allowFailure: true });
    exitedAt = Date.now();
    failedLog = stack.emulator.requests.list();
  }, 180_000);
  afterAll(() => stack?.cleanup());

  it("fails fast, saying when the quota resets", () => {
    expect(minimumCreateCalls(SHAPE)).toBeGreaterThan(QUOTA);
    expect(failed.exitCode).not.toBe(0);
    expect(failed.summary?.result).toBe("failed");
    const refused = failedLog.filter((e) => e.outcome === "quota-exhausted");
    // No retry of a refused request: each refusal is a different request (method, path, body)...
    const key = (e: RequestLogEntry) => `${e.method} ${e.path} ${JSON.stringify(e.body ?? null)}`;
    expect(new Set(refused.map(key)).size).toBe(refused.length);
    // ...at most one per operation already in flight: once an answer says no request remains
    // (`x-apiquota-remaining: 0`), the provider refuses the rest itself, without a request.
    expect(refused.length).toBeLessThanOrEqual(2 * 16);
    expect(failedLog.length).toBeLessThanOrEqual(QUOTA + refused.length);
    // Done within seconds of the last request, not after a retry budget of minutes.
    expect(exitedAt - Date.parse(failedLog[failedLog.length - 1].at)).toBeLessThan(10_000);
    const errors = failed.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    const reset = new Date(Date.UTC(...utcTomorrow())).toISOString().replace(".000Z", "Z");
    expect(errors.join("\n")).toContain(
      `429 the account's daily request quota is used up; it resets at ${reset}`,
    );
    // An ordinary failure prints no gRPC noise from the program after the engine stopped (the
    // Client used to register outputs that waited on its children past the engine's shutdown).
    const printedText = [
      failed.stdout,
      failed.stderr,
      ...failed.diagnostics.map((d) => d.message),
    ].join("\n");
    expect(printedText).not.toContain("Channel has been shut down");
    expect(printedText).not.toContain("resource monitor shut down");
  });

  it("leaves the state matching the account: nothing orphaned, duplicated or lost", async () => {
    await expectStateMatchesAccount(stack);
  });

  it("the next run, after the reset, completes with exactly the objects asked for", async () => {
    clockOffset = DAY_MS; // midnight UTC has passed: the quota is back
    stack.clearCalls();
    const up = await stack.ws.up({ args: ["--parallel", "16"] });
    expect(up.summary?.result).toBe("succeeded");
    expect(stack.emulator.store.counts()).toEqual(expectedAccount(SHAPE));
    await expectStateMatchesAccount(stack);
    // Together, both runs used the minimum plus only the refused requests.
    const refused = failedLog.filter((e) => e.outcome === "quota-exhausted").length;
    const secondRun = stack.emulator.requests
      .list()
      .filter((e) => !(e.method === "GET" && e.path === "/v1/api-quota")).length;
    console.log(
      `[daily-quota] first run ${failedLog.length} requests (${refused} refused), second run ${secondRun}; minimum ${minimumCreateCalls(SHAPE)}`,
    );
    const { json } = await stack.ws.preview();
    expect(changesIn(json)).toEqual([]);
  });
});

function utcTomorrow(): [number, number, number] {
  const now = new Date();
  return [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1];
}
