import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHostFixture, type HostFixture } from "../support/host-fixture";

let f: HostFixture;
let P: string;
let domainId: string;

beforeAll(async () => {
  f = await startHostFixture();
  P = await f.provider("ClientUser");
});
afterAll(() => f?.stop());
beforeEach(() => {
  f.emulator.reset();
  domainId = f.emulator.store.domains.create({ name: "client.test" }).id;
});

const ACCESS = { role: "custom user", permissions: ["read-analytics", "read-activity"] };

async function invite(args: Record<string, unknown>) {
  const inputs = await f.checked("ClientUser", {
    email: "Owner@Client.test",
    domainIds: [domainId],
    ...ACCESS,
    ...args,
  });
  f.clearCalls();
  const created = await f.host.create(inputs);
  return { inputs, ...created };
}

describe("ClientUser through the dynamic-provider host", () => {
  it("invites with domain-level access; the id is the email", async () => {
    const { id, outs } = await invite({});
    const [pending] = f.emulator.store.invites.list();
    expect(f.calls()).toEqual([
      {
        call: "POST /users",
        body: {
          email: "owner@client.test",
          role: "Custom User",
          permissions: ["read-activity", "read-analytics"],
          domains: [domainId],
          requires_periodic_password_change: false,
        },
        status: 201,
      },
    ]);
    expect(id).toBe("owner@client.test");
    expect(outs).toEqual({
      __provider: P,
      email: "owner@client.test",
      role: "Custom User",
      permissions: ["read-activity", "read-analytics"],
      domainIds: [domainId],
      // Inputs at their defaults are not recorded (provider/runtime/state-defaults.ts).
      state: "invited",
      inviteId: pending.id,
      userId: "",
      stateVersion: 1,
    });
  });

  it("sends templates only when template ids are given (MailerSend refuses `templates: []` without read-own-templates)", async () => {
    const { outs } = await invite({
      role: "Custom User",
      permissions: ["read-own-templates"],
      templateIds: ["tpl00000000000001"],
    });
    expect(f.calls()).toEqual([
      {
        call: "POST /users",
        body: {
          email: "owner@client.test",
          role: "Custom User",
          permissions: ["read-own-templates"],
          domains: [domainId],
          templates: ["tpl00000000000001"],
          requires_periodic_password_change: false,
        },
        status: 201,
      },
    ]);
    expect(outs).toMatchObject({ templateIds: ["tpl00000000000001"], state: "invited" });
  });

  it("clears a user's templates with templates: [] only while read-own-templates is kept", async () => {
    const { inputs, id, outs } = await invite({
      permissions: ["read-own-templates", "read-activity"],
      templateIds: ["tpl00000000000001"],
    });
    const user = f.emulator.store.acceptInvite(outs.inviteId as string);
    const active = { ...outs, state: "active", userId: user.id };
    const keep = await f.checked("ClientUser", { ...inputs, templateIds: [] });
    f.clearCalls();
    await f.host.update(id, active, keep);
    const drop = await f.checked("ClientUser", {
      ...inputs,
      permissions: ["read-activity"],
      templateIds: [],
    });
    await f.host.update(id, active, drop);
    expect(f.calls()).toEqual([
      {
        call: `PUT /users/${user.id}`,
        body: {
          role: "Custom User",
          permissions: ["read-activity", "read-own-templates"],
          domains: [domainId],
          templates: [],
          requires_periodic_password_change: false,
        },
        status: 200,
      },
      {
        call: `PUT /users/${user.id}`,
        body: {
          role: "Custom User",
          permissions: ["read-activity"],
          domains: [domainId],
          requires_periodic_password_change: false,
        },
        status: 200,
      },
    ]);
  });

  it("finds an accepted invite in the user list, which has no paging envelope: one request", async () => {
    const { id, outs } = await invite({});
    for (let i = 0; i < 120; i++) {
      const other = f.emulator.store.invites.create({ email: `u${i}@client.test`, role: "Admin" });
      f.emulator.store.acceptInvite(other.id);
    }
    const user = f.emulator.store.acceptInvite(outs.inviteId as string);
    f.clearCalls();
    const refreshed = await f.host.read(id, outs);
    expect(f.calls().map((c) => [c.call, c.status])).toEqual([
      [`GET /invites/${outs.inviteId}`, 404],
      ["GET /users", 200],
    ]);
    expect(f.emulator.requests.list({ path: "/v1/users" })[0]?.query).toEqual({
      page: "1",
      limit: "100",
    });
    expect(refreshed.props).toMatchObject({ state: "active", userId: user.id });
  });

  it("plans nothing when nothing changed (role case and permission order do not matter)", async () => {
    const { id, outs } = await invite({});
    const news = await f.checked("ClientUser", {
      email: "owner@client.test",
      domainIds: [domainId],
      role: "Custom-User",
      permissions: ["read-analytics", "read-activity", "read-activity"],
    });
    expect(await f.host.diff(id, outs, news)).toEqual({
      changes: 1,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("changes a pending invite's access by inviting again (invites cannot be edited)", async () => {
    const { id, outs } = await invite({});
    const news = await f.checked("ClientUser", {
      email: "owner@client.test",
      domainIds: [domainId],
      role: "Manager",
    });
    expect(await f.host.diff(id, outs, news)).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
    f.clearCalls();
    const { outs: updated } = await f.host.update(id, outs, news);
    expect(f.calls().map((c) => [c.call, c.status])).toEqual([
      [`DELETE /invites/${outs.inviteId}`, 204],
      ["POST /users", 201],
    ]);
    expect(updated).toMatchObject({ role: "Manager", state: "invited" });
    expect(f.emulator.store.invites.list()).toHaveLength(1);
  });

  it("sees the invite accepted on refresh, then updates the user in place", async () => {
    const { inputs, id, outs } = await invite({});
    const user = f.emulator.store.acceptInvite(outs.inviteId as string);
    f.clearCalls();
    const refreshed = await f.host.read(id, outs);
    expect(f.calls().map((c) => [c.call, c.status])).toEqual([
      [`GET /invites/${outs.inviteId}`, 404],
      ["GET /users", 200],
    ]);
    expect(refreshed.props).toMatchObject({
      state: "active",
      userId: user.id,
      inviteId: outs.inviteId,
    });
    expect(await f.host.diff(id, refreshed.props, inputs)).toEqual({
      changes: 1,
      replaces: [],
      deleteBeforeReplace: false,
    });

    const news = await f.checked("ClientUser", { ...inputs, permissions: ["read-activity"] });
    f.clearCalls();
    const { outs: updated } = await f.host.update(id, refreshed.props, news);
    expect(f.calls()).toEqual([
      {
        call: `PUT /users/${user.id}`,
        body: {
          role: "Custom User",
          permissions: ["read-activity"],
          domains: [domainId],
          requires_periodic_password_change: false,
        },
        status: 200,
      },
    ]);
    expect(updated).toMatchObject({ state: "active", permissions: ["read-activity"] });

    f.clearCalls();
    await f.host.delete(id, updated);
    expect(f.calls().map((c) => [c.call, c.status])).toEqual([[`DELETE /users/${user.id}`, 204]]);
    expect(f.emulator.store.users.list()).toEqual([]);
  });

  it("reports drift in a user's access, and a user removed outside Pulumi as gone", async () => {
    const { id, outs } = await invite({});
    const user = f.emulator.store.acceptInvite(outs.inviteId as string);
    const active = (await f.host.read(id, outs)).props;
    await fetch(`${f.emulator.url}/users/${user.id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${f.emulator.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "Admin" }),
    });
    const drifted = await f.host.read(id, active);
    expect(drifted.props.role).toBe("Admin");
    f.emulator.store.users.delete(user.id);
    expect((await f.host.read(id, drifted.props)).id).toBe("");
  });

  it("withdraws a pending invite on delete; a missing one is done", async () => {
    const { id, outs } = await invite({});
    f.clearCalls();
    await f.host.delete(id, outs);
    expect(f.calls().map((c) => [c.call, c.status])).toEqual([
      [`DELETE /invites/${outs.inviteId}`, 204],
    ]);
    f.clearCalls();
    // Deleting again: the invite is gone, and no user has that email either.
    await f.host.delete(id, outs);
    expect(f.calls().map((c) => [c.call, c.status])).toEqual([
      [`DELETE /invites/${outs.inviteId}`, 404],
      ["GET /users", 200],
    ]);
    expect(f.emulator.store.invites.list()).toEqual([]);
  });

  it("replaces on a new email, inviting the new person first", async () => {
    const { id, outs } = await invite({});
    const news = await f.checked("ClientUser", {
      email: "cfo@client.test",
      domainIds: [domainId],
      ...ACCESS,
    });
    expect(await f.host.diff(id, outs, news)).toEqual({
      changes: 2,
      replaces: ["email"],
      deleteBeforeReplace: false,
    });
  });

  it("rejects bad input at check with zero API calls", async () => {
    f.clearCalls();
    const { failures } = await f.host.check(
      {},
      { email: "x", role: "member", permissions: ["email_send"], __provider: P },
    );
    expect(failures).toEqual([
      { property: "email", reason: 'must be an email address such as news@example.com; got "x"' },
      {
        property: "role",
        reason: 'must be one of Admin, Manager, Designer, Accountant, Custom User; got "member"',
      },
      {
        property: "permissions[0]",
        reason:
          'must be a MailerSend permission such as read-activity or manage-template; got "email_send"',
      },
    ]);
    const second = await f.host.check(
      {},
      { email: "a@client.test", role: "Custom User", templateIds: ["t1"], __provider: P },
    );
    expect(second.failures).toEqual([
      {
        property: "permissions",
        reason: "must list at least one permission for the Custom User role",
      },
      {
        property: "templateIds",
        reason: "require the read-own-templates permission (MailerSend #MS42224)",
      },
    ]);
    expect(f.calls()).toEqual([]);
  });
});
