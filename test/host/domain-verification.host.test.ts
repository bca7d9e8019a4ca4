import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHostFixture, type HostFixture } from "../support/host-fixture";

let f: HostFixture;
let P: string;
let domainId: string;

beforeAll(async () => {
  f = await startHostFixture();
  P = await f.provider("DomainVerification");
});
afterAll(() => f?.stop());
beforeEach(() => {
  f.emulator.reset();
  domainId = f.emulator.store.domains.create({ name: "client.test" }).id;
});

const ALL_FAILING = [
  { purpose: "dkim", verified: false },
  { purpose: "spf", verified: false },
  { purpose: "returnPath", verified: false },
  { purpose: "customTracking", verified: false },
  { purpose: "inboundRouting", verified: false },
];

async function run(args: Record<string, unknown>) {
  const inputs = await f.checked("DomainVerification", { domainId, ...args });
  f.clearCalls();
  return { inputs, ...(await f.host.create(inputs)) };
}

describe("DomainVerification through the dynamic-provider host", () => {
  it("trigger: one verify call and the verified flag; never fails", async () => {
    const { id, outs } = await run({});
    expect(id).toBe(`${domainId}-verification`);
    expect(f.calls().map((c) => c.call)).toEqual([
      `GET /domains/${domainId}/verify`,
      `GET /domains/${domainId}`,
    ]);
    expect(outs).toEqual({
      __provider: P,
      domainId,
      // Inputs at their defaults are not recorded (provider/runtime/state-defaults.ts).
      verified: false,
      status: "pending",
      records: ALL_FAILING,
      stateVersion: 1,
    });
  });

  it("none: reports MailerSend's status without triggering a check", async () => {
    f.emulator.store.verifyDomain(domainId);
    const { outs } = await run({ mode: "none" });
    expect(f.calls().map((c) => c.call)).toEqual([`GET /domains/${domainId}`]);
    expect(outs).toMatchObject({
      verified: true,
      status: "verified",
      records: [
        { purpose: "dkim", verified: true },
        { purpose: "spf", verified: true },
        // The tracking CNAME only verifies once custom tracking is enabled on the domain.
        { purpose: "customTracking", verified: false },
      ],
    });
  });

  it("wait: polls with growing intervals until the records are published", async () => {
    setTimeout(() => f.emulator.store.publishDnsRecords(domainId, { checkNow: false }), 1800);
    const { outs } = await run({ mode: "wait", pollIntervalSeconds: 1, timeoutSeconds: 20 });
    const calls = f.emulator.requests.list();
    const verifies = calls.filter((c) => c.path.endsWith("/verify"));
    expect(verifies.length).toBe(3); // t=0, t=1s, t=2.5s (×1.5)
    const gaps = verifies.slice(1).map((c, i) => Date.parse(c.at) - Date.parse(verifies[i].at));
    expect(gaps[0]).toBeGreaterThanOrEqual(950);
    expect(gaps[1]).toBeGreaterThanOrEqual(1450);
    expect(calls.at(-1)?.path).toBe(`/v1/domains/${domainId}`);
    expect(outs).toMatchObject({ verified: true, status: "verified" });
  });

  it("wait: fails at the timeout naming each failing record and what it should be", async () => {
    f.emulator.store.publishDnsRecords(domainId, { records: ["spf"], checkNow: false });
    const inputs = await f.checked("DomainVerification", {
      domainId,
      mode: "wait",
      pollIntervalSeconds: 1,
      timeoutSeconds: 2,
    });
    f.clearCalls();
    const error = await f.host.create(inputs).catch((e: Error) => e);
    expect((error as Error).message).toContain(
      `Domain client.test (id ${domainId}) is not verified after 2s. These records still fail MailerSend's check:\n` +
        "  - dkim: CNAME mlsend2._domainkey.client.test → mlsend2._domainkey.mailersend.net\n" +
        "  - returnPath: CNAME mta.client.test → mailersend.net\n" +
        "Publish them in the domain's DNS (changes can take up to 24 hours to propagate), then run `pulumi up` again, " +
        'or set mode to "trigger" to continue without waiting.',
    );
    // Checks at 0 s, 1 s and at the 2 s deadline (the last wait is cut short).
    expect(f.calls().map((c) => c.call)).toEqual([
      `GET /domains/${domainId}/verify`,
      `GET /domains/${domainId}/verify`,
      `GET /domains/${domainId}/verify`,
      `GET /domains/${domainId}`,
      `GET /domains/${domainId}/dns-records`,
    ]);
  });

  it("wait: stops early rather than spend the last of the daily quota", async () => {
    const fixture = await startHostFixture({ emulator: { dailyQuota: 15 } });
    try {
      const id = fixture.emulator.store.domains.create({ name: "client.test" }).id;
      const inputs = await fixture.checked("DomainVerification", {
        domainId: id,
        mode: "wait",
        pollIntervalSeconds: 1,
        timeoutSeconds: 60,
      });
      const error = await fixture.host.create(inputs).catch((e: Error) => e);
      expect((error as Error).message).toContain(
        "is not verified after 0s (stopped early: only 14 requests of today's API quota are left)",
      );
      expect(fixture.emulator.requests.count({ path: /\/verify$/ })).toBe(1);
    } finally {
      await fixture.stop();
    }
  });

  it("wait: quota -1 (an unlimited plan, as every recorded answer says) is never read as spent", async () => {
    const fixture = await startHostFixture({ emulator: { dailyQuota: "unlimited" } });
    try {
      const id = fixture.emulator.store.domains.create({ name: "client.test" }).id;
      const inputs = await fixture.checked("DomainVerification", {
        domainId: id,
        mode: "wait",
        pollIntervalSeconds: 1,
        timeoutSeconds: 20,
      });
      setTimeout(() => fixture.emulator.store.publishDnsRecords(id, { checkNow: false }), 1800);
      const { outs } = await fixture.host.create(inputs);
      expect(outs).toMatchObject({ verified: true, status: "verified" });
      // Read as "spent" (or below the reserve), -1 would have stopped the wait after one check.
      const verifies = fixture.emulator.requests.list({ path: /\/verify$/ });
      expect(verifies.length).toBeGreaterThanOrEqual(2);
      expect(verifies.every((c) => c.status === 200 && c.outcome === "ok")).toBe(true);
      expect(fixture.emulator.requests.list().at(-1)?.path).toBe(`/v1/domains/${id}`);
    } finally {
      await fixture.stop();
    }
  });

  it("re-runs when the nonce or mode changes; the timeout alone changes nothing", async () => {
    const { id, outs } = await run({});
    const diff = async (args: Record<string, unknown>) =>
      f.host.diff(id, outs, await f.checked("DomainVerification", { domainId, ...args }));
    expect(await diff({ nonce: 1 })).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await diff({ mode: "none" })).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await diff({ timeoutSeconds: 30 })).toEqual({
      changes: 1,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await diff({ domainId: "another1234domain" })).toEqual({
      changes: 2,
      replaces: ["domainId"],
      deleteBeforeReplace: false,
    });
    f.emulator.store.verifyDomain(domainId);
    f.clearCalls();
    const { outs: rerun } = await f.host.update(
      id,
      outs,
      await f.checked("DomainVerification", { domainId, nonce: 1 }),
    );
    expect(f.calls().map((c) => c.call)).toEqual([
      `GET /domains/${domainId}/verify`,
      `GET /domains/${domainId}`,
    ]);
    expect(rerun).toMatchObject({ nonce: "1", verified: true, status: "verified" });
  });

  it("refresh reads the domain once; a deleted domain takes its verification with it; delete calls nothing", async () => {
    const { id, outs } = await run({});
    f.emulator.store.verifyDomain(domainId);
    f.clearCalls();
    const refreshed = await f.host.read(id, outs);
    expect(f.calls().map((c) => c.call)).toEqual([`GET /domains/${domainId}`]);
    expect(refreshed.props).toMatchObject({ verified: true, status: "verified" });
    f.emulator.store.domains.delete(domainId);
    expect((await f.host.read(id, outs)).id).toBe("");
    f.clearCalls();
    await f.host.delete(id, outs);
    expect(f.calls()).toEqual([]);
  });

  it("rejects bad input at check with zero API calls", async () => {
    f.clearCalls();
    const { failures } = await f.host.check(
      {},
      {
        domainId,
        mode: "forever",
        requiredRecords: ["dkim", "dmarc"],
        timeoutSeconds: 0.5,
        pollIntervalSeconds: 0,
        __provider: P,
      },
    );
    expect(failures).toEqual([
      {
        property: "mode",
        reason:
          'must be one of none, trigger, wait (none reports, trigger asks once, wait polls); got "forever"',
      },
      {
        property: "requiredRecords[1]",
        reason:
          'must be one of dkim, spf, returnPath, customTracking, inboundRouting (DNS records MailerSend checks); got "dmarc"',
      },
      { property: "timeoutSeconds", reason: "must be a whole number of seconds" },
      { property: "pollIntervalSeconds", reason: "must be at least 1 second" },
    ]);
    const second = await f.host.check(
      {},
      { domainId, mode: "wait", timeoutSeconds: 5, pollIntervalSeconds: 10, __provider: P },
    );
    expect(second.failures).toEqual([
      {
        property: "pollIntervalSeconds",
        reason: "must not exceed timeoutSeconds (5) in wait mode",
      },
    ]);
    expect(f.calls()).toEqual([]);
  });
});
