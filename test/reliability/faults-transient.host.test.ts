/**
 * Faults on EVERY call of EVERY operation of EVERY resource, through the real dynamic-provider
 * host: a 503, a dropped request (no answer, nothing done), a lost answer (done, no answer) and a
 * 429 with Retry-After, each once on each kind of call the operation makes. Every operation must
 * complete, leave exactly one object (none after a delete) matching what was asked, never an
 * orphan token, never a lost token value, and never print a secret.
 *
 * The calls an operation makes are learned from a clean run first, so a new call in the provider
 * is faulted too without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultRule } from "../../emulator";
import { startHostFixture, type HostFixture } from "../support/host-fixture";
import {
  SECRET_PATTERN,
  allScenarios,
  distinctKinds,
  label,
  type CallKind,
  type Scenario,
} from "./support/scenarios";

const FAULTS: [string, Omit<FaultRule, "method" | "path" | "times">][] = [
  ["503", { status: 503 }],
  ["dropped request", { drop: "request" }],
  ["lost answer", { drop: "response" }],
  ["429 with Retry-After: 1", { status: 429, headers: { "retry-after": "1" } }],
];

let f: HostFixture;
beforeAll(async () => {
  // The provider paces itself at 60 requests a minute by default; this file makes ~700.
  f = await startHostFixture({ config: { "mailersend:rateLimitRequests": "100000" } });
});
afterAll(() => f?.stop());

const scenarios = allScenarios().map((s) => [label(s), s] as const);
const learned = new Map<string, CallKind[]>();

/** The kinds of call the operation makes when nothing goes wrong. */
async function callKinds(s: Scenario): Promise<CallKind[]> {
  const key = label(s);
  if (!learned.has(key)) {
    f.emulator.reset();
    const prepared = await s.prepare(f);
    f.clearCalls();
    const ran = await s.run(f, prepared);
    const kinds = distinctKinds(f.calls()); // before afterSuccess, which may call the API itself
    await s.afterSuccess(f, prepared, ran);
    learned.set(key, kinds);
  }
  return learned.get(key)!;
}

describe.each(FAULTS)("%s once on each call of the operation", (_name, fault) => {
  it.each(scenarios)("%s completes with exactly the object asked for", async (_label, s) => {
    const kinds = await callKinds(s);
    f.emulator.reset();
    const prepared = await s.prepare(f);
    f.clearCalls();
    const stderrBefore = f.host.stderr().length;
    const handles = kinds.map((kind) =>
      f.emulator.faults.add({ ...fault, method: kind.method, path: kind.pattern, times: 1 }),
    );

    const ran = await s.run(f, prepared);

    // Every kind of call met its fault once, and the operation still did exactly its job.
    expect(handles.map((h) => [h.rule.method, h.fired])).toEqual(
      kinds.map((kind) => [kind.method, 1]),
    );
    await s.afterSuccess(f, prepared, ran);
    expect(f.host.stderr().slice(stderrBefore)).not.toMatch(SECRET_PATTERN);

    if (fault.status === 429) {
      // The retry of each refused call came after the wait the server asked for, not before.
      const log = f.emulator.requests.list();
      for (const refused of log.filter((entry) => entry.outcome === "fault")) {
        const retry = log.find(
          (entry) =>
            entry.seq > refused.seq &&
            entry.method === refused.method &&
            entry.path === refused.path,
        );
        expect(retry, `${refused.method} ${refused.path} was retried`).toBeDefined();
        expect(Date.parse(retry!.at) - Date.parse(refused.at)).toBeGreaterThanOrEqual(1000);
      }
    }
  });
});
