/**
 * Every verb of `MailerSendClient` against the emulator: the exact requests it sends (method, path,
 * query, body, credential) and what it makes of the answers. Reads give undefined for 404, deletes
 * give false.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import type { MailerSendClient } from "../../provider/api/client";
import { MailerSendApiError } from "../../provider/api/errors";
import { clientFor, exchanges, lines, rejectionOf, start, verifiedDomain } from "./support";

let emulator: Emulator;
let client: MailerSendClient;
beforeEach(async () => {
  emulator = await start();
  client = clientFor(emulator);
});
afterEach(async () => {
  await emulator.close();
});

const ID16 = expect.stringMatching(/^[a-z0-9]{16}$/);
const TOKEN_ID = expect.stringMatching(/^[a-f0-9]{80}$/);
const TIMESTAMP = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$/);

/** The recorded server defaults of a new domain (docs/mailersend-api.md §3.2). */
const DEFAULT_SETTINGS = {
  send_paused: false,
  track_clicks: true,
  track_opens: true,
  track_opens_pixel_on_top: false,
  track_unsubscribe: false,
  track_unsubscribe_html: '<p>Click here to <a href="{{unsubscribe}}">unsubscribe</a></p>',
  track_unsubscribe_html_enabled: false,
  track_unsubscribe_plain: "Click here to unsubscribe: {{unsubscribe}}",
  track_unsubscribe_plain_enabled: false,
  track_content: false,
  custom_tracking_enabled: false,
  custom_tracking_subdomain: "email",
  return_path_subdomain: "mta",
  inbound_routing_enabled: false,
  inbound_routing_subdomain: "inbound",
  precedence_bulk: false,
  ignore_duplicated_recipients: false,
  show_dmarc: false,
};

function domainRef(emulator: Emulator, id: string) {
  const record = emulator.store.domains.get(id);
  if (!record) throw new Error(`no domain ${id}`);
  return { id, name: record.name, created_at: record.createdAt, updated_at: record.updatedAt };
}

describe("domains", () => {
  it("create sends the body as given and parses the create-style answer", async () => {
    const created = await client.domains.create({
      name: "example.com",
      return_path_subdomain: "rp",
    });
    expect(created).toEqual({
      recovered: false,
      value: {
        id: ID16,
        name: "example.com",
        dkim: null,
        spf: null,
        mx: null,
        tracking: null,
        is_verified: false,
        is_dns_active: false,
        is_trial_domain: false,
        domain_settings: { ...DEFAULT_SETTINGS, return_path_subdomain: "rp" },
        can: { manage: true },
        totals: [],
        is_dkim_txt: null,
        show_dkim_info: false,
        is_being_verified: false,
      },
    });
    expect(emulator.store.domains.list().map((d) => [d.id, d.name])).toEqual([
      [created.value.id, "example.com"],
    ]);
    expect(exchanges(emulator)).toEqual([
      {
        request: "POST /domains",
        body: { name: "example.com", return_path_subdomain: "rp" },
        status: 201,
        auth: "account-key",
        outcome: "ok",
      },
    ]);
  });

  it("get parses the GET-style domain; an unknown id gives undefined", async () => {
    const id = emulator.store.domains.create({ name: "example.com" }).id;
    const record = emulator.store.domains.get(id);
    expect(await client.domains.get(id)).toEqual({
      id,
      name: "example.com",
      // [REC] never checked: false here (mailersend-ruby fixtures/domains/domains_single.yml).
      dkim: false,
      spf: false,
      tracking: false,
      is_verified: false,
      is_cname_verified: false,
      is_dns_active: false,
      is_cname_active: false,
      is_tracking_allowed: true,
      domain_stats: { total: 0, queued: 0, sent: 0, rejected: 0, delivered: 0 },
      has_not_queued_messages: false,
      not_queued_messages_count: 0,
      domain_settings: DEFAULT_SETTINGS,
      created_at: record?.createdAt,
      updated_at: record?.updatedAt,
      totals: { sent: 0, delivered: 0, hard_bounced: 0, soft_bounced: 0 },
    });
    expect(await client.domains.get("missing0000000000")).toBeUndefined();
    expect(exchanges(emulator)).toEqual([
      {
        request: `GET /domains/${id}`,
        body: undefined,
        status: 200,
        auth: "account-key",
        outcome: "ok",
      },
      {
        request: "GET /domains/missing0000000000",
        body: undefined,
        status: 404,
        auth: "account-key",
        outcome: "rejected",
      },
    ]);
  });

  it("updateSettings sends only the given keys and returns the updated domain", async () => {
    const id = emulator.store.domains.create({ name: "example.com" }).id;
    const updated = await client.domains.updateSettings(id, {
      send_paused: true,
      track_clicks: false,
      custom_tracking_subdomain: "links",
    });
    expect(updated.id).toBe(id);
    expect(updated.totals).toEqual([]);
    expect(updated.domain_settings).toEqual({
      ...DEFAULT_SETTINGS,
      send_paused: true,
      track_clicks: false,
      custom_tracking_subdomain: "links",
    });
    expect(emulator.store.domains.get(id)?.settings.send_paused).toBe(true);
    expect(exchanges(emulator)).toEqual([
      {
        request: `PUT /domains/${id}/settings`,
        body: { send_paused: true, track_clicks: false, custom_tracking_subdomain: "links" },
        status: 200,
        auth: "account-key",
        outcome: "ok",
      },
    ]);

    // A write to an unknown id is an error (only reads and deletes fold 404 away).
    const error = await rejectionOf(client.domains.updateSettings("missing0000000000", {}));
    expect(MailerSendApiError.is(error) && error.isNotFound).toBe(true);
  });

  it("dnsRecords and verify read the records and the check result", async () => {
    const id = emulator.store.domains.create({ name: "example.com" }).id;
    expect(await client.domains.dnsRecords(id)).toEqual({
      id,
      spf: {
        hostname: "example.com",
        type: "TXT",
        value: "v=spf1 include:_spf.mailersend.net ~all",
      },
      dkim: {
        hostname: "mlsend2._domainkey.example.com",
        type: "CNAME",
        value: "mlsend2._domainkey.mailersend.net",
      },
      return_path: { hostname: "mta.example.com", type: "CNAME", value: "mailersend.net" },
      custom_tracking: {
        hostname: "email.example.com",
        type: "CNAME",
        value: "links.mailersend.net",
      },
      inbound_routing: {
        hostname: "inbound.example.com",
        type: "MX",
        value: "inbound.mailersend.net",
        priority: "10",
      },
    });
    expect(await client.domains.verify(id)).toEqual({
      message: "The domain is not verified.",
      data: { dkim: false, spf: false, mx: false, tracking: false, cname: false, rp_cname: false },
    });
    emulator.store.publishDnsRecords(id, {
      records: ["dkim", "spf", "return_path"],
      checkNow: false,
    });
    expect(await client.domains.verify(id)).toEqual({
      message: "The domain is verified.",
      data: { dkim: true, spf: true, mx: false, tracking: false, cname: false, rp_cname: true },
    });
    expect((await client.domains.get(id))?.is_verified).toBe(true);
    expect(lines(emulator)).toEqual([
      `GET /domains/${id}/dns-records`,
      `GET /domains/${id}/verify`,
      `GET /domains/${id}/verify`,
      `GET /domains/${id}`,
    ]);
  });

  it("list and findByName read the whole collection with limit=100", async () => {
    const first = emulator.store.domains.create({ name: "alpha.com" }).id;
    const second = emulator.store.domains.create({ name: "beta.com" }).id;
    const listed = await client.domains.list();
    expect(listed.map((domain) => [domain.id, domain.name, domain.totals])).toEqual([
      [first, "alpha.com", []],
      [second, "beta.com", []],
    ]);
    expect((await client.domains.findByName("BETA.com"))?.id).toBe(second);
    expect(await client.domains.findByName("gamma.com")).toBeUndefined();
    expect(lines(emulator)).toEqual([
      "GET /domains?page=1&limit=100",
      "GET /domains?page=1&limit=100",
      "GET /domains?page=1&limit=100",
    ]);
  });

  it("list walks every page: 205 domains take pages 1, 2 and 3", async () => {
    const names = Array.from({ length: 205 }, (_, i) => `d${String(i).padStart(3, "0")}.com`);
    for (const name of names) emulator.store.domains.create({ name });
    const listed = await client.domains.list();
    expect(listed.map((domain) => domain.name)).toEqual(names);
    expect(new Set(listed.map((domain) => domain.id)).size).toBe(205);
    expect(exchanges(emulator).map(({ request, status }) => [request, status])).toEqual([
      ["GET /domains?page=1&limit=100", 200],
      ["GET /domains?page=2&limit=100", 200],
      ["GET /domains?page=3&limit=100", 200],
    ]);
  });

  it("list stops on the last page when it is exactly full", async () => {
    for (let i = 0; i < 200; i++) emulator.store.domains.create({ name: `e${i}.com` });
    expect(await client.domains.list()).toHaveLength(200);
    expect(lines(emulator)).toEqual([
      "GET /domains?page=1&limit=100",
      "GET /domains?page=2&limit=100",
    ]);
  });

  it("delete answers true, then false once the domain is gone", async () => {
    const id = emulator.store.domains.create({ name: "example.com" }).id;
    expect(await client.domains.delete(id)).toBe(true);
    expect(await client.domains.delete(id)).toBe(false);
    expect(emulator.store.counts().domains).toBe(0);
    expect(exchanges(emulator).map(({ request, status, body }) => [request, status, body])).toEqual(
      [
        [`DELETE /domains/${id}`, 204, undefined],
        [`DELETE /domains/${id}`, 404, undefined],
      ],
    );
  });
});

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
