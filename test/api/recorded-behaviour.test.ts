/**
 * The API layer against the emulator behaving as MailerSend was recorded (test/emulator/recorded/):
 * a token asked for an unknown domain comes back account-wide and must not survive; the user list
 * has no paging envelope; quota `-1` is unlimited; answers without quota headers are fine.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import type { MailerSendClient } from "../../provider/api/client";
import { TokenBindingError } from "../../provider/api/token-binding";
import { clientFor, exchanges, lines, rejectionOf, start, verifiedDomain } from "./support";

let emulator: Emulator;
let client: MailerSendClient;
beforeEach(async () => {
  emulator = await start({ dailyQuota: "unlimited" });
  client = clientFor(emulator);
});
afterEach(async () => {
  await emulator.close();
});

describe("a token is bound as asked or not at all", () => {
  it("deletes the account-wide token MailerSend issues for an unknown domain id and names the id", async () => {
    const error = await rejectionOf(
      client.tokens.create({
        name: "acme sending",
        scopes: ["email_full"],
        domain_id: "nosuchdomain0001",
      }),
    );
    expect(TokenBindingError.is(error)).toBe(true);
    expect((error as Error).message).toBe(
      'MailerSend did not bind the new API token "acme sending" to domain nosuchdomain0001: ' +
        "its answer says domain: null, a token for every domain of the account (MailerSend does " +
        "this when the account has no domain with that id). The token was deleted. Check domainId " +
        "nosuchdomain0001: it must be the id of a domain in this MailerSend account.",
    );
    const strayId = emulator.requests.list({ method: "DELETE" })[0]?.path.split("/").pop();
    expect(strayId).toMatch(/^[0-9a-f]{80}$/);
    expect(
      exchanges(emulator).map(({ request, body, status }) => ({ request, body, status })),
    ).toEqual([
      {
        request: "POST /token",
        body: { name: "acme sending", scopes: ["email_full"], domain_id: "nosuchdomain0001" },
        status: 200,
      },
      { request: `DELETE /token/${strayId}`, body: undefined, status: 200 },
    ]);
    expect(emulator.store.tokens.list()).toEqual([]);
  });

  it("says so, with the token id, when the stray token cannot be deleted", async () => {
    emulator.faults.add({
      method: "DELETE",
      path: /^\/token\//,
      status: 403,
      times: Infinity,
    });
    const error = await rejectionOf(
      client.tokens.create({ name: "t", scopes: ["email_full"], domain_id: "nosuchdomain0001" }),
    );
    const [stray] = emulator.store.tokens.list();
    expect(stray).toMatchObject({ name: "t", domainId: null });
    expect((error as Error).message).toBe(
      'MailerSend did not bind the new API token "t" to domain nosuchdomain0001: its answer says ' +
        "domain: null, a token for every domain of the account (MailerSend does this when the " +
        "account has no domain with that id). Deleting it failed (MailerSend API DELETE " +
        `/token/${stray?.id} failed: 403 This action is unauthorized.): delete API token ` +
        `${stray?.id} in MailerSend by hand. Check domainId nosuchdomain0001: it must be the id ` +
        "of a domain in this MailerSend account.",
    );
  });

  it("keeps a token bound to the domain asked for, with one request", async () => {
    const domainId = verifiedDomain(emulator);
    const created = await client.tokens.create({
      name: "t",
      scopes: ["email_full"],
      domain_id: domainId,
    });
    expect(created.domain?.id).toBe(domainId);
    expect(lines(emulator)).toEqual(["POST /token"]);
  });

  it("keeps an account-wide token when none was asked for", async () => {
    const created = await client.tokens.create({ name: "t", scopes: ["email_full"] });
    expect(created.domain).toBeNull();
    expect(lines(emulator)).toEqual(["POST /token"]);
  });
});

describe("listing ends on both paging shapes", () => {
  it("GET /users (no links, no meta): one request, even with more users than a page", async () => {
    for (let i = 0; i < 120; i++) {
      const invite = emulator.store.invites.create({ email: `u${i}@example.com`, role: "Admin" });
      emulator.store.acceptInvite(invite.id);
    }
    const users = await client.users.list();
    expect(users).toHaveLength(120);
    expect(lines(emulator)).toEqual(["GET /users?page=1&limit=100"]);
  });

  it("GET /invites (length-aware envelope): pages until the last", async () => {
    for (let i = 0; i < 120; i++) {
      emulator.store.invites.create({ email: `u${i}@example.com`, role: "Admin" });
    }
    expect(await client.invites.list()).toHaveLength(120);
    expect(lines(emulator)).toEqual([
      "GET /invites?page=1&limit=100",
      "GET /invites?page=2&limit=100",
    ]);
  });
});

describe("quota -1 is unlimited", () => {
  it("is remembered as -1 and never refuses a request; answers without quota headers change nothing", async () => {
    await client.domains.list();
    expect(client.transport.quota.remaining).toBe(-1);
    expect(await client.domains.get("nosuchdomain0001")).toBeUndefined(); // 404 without quota headers
    expect(client.transport.quota.remaining).toBe(-1);
    for (let i = 0; i < 5; i++) await client.domains.list();
    expect(await client.quota()).toMatchObject({ quota: -1, remaining: -1 });
    expect(lines(emulator)).toEqual([
      "GET /domains?page=1&limit=100",
      "GET /domains/nosuchdomain0001",
      ...Array<string>(5).fill("GET /domains?page=1&limit=100"),
      "GET /api-quota",
    ]);
  });

  it("a 429 that says -1 is the per-minute limit (retried), not a spent daily quota", async () => {
    emulator.faults.add({
      method: "GET",
      path: "/domains",
      status: 429,
      body: { message: "Too Many Attempts." },
      headers: { "x-apiquota-remaining": "-1", "retry-after": "0" },
      times: 1,
    });
    expect(await client.domains.list()).toEqual([]);
    expect(exchanges(emulator).map(({ request, status }) => [request, status])).toEqual([
      ["GET /domains?page=1&limit=100", 429],
      ["GET /domains?page=1&limit=100", 200],
    ]);
  });
});
