import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { admin, call, ID16, invalid, manualClock, start } from "./support";

let emulator: Emulator;
const clock = manualClock();

beforeEach(async () => {
  clock.set(Date.UTC(2025, 6, 29, 10, 0, 0));
  emulator = await start({ now: clock.now, rateLimit: false });
});
afterEach(() => emulator.close());

const AT = "2025-07-29T10:00:00.000000Z";

describe("POST /users (invite)", () => {
  it("answers 201 with the invite (docs/mailersend-api.md §6.1)", async () => {
    const { id: domainId } = emulator.store.domains.create({ name: "example.com" });
    const response = await call(emulator, "POST", "/users", {
      body: {
        email: "client@example.com",
        role: "Custom User",
        permissions: ["read-own-templates", "read-analytics"],
        templates: ["tpl1"],
        domains: [domainId],
        requires_periodic_password_change: true,
      },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      data: {
        id: ID16,
        email: "client@example.com",
        role: "Custom User",
        permissions: ["read-own-templates", "read-analytics"],
        requires_periodic_password_change: true,
        created_at: AT,
        updated_at: AT,
      },
    });
    expect(emulator.store.invites.list()).toHaveLength(1);
    expect(emulator.store.users.list()).toEqual([]);
  });

  it("reproduces the recorded 422 for role 'member' and permission 'email_send' (docs/mailersend-api.md §2.2)", async () => {
    const response = await call(emulator, "POST", "/users", {
      body: {
        email: "someone@example.com",
        role: "member",
        permissions: ["email_send"],
        templates: [],
      },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      message: "The selected role is invalid. (and 2 more errors)",
      errors: {
        role: ["The selected role is invalid."],
        templates: ["Templates require a read own templates permission. #MS42224"],
        "permissions.0": ["The selected permissions.0 is invalid."],
      },
    });
  });

  it.each([
    [{ role: "Admin" }, "email", "The email field is required."],
    [{ email: "x@example.com" }, "role", "The role field is required."],
    [
      { email: "x@example.com", role: "Custom User" },
      "permissions",
      "The permissions field is required when role is Custom User.",
    ],
    [
      { email: "x@example.com", role: "Admin", domains: ["nope"] },
      "domains.0",
      "The selected domains.0 is invalid.",
    ],
    [
      { email: "x@example.com", role: "Admin", requires_periodic_password_change: "often" },
      "requires_periodic_password_change",
      "The requires periodic password change field must be true or false.",
    ],
  ])("rejects %j", async (body, field, message) => {
    const response = await call(emulator, "POST", "/users", { body });
    expect(response.status).toBe(422);
    expect(response.body).toEqual(invalid(field, message));
  });

  it("rejects an email that is already invited", async () => {
    await call(emulator, "POST", "/users", { body: { email: "x@example.com", role: "Admin" } });
    const response = await call(emulator, "POST", "/users", {
      body: { email: "x@example.com", role: "Admin" },
    });
    expect(response.body).toEqual(invalid("email", "The email has already been taken."));
  });
});

describe("invites", () => {
  let inviteId: string;
  beforeEach(() => {
    inviteId = emulator.store.invites.create({ email: "x@example.com", role: "Manager" }).id;
  });

  it("lists and gets them", async () => {
    const invite = {
      id: inviteId,
      email: "x@example.com",
      role: "Manager",
      permissions: [],
      requires_periodic_password_change: false,
      created_at: AT,
      updated_at: AT,
    };
    expect((await call(emulator, "GET", `/invites/${inviteId}`)).body).toEqual({ data: invite });
    const list = await call(emulator, "GET", "/invites");
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ data: [invite], meta: { total: 1 } });
  });

  it("resends (200, updated_at moves)", async () => {
    clock.advance(60_000);
    const response = await call(emulator, "POST", `/invites/${inviteId}/resend`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      data: { id: inviteId, updated_at: "2025-07-29T10:01:00.000000Z" },
    });
  });

  it("deletes (204)", async () => {
    const response = await call(emulator, "DELETE", `/invites/${inviteId}`);
    expect(response.status).toBe(204);
    expect(emulator.store.invites.list()).toEqual([]);
  });

  it.each([
    ["GET", "/invites/nope"],
    ["DELETE", "/invites/nope"],
    ["POST", "/invites/nope/resend"],
    ["GET", "/users/nope"],
    ["PUT", "/users/nope"],
    ["DELETE", "/users/nope"],
  ])("%s %s answers 404", async (method, path) => {
    const response = await call(emulator, method, path, method === "PUT" ? { body: {} } : {});
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: "Resource not found." });
  });
});

describe("users", () => {
  it("an accepted invite becomes a user with the same role, permissions and domains", async () => {
    const domain = emulator.store.domains.create({ name: "example.com" });
    const invite = emulator.store.invites.create({
      email: "client@example.com",
      role: "Custom User",
      permissions: ["read-own-templates", "manage-domain"],
      templates: ["tpl1"],
      domains: [domain.id],
    });
    const accepted = await admin(emulator, "POST", `/invites/${invite.id}/accept`, {
      name: "Cli",
      last_name: "Ent",
    });
    expect(accepted.status).toBe(201);
    const userId = (accepted.body as { data: { id: string } }).data.id;
    expect(emulator.store.invites.list()).toEqual([]);

    const user = {
      id: userId,
      avatar: null,
      email: "client@example.com",
      last_name: "Ent",
      name: "Cli",
      "2fa": false,
      created_at: AT,
      updated_at: AT,
      role: "Custom User",
      permissions: ["read-own-templates", "manage-domain"],
      domains: [
        {
          id: domain.id,
          name: "example.com",
          created_at: domain.createdAt,
          updated_at: domain.updatedAt,
        },
      ],
      templates: [{ id: "tpl1", name: "tpl1", description: null, type: "html", created_at: AT }],
    };
    expect((await call(emulator, "GET", `/users/${userId}`)).body).toEqual({ data: user });
    // [REC] the user list has no links and no meta (mailersend-python users_list_basic.yaml).
    expect((await call(emulator, "GET", "/users?limit=10")).body).toEqual({ data: [user] });
  });

  it("PUT updates role, permissions, domains and templates", async () => {
    const invite = emulator.store.invites.create({ email: "u@example.com", role: "Admin" });
    const user = emulator.store.acceptInvite(invite.id);
    const { id: domainId } = emulator.store.domains.create({ name: "example.com" });
    clock.advance(1000);
    const response = await call(emulator, "PUT", `/users/${user.id}`, {
      body: {
        role: "Custom User",
        permissions: ["read-own-templates"],
        templates: ["t9"],
        domains: [domainId],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      data: {
        name: "u",
        last_name: null,
        role: "Custom User",
        permissions: ["read-own-templates"],
        domains: [{ id: domainId }],
        templates: [{ id: "t9" }],
        updated_at: "2025-07-29T10:00:01.000000Z",
      },
    });
    const bad = await call(emulator, "PUT", `/users/${user.id}`, { body: { role: "Owner" } });
    expect(bad.body).toEqual(invalid("role", "The selected role is invalid."));
  });

  it("refuses `templates: []` without read-own-templates; no templates key is fine (§2.2)", async () => {
    const body = { email: "x@example.com", role: "Admin", domains: [] };
    const refused = await call(emulator, "POST", "/users", { body: { ...body, templates: [] } });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual(
      invalid("templates", "Templates require a read own templates permission. #MS42224"),
    );
    expect((await call(emulator, "POST", "/users", { body })).status).toBe(201);
  });

  it("PUT validates the body before looking the user up: 422 for an unknown id, 404 once valid", async () => {
    const invalidBody = { role: "member", permissions: ["email_send"], templates: [], domains: [] };
    const refused = await call(emulator, "PUT", "/users/test-user-id", { body: invalidBody });
    expect(refused.status).toBe(422);
    const missing = await call(emulator, "PUT", "/users/test-user-id", { body: { role: "Admin" } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: "Resource not found." });
  });

  it("DELETE answers 204", async () => {
    const user = emulator.store.acceptInvite(
      emulator.store.invites.create({ email: "u@example.com", role: "Admin" }).id,
    );
    const response = await call(emulator, "DELETE", `/users/${user.id}`);
    expect(response.status).toBe(204);
    expect(emulator.store.users.list()).toEqual([]);
  });
});
