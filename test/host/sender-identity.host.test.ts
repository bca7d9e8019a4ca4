import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UNKNOWN } from "../support/dynamic-provider-host";
import { startHostFixture, type HostFixture } from "../support/host-fixture";

let f: HostFixture;
let P: string;
let agencyDomainId: string;

beforeAll(async () => {
  f = await startHostFixture();
  P = await f.provider("SenderIdentity");
});
afterAll(() => f?.stop());
beforeEach(() => {
  f.emulator.reset();
  agencyDomainId = f.emulator.store.domains.create({ name: "agency.test" }).id;
  f.emulator.store.verifyDomain(agencyDomainId);
});

async function createIdentity(args: Record<string, unknown>) {
  const inputs = await f.checked("SenderIdentity", { domainId: agencyDomainId, ...args });
  f.clearCalls();
  return { inputs, ...(await f.host.create(inputs)) };
}

describe("SenderIdentity through the dynamic-provider host", () => {
  it("creates with one call and echoes every input it was given", async () => {
    const { id, outs } = await createIdentity({ email: "News@Client.TEST", name: "Client News" });
    expect(f.calls()).toEqual([
      {
        call: "POST /identities",
        body: {
          domain_id: agencyDomainId,
          email: "news@client.test",
          name: "Client News",
          add_note: false,
        },
        status: 201,
      },
    ]);
    expect(outs).toEqual({
      __provider: P,
      domainId: agencyDomainId,
      email: "news@client.test",
      name: "Client News",
      // Inputs at their defaults are not recorded (provider/runtime/state-defaults.ts).
      verified: false,
      resends: 0,
      domainName: "agency.test",
      adopted: false,
      stateVersion: 1,
    });
    expect(f.emulator.store.identities.get(id)?.email).toBe("news@client.test");
  });

  it("plans nothing when nothing changed", async () => {
    const { inputs, id, outs } = await createIdentity({
      email: "a@client.test",
      name: "A",
      replyToEmail: "help@client.test",
    });
    f.clearCalls();
    expect(
      await f.host.diff(
        id,
        outs,
        await f.checked("SenderIdentity", {
          domainId: agencyDomainId,
          email: "A@client.test",
          name: "A",
          replyToEmail: "HELP@client.test",
        }),
      ),
    ).toEqual({
      changes: 1,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(inputs.email).toBe("a@client.test");
    expect(f.calls()).toEqual([]);
  });

  it("updates name and reply-to in place with one call carrying only the changes", async () => {
    const { id, outs } = await createIdentity({ email: "a@client.test", name: "A" });
    f.clearCalls();
    const news = await f.checked("SenderIdentity", {
      domainId: agencyDomainId,
      email: "a@client.test",
      name: "Client A",
      replyToEmail: "help@client.test",
      replyToName: "Help",
    });
    expect(await f.host.diff(id, outs, news)).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const { outs: updated } = await f.host.update(id, outs, news);
    expect(f.calls()).toEqual([
      {
        call: `PUT /identities/${id}`,
        body: { name: "Client A", reply_to_email: "help@client.test", reply_to_name: "Help" },
        status: 200,
      },
    ]);
    expect(updated).toMatchObject({
      name: "Client A",
      replyToEmail: "help@client.test",
      replyToName: "Help",
    });
  });

  it("resends the confirmation email when the resend nonce changes", async () => {
    const { id, outs } = await createIdentity({ email: "a@client.test", name: "A" });
    f.clearCalls();
    const news = await f.checked("SenderIdentity", {
      domainId: agencyDomainId,
      email: "a@client.test",
      name: "A",
      resendNonce: 1,
    });
    expect(await f.host.diff(id, outs, news)).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const { outs: updated } = await f.host.update(id, outs, news);
    expect(f.calls()).toEqual([{ call: `POST /identities/${id}/resend`, body: {}, status: 200 }]);
    expect(updated).toMatchObject({ resendNonce: "1", resends: 1 });
  });

  it("replaces on a new email (create first) and on a new domain (delete first: the email is unique)", async () => {
    const { id, outs } = await createIdentity({ email: "a@client.test", name: "A" });
    expect(
      await f.host.diff(
        id,
        outs,
        await f.checked("SenderIdentity", {
          domainId: agencyDomainId,
          email: "b@client.test",
          name: "A",
        }),
      ),
    ).toEqual({
      changes: 2,
      replaces: ["email"],
      deleteBeforeReplace: false,
    });
    expect(
      await f.host.diff(
        id,
        outs,
        await f.checked("SenderIdentity", {
          domainId: "otherdomain12345",
          email: "a@client.test",
          name: "A",
        }),
      ),
    ).toEqual({
      changes: 2,
      replaces: ["domainId"],
      deleteBeforeReplace: true,
    });
  });

  it("accepts a domain id that is unknown at preview", async () => {
    const { inputs, failures } = await f.host.check(
      {},
      { domainId: UNKNOWN, email: "a@client.test", name: "A", __provider: P },
    );
    expect(failures).toEqual([]);
    expect(inputs.domainId).toBe(UNKNOWN);
    expect(f.calls()).toEqual([]);
  });

  it("refresh shows the confirmation and drift; an identity deleted outside Pulumi is gone", async () => {
    const { inputs, id, outs } = await createIdentity({ email: "a@client.test", name: "A" });
    f.emulator.store.verifyIdentity(id);
    f.emulator.store.identities.update(id, { name: "Changed in the app" });
    f.clearCalls();
    const refreshed = await f.host.read(id, outs);
    expect(f.calls()).toEqual([{ call: `GET /identities/${id}`, status: 200 }]);
    expect(refreshed.props).toMatchObject({ verified: true, name: "Changed in the app" });
    expect(refreshed.inputs).toMatchObject({ name: "Changed in the app", email: "a@client.test" });
    expect(await f.host.diff(id, refreshed.props, inputs)).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
    f.emulator.store.identities.delete(id);
    expect((await f.host.read(id, refreshed.props)).id).toBe("");
  });

  it("delete removes it; a missing identity is done", async () => {
    const { id, outs } = await createIdentity({ email: "a@client.test", name: "A" });
    f.clearCalls();
    await f.host.delete(id, outs);
    await f.host.delete(id, outs);
    expect(f.calls()).toEqual([
      { call: `DELETE /identities/${id}`, status: 204 },
      { call: `DELETE /identities/${id}`, status: 404 },
    ]);
  });

  it("rejects bad input at check with zero API calls", async () => {
    f.clearCalls();
    const { failures } = await f.host.check(
      {},
      {
        domainId: agencyDomainId,
        email: "someone@gmail.com",
        name: "",
        replyToName: "Help",
        addNote: true,
        __provider: P,
      },
    );
    expect(failures).toEqual([{ property: "name", reason: "must not be empty" }]);
    const second = await f.host.check(
      {},
      {
        domainId: agencyDomainId,
        email: "someone@gmail.com",
        name: "N",
        replyToName: "Help",
        addNote: true,
        __provider: P,
      },
    );
    expect(second.failures).toEqual([
      {
        property: "email",
        reason:
          "must be an address on the client's own domain, not a free email provider (gmail.com): MailerSend does not allow sender identities on free email providers",
      },
      { property: "replyToEmail", reason: "is required when replyToName is set" },
      {
        property: "personalNote",
        reason: "is required when addNote is true (the note is added to the confirmation email)",
      },
    ]);
    const third = await f.host.check(
      {},
      {
        domainId: "",
        email: "not-an-email",
        name: "N",
        personalNote: "x".repeat(251),
        __provider: P,
      },
    );
    expect(third.failures).toEqual([
      {
        property: "domainId",
        reason:
          'must be the id of a verified MailerSend domain (the agency\'s sending domain) (letters and digits); got ""',
      },
      {
        property: "email",
        reason: 'must be an email address such as news@example.com; got "not-an-email"',
      },
      { property: "personalNote", reason: "must be at most 250 characters long; got 251" },
    ]);
    expect(f.calls()).toEqual([]);
  });

  it("says adopt exists when the email is taken, and adopts when asked", async () => {
    const existing = f.emulator.store.identities.create({
      domain_id: agencyDomainId,
      email: "a@client.test",
      name: "Old",
    });
    const inputs = await f.checked("SenderIdentity", {
      domainId: agencyDomainId,
      email: "a@client.test",
      name: "New",
    });
    await expect(f.host.create(inputs)).rejects.toThrow(
      `Sender identity a@client.test already exists in this MailerSend account (id ${existing.id}). ` +
        "If this stack already manages it under another resource name (you renamed this resource " +
        'or its Client), do not adopt it: add `aliases: [{ name: "<the old name>" }]` to the ' +
        "renamed resource or Client's options (docs/adoption-and-renames.md). If it was made " +
        "outside this stack, set `adopt: true` on this SenderIdentity to take it over",
    );
    const { id, outs } = await createIdentity({ email: "a@client.test", name: "New", adopt: true });
    expect(id).toBe(existing.id);
    expect(f.calls().map((c) => [c.call, c.status, c.body])).toEqual([
      ["POST /identities", 422, expect.objectContaining({ email: "a@client.test" })],
      ["GET /identities/email/a@client.test", 200, undefined],
      [`PUT /identities/${id}`, 200, { name: "New" }],
    ]);
    expect(outs).toMatchObject({ name: "New", adopt: true, adopted: true });
    expect(f.emulator.store.identities.list()).toHaveLength(1);
  });

  it("refuses to adopt an identity that sends through another domain", async () => {
    const other = f.emulator.store.domains.create({ name: "other.test" });
    f.emulator.store.verifyDomain(other.id);
    f.emulator.store.identities.create({ domain_id: other.id, email: "a@client.test", name: "A" });
    const inputs = await f.checked("SenderIdentity", {
      domainId: agencyDomainId,
      email: "a@client.test",
      name: "A",
      adopt: true,
    });
    await expect(f.host.create(inputs)).rejects.toThrow(
      `Sender identity a@client.test cannot be adopted: it sends through domain other.test (id ${other.id}), not ${agencyDomainId}`,
    );
  });
});
