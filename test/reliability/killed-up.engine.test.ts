/**
 * `pulumi up` killed with SIGKILL in the middle of creating an agency (the CLI, the program and
 * the provider all at once, as an out-of-memory kill or a cancelled CI job does), then the
 * documented recovery (docs/reliability.md, "Recovering from a killed `pulumi up`"; test/reliability/support/recover.ts): the stack must
 * converge to exactly the objects asked for, nothing duplicated, no orphan, every token value
 * working, and a preview with nothing left to do.
 *
 * It also pins down what the Pulumi CLI (3.274.1) does after such a kill, which the procedure
 * relies on: the stack stays locked until `pulumi cancel`; pending creates block `pulumi up`, and
 * a non-interactive `pulumi refresh` keeps them unless told `--clear-pending-creates`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changesIn } from "../support/engine-stack";
import {
  createAgencyStack,
  expectedAccount,
  expectStateMatchesAccount,
  startPulumi,
  waitFor,
  type AgencyStack,
} from "./support/agency-stack";
import { deleteOrphansOf, pendingCreates, type PendingCreate } from "./support/recover";

// 20 domain clients (domain, verification, token, user) and 20 identity clients: 140 calls, paced
// at 20 per 2 s so the run lasts long enough to be killed in the middle of it.
const SHAPE = { clients: 40, domainEvery: 2, users: true };
const KILL_AFTER_CREATES = 25;

describe("pulumi up killed mid-run, then recovered", () => {
  let stack: AgencyStack;
  let pending: PendingCreate[] = [];

  beforeAll(async () => {
    stack = await createAgencyStack({
      ...SHAPE,
      emulator: { rateLimit: { requests: 20, windowMs: 2_000 } },
      config: {
        "mailersend:rateLimitRequests": "20",
        "mailersend:rateLimitWindowSeconds": "2",
      },
    });
    const up = startPulumi(stack.ws, ["up", "--yes", "--skip-preview", "--parallel", "16"]);
    await waitFor(
      () => stack.emulator.requests.count({ method: "POST" }) >= KILL_AFTER_CREATES,
      120_000,
      `${KILL_AFTER_CREATES} creates`,
    ).finally(() => up.killAll());
    const { signal } = await up.exited;
    expect(signal).toBe("SIGKILL");
  }, 180_000);
  afterAll(() => stack?.cleanup());

  it("the killed run leaves the stack locked, with pending creates", async () => {
    const locked = await stack.ws.run(["refresh", "--yes", "--skip-preview", "--stack", "dev"], {
      allowFailure: true,
    });
    expect(locked.exitCode).not.toBe(0);
    expect(locked.stderr + locked.stdout).toContain("the stack is currently locked");

    await stack.ws.run(["cancel", "--yes", "--stack", "dev"]); // step 1
    pending = await pendingCreates(stack); // step 2
    expect(pending.length).toBeGreaterThan(0);
    console.log(
      `[killed-up] after the kill: ${JSON.stringify(stack.emulator.store.counts())}; ` +
        `pending creates: ${pending.map((p) => p.type).join(", ")}`,
    );
  });

  it("pending creates block `pulumi up`, and a plain refresh keeps them", async () => {
    const refresh = await stack.ws.refresh();
    expect(refresh.summary?.result).toBe("succeeded");
    expect(await pendingCreates(stack)).toHaveLength(pending.length);
    const up = await stack.ws.up({ allowFailure: true });
    expect(up.exitCode).not.toBe(0);
    expect(up.stdout + up.stderr).toContain("interrupted while waiting for changes");
  });

  it("the documented recovery converges: nothing duplicated, orphaned or lost", async () => {
    // Step 3: drop the pending creates from the state.
    await stack.ws.refresh({ args: ["--clear-pending-creates"] });
    expect(await pendingCreates(stack)).toEqual([]);
    // Step 4: delete what the killed run created that the stack does not hold.
    const deleted = await deleteOrphansOf(stack, pending);
    console.log(`[killed-up] orphans deleted: ${deleted.join(", ") || "none"}`);
    // Step 5.
    const up = await stack.ws.up({ args: ["--parallel", "16"] });
    expect(up.summary?.result).toBe("succeeded");

    expect(stack.emulator.store.counts()).toEqual(expectedAccount(SHAPE));
    await expectStateMatchesAccount(stack);
    stack.clearCalls();
    const { json } = await stack.ws.preview();
    expect(changesIn(json)).toEqual([]);
    expect(stack.callNames()).toEqual([]); // a no-op preview makes no API call
  });
});
