/**
 * The verbs of `MailerSendClient` for sender identities, API tokens, users and invites, and the
 * quota, against the emulator: the exact requests they send (method, path, query, body,
 * credential) and what they make of the answers. Reads give undefined for 404, deletes give false.
 * The domain verbs: verbs-domains.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import type { MailerSendClient } from "../../provider/api/client";
import { ID16, TIMESTAMP, TOKEN_ID } from "../emulator/support";
import { clientFor, exchanges, lines, start, verifiedDomain } from "./support";

let emulator: Emulator;
let client: MailerSendClient;
beforeEach(async () => {
  emulator = await start();
  client = clientFor(emulator);
});
afterEach(async () => {
  await emulator.close();
});

function domainRef(emulator: Emulator, id: string) {
  const record = emulator.store.domains.get(id);
  if (!record) throw new Error(`no domain ${id}`);
  return { id, name: record.name, created_at: record.createdAt, updated_at: record.updatedAt };
}

describe("sender identities", () => {
  it("create, get, getByEmail, update, resend and delete", async () => {
    const domainId = verifiedDomain(emulator, "agency.com");
    const created = await client.identities.create({
      domain_id: domainId,
      email: "news@client.com",
      name: "Client News",
      reply_to_email: "help@client.com",
      reply_to_name: "Help",
      add_note: true,
      personal_note: "Please confirm",
    });
    const expected = {
      id: ID16,
      email: "news@client.com",
      name: "Client News",
      reply_to_email: "help@client.com",
      reply_to_name: "Help",
      is_verified: false,
      resends: 0,
      add_note: true,
      personal_note: "Please confirm",
      domain: domainRef(emulator, domainId),
    };
    expect(created).toEqual({ recovered: false, value: expected });
    const id = created.value.id;

    expect(await client.identities.get(id)).toEqual(expected);
    expect(await client.identities.getByEmail("news@client.com")).toEqual(expected);
    expect(await client.identities.get("missing0000000000")).toBeUndefined();
    expect(await client.identities.getByEmail("nobody@client.com")).toBeUndefined();

    const updated = await client.identities.update(id, { name: "Renamed", personal_note: "" });
    expect(updated).toEqual({ ...expected, name: "Renamed", personal_note: null });
    const resent = await client.identities.resend(id);
    expect(resent.resends).toBe(1);

    expect(await client.identities.delete(id)).toBe(true);
    expect(await client.identities.delete(id)).toBe(false);
    expect(emulator.store.counts().identities).toBe(0);

    expect(exchanges(emulator).map(({ request, body, status }) => [request, body, status])).toEqual(
      [
        [
          "POST /identities",
          {
            domain_id: domainId,
            email: "news@client.com",
            name: "Client News",
            reply_to_email: "help@client.com",
            reply_to_name: "Help",
            add_note: true,
            personal_note: "Please confirm",
          },
          201,
        ],
        [`GET /identities/${id}`, undefined, 200],
        ["GET /identities/email/news@client.com", undefined, 200],
        ["GET /identities/missing0000000000", undefined, 404],
        ["GET /identities/email/nobody@client.com", undefined, 404],
        [`PUT /identities/${id}`, { name: "Renamed", personal_note: "" }, 200],
        [`POST /identities/${id}/resend`, {}, 200],
        [`DELETE /identities/${id}`, undefined, 204],
        [`DELETE /identities/${id}`, undefined, 404],
      ],
    );
  });

  it("list filters by domain when given one", async () => {
    const a = verifiedDomain(emulator, "a.com");
    const b = verifiedDomain(emulator, "b.com");
    emulator.store.identities.create({ domain_id: a, email: "one@x.com", name: "One" });
    emulator.store.identities.create({ domain_id: b, email: "two@x.com", name: "Two" });
    expect((await client.identities.list()).map((i) => i.email)).toEqual([
      "one@x.com",
      "two@x.com",
    ]);
    expect((await client.identities.list(b)).map((i) => i.email)).toEqual(["two@x.com"]);
    expect(lines(emulator)).toEqual([
      "GET /identities?page=1&limit=100",
      `GET /identities?page=1&limit=100&domain_id=${b}`,
    ]);
  });
});

describe("API tokens", () => {
  it("create returns the secret once; get, list, update and delete", async () => {
    const domainId = emulator.store.domains.create({ name: "example.com" }).id;
    const created = await client.tokens.create({
      name: "deploy",
      scopes: ["email_full", "domains_read"],
      domain_id: domainId,
    });
    expect(created).toEqual({
      id: TOKEN_ID,
      accessToken: expect.stringMatching(/^mlsn\.[a-f0-9]{64}$/),
      name: "deploy",
      created_at: TIMESTAMP,
      scopes: ["email_full", "domains_read"],
      has_full: false,
      domain: expect.objectContaining({ id: domainId, name: "example.com" }),
      preview: expect.any(String),
      expires_at: null,
    });
    const id = created.id;
    const view = {
      id,
      name: "deploy",
      status: "unpause",
      created_at: created.created_at,
      scopes: ["email_full", "domains_read"],
      domain: domainRef(emulator, domainId),
    };
    expect(await client.tokens.get(id)).toEqual(view);
    expect(await client.tokens.get("f".repeat(80))).toBeUndefined();
    expect(await client.tokens.list()).toEqual([view]);
    expect(await client.tokens.update(id, { name: "deploy-2", status: "pause" })).toEqual({
      ...view,
      name: "deploy-2",
      status: "pause",
    });
    expect(emulator.store.tokens.get(id)).toMatchObject({ name: "deploy-2", status: "pause" });
    expect(await client.tokens.delete(id)).toBe(true);
    expect(await client.tokens.delete(id)).toBe(false);

    expect(exchanges(emulator).map(({ request, body, status }) => [request, body, status])).toEqual(
      [
        [
          "POST /token",
          { name: "deploy", scopes: ["email_full", "domains_read"], domain_id: domainId },
          200,
        ],
        [`GET /token/${id}`, undefined, 200],
        [`GET /token/${"f".repeat(80)}`, undefined, 404],
        ["GET /token?page=1&limit=100", undefined, 200],
        [`PUT /token/${id}`, { name: "deploy-2", status: "pause" }, 200],
        [`DELETE /token/${id}`, undefined, 200],
        [`DELETE /token/${id}`, undefined, 404],
      ],
    );
  });
});

describe("users and invites", () => {
  it("invite, then the invite's get, list, resend and delete", async () => {
    const domainId = emulator.store.domains.create({ name: "example.com" }).id;
    const invited = await client.users.invite({
      email: "dev@client.com",
      role: "Custom User",
      permissions: ["read-analytics", "manage-domain"],
      domains: [domainId],
      requires_periodic_password_change: true,
    });
    const invite = {
      id: ID16,
      email: "dev@client.com",
      role: "Custom User",
      permissions: ["read-analytics", "manage-domain"],
      requires_periodic_password_change: true,
      created_at: TIMESTAMP,
      updated_at: TIMESTAMP,
    };
    expect(invited).toEqual({ recovered: false, value: invite });
    const id = invited.value.id;
    expect(await client.invites.get(id)).toEqual(invite);
    expect(await client.invites.get("missing0000000000")).toBeUndefined();
    expect(await client.invites.list()).toEqual([invite]);
    expect(await client.invites.resend(id)).toEqual(invite);
    expect(await client.invites.delete(id)).toBe(true);
    expect(await client.invites.delete(id)).toBe(false);

    expect(exchanges(emulator).map(({ request, body, status }) => [request, body, status])).toEqual(
      [
        [
          "POST /users",
          {
            email: "dev@client.com",
            role: "Custom User",
            permissions: ["read-analytics", "manage-domain"],
            domains: [domainId],
            requires_periodic_password_change: true,
          },
          201,
        ],
        [`GET /invites/${id}`, undefined, 200],
        ["GET /invites/missing0000000000", undefined, 404],
        ["GET /invites?page=1&limit=100", undefined, 200],
        [`POST /invites/${id}/resend`, {}, 200],
        [`DELETE /invites/${id}`, undefined, 204],
        [`DELETE /invites/${id}`, undefined, 404],
      ],
    );
  });

  it("get, list, update and delete an accepted user", async () => {
    const domainId = emulator.store.domains.create({ name: "example.com" }).id;
    const invite = emulator.store.invites.create({ email: "ann@client.com", role: "Manager" });
    const user = emulator.store.acceptInvite(invite.id, { name: "Ann", lastName: "Lee" });
    const view = {
      id: user.id,
      avatar: null,
      email: "ann@client.com",
      last_name: "Lee",
      name: "Ann",
      "2fa": false,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
      role: "Manager",
      permissions: [],
      domains: [],
      templates: [],
    };
    expect(await client.users.get(user.id)).toEqual(view);
    expect(await client.users.get("missing0000000000")).toBeUndefined();
    expect(await client.users.list()).toEqual([view]);
    const updated = await client.users.update(user.id, {
      role: "Custom User",
      permissions: ["read-analytics"],
      domains: [domainId],
    });
    expect(updated).toEqual({
      ...view,
      updated_at: TIMESTAMP,
      role: "Custom User",
      permissions: ["read-analytics"],
      domains: [domainRef(emulator, domainId)],
    });
    expect(await client.users.delete(user.id)).toBe(true);
    expect(await client.users.delete(user.id)).toBe(false);

    expect(exchanges(emulator).map(({ request, body, status }) => [request, body, status])).toEqual(
      [
        [`GET /users/${user.id}`, undefined, 200],
        ["GET /users/missing0000000000", undefined, 404],
        ["GET /users?page=1&limit=100", undefined, 200],
        [
          `PUT /users/${user.id}`,
          { role: "Custom User", permissions: ["read-analytics"], domains: [domainId] },
          200,
        ],
        [`DELETE /users/${user.id}`, undefined, 204],
        [`DELETE /users/${user.id}`, undefined, 404],
      ],
    );
  });
});

describe("quota", () => {
  it("reads GET /api-quota and remembers the x-apiquota-* headers of every answer", async () => {
    await client.domains.list();
    expect(client.transport.quota).toEqual({
      remaining: 499_999,
      resetsAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT00:00:00Z$/),
    });
    const quota = await client.quota();
    expect(quota).toEqual({
      quota: 500_000,
      remaining: 499_999,
      reset: client.transport.quota.resetsAt,
    });
    // A user lookup's 404 carries the headers too; a domain lookup's 404 does not (as recorded),
    // which leaves the last figure in place.
    await client.users.get("missing0000000000");
    expect(client.transport.quota.remaining).toBe(499_998);
    await client.domains.get("missing0000000000");
    expect(client.transport.quota.remaining).toBe(499_998);
    expect(lines(emulator)).toEqual([
      "GET /domains?page=1&limit=100",
      "GET /api-quota",
      "GET /users/missing0000000000",
      "GET /domains/missing0000000000",
    ]);
  });
});
