/**
 * The domain verbs of `MailerSendClient` against the emulator: the exact requests they send
 * (method, path, query, body, credential) and what they make of the answers. Reads give undefined
 * for 404, deletes give false. The other objects' verbs: verbs-account.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import type { MailerSendClient } from "../../provider/api/client";
import { MailerSendApiError } from "../../provider/api/errors";
import { DEFAULT_SETTINGS, ID16 } from "../emulator/support";
import { clientFor, exchanges, lines, rejectionOf, start } from "./support";

let emulator: Emulator;
let client: MailerSendClient;
beforeEach(async () => {
  emulator = await start();
  client = clientFor(emulator);
});
afterEach(async () => {
  await emulator.close();
});

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
