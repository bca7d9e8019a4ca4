// What the stack may delete (docs/adoption-and-renames.md), through the real dynamic-provider host
// against the emulator: adopted objects stay unless `deleteAdoptedOnDestroy`, `adopt` is shown (or
// refused) at check time with one read-only call for a new resource only, and a delete skips an
// object another resource of the same deployment holds (issue 16).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHostFixture, type HostFixture } from "../support/host-fixture";

let f: HostFixture;
let agencyDomainId: string;

// A host per test: the provider process remembers what its deployment holds (one `up`), and
// the emulator's seeded ids repeat after a reset.
beforeEach(async () => {
  f = await startHostFixture();
  const agency = f.emulator.store.domains.create({ name: "agency.test" });
  f.emulator.store.verifyDomain(agency.id);
  agencyDomainId = agency.id;
  f.clearCalls();
});
afterEach(() => f?.stop());

async function check(type: string, olds: Record<string, unknown>, args: Record<string, unknown>) {
  return f.host.check(olds, { ...args, __provider: await f.provider(type) });
}

describe("adopt at check time (what the preview shows)", () => {
  it("adopt: true of a missing domain warns that up will create one, after one GET", async () => {
    const before = f.host.stderr().length;
    const { failures } = await check("Domain", {}, { name: "missing.test", adopt: true });
    expect(failures).toEqual([]);
    expect(f.calls().map((c) => c.call)).toEqual(["GET /domains"]);
    expect(await f.host.settledStderr(before)).toBe(
      "[mailersend] WARNING: Domain missing.test has adopt: true but does not exist in this " +
        "MailerSend account: `up` will CREATE a new one (unverified), not adopt one. Set adopt: " +
        '"require" to fail instead.\n',
    );
  });

  it('adopt: "require" of a missing domain or identity fails the check, naming it', async () => {
    expect(
      (await check("Domain", {}, { name: "missing.test", adopt: "require" })).failures,
    ).toEqual([
      {
        property: "adopt",
        reason:
          "no domain with name missing.test exists in this MailerSend account, and " +
          '"require" means it must; create it first, or set adopt: true to create it when missing',
      },
    ]);
    const identity = await check(
      "SenderIdentity",
      {},
      { domainId: agencyDomainId, email: "news@client.test", name: "News", adopt: "require" },
    );
    expect(identity.failures).toEqual([
      {
        property: "adopt",
        reason:
          "no sender identity with email news@client.test exists in this MailerSend account, and " +
          '"require" means it must; create it first, or set adopt: true to create it when missing',
      },
    ]);
  });

  it("an existing domain is announced as adopted, with the aliases hint", async () => {
    const before = f.host.stderr().length;
    await check("Domain", {}, { name: "agency.test", adopt: "require" });
    expect(await f.host.settledStderr(before)).toBe(
      `[mailersend] ADOPT: Domain agency.test exists in this MailerSend account (id ${agencyDomainId}) ` +
        "and will be adopted; the stack leaves it in MailerSend when the resource is removed. If " +
        "another resource of this stack already manages it (a renamed resource or Client), use " +
        "`aliases` instead: see docs/adoption-and-renames.md.\n",
    );
  });

  it("a resource already in the state is not looked up: a no-op preview makes no call", async () => {
    const olds = { name: "agency.test", adopt: true };
    await check("Domain", olds, { name: "agency.test", adopt: true });
    await check(
      "SenderIdentity",
      { email: "news@client.test" },
      { domainId: agencyDomainId, email: "news@client.test", name: "News", adopt: "require" },
    );
    expect(f.calls()).toEqual([]);
  });
});

describe("adopted objects on delete", () => {
  it('adopt: "require" takes the domain over without a POST, and its delete leaves it', async () => {
    const inputs = await f.checked("Domain", { name: "agency.test", adopt: "require" });
    f.clearCalls();
    const { id, outs } = await f.host.create(inputs);
    expect(id).toBe(agencyDomainId);
    expect(outs).toMatchObject({ adopt: "require", adopted: true, verified: true });
    expect(f.calls().map((c) => c.call)).toEqual([
      "GET /domains",
      `GET /domains/${id}/verify`,
      `GET /domains/${id}/dns-records`,
    ]);
    f.clearCalls();
    const before = f.host.stderr().length;
    await f.host.delete(id, outs);
    expect(f.calls()).toEqual([]);
    expect(await f.host.settledStderr(before)).toBe(
      `[mailersend] RETAINED: Domain agency.test (id ${id}) was adopted (it existed before this ` +
        "stack), so it is removed from the stack but left in MailerSend. To delete adopted " +
        "objects, set `deleteAdoptedOnDestroy: true` on the resource and run `pulumi up` before " +
        "removing it.\n",
    );
    expect(f.emulator.store.domains.list().map((d) => d.id)).toEqual([agencyDomainId]);
  });

  it("deleteAdoptedOnDestroy is recorded by an update without a call, then the delete deletes", async () => {
    const props = {
      __provider: await f.provider("Domain"),
      ...(await f.checked("Domain", { name: "agency.test", adopt: true })),
      adopted: true,
    };
    const news = await f.checked("Domain", {
      name: "agency.test",
      adopt: true,
      deleteAdoptedOnDestroy: true,
    });
    f.clearCalls();
    // Old states keep their outputs: the flag is the only difference.
    expect(await f.host.diff(agencyDomainId, props, news)).toMatchObject({ replaces: [] });
    const { outs } = await f.host.update(agencyDomainId, props, news);
    expect(outs).toMatchObject({ adopted: true, deleteAdoptedOnDestroy: true });
    expect(f.calls()).toEqual([]);
    await f.host.delete(agencyDomainId, outs);
    expect(f.calls().map((c) => c.call)).toEqual([`DELETE /domains/${agencyDomainId}`]);
  });

  it("a state written before `adopted` existed: adopt set means retained, unset means deleted", async () => {
    const provider = await f.provider("Domain");
    await f.host.delete(agencyDomainId, { __provider: provider, name: "agency.test", adopt: true });
    expect(f.calls()).toEqual([]);
    await f.host.delete(agencyDomainId, {
      __provider: provider,
      name: "agency.test",
      adopt: false,
    });
    expect(f.calls().map((c) => c.call)).toEqual([`DELETE /domains/${agencyDomainId}`]);
  });

  it("a planned replacement of an adopted domain warns that the old one stays", async () => {
    const inputs = await f.checked("Domain", { name: "agency.test", adopt: "require" });
    const { id, outs } = await f.host.create(inputs);
    const before = f.host.stderr().length;
    await f.host.diff(
      id,
      outs,
      await f.checked("Domain", {
        name: "agency.test",
        adopt: "require",
        returnPathSubdomain: "rp",
      }),
    );
    expect(await f.host.settledStderr(before)).toContain(
      "[mailersend] WARNING: Domain agency.test was adopted, so its replacement leaves the old " +
        "domain in MailerSend; a new domain of the same name cannot be created while it exists. " +
        "Set `deleteAdoptedOnDestroy: true` first (one `up`), or keep the create-only settings.\n",
    );
  });

  it("an adopted sender identity is left too", async () => {
    const existing = f.emulator.store.identities.create({
      domain_id: agencyDomainId,
      email: "news@client.test",
      name: "News",
    });
    const inputs = await f.checked("SenderIdentity", {
      domainId: agencyDomainId,
      email: "news@client.test",
      name: "News",
      adopt: "require",
    });
    f.clearCalls();
    const { id, outs } = await f.host.create(inputs);
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ adopted: true });
    expect(f.calls().map((c) => c.call)).toEqual(["GET /identities/email/news@client.test"]);
    await f.host.delete(id, outs);
    expect(f.emulator.store.identities.list().map((i) => i.id)).toEqual([existing.id]);
  });
});

describe("an object two resources of one deployment hold (issue 16)", () => {
  it("the old resource's delete after a create adopted its domain is a no-op with a warning", async () => {
    // The old resource created acme.test (adopted: false); the renamed one adopts it.
    const old = await f.host.create(await f.checked("Domain", { name: "acme.test" }));
    const renamed = await f.host.create(
      await f.checked("Domain", { name: "acme.test", adopt: true }),
    );
    expect(renamed.id).toBe(old.id);
    f.clearCalls();
    const before = f.host.stderr().length;
    await f.host.delete(old.id, old.outs);
    expect(f.calls()).toEqual([]);
    expect(await f.host.settledStderr(before)).toBe(
      `[mailersend] NOT DELETED: Domain acme.test (id ${old.id}) is removed from the stack but left ` +
        "in MailerSend: another resource of this deployment (the Domain that adopted it in this " +
        "update) holds the same object. This happens when a resource or Client is renamed without " +
        "`aliases` and the new one adopted the object; add `aliases` next time " +
        "(docs/adoption-and-renames.md).\n",
    );
  });

  it("a resource the program keeps (diffed, no replacement) protects its object from another's delete", async () => {
    const created = await f.host.create(await f.checked("Domain", { name: "kept.test" }));
    await f.host.diff(created.id, created.outs, await f.checked("Domain", { name: "kept.test" }));
    f.clearCalls();
    // Another state entry holding the same id (the old name of a renamed Client).
    await f.host.delete(created.id, { ...created.outs, trackClicks: false });
    expect(f.calls()).toEqual([]);
    // The kept resource's own delete (the outputs it was diffed with) is carried out.
    await f.host.delete(created.id, created.outs);
    expect(f.calls().map((c) => c.call)).toEqual([`DELETE /domains/${created.id}`]);
  });

  it("refuses to adopt a domain a resource the program keeps already manages", async () => {
    const created = await f.host.create(await f.checked("Domain", { name: "kept.test" }));
    await f.host.diff(created.id, created.outs, await f.checked("Domain", { name: "kept.test" }));
    const copy = await f.checked("Domain", { name: "kept.test", adopt: true });
    f.clearCalls();
    await expect(f.host.create(copy)).rejects.toThrow(
      `Domain kept.test (id ${created.id}) cannot be adopted: another resource of this stack (a ` +
        "Domain the program keeps) already manages it, and two resources must not manage one " +
        "object. Remove one of them; to rename a resource, use `aliases` " +
        "(docs/adoption-and-renames.md).",
    );
    expect(f.calls().map((c) => c.call)).toEqual(["POST /domains", "GET /domains"]);
  });
});
