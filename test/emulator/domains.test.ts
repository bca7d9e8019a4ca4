import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import {
  call,
  DEFAULT_SETTINGS,
  ID16,
  invalid,
  manualClock,
  start,
  TIMESTAMP,
  verifiedDomain,
} from "./support";

let emulator: Emulator;
const clock = manualClock();

beforeEach(async () => {
  clock.set(Date.UTC(2025, 3, 1, 12, 33, 41));
  emulator = await start({ now: clock.now, rateLimit: false });
});
afterEach(() => emulator.close());

/** GET-style domain of a fresh, never-checked domain (docs/mailersend-api.md §3.3 keys). */
function freshGetStyle(id: string, name: string, totals: unknown) {
  return {
    id,
    name,
    // [REC] never checked: false in the GET shape (null only in the create answer).
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
    created_at: "2025-04-01T12:33:41.000000Z",
    updated_at: "2025-04-01T12:33:41.000000Z",
    totals,
  };
}

describe("POST /domains", () => {
  it("answers 201 with the create-style serializer and the recorded defaults (docs/mailersend-api.md §3.2)", async () => {
    const response = await call(emulator, "POST", "/domains", { body: { name: "example.info" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.body).toEqual({
      data: {
        id: ID16,
        name: "example.info",
        dkim: null,
        spf: null,
        mx: null,
        tracking: null,
        is_verified: false,
        is_dns_active: false,
        is_trial_domain: false,
        domain_settings: DEFAULT_SETTINGS,
        can: { manage: true },
        totals: [],
        is_dkim_txt: null,
        show_dkim_info: false,
        is_being_verified: false,
      },
    });
  });

  it("takes the three subdomains", async () => {
    const response = await call(emulator, "POST", "/domains", {
      body: {
        name: "example.com",
        return_path_subdomain: "rp",
        custom_tracking_subdomain: "ct",
        inbound_routing_subdomain: "ir",
      },
    });
    expect(response.status).toBe(201);
    expect((response.body as { data: { domain_settings: object } }).data.domain_settings).toEqual({
      ...DEFAULT_SETTINGS,
      return_path_subdomain: "rp",
      custom_tracking_subdomain: "ct",
      inbound_routing_subdomain: "ir",
    });
  });

  it.each([
    [{}, "name", "The name field is required."],
    [{ name: 42 }, "name", "The name field must be a string."],
    [{ name: "Example.com" }, "name", "The name field must be lowercase."],
    [{ name: "localhost" }, "name", "The name field must be a valid domain name."],
    [{ name: "bad_name.com" }, "name", "The name field must be a valid domain name."],
    [{ name: "nowhere.invalid" }, "name", "The name field must be a resolvable domain name."],
    [
      { name: "example.com", return_path_subdomain: "r-p" },
      "return_path_subdomain",
      "The return path subdomain field must only contain letters and numbers.",
    ],
  ])("rejects %j with 422", async (body, field, message) => {
    const response = await call(emulator, "POST", "/domains", { body });
    expect(response.status).toBe(422);
    expect(response.body).toEqual(invalid(field, message));
  });

  it("reports several errors with '(and N more errors)' (docs/mailersend-api.md §2.2)", async () => {
    const response = await call(emulator, "POST", "/domains", {
      body: {
        name: "Example.com",
        return_path_subdomain: "r.p",
        custom_tracking_subdomain: "c-t",
        inbound_routing_subdomain: "i_r",
      },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      message: "The name field must be lowercase. (and 3 more errors)",
      errors: {
        name: ["The name field must be lowercase."],
        return_path_subdomain: [
          "The return path subdomain field must only contain letters and numbers.",
        ],
        custom_tracking_subdomain: [
          "The custom tracking subdomain field must only contain letters and numbers.",
        ],
        inbound_routing_subdomain: [
          "The inbound routing subdomain field must only contain letters and numbers.",
        ],
      },
    });
  });

  it("says '(and 1 more error)' for exactly two errors", async () => {
    const response = await call(emulator, "POST", "/domains", {
      body: { return_path_subdomain: "r.p" },
    });
    expect(response.body).toEqual({
      message: "The name field is required. (and 1 more error)",
      errors: {
        name: ["The name field is required."],
        return_path_subdomain: [
          "The return path subdomain field must only contain letters and numbers.",
        ],
      },
    });
  });

  it("keeps names unique in the account and across accounts (foreignDomains)", async () => {
    await emulator.close();
    emulator = await start({ foreignDomains: ["Taken.com"], rateLimit: false });
    expect((await call(emulator, "POST", "/domains", { body: { name: "mine.com" } })).status).toBe(
      201,
    );
    for (const name of ["mine.com", "taken.com"]) {
      const response = await call(emulator, "POST", "/domains", { body: { name } });
      expect(response.status).toBe(422);
      expect(response.body).toEqual(invalid("name", "The name has already been taken."));
    }
  });

  it("treats malformed JSON as an empty body (validation, not a parse error)", async () => {
    const response = await fetch(`${emulator.url}/domains`, {
      method: "POST",
      headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual(invalid("name", "The name field is required."));
  });
});

describe("GET /domains/{id}", () => {
  it("uses the GET-style serializer with a totals object (docs/mailersend-api.md §3.3)", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const response = await call(emulator, "GET", `/domains/${id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: freshGetStyle(id, "example.com", {
        sent: 0,
        delivered: 0,
        hard_bounced: 0,
        soft_bounced: 0,
      }),
    });
  });

  it("shows the verified flags once the DNS check passed", async () => {
    const id = verifiedDomain(emulator);
    const { body } = await call(emulator, "GET", `/domains/${id}`);
    expect((body as { data: object }).data).toMatchObject({
      dkim: true,
      spf: true,
      tracking: false,
      is_verified: true,
      is_cname_verified: true,
      is_dns_active: true,
      is_cname_active: false,
    });
  });

  it.each([
    "GET /domains/nope",
    "DELETE /domains/nope",
    "PUT /domains/nope/settings",
    "GET /domains/nope/dns-records",
    "GET /domains/nope/verify",
    "GET /domains/nope/recipients",
  ])("%s answers 404 Resource not found.", async (route) => {
    const [method, path] = route.split(" ") as [string, string];
    const response = await call(emulator, method, path, method === "PUT" ? { body: {} } : {});
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: "Resource not found." });
  });
});

describe("GET /domains", () => {
  it("lists with the GET serializer, totals [] and the length-aware paginator", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const response = await call(emulator, "GET", "/domains");
    const base = `${emulator.url}/domains`;
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: [freshGetStyle(id, "example.com", [])],
      links: { first: `${base}?page=1`, last: `${base}?page=1`, prev: null, next: null },
      meta: {
        current_page: 1,
        from: 1,
        last_page: 1,
        links: [
          { url: null, label: "&laquo; Previous", active: false },
          { url: `${base}?page=1`, label: "1", active: true },
          { url: null, label: "Next &raquo;", active: false },
        ],
        path: base,
        per_page: 25,
        to: 1,
        total: 1,
      },
    });
  });

  it("filters on verified=true/false", async () => {
    const verified = verifiedDomain(emulator, "verified.com");
    const { id: pending } = emulator.store.domains.create({ name: "pending.com" });
    const ids = async (query: string) =>
      (
        (await call(emulator, "GET", `/domains${query}`)).body as { data: { id: string }[] }
      ).data.map((domain) => domain.id);
    expect(await ids("?verified=true")).toEqual([verified]);
    expect(await ids("?verified=false")).toEqual([pending]);
    expect(await ids("")).toEqual([verified, pending]);
    const bad = await call(emulator, "GET", "/domains?verified=maybe");
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual(invalid("verified", "The verified field must be true or false."));
  });
});

describe("DELETE /domains/{id}", () => {
  it("answers 204 with an empty body and cascades to identities and bound tokens", async () => {
    const id = verifiedDomain(emulator);
    const other = verifiedDomain(emulator, "other.com");
    emulator.store.identities.create({ domain_id: id, email: "a@example.com", name: "A" });
    emulator.store.identities.create({ domain_id: other, email: "b@other.com", name: "B" });
    emulator.store.tokens.create({ name: "bound", scopes: ["email_full"], domain_id: id });
    emulator.store.tokens.create({ name: "free", scopes: ["email_full"] });
    const invite = emulator.store.invites.create({
      email: "u@x.com",
      role: "Manager",
      domains: [id, other],
    });

    const response = await call(emulator, "DELETE", `/domains/${id}`);
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(emulator.store.domains.get(id)).toBeUndefined();
    expect(emulator.store.identities.list().map((i) => i.email)).toEqual(["b@other.com"]);
    expect(emulator.store.tokens.list().map((t) => t.name)).toEqual(["free"]);
    expect(emulator.store.invites.get(invite.id)?.domains).toEqual([other]);
    expect((await call(emulator, "GET", `/domains/${id}`)).status).toBe(404);
  });

  it("unbinds tokens instead with tokensOnDomainDelete: 'unbind'", async () => {
    await emulator.close();
    emulator = await start({ tokensOnDomainDelete: "unbind" });
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const { token } = emulator.store.tokens.create({
      name: "bound",
      scopes: ["email_full"],
      domain_id: id,
    });
    await call(emulator, "DELETE", `/domains/${id}`);
    expect(emulator.store.tokens.get(token.id)?.domainId).toBeNull();
  });
});

describe("PUT /domains/{id}/settings", () => {
  it("changes only the keys sent, answers the GET shape with totals [] and moves updated_at (docs/mailersend-api.md §3.4)", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    clock.advance(5_000);
    const response = await call(emulator, "PUT", `/domains/${id}/settings`, {
      body: {
        send_paused: true,
        custom_tracking_subdomain: "track",
        track_unsubscribe_html: "<p>{{unsubscribe}}</p>",
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        ...freshGetStyle(id, "example.com", []),
        domain_settings: {
          ...DEFAULT_SETTINGS,
          send_paused: true,
          custom_tracking_subdomain: "track",
          track_unsubscribe_html: "<p>{{unsubscribe}}</p>",
        },
        updated_at: "2025-04-01T12:33:46.000000Z",
      },
    });
  });

  it("ignores read-only and unknown keys", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const response = await call(emulator, "PUT", `/domains/${id}/settings`, {
      body: { return_path_subdomain: "x", show_dmarc: true, nonsense: 1 },
    });
    expect(response.status).toBe(200);
    expect((response.body as { data: { domain_settings: object } }).data.domain_settings).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  it("validates types with Laravel messages", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const response = await call(emulator, "PUT", `/domains/${id}/settings`, {
      body: { send_paused: "yes", custom_tracking_subdomain: "a.b" },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      message: "The send paused field must be true or false. (and 1 more error)",
      errors: {
        send_paused: ["The send paused field must be true or false."],
        custom_tracking_subdomain: [
          "The custom tracking subdomain field must only contain letters and numbers.",
        ],
      },
    });
  });
});

describe("GET /domains/{id}/dns-records", () => {
  it("derives the records from the name and subdomains (docs/mailersend-api.md §3.5)", async () => {
    const { id } = emulator.store.domains.create({
      name: "example.com",
      custom_tracking_subdomain: "track",
    });
    const response = await call(emulator, "GET", `/domains/${id}/dns-records`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
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
          hostname: "track.example.com",
          type: "CNAME",
          value: "links.mailersend.net",
        },
        inbound_routing: {
          hostname: "inbound.example.com",
          type: "MX",
          value: "inbound.mailersend.net",
          priority: "10",
        },
      },
    });
  });
});

describe("GET /domains/{id}/verify", () => {
  it("reports an unpublished domain as not verified", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const response = await call(emulator, "GET", `/domains/${id}/verify`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      message: "The domain is not verified.",
      data: { dkim: false, spf: false, mx: false, tracking: false, cname: false, rp_cname: false },
    });
    // The check ran: the flags are booleans now.
    expect(emulator.store.domains.get(id)?.checks).toMatchObject({ dkim: false, spf: false });
  });

  it("re-runs the check over published records and verifies on dkim + spf + return path", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    emulator.store.publishDnsRecords(id, {
      records: ["dkim", "spf", "return_path", "inbound_routing"],
      checkNow: false,
    });
    expect(emulator.store.domains.get(id)?.isVerified).toBe(false);
    const response = await call(emulator, "GET", `/domains/${id}/verify`);
    expect(response.body).toEqual({
      message: "The domain is verified.",
      data: { dkim: true, spf: true, mx: true, tracking: false, cname: false, rp_cname: true },
    });
    const domain = (await call(emulator, "GET", `/domains/${id}`)).body as { data: object };
    expect(domain.data).toMatchObject({
      dkim: true,
      spf: true,
      is_verified: true,
      is_dns_active: true,
    });
  });

  it("stays verified (sticky) when records disappear later", async () => {
    const id = verifiedDomain(emulator);
    emulator.store.unpublishDnsRecords(id, { records: ["dkim"], checkNow: false });
    const response = await call(emulator, "GET", `/domains/${id}/verify`);
    expect(response.body).toEqual({
      message: "The domain is verified.",
      data: { dkim: false, spf: true, mx: true, tracking: false, cname: true, rp_cname: true },
    });
  });

  it("does not verify with a missing return-path record", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    emulator.store.verifyDomain(id, ["dkim", "spf"]);
    expect(emulator.store.domains.get(id)?.isVerified).toBe(false);
  });

  it("counts a record published for an old subdomain as missing", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    await call(emulator, "PUT", `/domains/${id}/settings`, {
      body: { custom_tracking_enabled: true },
    });
    emulator.store.verifyDomain(id);
    expect((await call(emulator, "GET", `/domains/${id}/verify`)).body).toMatchObject({
      data: { tracking: true, cname: true },
    });
    await call(emulator, "PUT", `/domains/${id}/settings`, {
      body: { custom_tracking_subdomain: "links" },
    });
    expect((await call(emulator, "GET", `/domains/${id}/verify`)).body).toMatchObject({
      data: { tracking: false, cname: false },
    });
  });
});

describe("GET /domains/{id}/recipients", () => {
  it("uses the simple paginator (docs/mailersend-api.md §1)", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const response = await call(emulator, "GET", `/domains/${id}/recipients?limit=10`);
    const path = `${emulator.url}/domains/${id}/recipients`;
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: [],
      links: { first: `${path}?page=1`, last: null, prev: null, next: null },
      meta: { current_page: 1, from: null, path, per_page: 10, to: null },
    });
  });
});

it("uses MailerSend's timestamp format", async () => {
  const { id } = emulator.store.domains.create({ name: "example.com" });
  const { body } = await call(emulator, "GET", `/domains/${id}`);
  expect((body as { data: { created_at: string } }).data.created_at).toEqual(TIMESTAMP);
});
