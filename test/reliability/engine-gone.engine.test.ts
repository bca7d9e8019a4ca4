/**
 * The CLI process of a `pulumi up` killed with SIGKILL, and only it (issue 13, point 2): the
 * engine dies with it, but the dynamic-provider host runs in a process group of its own and is
 * not killed. It must notice that the engine is gone, send no further request (the emulator's
 * request log against the kill time) and exit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../../emulator";
import {
  createAgencyStack,
  isRunning,
  startPulumi,
  waitFor,
  type AgencyStack,
} from "./support/agency-stack";

// 20 clients paced at 10 requests per 2 s: about 14 s of creates, killed after 10 of them.
const SHAPE = { clients: 20, domainEvery: 2, users: true };
const KILL_AFTER_CREATES = 10;
/**
 * A request the provider had already handed to the socket when the kill happened may still be
 * logged a few milliseconds later (it was sent while the engine was alive).
 */
const IN_FLIGHT_MS = 50;
/** How long the test watches after the kill: the paced run had about 10 s of creates left. */
const WATCH_MS = 15_000;

describe("the CLI killed alone: the provider stops sending and exits", () => {
  let stack: AgencyStack;
  let killedAt = 0;
  let plugins: { pid: number; cmdline: string }[] = [];
  let providerExitedAfterMs = Number.NaN;

  beforeAll(async () => {
    stack = await createAgencyStack({
      ...SHAPE,
      emulator: { rateLimit: { requests: 10, windowMs: 2_000 } },
      config: {
        "mailersend:rateLimitRequests": "10",
        "mailersend:rateLimitWindowSeconds": "2",
      },
    });
    const up = startPulumi(stack.ws, ["up", "--yes", "--skip-preview", "--parallel", "16"]);
    await waitFor(
      () => stack.emulator.requests.count({ method: "POST" }) >= KILL_AFTER_CREATES,
      120_000,
      `${KILL_AFTER_CREATES} creates`,
    );
    plugins = up.killCliOnly();
    killedAt = Date.now();
    await up.exited;
    const providers = plugins.filter((p) => p.cmdline.includes("dynamic-provider"));
    expect(providers.length, JSON.stringify(plugins)).toBeGreaterThan(0);
    await waitFor(() => !providers.some((p) => isRunning(p.pid)), WATCH_MS, "the provider to exit")
      .then(() => (providerExitedAfterMs = Date.now() - killedAt))
      .catch(() => undefined);
    // Keep watching the request log for the rest of the window the run would have needed.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, killedAt + WATCH_MS - Date.now())),
    );
  }, 240_000);
  afterAll(() => {
    for (const { pid } of plugins) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // ended by itself
      }
    }
    return stack?.cleanup();
  });

  it("no request reaches MailerSend after the kill", () => {
    const log = stack.emulator.requests.list();
    const after = (entry: RequestLogEntry) => Date.parse(entry.at) - killedAt;
    const late = log.filter((entry) => after(entry) > IN_FLIGHT_MS);
    console.log(
      `[engine-gone] ${log.filter((e) => after(e) <= 0).length} requests before the kill, ` +
        `${log.filter((e) => after(e) > 0).length} logged after it ` +
        `(latest +${Math.max(0, ...log.map(after))} ms); provider exited after ${providerExitedAfterMs} ms`,
    );
    expect(late.map((e) => `${e.at} ${e.method} ${e.path}`)).toEqual([]);
  });

  it("the provider process exits by itself within seconds", () => {
    expect(providerExitedAfterMs).toBeLessThan(5_000);
  });
});
