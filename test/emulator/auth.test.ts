import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { call, start, verifiedDomain } from "./support";

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start({ rateLimit: false });
});
afterEach(() => emulator.close());

describe("authentication (docs/mailersend-api.md §1, docs/mailersend-api.md §2.2)", () => {
  it.each([
    ["no Authorization header", null],
    ["an unknown token", `mlsn.${"0".repeat(64)}`],
  ])("%s answers 401 Unauthenticated.", async (_case, key) => {
    const response = await call(emulator, "GET", "/domains", { key });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ message: "Unauthenticated." });
    expect(response.headers.get("content-type")).toBe("application/json");
    // [REC] a 401 carries no quota headers (mailersend-java, see recorded/unauthenticated.json).
    expect(response.headers.get("x-apiquota-remaining")).toBeNull();
    expect(response.headers.get("x-apiquota-reset")).toBeNull();
  });

  it("rejects other schemes", async () => {
    const response = await fetch(`${emulator.url}/domains`, {
      headers: { authorization: `Basic ${emulator.apiKey}` },
    });
    expect(response.status).toBe(401);
  });

  it("401 also for unknown routes when unauthenticated, 404 once authenticated", async () => {
    expect((await call(emulator, "GET", "/nothing-here", { key: null })).status).toBe(401);
    const response = await call(emulator, "GET", "/nothing-here");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: "Resource not found." });
  });

  it("uses the apiKey option as the account key", async () => {
    await emulator.close();
    const apiKey = `mlsn.${"ab".repeat(32)}`;
    emulator = await start({ apiKey });
    expect(emulator.apiKey).toBe(apiKey);
    expect((await call(emulator, "GET", "/domains", { key: apiKey })).status).toBe(200);
  });

  it("generates mlsn. + 64 lowercase hex by default", () => {
    expect(emulator.apiKey).toMatch(/^mlsn\.[a-f0-9]{64}$/);
  });
});

describe("token scopes (docs/mailersend-api.md §5.4, [INF] mapping)", () => {
  const forbidden = { message: "This action is unauthorized." };

  async function tokenWith(scopes: string[], domainId?: string): Promise<string> {
    return emulator.store.tokens.create({ name: "t", scopes, domain_id: domainId }).accessToken;
  }

  it("read scopes allow GET only", async () => {
    const key = await tokenWith(["domains_read"]);
    expect((await call(emulator, "GET", "/domains", { key })).status).toBe(200);
    const post = await call(emulator, "POST", "/domains", { key, body: { name: "example.com" } });
    expect(post.status).toBe(403);
    expect(post.body).toEqual(forbidden);
    expect(emulator.store.domains.list()).toEqual([]);
  });

  it("full scopes allow writes", async () => {
    const key = await tokenWith(["domains_full"]);
    expect(
      (await call(emulator, "POST", "/domains", { key, body: { name: "example.com" } })).status,
    ).toBe(201);
  });

  it.each([
    ["GET", "/identities", "sender_identity_read"],
    ["POST", "/identities", "sender_identity_full"],
    ["GET", "/token", "tokens_full"],
    ["GET", "/users", "users_read"],
    ["GET", "/invites", "users_read"],
    ["POST", "/users", "users_full"],
    ["GET", "/domains", "domains_read"],
  ])("%s %s needs %s", async (method, path, scope) => {
    const without = await tokenWith(["email_full"]);
    const denied = await call(emulator, method, path, {
      key: without,
      body: method === "POST" ? {} : undefined,
    });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual(forbidden);
    const withScope = await tokenWith([scope]);
    const allowed = await call(emulator, method, path, {
      key: withScope,
      body: method === "POST" ? {} : undefined,
    });
    expect([200, 422]).toContain(allowed.status); // past the scope check (an empty POST body fails validation)
  });

  it("tokens_read does not exist: GET /token needs tokens_full", async () => {
    const key = await tokenWith(["domains_full"]);
    expect((await call(emulator, "GET", "/token", { key })).status).toBe(403);
  });

  it("/api-quota needs no scope", async () => {
    const key = await tokenWith(["email_full"]);
    expect((await call(emulator, "GET", "/api-quota", { key })).status).toBe(200);
  });

  it("a domain-bound token is not restricted to its domain (docs/mailersend-api.md §5.5)", async () => {
    const bound = verifiedDomain(emulator, "bound.com");
    const other = verifiedDomain(emulator, "other.com");
    const key = await tokenWith(["domains_full"], bound);
    expect((await call(emulator, "GET", `/domains/${other}`, { key })).status).toBe(200);
  });

  it("logs which credential authenticated, never the credential", async () => {
    const { token, accessToken } = emulator.store.tokens.create({
      name: "t",
      scopes: ["domains_read"],
    });
    await call(emulator, "GET", "/domains", { key: accessToken });
    await call(emulator, "GET", "/domains");
    await call(emulator, "GET", "/domains", { key: null });
    expect(emulator.requests.list().map((entry) => entry.auth)).toEqual([
      `token:${token.id}`,
      "account-key",
      "none",
    ]);
    const logged = JSON.stringify(emulator.requests.list());
    expect(logged).not.toContain(accessToken);
    expect(logged).not.toContain(emulator.apiKey);
    expect(logged.toLowerCase()).not.toContain("authorization");
  });
});
