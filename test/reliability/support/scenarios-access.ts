/** The fault matrix's scenarios: ApiToken and ClientUser (see scenarios.ts). */
import { expect } from "vitest";
import type { Emulator } from "../../../emulator";
import type { HostFixture } from "../../support/host-fixture";
import type { Ran, Scenario } from "./scenarios";
import { created, deleteScenario, domainOnly, tokenWorks } from "./scenario-setup";

export const tokenScenarios = (): Scenario[] => {
  const objects = (e: Emulator) => e.store.counts().tokens;
  // Created paused: POST then PUT, so both calls of a create meet the fault.
  const args = (domainId: string) => ({
    name: "client sending",
    domainId,
    scopes: ["email_full"],
    status: "paused",
  });
  const prepareCreate = async (f: HostFixture) => {
    const domainId = domainOnly(f);
    return { domainId, inputs: await f.checked("ApiToken", args(domainId)) };
  };
  const prepareExisting = async (f: HostFixture) => {
    const { domainId, inputs } = await prepareCreate(f);
    return { ...(await created(f, inputs)), domainId };
  };
  /** Exactly one token, the resource's, with the value in the outputs: no orphan, no lost secret. */
  const onlyOurs = async (f: HostFixture, id: string, value: unknown, name: string) => {
    const tokens = f.emulator.store.tokens.list();
    expect(tokens.map((t) => [t.id, t.name])).toEqual([[id, name]]);
    expect(value).toMatch(/^mlsn\.[0-9a-f]{64}$/);
    expect(await tokenWorks(f, id, value as string)).toBe(true);
  };
  return [
    {
      type: "ApiToken",
      op: "create",
      objects,
      prepare: prepareCreate,
      run: (f, p) => f.host.create(p.inputs),
      async afterSuccess(f, _p, ran) {
        expect(ran.outs?.status).toBe("paused");
        expect(f.emulator.store.tokens.list()[0]?.status).toBe("pause");
        await onlyOurs(f, ran.id!, ran.outs?.token, "client sending");
      },
    },
    {
      type: "ApiToken",
      op: "read",
      objects,
      prepare: prepareExisting,
      run: async (f, p) => {
        const read = await f.host.read(p.id!, p.outs!);
        return { id: read.id, outs: read.props };
      },
      async afterSuccess(f, p, ran) {
        expect(ran.id).toBe(p.id);
        // The value cannot be read back: a refresh must carry it over.
        expect(ran.outs?.token).toBe(p.outs?.token);
        await onlyOurs(f, p.id!, ran.outs?.token, "client sending");
      },
    },
    {
      type: "ApiToken",
      op: "update",
      objects,
      async prepare(f) {
        const prepared = await prepareExisting(f);
        const news = await f.checked("ApiToken", {
          ...args(prepared.domainId!),
          name: "client sending v2",
          status: "active",
        });
        return { ...prepared, news };
      },
      run: (f, p) => f.host.update(p.id!, p.outs!, p.news!),
      async afterSuccess(f, p, ran) {
        expect(ran.outs).toMatchObject({ name: "client sending v2", status: "active" });
        expect(f.emulator.store.tokens.list()[0]?.status).toBe("unpause");
        await onlyOurs(f, p.id!, ran.outs?.token, "client sending v2");
      },
    },
    deleteScenario("ApiToken", objects, prepareExisting, async (f) => {
      expect(f.emulator.store.tokens.list()).toEqual([]);
    }),
  ];
};

export const userScenarios = (): Scenario[] => {
  const email = "owner@client.test";
  const objects = (e: Emulator) => e.store.counts().invites;
  const args = (domainId: string, permissions: string[]) => ({
    email,
    role: "Custom User",
    permissions,
    domainIds: [domainId],
  });
  const prepareCreate = async (f: HostFixture) => {
    const domainId = domainOnly(f);
    return { domainId, inputs: await f.checked("ClientUser", args(domainId, ["read-activity"])) };
  };
  const prepareExisting = async (f: HostFixture) => {
    const { domainId, inputs } = await prepareCreate(f);
    return { ...(await created(f, inputs)), domainId };
  };
  const one = (f: HostFixture, permissions: string[], ran?: Ran) => {
    const invites = f.emulator.store.invites.list();
    expect(invites.map((i) => [i.email, [...i.permissions].sort()])).toEqual([
      [email, permissions],
    ]);
    expect(f.emulator.store.counts().users).toBe(0);
    if (ran?.outs) expect(ran.outs.inviteId).toBe(invites[0].id);
  };
  return [
    {
      type: "ClientUser",
      op: "create",
      objects,
      prepare: prepareCreate,
      run: (f, p) => f.host.create(p.inputs),
      async afterSuccess(f, _p, ran) {
        expect(ran.id).toBe(email);
        one(f, ["read-activity"], ran);
      },
    },
    {
      type: "ClientUser",
      op: "read",
      objects,
      prepare: prepareExisting,
      run: async (f, p) => {
        const read = await f.host.read(p.id!, p.outs!);
        return { id: read.id, outs: read.props };
      },
      async afterSuccess(f, p, ran) {
        expect(ran.id).toBe(p.id);
        one(f, ["read-activity"], ran);
      },
    },
    {
      type: "ClientUser",
      op: "update",
      objects,
      removesFirst: true,
      async prepare(f) {
        const prepared = await prepareExisting(f);
        // A pending invite cannot be edited: withdrawn (DELETE) and sent again (POST).
        const news = await f.checked(
          "ClientUser",
          args(prepared.domainId!, ["read-activity", "read-analytics"]),
        );
        return { ...prepared, news };
      },
      run: (f, p) => f.host.update(p.id!, p.outs!, p.news!),
      async afterSuccess(f, _p, ran) {
        one(f, ["read-activity", "read-analytics"], ran);
      },
    },
    deleteScenario("ClientUser", objects, prepareExisting, async (f) => {
      expect(f.emulator.store.invites.list()).toEqual([]);
    }),
  ];
};

/** Every resource × operation, in a fixed order. */
