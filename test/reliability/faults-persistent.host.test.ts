/**
 * Faults that do not go away: one kind of call of an operation answers 503 every time, or loses
 * every answer (the server does the work, the connection drops), until the provider gives up. The
 * operation must then fail cleanly:
 * - the error says what failed and holds no secret;
 * - MailerSend holds what the engine will believe: a failed create leaves nothing, or exactly one
 *   object whose id the error hands to the engine (a partial failure, kept in the stack); a failed
 *   read, update or delete leaves the object (the engine keeps the old state);
 * - no orphan token, whatever happened;
 * - and the next run (the same operation without the fault, as the next `pulumi up` would do it)
 *   completes with exactly the object asked for, no duplicate.
 * Every kind of call of every operation of every resource is faulted on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultRule } from "../../emulator";
import { partialFailureOf } from "../support/dynamic-provider-host";
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
  ["503 on every attempt", { status: 503 }],
  ["every answer lost", { drop: "response" }],
];

/** Every kind of call of every operation, in the order the clean runs make them. */
const CALLS = [
  "Domain create: POST /domains",
  "Domain create: PUT /domains/{}/settings",
  "Domain create: GET /domains/{}/dns-records",
  "Domain read: GET /domains/{}",
  "Domain read: GET /domains/{}/verify",
  "Domain update: PUT /domains/{}/settings",
  "Domain update: GET /domains/{}/dns-records",
  "Domain delete: DELETE /domains/{}",
  "DomainVerification create: GET /domains/{}/verify",
  "DomainVerification create: GET /domains/{}",
  "DomainVerification read: GET /domains/{}",
  "DomainVerification update: GET /domains/{}/verify",
  "DomainVerification update: GET /domains/{}",
  "SenderIdentity create: POST /identities",
  "SenderIdentity read: GET /identities/{}",
  "SenderIdentity update: PUT /identities/{}",
  "SenderIdentity update: POST /identities/{}/resend",
  "SenderIdentity delete: DELETE /identities/{}",
  "ApiToken create: POST /token",
  "ApiToken create: PUT /token/{}",
  "ApiToken read: GET /token/{}",
  "ApiToken update: PUT /token/{}",
  "ApiToken delete: DELETE /token/{}",
  "ClientUser create: POST /users",
  "ClientUser read: GET /invites/{}",
  "ClientUser update: DELETE /invites/{}",
  "ClientUser update: POST /users",
  "ClientUser delete: DELETE /invites/{}",
];

/** Calls made after the create itself: a failure there is a partial failure (id recorded). */
const AFTER_THE_CREATE = new Set([
  "Domain create: PUT /domains/{}/settings",
  "Domain create: GET /domains/{}/dns-records",
  "ApiToken create: PUT /token/{}",
]);
/** Creates whose lost answer is recovered by finding the object by its key (name or email). */
const FOUND_BY_KEY = new Set([
  "Domain create: POST /domains",
  "SenderIdentity create: POST /identities",
  "ClientUser create: POST /users",
  "ClientUser update: POST /users",
]);
const FAILED = "failed cleanly";
const PARTIAL = "partial failure, recorded and finished by the next run";
const DONE = "completed";

/** What each faulted call leads to, per fault. */
const EXPECTED: Record<string, string[]> = {
  "503 on every attempt": CALLS.map((c) => `${c}: ${AFTER_THE_CREATE.has(c) ? PARTIAL : FAILED}`),
  "every answer lost": CALLS.map(
    (c) => `${c}: ${AFTER_THE_CREATE.has(c) ? PARTIAL : FOUND_BY_KEY.has(c) ? DONE : FAILED}`,
  ),
};

let f: HostFixture;
beforeAll(async () => {
  f = await startHostFixture({
    config: {
      "mailersend:rateLimitRequests": "100000",
      // Three attempts are enough to show the give-up path; the policy itself is unit-tested.
      "mailersend:maxRetries": "2",
    },
  });
});
afterAll(() => f?.stop());

/** Each (operation, kind of call) pair, learned from a clean run. */
async function cases(): Promise<[string, Scenario, CallKind][]> {
  const result: [string, Scenario, CallKind][] = [];
  for (const s of allScenarios()) {
    f.emulator.reset();
    const prepared = await s.prepare(f);
    f.clearCalls();
    await s.run(f, prepared);
    for (const kind of distinctKinds(f.calls())) {
      result.push([`${label(s)}: ${kind.method} ${kind.template}`, s, kind]);
    }
  }
  return result;
}

describe("a fault that does not go away", () => {
  let all: [string, Scenario, CallKind][] = [];
  beforeAll(async () => {
    all = await cases();
  });

  it("covers every kind of call of every operation", () => {
    expect(all.map(([name]) => name)).toEqual(CALLS);
  });

  for (const [faultName, fault] of FAULTS) {
    it(`${faultName}: each operation fails cleanly or completes, and the next run converges`, async () => {
      const outcomes: string[] = [];
      for (const [name, s, kind] of all) {
        f.emulator.reset();
        const prepared = await s.prepare(f);
        const before = s.objects(f.emulator);
        f.clearCalls();
        const stderrBefore = f.host.stderr().length;
        const handle = f.emulator.faults.add({
          ...fault,
          method: kind.method,
          path: kind.pattern,
          times: Infinity,
        });

        let failure: unknown;
        let ran;
        try {
          ran = await s.run(f, prepared);
        } catch (error) {
          failure = error;
        }
        handle.remove();
        expect(handle.fired, name).toBeGreaterThan(0);
        expect(f.host.stderr().slice(stderrBefore), name).not.toMatch(SECRET_PATTERN);
        if (s.type === "ApiToken" && s.op === "create") {
          // Whatever happened, no token the stack does not know about.
          const partialId = failure ? partialFailureOf(failure)?.id : ran?.id;
          expect(
            f.emulator.store.tokens.list().map((t) => t.id),
            `${name}: orphan tokens`,
          ).toEqual(partialId ? [partialId] : []);
        }

        if (!failure) {
          // The provider found its way round the fault (a lost create answer: found by its key).
          await s.afterSuccess(f, prepared, ran!);
          outcomes.push(`${name}: ${DONE}`);
          continue;
        }
        const message = (failure as Error).message;
        expect(message, name).not.toMatch(SECRET_PATTERN);
        expect(message, name).toContain("MailerSend API");

        const partial = partialFailureOf(failure);
        if (s.op === "create") {
          if (partial) {
            // Created, not finished: recorded in the stack under this id, and the next up sees a
            // change and finishes it in place (an update, never a second object).
            expect(s.objects(f.emulator), name).toBe(before + 1);
            const olds = partial.properties;
            expect(await f.host.diff(partial.id, olds, prepared.inputs), name).toMatchObject({
              changes: 2,
              replaces: [],
            });
            const { outs } = await f.host.update(partial.id, olds, prepared.inputs);
            await s.afterSuccess(f, prepared, { id: partial.id, outs });
            outcomes.push(`${name}: ${PARTIAL}`);
            continue;
          }
          expect(s.objects(f.emulator), `${name}: nothing left behind`).toBe(before);
        } else {
          // The engine keeps the object in the stack; MailerSend still has it, except a delete
          // whose answer was lost (done, and the next delete's 404 counts as done) and an update
          // that withdraws before it re-creates (see Scenario.removesFirst).
          const gone = (s.op === "delete" && fault.drop === "response") || s.removesFirst;
          expect([before, ...(gone ? [before - 1] : [])], name).toContain(s.objects(f.emulator));
        }
        outcomes.push(`${name}: ${FAILED}`);

        // The next run: the same operation, the fault gone.
        f.clearCalls();
        const again = await s.run(f, prepared);
        await s.afterSuccess(f, prepared, again);
      }
      expect(outcomes).toEqual(EXPECTED[faultName]);
    });
  }
});
