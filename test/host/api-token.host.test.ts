import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHostFixture, type HostFixture } from "../support/host-fixture";

let f: HostFixture;
let P: string;
let domainId: string;

beforeAll(async () => {
  f = await startHostFixture();
  P = await f.provider("ApiToken");
});
afterAll(() => f?.stop());
beforeEach(() => {
  f.emulator.reset();
  domainId = f.emulator.store.domains.create({ name: "client.test" }).id;
});

async function createToken(args: Record<string, unknown>) {
  const inputs = await f.checked("ApiToken", args);
  f.clearCalls();
  const created = await f.host.create(inputs);
  return { inputs, ...created };
}

async function authenticates(token: string): Promise<number> {
  const response = await fetch(`${f.emulator.url}/domains`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return response.status;
}

describe("ApiToken through the dynamic-provider host", () => {
  it("creates a domain-scoped token with sorted, unique scopes; the value is in the outputs and works", async () => {
    const { id, outs } = await createToken({
      name: "client-sending",
      domainId,
      scopes: ["email_full", "domains_read", "email_full"],
    });
    expect(f.calls()).toEqual([
      {
        call: "POST /token",
        body: {
          name: "client-sending",
          scopes: ["domains_read", "email_full"],
          domain_id: domainId,
        },
        status: 200,
      },
    ]);
    expect(outs).toEqual({
      __provider: P,
      name: "client-sending",
      domainId,
      scopes: ["domains_read", "email_full"],
      // Inputs at their defaults are not recorded (provider/runtime/state-defaults.ts).
      token: expect.stringMatching(/^mlsn\.[0-9a-f]{64}$/),
      createdAt: expect.any(String),
      stateVersion: 1,
    });
    expect(id).toMatch(/^[0-9a-f]{80}$/);
    expect(await authenticates(outs.token as string)).toBe(200);
  });

  it("refuses a token MailerSend did not bind to the declared domain: deletes it, no state, error names the id", async () => {
    // [REC] MailerSend answers 200 with domain: null for a domain id the account does not have.
    const inputs = await f.checked("ApiToken", {
      name: "client-sending",
      domainId: "nosuchdomain0001",
      scopes: ["email_full"],
    });
    f.clearCalls();
    await expect(f.host.create(inputs)).rejects.toThrow(
      'MailerSend did not bind the new API token "client-sending" to domain nosuchdomain0001: ' +
        "its answer says domain: null, a token for every domain of the account (MailerSend does " +
        "this when the account has no domain with that id). The token was deleted. Check domainId " +
        "nosuchdomain0001: it must be the id of a domain in this MailerSend account.",
    );
    const calls = f.calls();
    const strayId = calls[1]?.call.split("/").pop() ?? "";
    expect(strayId).toMatch(/^[0-9a-f]{80}$/);
    expect(calls).toEqual([
      {
        call: "POST /token",
        body: { name: "client-sending", scopes: ["email_full"], domain_id: "nosuchdomain0001" },
        status: 200,
      },
      { call: `DELETE /token/${strayId}`, status: 200 },
    ]);
    expect(f.emulator.store.tokens.list()).toEqual([]);
  });

  it("refresh takes the domain from MailerSend's answer, not from the state", async () => {
    const { id, outs } = await createToken({ name: "t", scopes: ["email_full"] });
    // A state that claims a binding MailerSend does not report (e.g. written by an older version).
    const claimed = { ...outs, domainId };
    f.clearCalls();
    const refreshed = await f.host.read(id, claimed);
    expect(f.calls().map((c) => [c.call, c.status])).toEqual([[`GET /token/${id}`, 200]]);
    expect(refreshed.props).not.toHaveProperty("domainId");
    expect(refreshed.inputs).not.toHaveProperty("domainId");
  });

  it("creates a paused token with a second call", async () => {
    const { id, outs } = await createToken({ name: "t", scopes: ["email_full"], status: "paused" });
    expect(f.calls().map((c) => [c.call, c.body])).toEqual([
      ["POST /token", { name: "t", scopes: ["email_full"] }],
      [`PUT /token/${id}`, { status: "pause" }],
    ]);
    expect(outs.status).toBe("paused");
    expect(await authenticates(outs.token as string)).toBe(401);
  });

  it("plans nothing when only the scope order changed", async () => {
    const { id, outs } = await createToken({ name: "t", scopes: ["email_full", "domains_read"] });
    const news = await f.checked("ApiToken", { name: "t", scopes: ["domains_read", "email_full"] });
    expect(await f.host.diff(id, outs, news)).toEqual({
      changes: 1,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("renames and pauses in place with one call", async () => {
    const { id, outs } = await createToken({ name: "t", scopes: ["email_full"] });
    const news = await f.checked("ApiToken", {
      name: "renamed",
      scopes: ["email_full"],
      status: "paused",
    });
    expect(await f.host.diff(id, outs, news)).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
    f.clearCalls();
    const { outs: updated } = await f.host.update(id, outs, news);
    expect(f.calls()).toEqual([
      { call: `PUT /token/${id}`, body: { name: "renamed", status: "pause" }, status: 200 },
    ]);
    expect(updated).toMatchObject({
      name: "renamed",
      status: "paused",
      token: outs.token,
      scopes: ["email_full"],
    });
  });

  it.each([
    ["scopes", { scopes: ["email_full", "analytics_read"] }],
    ["domainId", { domainId: "otherdomain12345" }],
    ["rotationNonce", { rotationNonce: "2026-11" }],
  ])(
    "replaces on %s, always creating the new token before deleting the old",
    async (field, change) => {
      const { id, outs } = await createToken({ name: "t", scopes: ["email_full"], domainId });
      const news = await f.checked("ApiToken", {
        name: "t",
        scopes: ["email_full"],
        domainId,
        ...change,
      });
      expect(await f.host.diff(id, outs, news)).toEqual({
        changes: 2,
        replaces: [field],
        deleteBeforeReplace: false,
      });
    },
  );

  it("says a planned rotation out loud: the new token first, then switch", async () => {
    const { id, outs } = await createToken({ name: "t", scopes: ["email_full"] });
    const before = f.host.stderr().length;
    await f.host.diff(
      id,
      outs,
      await f.checked("ApiToken", { name: "t", scopes: ["email_full"], rotationNonce: 2 }),
    );
    expect(await f.host.settledStderr(before)).toBe(
      '[mailersend] REPLACEMENT: API token "t" will be replaced (rotationNonce changed; the new one is created ' +
        "first, the old one deleted at the end). Switch its users to the new token value (a secret output): " +
        "the old value is refused once the old token is deleted.\n",
    );
  });

  it("keeps the value through refresh (it cannot be read back) and reports a pause made outside Pulumi", async () => {
    const { inputs, id, outs } = await createToken({ name: "t", scopes: ["email_full"] });
    f.emulator.store.tokens.update(id, { status: "pause" });
    f.clearCalls();
    const refreshed = await f.host.read(id, outs);
    expect(f.calls()).toEqual([{ call: `GET /token/${id}`, status: 200 }]);
    expect(refreshed.props).toMatchObject({ token: outs.token, status: "paused" });
    expect(refreshed.inputs).toEqual({
      name: "t",
      scopes: ["email_full"],
      status: "paused",
      __provider: P,
    });
    expect(await f.host.diff(id, refreshed.props, inputs)).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("reports a token deleted outside Pulumi as gone; delete treats 404 as done", async () => {
    const { id, outs } = await createToken({ name: "t", scopes: ["email_full"] });
    f.clearCalls();
    await f.host.delete(id, outs);
    expect((await f.host.read(id, outs)).id).toBe("");
    await f.host.delete(id, outs);
    expect(f.calls().map((c) => [c.call, c.status])).toEqual([
      [`DELETE /token/${id}`, 200],
      [`GET /token/${id}`, 404],
      [`DELETE /token/${id}`, 404],
    ]);
  });

  it("rejects bad input at check with zero API calls", async () => {
    f.clearCalls();
    const { failures } = await f.host.check(
      {},
      {
        name: "x".repeat(51),
        scopes: ["email_full", "send_everything"],
        status: "on",
        __provider: P,
      },
    );
    expect(failures).toEqual([
      { property: "name", reason: "must be at most 50 characters long; got 51" },
      {
        property: "scopes[1]",
        reason: expect.stringMatching(
          /^must be one of email_full, domains_read, .*, ifttt \(MailerSend token scopes\); got "send_everything"$/,
        ),
      },
      {
        property: "status",
        reason: 'must be one of active, paused (a paused token is refused by MailerSend); got "on"',
      },
    ]);
    expect((await f.host.check({}, { name: "t", scopes: [], __provider: P })).failures).toEqual([
      { property: "scopes", reason: "must list at least one scope, such as email_full" },
    ]);
    expect(f.calls()).toEqual([]);
  });
});
