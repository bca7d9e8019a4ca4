import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TOKEN_SCOPES, type Emulator } from "../../emulator";
import {
  call,
  DEFAULT_SETTINGS,
  invalid,
  manualClock,
  start,
  TIMESTAMP,
  TOKEN_ID,
} from "./support";

let emulator: Emulator;
const clock = manualClock();

beforeEach(async () => {
  clock.set(Date.UTC(2025, 7, 1, 10, 47, 23));
  emulator = await start({ now: clock.now, rateLimit: false });
});
afterEach(() => emulator.close());

interface CreatedToken {
  data: { id: string; accessToken: string };
}

describe("POST /token", () => {
  it("answers 200 with the secret, once, in the recorded shape (docs/mailersend-api.md §5.2)", async () => {
    const { id: domainId } = emulator.store.domains.create({ name: "example.com" });
    const response = await call(emulator, "POST", "/token", {
      body: { name: "Test Token", domain_id: domainId, scopes: ["email_full", "domains_read"] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        id: TOKEN_ID,
        accessToken: expect.stringMatching(/^mlsn\.[a-f0-9]{64}$/),
        name: "Test Token",
        created_at: "2025-08-01T10:47:23.000000Z",
        scopes: ["email_full", "domains_read"],
        has_full: false,
        domain: {
          id: domainId,
          name: "example.com",
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
        preview: expect.stringMatching(/^mlsn\.[a-f0-9]{4}\*{56}[a-f0-9]{4}$/),
        expires_at: null,
      },
    });
  });

  it("allows an account-wide token (domain: null) and reports has_full for all 31 scopes", async () => {
    const response = await call(emulator, "POST", "/token", {
      body: { name: "Everything", scopes: TOKEN_SCOPES },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ data: { domain: null, has_full: true } });
    expect(TOKEN_SCOPES).toHaveLength(31);
  });

  it("issues an account-wide token for a domain_id the account does not have (domain: null)", async () => {
    // [REC] mailersend-python tokens_create_invalid_domain.yaml (2025), mailersend-ruby
    // fixtures/tokens/tokens_create.yml (2024): 200, not 422.
    const response = await call(emulator, "POST", "/token", {
      body: { name: "Test Token", domain_id: "invalid-domain-id", scopes: ["email_full"] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ data: { name: "Test Token", domain: null } });
    const [token] = emulator.store.tokens.list();
    expect(token).toMatchObject({ name: "Test Token", domainId: null });
  });

  it("validates name, scopes (scopes.N) and domain_id", async () => {
    const response = await call(emulator, "POST", "/token", {
      body: { name: "n".repeat(51), scopes: ["email_full", "emails_full", 7], domain_id: 7 },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      message: "The name field must not be greater than 50 characters. (and 3 more errors)",
      errors: {
        name: ["The name field must not be greater than 50 characters."],
        "scopes.1": ["The selected scopes.1 is invalid."],
        "scopes.2": ["The selected scopes.2 is invalid."],
        domain_id: ["The domain id field must be a string."],
      },
    });
  });

  it.each([
    [{ scopes: ["email_full"] }, "name", "The name field is required."],
    [{ name: "t" }, "scopes", "The scopes field is required."],
    [{ name: "t", scopes: [] }, "scopes", "The scopes field is required."],
    [{ name: "t", scopes: "email_full" }, "scopes", "The scopes field must be an array."],
  ])("rejects %j", async (body, field, message) => {
    const response = await call(emulator, "POST", "/token", { body });
    expect(response.status).toBe(422);
    expect(response.body).toEqual(invalid(field, message));
  });
});

describe("reading tokens", () => {
  it("never returns the secret again (list and get, docs/mailersend-api.md §5.3)", async () => {
    const {
      id: domainId,
      createdAt,
      updatedAt,
    } = emulator.store.domains.create({ name: "example.com" });
    const created = (
      await call(emulator, "POST", "/token", {
        body: { name: "SDK API Token", scopes: ["email_full", "tokens_full"], domain_id: domainId },
      })
    ).body as CreatedToken;
    const item = {
      id: created.data.id,
      name: "SDK API Token",
      status: "unpause",
      created_at: "2025-08-01T10:47:23.000000Z",
      scopes: ["email_full", "tokens_full"],
      domain: { id: domainId, name: "example.com", created_at: createdAt, updated_at: updatedAt },
    };
    const single = await call(emulator, "GET", `/token/${created.data.id}`);
    expect(single.status).toBe(200);
    expect(single.body).toEqual({ data: item });
    const list = await call(emulator, "GET", "/token");
    expect((list.body as { data: unknown[] }).data).toEqual([item]);
    expect(list.text).not.toContain(created.data.accessToken);
    expect(JSON.stringify(emulator.store.snapshot())).not.toContain(created.data.accessToken);
  });
});

describe("updating tokens", () => {
  let id: string;
  let secret: string;
  beforeEach(() => {
    const created = emulator.store.tokens.create({ name: "ci", scopes: ["domains_full"] });
    id = created.token.id;
    secret = created.accessToken;
  });

  it.each([`/token/ID`, `/token/ID/settings`])(
    "PUT %s takes {name, status} and answers the token with scopes and domain",
    async (template) => {
      const response = await call(emulator, "PUT", template.replace("ID", id), {
        body: { name: "renamed", status: "pause" },
      });
      expect(response.status).toBe(200);
      // [REC] mailersend-ruby fixtures/tokens/tokens_update.yml
      expect(response.body).toEqual({
        data: {
          id,
          name: "renamed",
          status: "pause",
          created_at: TIMESTAMP,
          scopes: ["domains_full"],
          domain: null,
        },
      });
    },
  );

  it("a paused token answers 401 Unauthenticated; unpausing restores it", async () => {
    expect((await call(emulator, "GET", "/domains", { key: secret })).status).toBe(200);
    await call(emulator, "PUT", `/token/${id}`, { body: { status: "pause" } });
    const paused = await call(emulator, "GET", "/domains", { key: secret });
    expect(paused.status).toBe(401);
    expect(paused.body).toEqual({ message: "Unauthenticated." });
    await call(emulator, "PUT", `/token/${id}/settings`, { body: { status: "unpause" } });
    expect((await call(emulator, "GET", "/domains", { key: secret })).status).toBe(200);
  });

  it("validates status and name", async () => {
    const response = await call(emulator, "PUT", `/token/${id}`, {
      body: { name: "x".repeat(51), status: "stop" },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      message: "The name field must not be greater than 50 characters. (and 1 more error)",
      errors: {
        name: ["The name field must not be greater than 50 characters."],
        status: ["The selected status is invalid."],
      },
    });
  });
});

describe("DELETE /token/{id}", () => {
  it("answers 200 with an empty body; the secret stops working", async () => {
    const { token, accessToken } = emulator.store.tokens.create({
      name: "ci",
      scopes: ["domains_full"],
    });
    const response = await call(emulator, "DELETE", `/token/${token.id}`);
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect((await call(emulator, "GET", "/domains", { key: accessToken })).status).toBe(401);
  });

  it.each(["GET", "PUT", "DELETE"])("%s on an unknown id answers 404", async (method) => {
    const response = await call(
      emulator,
      method,
      `/token/${"0".repeat(80)}`,
      method === "PUT" ? { body: {} } : {},
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: "Resource not found." });
  });
});
