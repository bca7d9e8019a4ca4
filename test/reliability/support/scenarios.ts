/**
 * Every operation of every resource, as a host-tier scenario for the fault matrix
 * (test/reliability/faults-*.host.test.ts): how to set it up, how to run it through the real
 * dynamic-provider host, and what MailerSend must hold afterwards whether it succeeded or failed.
 *
 * Each operation is chosen to make every call of its normal path (a Domain create with a
 * non-default setting: POST, settings PUT and dns-records; a paused token: POST then PUT; a pending
 * invite's update: DELETE then POST), so a fault on each call of the operation reaches every step.
 * The recovery calls after a lost answer (lookups, token sweeps) are not faulted themselves.
 */
import { expect } from "vitest";
import type { Emulator } from "../../../emulator";
import type { Props } from "../../support/dynamic-provider-host";
import type { HostFixture } from "../../support/host-fixture";

export type Operation = "create" | "read" | "update" | "delete";
export type ResourceType =
  "Domain" | "DomainVerification" | "SenderIdentity" | "ApiToken" | "ClientUser";

/** What a scenario's setup leaves for the operation. */
export interface Prepared {
  /** Inputs for create (checked, `__provider` included). */
  inputs: Props;
  /** For read/update/delete: the object created cleanly beforehand. */
  id?: string;
  outs?: Props;
  /** For update: the new inputs (checked). */
  news?: Props;
  /** Ids of prerequisites (the domain an identity or token belongs to). */
  domainId?: string;
}

/** The result of running the operation: the id and outputs it produced, when it produced some. */
export interface Ran {
  id?: string;
  outs?: Props;
}

export interface Scenario {
  type: ResourceType;
  op: Operation;
  /** Runs with the account empty and the request log cleared afterwards by the caller. */
  prepare(f: HostFixture): Promise<Prepared>;
  run(f: HostFixture, p: Prepared): Promise<Ran>;
  /**
   * What MailerSend must hold once the operation SUCCEEDED: exactly one object (none after a
   * delete), matching what the operation was asked for.
   */
  afterSuccess(f: HostFixture, p: Prepared, ran: Ran): Promise<void>;
  /**
   * How many objects of the resource's kind MailerSend holds (for DomainVerification, which has
   * none of its own: the domains). After a FAILED operation the engine keeps the previous state, so
   * the count must be what it was before, except a create that reports the object it made (a
   * partial failure, recorded in the stack) and a delete that happened although its answer was lost.
   */
  objects(emulator: Emulator): number;
  /**
   * The operation removes the object before it makes the new one (a pending invite cannot be
   * edited, and an address can be invited only once), so a failure after the first step leaves
   * none; the next run makes it again.
   */
  removesFirst?: boolean;
}

/** The delete of an existing object: only what MailerSend holds afterwards differs by resource. */
function deleteScenario(
  type: ResourceType,
  objects: Scenario["objects"],
  prepare: Scenario["prepare"],
  afterSuccess: (f: HostFixture) => Promise<void>,
): Scenario {
  return {
    type,
    op: "delete",
    objects,
    prepare,
    run: async (f, p) => {
      await f.host.delete(p.id!, p.outs!);
      return {};
    },
    afterSuccess,
  };
}

const DOMAIN = "client.test";

function domainOnly(f: HostFixture): string {
  return f.emulator.store.domains.create({ name: DOMAIN }).id;
}

function verifiedAgencyDomain(f: HostFixture): string {
  const { id } = f.emulator.store.domains.create({ name: DOMAIN });
  f.emulator.store.verifyDomain(id);
  return id;
}

async function created(f: HostFixture, inputs: Props): Promise<Prepared> {
  const { id, outs } = await f.host.create(inputs);
  return { inputs, id, outs };
}

/** A token value really works: MailerSend accepts it (after unpausing it, outside the test's view). */
async function tokenWorks(f: HostFixture, id: string, value: string): Promise<boolean> {
  if (f.emulator.store.tokens.get(id)?.status === "pause") {
    f.emulator.store.tokens.update(id, { status: "unpause" });
  }
  const response = await fetch(`${f.emulator.url}/api-quota`, {
    headers: { authorization: `Bearer ${value}` },
  });
  return response.status === 200;
}

const domainScenarios = (): Scenario[] => {
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

const verificationScenarios = (): Scenario[] => {
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

const identityScenarios = (): Scenario[] => {
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

const tokenScenarios = (): Scenario[] => {
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

const userScenarios = (): Scenario[] => {
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
export function allScenarios(): Scenario[] {
  return [
    ...domainScenarios(),
    ...verificationScenarios(),
    ...identityScenarios(),
    ...tokenScenarios(),
    ...userScenarios(),
  ];
}

/** `ApiToken create`, for test names. */
export function label(s: Pick<Scenario, "type" | "op">): string {
  return `${s.type} ${s.op}`;
}

/** One kind of API call: the method and the path with ids as wildcards (`PUT /domains/*\/settings`). */
export interface CallKind {
  method: string;
  /** e.g. `/domains/{}/settings` */
  template: string;
  pattern: RegExp;
}

const LITERAL_SEGMENTS = new Set(["settings", "dns-records", "verify", "resend", "email"]);

/** The kind of a logged call (`/v1` already stripped), ids replaced by `{}`. */
export function callKind(method: string, pathAfterV1: string): CallKind {
  const [first, ...rest] = pathAfterV1.split("/").filter(Boolean);
  const parts = [first, ...rest.map((s) => (LITERAL_SEGMENTS.has(s) ? s : "{}"))];
  const template = `/${parts.join("/")}`;
  const source = parts.map((p) => (p === "{}" ? "[^/]+" : p.replace(/[-]/g, "\\-"))).join("\\/");
  return { method, template, pattern: new RegExp(`^\\/${source}$`) };
}

/** The distinct kinds of call in a list of logged calls, in first-seen order. */
export function distinctKinds(calls: { call: string }[]): CallKind[] {
  const seen = new Map<string, CallKind>();
  for (const { call } of calls) {
    const [method, path] = call.split(" ");
    const kind = callKind(method, path);
    const key = `${kind.method} ${kind.template}`;
    if (!seen.has(key)) seen.set(key, kind);
  }
  return [...seen.values()];
}

/** A MailerSend secret (the account key or a token value) anywhere in a text. */
export const SECRET_PATTERN = /mlsn\.[0-9a-f]{64}/;
