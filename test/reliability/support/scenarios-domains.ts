/** The fault matrix's scenarios: Domain, DomainVerification and SenderIdentity (see scenarios.ts). */
import { expect } from "vitest";
import type { Emulator } from "../../../emulator";
import type { HostFixture } from "../../support/host-fixture";
import type { Prepared, Ran, Scenario } from "./scenarios";
import {
  created,
  deleteScenario,
  DOMAIN,
  domainOnly,
  verifiedAgencyDomain,
} from "./scenario-setup";

export const domainScenarios = (): Scenario[] => {
  const base = { name: DOMAIN, trackOpens: false };
  const objects = (e: Emulator) => e.store.counts().domains;
  const prepareCreate = async (f: HostFixture) => ({ inputs: await f.checked("Domain", base) });
  const prepareExisting = async (f: HostFixture) => created(f, await f.checked("Domain", base));
  const one = (f: HostFixture, ran: Ran, expected: { trackOpens: boolean; tracking?: boolean }) => {
    const domains = f.emulator.store.domains.list();
    expect(domains.map((d) => d.name)).toEqual([DOMAIN]);
    expect(domains[0].settings.track_opens).toBe(expected.trackOpens);
    if (expected.tracking !== undefined) {
      expect(domains[0].settings.custom_tracking_enabled).toBe(expected.tracking);
    }
    if (ran.outs) {
      expect(ran.outs.pendingSteps).toEqual([]);
      expect((ran.outs.dnsRecords as unknown[]).length).toBeGreaterThan(0);
    }
  };
  return [
    {
      type: "Domain",
      op: "create",
      objects,
      prepare: prepareCreate,
      run: (f, p) => f.host.create(p.inputs),
      async afterSuccess(f, _p, ran) {
        one(f, ran, { trackOpens: false });
        expect(ran.id).toBe(f.emulator.store.domains.list()[0].id);
      },
    },
    {
      type: "Domain",
      op: "read",
      objects,
      prepare: prepareExisting,
      run: async (f, p) => {
        const read = await f.host.read(p.id!, p.outs!);
        return { id: read.id, outs: read.props };
      },
      async afterSuccess(f, p, ran) {
        expect(ran.id).toBe(p.id);
        one(f, ran, { trackOpens: false });
        expect(ran.outs?.trackOpens).toBe(false);
      },
    },
    {
      type: "Domain",
      op: "update",
      objects,
      async prepare(f) {
        const prepared = await prepareExisting(f);
        // A setting and custom tracking: the settings PUT, then the records (the CNAME appears).
        const news = await f.checked("Domain", {
          ...base,
          trackOpens: true,
          customTrackingEnabled: true,
        });
        return { ...prepared, news };
      },
      run: (f, p) => f.host.update(p.id!, p.outs!, p.news!),
      async afterSuccess(f, _p, ran) {
        one(f, ran, { trackOpens: true, tracking: true });
        expect(ran.outs).toMatchObject({ trackOpens: true, customTrackingEnabled: true });
      },
    },
    deleteScenario("Domain", objects, prepareExisting, async (f) => {
      expect(f.emulator.store.domains.list()).toEqual([]);
    }),
  ];
};

export const verificationScenarios = (): Scenario[] => {
  // No object of its own in MailerSend: the domain it checks must stay exactly one.
  const objects = (e: Emulator) => e.store.counts().domains;
  const prepareCreate = async (f: HostFixture) => {
    const domainId = domainOnly(f);
    return { domainId, inputs: await f.checked("DomainVerification", { domainId }) };
  };
  const prepareExisting = async (f: HostFixture) => {
    const { domainId, inputs } = await prepareCreate(f);
    return { ...(await created(f, inputs)), domainId };
  };
  const checked = (ran: Ran, p: Prepared) => {
    if (ran.outs) expect(ran.outs).toMatchObject({ domainId: p.domainId, verified: false });
  };
  return [
    {
      type: "DomainVerification",
      op: "create",
      objects,
      prepare: prepareCreate,
      run: (f, p) => f.host.create(p.inputs),
      async afterSuccess(f, p, ran) {
        expect(f.emulator.store.counts().domains).toBe(1);
        expect(ran.id).toBe(`${p.domainId}-verification`);
        expect(ran.outs?.status).toBe("pending");
        checked(ran, p);
      },
    },
    {
      type: "DomainVerification",
      op: "read",
      objects,
      prepare: prepareExisting,
      run: async (f, p) => {
        const read = await f.host.read(p.id!, p.outs!);
        return { id: read.id, outs: read.props };
      },
      async afterSuccess(_f, p, ran) {
        expect(ran.id).toBe(p.id);
        checked(ran, p);
      },
    },
    {
      type: "DomainVerification",
      op: "update",
      objects,
      async prepare(f) {
        const prepared = await prepareExisting(f);
        const news = await f.checked("DomainVerification", {
          domainId: prepared.domainId,
          nonce: "again",
        });
        return { ...prepared, news };
      },
      run: (f, p) => f.host.update(p.id!, p.outs!, p.news!),
      async afterSuccess(_f, p, ran) {
        expect(ran.outs).toMatchObject({ nonce: "again", status: "pending" });
        checked(ran, p);
      },
    },
    deleteScenario("DomainVerification", objects, prepareExisting, async (f) => {
      // Nothing to delete in MailerSend: the domain stays.
      expect(f.emulator.store.counts().domains).toBe(1);
    }),
  ];
};

export const identityScenarios = (): Scenario[] => {
  const email = "hello@client.test";
  const objects = (e: Emulator) => e.store.counts().identities;
  const args = (domainId: string) => ({ domainId, email, name: "Hello" });
  const prepareCreate = async (f: HostFixture) => {
    const domainId = verifiedAgencyDomain(f);
    return { domainId, inputs: await f.checked("SenderIdentity", args(domainId)) };
  };
  const prepareExisting = async (f: HostFixture) => {
    const { domainId, inputs } = await prepareCreate(f);
    return { ...(await created(f, inputs)), domainId };
  };
  const one = (f: HostFixture, name: string) => {
    expect(f.emulator.store.identities.list().map((i) => [i.email, i.name])).toEqual([
      [email, name],
    ]);
  };
  return [
    {
      type: "SenderIdentity",
      op: "create",
      objects,
      prepare: prepareCreate,
      run: (f, p) => f.host.create(p.inputs),
      async afterSuccess(f, _p, ran) {
        one(f, "Hello");
        expect(ran.id).toBe(f.emulator.store.identities.list()[0].id);
      },
    },
    {
      type: "SenderIdentity",
      op: "read",
      objects,
      prepare: prepareExisting,
      run: async (f, p) => {
        const read = await f.host.read(p.id!, p.outs!);
        return { id: read.id, outs: read.props };
      },
      async afterSuccess(f, p, ran) {
        expect(ran.id).toBe(p.id);
        one(f, "Hello");
      },
    },
    {
      type: "SenderIdentity",
      op: "update",
      objects,
      async prepare(f) {
        const prepared = await prepareExisting(f);
        // A field change (PUT) and a new resend nonce (POST .../resend).
        const news = await f.checked("SenderIdentity", {
          ...args(prepared.domainId!),
          name: "Hello Again",
          resendNonce: "1",
        });
        return { ...prepared, news };
      },
      run: (f, p) => f.host.update(p.id!, p.outs!, p.news!),
      async afterSuccess(f, _p, ran) {
        one(f, "Hello Again");
        expect(ran.outs).toMatchObject({ name: "Hello Again", resendNonce: "1" });
        expect(f.emulator.store.identities.list()[0].resends).toBeGreaterThanOrEqual(1);
      },
    },
    deleteScenario("SenderIdentity", objects, prepareExisting, async (f) => {
      expect(f.emulator.store.identities.list()).toEqual([]);
    }),
  ];
};
