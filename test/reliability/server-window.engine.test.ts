/**
 * MailerSend's window shorter than the configured one (issue 13, point 5): the server allows 10
 * requests per 10 s while the provider is left at its default pace (60 a minute). The provider
 * reads `X-RateLimit-Limit` / `X-RateLimit-Remaining` and `Retry-After`, so 60 creates meet at
 * most one 429 per server window (6), and the run creates exactly the objects asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAgencyStack,
  expectedAccount,
  expectStateMatchesAccount,
  type AgencyStack,
} from "./support/agency-stack";

// 60 sender-identity clients: 60 creates (POST /identities), one call each.
const SHAPE = { clients: 60, domainEvery: 1_000 };
const WINDOW_MS = 10_000;

describe("60 creates against a 10 requests / 10 s server window, provider at 60 / 60 s", () => {
  let stack: AgencyStack;
  let upResult: Awaited<ReturnType<AgencyStack["ws"]["up"]>>;

  beforeAll(async () => {
    stack = await createAgencyStack({
      ...SHAPE,
      emulator: { rateLimit: { requests: 10, windowMs: WINDOW_MS } },
    });
    upResult = await stack.ws.up({
      args: ["--parallel", "16"],
      allowFailure: true,
      timeoutMs: 240_000,
    });
  }, 300_000);
  afterAll(() => stack?.cleanup());

  it("at most one 429 per server window, and the same objects", async () => {
    expect(upResult.exitCode, upResult.stderr).toBe(0);
    const log = stack.emulator.requests.list();
    const refused = log.filter((e) => e.status === 429).length;
    const creates = log.filter((e) => e.method === "POST" && e.status === 201).length;
    console.log(
      `[server-window] ${log.length} requests: ${creates} creates answered 201, ${refused} 429s`,
    );
    expect(creates).toBe(60);
    expect(refused).toBeLessThanOrEqual(60 / 10);
    expect(log.length).toBe(60 + refused);
    expect(stack.emulator.store.counts()).toEqual(expectedAccount(SHAPE));
    await expectStateMatchesAccount(stack);
  });
});
