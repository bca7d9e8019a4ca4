import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { admin, call, start } from "./support";

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start({ rateLimit: { requests: 2 } });
});
afterEach(() => emulator.close());

describe("admin door /__emulator", () => {
  it("publishes all DNS records and checks right away by default (as the background check would)", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const response = await admin(emulator, "POST", "/domains/example.com/dns");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      data: { id, isVerified: true, checks: { dkim: true, spf: true, returnPath: true } },
      published: ["dkim", "spf", "return_path", "custom_tracking", "inbound_routing"],
    });
    const domain = await call(emulator, "GET", `/domains/${id}`);
    expect(domain.body).toMatchObject({ data: { is_verified: true, dkim: true, spf: true } });
  });

  it("publishes some records, and with checkNow: false only the next GET /verify sees them", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const response = await admin(emulator, "POST", `/domains/${id}/dns`, {
      records: ["dkim", "spf", "return_path"],
      checkNow: false,
    });
    expect(response.body).toMatchObject({
      data: { isVerified: false, checks: null },
      published: ["dkim", "spf", "return_path"],
    });
    expect((await call(emulator, "GET", `/domains/${id}`)).body).toMatchObject({
      data: { dkim: false },
    });
    expect((await call(emulator, "GET", `/domains/${id}/verify`)).body).toMatchObject({
      message: "The domain is verified.",
    });
  });

  it("removes records (DNS drift) with DELETE", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    await admin(emulator, "POST", `/domains/${id}/dns`);
    const response = await admin(emulator, "DELETE", `/domains/${id}/dns`, { records: ["spf"] });
    expect(response.body).toMatchObject({
      data: { isVerified: true, checks: { spf: false, dkim: true } },
      published: ["dkim", "return_path", "custom_tracking", "inbound_routing"],
    });
  });

  it("rejects unknown record kinds and unknown domains", async () => {
    emulator.store.domains.create({ name: "example.com" });
    const bad = await admin(emulator, "POST", "/domains/example.com/dns", { records: ["dmarc"] });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({
      message:
        "Unknown DNS record kind(s): dmarc. Use dkim, spf, return_path, custom_tracking, inbound_routing.",
      errors: {
        records: [
          "Unknown DNS record kind(s): dmarc. Use dkim, spf, return_path, custom_tracking, inbound_routing.",
        ],
      },
    });
    const missing = await admin(emulator, "POST", "/domains/nope.com/dns");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: "Resource not found." });
  });

  it("confirms a sender identity by id or by email (with +)", async () => {
    const { id: domainId } = emulator.store.domains.create({ name: "agency.com" });
    emulator.store.verifyDomain(domainId);
    const { id } = emulator.store.identities.create({
      domain_id: domainId,
      email: "a+b@client.com",
      name: "A",
    });
    const response = await admin(emulator, "POST", "/identities/a+b@client.com/verify");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ data: { id, isVerified: true } });
    expect((await admin(emulator, "POST", `/identities/${id}/verify`)).status).toBe(200);
    expect((await admin(emulator, "POST", "/identities/nobody@x.com/verify")).status).toBe(404);
  });

  it("accepts an invite", async () => {
    const invite = emulator.store.invites.create({ email: "u@example.com", role: "Admin" });
    const response = await admin(emulator, "POST", `/invites/${invite.id}/accept`);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      data: { email: "u@example.com", role: "Admin", name: "u", lastName: null },
    });
    expect((await admin(emulator, "POST", `/invites/${invite.id}/accept`)).status).toBe(404);
  });

  it("shows the state without token secrets", async () => {
    const { accessToken } = emulator.store.tokens.create({ name: "ci", scopes: ["email_full"] });
    const response = await admin(emulator, "GET", "/state");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      plan: "professional",
      domains: [],
      identities: [],
      tokens: [{ name: "ci", status: "unpause", scopes: ["email_full"], domainId: null }],
      users: [],
      invites: [],
      quota: { quota: 500000, remaining: 500000 },
    });
    expect(response.text).not.toContain(accessToken);
    expect(response.text).not.toContain("secretHash");
  });

  it("resets everything", async () => {
    emulator.store.domains.create({ name: "example.com" });
    emulator.faults.add({ status: 500, times: Infinity });
    expect((await admin(emulator, "POST", "/reset")).status).toBe(204);
    expect(emulator.store.counts()).toEqual({
      domains: 0,
      identities: 0,
      tokens: 0,
      users: 0,
      invites: 0,
    });
    const response = await call(emulator, "GET", "/domains");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("1");
  });

  it("is not rate limited, not counted and needs no auth", async () => {
    for (let i = 0; i < 5; i++) expect((await admin(emulator, "GET", "/state")).status).toBe(200);
    expect((await call(emulator, "GET", "/domains")).headers.get("x-ratelimit-remaining")).toBe(
      "1",
    );
  });

  it("answers 404 for unknown admin routes", async () => {
    const response = await admin(emulator, "GET", "/nope");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: "Unknown emulator admin route." });
  });
});
