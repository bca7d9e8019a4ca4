import { Domain, Identity, Token, TokenScopeType } from "mailersend";
import { DomainModule } from "mailersend/lib/modules/email/Domain.module";
import { IdentityModule } from "mailersend/lib/modules/email/Identity.module";
import { OthersModule } from "mailersend/lib/modules/Others.module";
import { TokenModule } from "mailersend/lib/modules/Token.module";
import { UserModule } from "mailersend/lib/modules/User.module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { start } from "./support";

/**
 * The official SDK (mailersend 3.4.0, module classes constructed with the emulator's base URL, the
 * seam of docs/mailersend-api.md §7.1) against the emulator: paths, query encoding, statuses and empty bodies
 * must line up with what the SDK sends and expects.
 */
let emulator: Emulator;
let sdk: {
  domains: DomainModule;
  identities: IdentityModule;
  tokens: TokenModule;
  users: UserModule;
  others: OthersModule;
};

beforeAll(async () => {
  emulator = await start({ rateLimit: false });
  sdk = {
    domains: new DomainModule(emulator.apiKey, emulator.url),
    identities: new IdentityModule(emulator.apiKey, emulator.url),
    tokens: new TokenModule(emulator.apiKey, emulator.url),
    users: new UserModule(emulator.apiKey, emulator.url),
    others: new OthersModule(emulator.apiKey, emulator.url),
  };
});
afterAll(() => emulator.close());

describe("mailersend SDK 3.4.0 against the emulator", () => {
  let domainId: string;

  it("domains: create, list with verified, settings, dns, verify", async () => {
    const created = await sdk.domains.create(new Domain("example.com", "rp"));
    expect(created.statusCode).toBe(201);
    domainId = created.body.data.id;
    expect(created.headers["x-apiquota-remaining"]).toBe("499999");

    emulator.store.verifyDomain(domainId);
    const verified = await sdk.domains.list({ verified: true, limit: 10 });
    expect(verified.body.data.map((d: { id: string }) => d.id)).toEqual([domainId]);
    expect(emulator.requests.last()?.query).toEqual({ verified: "true", limit: "10" });

    const settings = await sdk.domains.updateSettings(domainId, { send_paused: true });
    expect(settings.statusCode).toBe(200);
    expect(settings.body.data.domain_settings.send_paused).toBe(true);
    expect((await sdk.domains.dns(domainId)).body.data.return_path.hostname).toBe("rp.example.com");
    expect((await sdk.domains.verify(domainId)).body.message).toBe("The domain is verified.");
  });

  it("identities: the email path keeps its + (singleByEmail, updateByEMail, deleteByEmail)", async () => {
    const created = await sdk.identities.create(new Identity(domainId, "a+b@client.com", "A"));
    expect(created.statusCode).toBe(201);
    const byEmail = await sdk.identities.singleByEmail("a+b@client.com");
    expect(byEmail.body.data.id).toBe(created.body.data.id);
    const updated = await sdk.identities.updateByEMail("a+b@client.com", { name: "B" });
    expect(updated.body.data.name).toBe("B");
    const deleted = await sdk.identities.deleteByEmail("a+b@client.com");
    expect(deleted.statusCode).toBe(202);
    expect(deleted.body).toBe("");
  });

  it("rejects with the SDK's plain object {statusCode, body, headers}", async () => {
    await expect(sdk.identities.singleByEmail("nobody@client.com")).rejects.toMatchObject({
      statusCode: 404,
      body: { message: "Resource not found." },
    });
  });

  it("tokens: create (200 + accessToken), update, delete (200, empty body)", async () => {
    const created = await sdk.tokens.create(
      new Token("ci", [TokenScopeType.DOMAINS_READ], domainId),
    );
    expect(created.statusCode).toBe(200);
    expect(created.body.data.accessToken).toMatch(/^mlsn\.[a-f0-9]{64}$/);
    const id = created.body.data.id as string;
    const paused = await sdk.tokens.update(id, { status: "pause" });
    expect(paused.body.data).toEqual({
      id,
      name: "ci",
      status: "pause",
      created_at: expect.any(String),
      scopes: ["domains_read"],
      domain: expect.objectContaining({ id: domainId }),
    });
    const deleted = await sdk.tokens.delete(id);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.body).toBe("");
  });

  it("users and invites, api quota, domain delete (204)", async () => {
    const invite = await sdk.users.create({ email: "u@example.com", role: "Manager" });
    expect(invite.statusCode).toBe(201);
    expect((await sdk.users.listInvites()).body.meta.total).toBe(1);
    expect((await sdk.others.getApiQuota()).body).toMatchObject({ quota: 500000 });
    const deleted = await sdk.domains.delete(domainId);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe("");
  });
});
