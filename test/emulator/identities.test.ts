import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { call, ID16, invalid, manualClock, start, TIMESTAMP, verifiedDomain } from "./support";

let emulator: Emulator;
let domainId: string;
const clock = manualClock();

beforeEach(async () => {
  emulator = await start({ now: clock.now, rateLimit: false });
  domainId = verifiedDomain(emulator, "agency.com");
});
afterEach(() => emulator.close());

function identityBody(id: unknown, email: string, overrides: object = {}) {
  const domain = emulator.store.domains.get(domainId)!;
  return {
    data: {
      id,
      email,
      name: "Pedro Doe",
      reply_to_email: null,
      reply_to_name: null,
      is_verified: false,
      resends: 0,
      add_note: false,
      personal_note: null,
      domain: {
        id: domainId,
        name: "agency.com",
        created_at: domain.createdAt,
        updated_at: domain.updatedAt,
      },
      ...overrides,
    },
  };
}

describe("POST /identities", () => {
  it("answers 201 with the identity object of docs/mailersend-api.md §4.2", async () => {
    const response = await call(emulator, "POST", "/identities", {
      body: { domain_id: domainId, email: "pedro@client.com", name: "Pedro Doe" },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual(identityBody(ID16, "pedro@client.com"));
  });

  it("stores the optional fields", async () => {
    const response = await call(emulator, "POST", "/identities", {
      body: {
        domain_id: domainId,
        email: "pedro@client.com",
        name: "Pedro Doe",
        reply_to_email: "help@client.com",
        reply_to_name: "Help",
        add_note: true,
        personal_note: "Hi Pedro, please confirm.",
      },
    });
    expect(response.body).toEqual(
      identityBody(ID16, "pedro@client.com", {
        reply_to_email: "help@client.com",
        reply_to_name: "Help",
        add_note: true,
        personal_note: "Hi Pedro, please confirm.",
      }),
    );
  });

  it("rejects a duplicate email with the recorded 422 (case-insensitive)", async () => {
    await call(emulator, "POST", "/identities", {
      body: { domain_id: domainId, email: "pedro@client.com", name: "Pedro" },
    });
    const response = await call(emulator, "POST", "/identities", {
      body: { domain_id: domainId, email: "Pedro@Client.com", name: "Pedro" },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      message: "The email has already been taken.",
      errors: { email: ["The email has already been taken."] },
    });
  });

  it.each([
    [
      { domain_id: null, email: "a@client.com", name: "A" },
      "domain_id",
      "The domain id field is required.",
    ],
    [
      { domain_id: "nope", email: "a@client.com", name: "A" },
      "domain_id",
      "The selected domain id is invalid.",
    ],
    [
      { email: "not-an-email", name: "A" },
      "email",
      "The email field must be a valid email address.",
    ],
    [
      { email: "someone@gmail.com", name: "A" },
      "email",
      "The email must be on a custom domain; free email providers are not allowed.",
    ],
    [
      { email: `${"a".repeat(181)}@client.com`, name: "A" },
      "email",
      "The email field must not be greater than 191 characters.",
    ],
    [{ email: "a@client.com" }, "name", "The name field is required."],
    [
      { email: "a@client.com", name: "n".repeat(192) },
      "name",
      "The name field must not be greater than 191 characters.",
    ],
    [
      { email: "a@client.com", name: "A", personal_note: "p".repeat(251) },
      "personal_note",
      "The personal note field must not be greater than 250 characters.",
    ],
    [
      { email: "a@client.com", name: "A", reply_to_email: "nope" },
      "reply_to_email",
      "The reply to email field must be a valid email address.",
    ],
    [
      { email: "a@client.com", name: "A", reply_to_name: "Help" },
      "reply_to_email",
      "The reply to email field is required when reply to name is present.",
    ],
  ])("rejects %j", async (body, field, message) => {
    const response = await call(emulator, "POST", "/identities", {
      body: { domain_id: domainId, ...body },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual(invalid(field, message));
  });

  it("refuses an unverified domain", async () => {
    const { id } = emulator.store.domains.create({ name: "pending.com" });
    const response = await call(emulator, "POST", "/identities", {
      body: { domain_id: id, email: "a@client.com", name: "A" },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual(
      invalid("domain_id", "You can only add a sender identity on a verified domain."),
    );
  });

  it("starts verified on a verified account domain only with autoVerifyIdentitiesOnVerifiedDomains", async () => {
    const create = async (email: string) =>
      (
        (
          await call(emulator, "POST", "/identities", {
            body: { domain_id: domainId, email, name: "A" },
          })
        ).body as { data: { is_verified: boolean } }
      ).data.is_verified;
    expect(await create("a@agency.com")).toBe(false);
    await emulator.close();
    emulator = await start({ autoVerifyIdentitiesOnVerifiedDomains: true });
    domainId = verifiedDomain(emulator, "agency.com");
    expect(await create("a@agency.com")).toBe(true);
    expect(await create("b@client.com")).toBe(false);
  });
});

describe("by id and by email", () => {
  let id: string;
  beforeEach(() => {
    id = emulator.store.identities.create({
      domain_id: domainId,
      email: "pedro+tag@client.com",
      name: "Pedro Doe",
    }).id;
  });

  it("GET by id and by email with a literal + and @ in the path", async () => {
    const expected = identityBody(id, "pedro+tag@client.com");
    expect((await call(emulator, "GET", `/identities/${id}`)).body).toEqual(expected);
    const byEmail = await call(emulator, "GET", "/identities/email/pedro+tag@client.com");
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toEqual(expected);
    expect(
      (await call(emulator, "GET", "/identities/email/pedro%2Btag%40client.com")).body,
    ).toEqual(expected);
    expect(emulator.requests.last()?.path).toBe("/v1/identities/email/pedro%2Btag%40client.com");
  });

  it("PUT by id and by email answer 200 and change only updatable fields", async () => {
    const byId = await call(emulator, "PUT", `/identities/${id}`, {
      body: {
        name: "New Name",
        reply_to_email: "r@client.com",
        email: "ignored@client.com",
        domain_id: "ignored",
      },
    });
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(
      identityBody(id, "pedro+tag@client.com", {
        name: "New Name",
        reply_to_email: "r@client.com",
      }),
    );
    const byEmail = await call(emulator, "PUT", "/identities/email/pedro+tag@client.com", {
      body: { add_note: true, personal_note: "note" },
    });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toEqual(
      identityBody(id, "pedro+tag@client.com", {
        name: "New Name",
        reply_to_email: "r@client.com",
        add_note: true,
        personal_note: "note",
      }),
    );
  });

  it("PUT validates", async () => {
    const response = await call(emulator, "PUT", `/identities/${id}`, { body: { name: "" } });
    expect(response.status).toBe(422);
    expect(response.body).toEqual(invalid("name", "The name field is required."));
  });

  it("DELETE by id answers 204", async () => {
    const response = await call(emulator, "DELETE", `/identities/${id}`);
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(emulator.store.identities.list()).toEqual([]);
  });

  it("DELETE by email answers 202 (the SDK's own test expects it)", async () => {
    const response = await call(emulator, "DELETE", "/identities/email/pedro+tag@client.com");
    expect(response.status).toBe(202);
    expect(response.text).toBe("");
    expect(emulator.store.identities.list()).toEqual([]);
  });

  it("POST /identities/{id}/resend answers 200 with resends + 1", async () => {
    const first = await call(emulator, "POST", `/identities/${id}/resend`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual(identityBody(id, "pedro+tag@client.com", { resends: 1 }));
    const second = await call(emulator, "POST", `/identities/${id}/resend`);
    expect((second.body as { data: { resends: number } }).data.resends).toBe(2);
  });

  it.each([
    ["GET", "/identities/nope"],
    ["PUT", "/identities/nope"],
    ["DELETE", "/identities/nope"],
    ["POST", "/identities/nope/resend"],
    ["GET", "/identities/email/nobody@client.com"],
    ["PUT", "/identities/email/nobody@client.com"],
    ["DELETE", "/identities/email/nobody@client.com"],
  ])("%s %s answers 404", async (method, path) => {
    const response = await call(
      emulator,
      method,
      path,
      method === "PUT" ? { body: { name: "x" } } : {},
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: "Resource not found." });
  });
});

describe("GET /identities", () => {
  it("lists with the length-aware paginator and filters on domain_id", async () => {
    const other = verifiedDomain(emulator, "other.com");
    const a = emulator.store.identities.create({
      domain_id: domainId,
      email: "a@client.com",
      name: "A",
    });
    const b = emulator.store.identities.create({
      domain_id: other,
      email: "b@client.com",
      name: "B",
    });
    const ids = async (query: string) => {
      const response = await call(emulator, "GET", `/identities${query}`);
      expect(response.status).toBe(200);
      return response.body as { data: { id: string }[]; meta: { total: number } };
    };
    expect((await ids("")).data.map((i) => i.id)).toEqual([a.id, b.id]);
    expect((await ids(`?domain_id=${other}`)).data.map((i) => i.id)).toEqual([b.id]);
    expect((await ids(`?domain_id=${other}`)).meta.total).toBe(1);
    expect((await ids("?domain_id=unknown")).data).toEqual([]);
  });
});

it("confirms through the store handle (the owner clicked the link)", async () => {
  const { id } = emulator.store.identities.create({
    domain_id: domainId,
    email: "a@client.com",
    name: "A",
  });
  expect(emulator.store.verifyIdentity("a@client.com").isVerified).toBe(true);
  const { body } = await call(emulator, "GET", `/identities/${id}`);
  expect((body as { data: { is_verified: boolean } }).data.is_verified).toBe(true);
  expect(emulator.store.identities.get(id)?.updatedAt).toEqual(TIMESTAMP);
});
