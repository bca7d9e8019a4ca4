/**
 * Creates whose answer is lost (the server performed the POST, then the connection dropped): no
 * duplicate is left behind. Domains, identities and invites are found by their unique key and taken
 * over; a token, whose secret is only in the lost answer, is deleted and created again.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Emulator, EmulatorOptions } from "../../emulator";
import { MailerSendApiError } from "../../provider/api/errors";
import {
  captureLog,
  clientFor,
  exchanges,
  lines,
  rejectionOf,
  start,
  verifiedDomain,
} from "./support";

let emulator: Emulator | undefined;
let log: ReturnType<typeof captureLog> | undefined;

async function setUp(options: EmulatorOptions = {}): Promise<Emulator> {
  emulator = await start(options);
  log = captureLog();
  return emulator;
}

afterEach(async () => {
  log?.restore();
  log = undefined;
  await emulator?.close();
  emulator = undefined;
});

function summary(em: Emulator) {
  return exchanges(em).map(({ request, status, outcome }) => [request, status, outcome]);
}

describe("a create whose answer is lost", () => {
  it("domain: found by name and taken over; exactly one domain", async () => {
    const em = await setUp();
    const client = clientFor(em);
    em.faults.add({ method: "POST", path: "/domains", drop: "response" });

    const created = await client.domains.create({ name: "example.com" });
    const [domain, ...others] = em.store.domains.list();
    expect(others).toEqual([]);
    expect(created.recovered).toBe(true);
    expect(created.value).toMatchObject({ id: domain?.id, name: "example.com", totals: [] });
    expect(summary(em)).toEqual([
      ["POST /domains", 201, "response-dropped"],
      ["GET /domains?page=1&limit=100", 200, "ok"],
    ]);
    expect(log?.lines).toEqual([
      "[mailersend] POST /domains: answer lost; checking whether the object was created before trying again",
    ]);
  });

  it("identity: found by email (kept unencoded in the path) and taken over", async () => {
    const em = await setUp();
    const domainId = verifiedDomain(em, "agency.com");
    const client = clientFor(em);
    em.faults.add({ method: "POST", path: "/identities", drop: "response" });

    const created = await client.identities.create({
      domain_id: domainId,
      email: "news+eu@client.com",
      name: "News",
    });
    const [identity, ...others] = em.store.identities.list();
    expect(others).toEqual([]);
    expect(created).toEqual({
      recovered: true,
      value: expect.objectContaining({ id: identity?.id, email: "news+eu@client.com" }),
    });
    expect(summary(em)).toEqual([
      ["POST /identities", 201, "response-dropped"],
      ["GET /identities/email/news+eu@client.com", 200, "ok"],
    ]);
  });

  it("invite: found in the invites and taken over", async () => {
    const em = await setUp();
    const client = clientFor(em);
    em.faults.add({ method: "POST", path: "/users", drop: "response" });

    const created = await client.users.invite({ email: "Dev@Client.com", role: "Admin" });
    const [invite, ...others] = em.store.invites.list();
    expect(others).toEqual([]);
    expect(created).toEqual({
      recovered: true,
      value: expect.objectContaining({ id: invite?.id, email: "Dev@Client.com", role: "Admin" }),
    });
    expect(summary(em)).toEqual([
      ["POST /users", 201, "response-dropped"],
      ["GET /invites?page=1&limit=100", 200, "ok"],
    ]);
  });

  it("token: the orphan is deleted, a new one created, and its secret works", async () => {
    const em = await setUp();
    const client = clientFor(em);
    em.faults.add({ method: "POST", path: "/token", drop: "response" });

    const token = await client.tokens.create({
      name: "deploy",
      scopes: ["domains_read", "tokens_full"],
    });
    const remaining = em.store.tokens.list();
    expect(remaining.map((t) => [t.id, t.name])).toEqual([[token.id, "deploy"]]);

    const [post, list, del, retry] = em.requests.list();
    const orphanId = del?.path.replace("/v1/token/", "");
    expect(orphanId).toMatch(/^[a-f0-9]{80}$/);
    expect(orphanId).not.toBe(token.id);
    expect(summary(em)).toEqual([
      ["POST /token", 200, "response-dropped"],
      ["GET /token?page=1&limit=100", 200, "ok"],
      [`DELETE /token/${orphanId}`, 200, "ok"],
      ["POST /token", 200, "ok"],
      // The sweep after the retry: nothing else of that name appeared meanwhile.
      ["GET /token?page=1&limit=100", 200, "ok"],
    ]);
    expect([post?.body, retry?.body]).toEqual([
      { name: "deploy", scopes: ["domains_read", "tokens_full"] },
      { name: "deploy", scopes: ["domains_read", "tokens_full"] },
    ]);
    expect(list?.auth).toBe("account-key");
    expect(log?.lines).toEqual([
      "[mailersend] POST /token: answer lost; deleting any token it may have created, then trying again",
      `[mailersend] deleting token ${orphanId}: created by a request whose answer was lost`,
    ]);

    // The secret from the second answer authenticates as that token.
    const asToken = clientFor(em, { apiKey: token.accessToken });
    expect(await asToken.domains.list()).toEqual([]);
    expect(em.requests.last()).toMatchObject({
      path: "/v1/domains",
      status: 200,
      auth: `token:${token.id}`,
    });
  });

  it("token: an older token of the same name (the one a rotation replaces) is kept", async () => {
    let offsetMs = -10 * 60_000;
    const em = await setUp({ now: () => Date.now() + offsetMs });
    const older = em.store.tokens.create({ name: "deploy", scopes: ["email_full"] }).token;
    offsetMs = 0;
    const client = clientFor(em);
    em.faults.add({ method: "POST", path: "/token", drop: "response" });

    const token = await client.tokens.create({ name: "deploy", scopes: ["email_full"] });
    expect(
      em.store.tokens
        .list()
        .map((t) => t.id)
        .sort(),
    ).toEqual([older.id, token.id].sort());
    expect(lines(em)).toEqual([
      "POST /token",
      "GET /token?page=1&limit=100",
      expect.stringMatching(/^DELETE \/token\/[a-f0-9]{80}$/),
      "POST /token",
      "GET /token?page=1&limit=100",
    ]);
    expect(lines(em)[2]).not.toBe(`DELETE /token/${older.id}`);
  });

  it("token: a timed-out create that the server completes after the lookup is swept up after the retry", async () => {
    // The server holds the first POST for 300 ms; the client gives up at 250 ms and finds no
    // token of that name yet, so it creates another (held 100 ms). Meanwhile the first request
    // completes; the sweep after the second answer deletes its token.
    const em = await setUp();
    em.faults.add({ method: "POST", path: "/token", delayMs: 300 });
    const client = clientFor(em, { requestTimeoutMs: 250 });
    const createPromise = client.tokens.create({ name: "deploy", scopes: ["email_full"] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    em.faults.add({ method: "POST", path: "/token", delayMs: 100 });
    const token = await createPromise;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(em.store.tokens.list().map((t) => t.id)).toEqual([token.id]);
  });
});

describe("a late answer (issue 13)", () => {
  it("token: the server completes a timed-out create long after the retry succeeded: still exactly one token", async () => {
    // The server holds the first POST for 1500 ms; the client gives up at 250 ms, finds nothing,
    // creates again and gets its token at once. The first request lands at 1500 ms, after every
    // sweep the create used to make; the final sweep now waits out the late-answer window (2500
    // ms from the lost request) and deletes it.
    const em = await setUp();
    em.faults.add({ method: "POST", path: "/token", delayMs: 1500 });
    const client = clientFor(em, { requestTimeoutMs: 250, lateAnswerWindowMs: 2500 });
    const started = Date.now();
    const token = await client.tokens.create({ name: "deploy", scopes: ["email_full"] });
    const tookMs = Date.now() - started;
    // Look only once the held request has surely landed (1500 ms).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 2000 - Date.now())));

    expect(em.store.tokens.list().map((t) => t.id)).toEqual([token.id]);
    expect(tookMs).toBeGreaterThanOrEqual(2500);
    const created = em.requests.list({ method: "POST", path: "/token" });
    expect(created.map((e) => e.status)).toEqual([200, 200]); // both were carried out
    const [sweep, deletion] = lines(em).slice(-2);
    expect(sweep).toBe("GET /token?page=1&limit=100");
    expect(deletion).toMatch(/^DELETE \/token\/[a-f0-9]+$/);
    expect(deletion).not.toBe(`DELETE /token/${token.id}`);
    expect(log?.lines).toEqual([
      "[mailersend] POST /token: timed out; deleting any token it may have created, then trying again",
      expect.stringMatching(
        /^\[mailersend\] POST \/token: waiting \d+s for a lost request MailerSend may still carry out, then deleting any token it made$/,
      ),
      expect.stringMatching(
        /^\[mailersend\] deleting token [a-f0-9]+: created by a request whose answer was lost$/,
      ),
    ]);
    // The token we hold is the one that works.
    const quota = await fetch(`${em.url}/api-quota`, {
      headers: { authorization: `Bearer ${token.accessToken}` },
    });
    expect(quota.status).toBe(200);
  });
});

describe("a create that failed in a way that may hide a write", () => {
  it("a 5xx on POST is not repeated blindly: it looks first, then creates once", async () => {
    const em = await setUp();
    const client = clientFor(em);
    em.faults.add({ method: "POST", path: "/domains", status: 500 });

    const created = await client.domains.create({ name: "example.com" });
    expect(created.recovered).toBe(false);
    expect(em.store.counts().domains).toBe(1);
    expect(summary(em)).toEqual([
      ["POST /domains", 500, "fault"],
      ["GET /domains?page=1&limit=100", 200, "ok"],
      ["POST /domains", 201, "ok"],
    ]);
  });

  it("a dropped request (nothing performed) is looked up, then created", async () => {
    const em = await setUp();
    const domainId = verifiedDomain(em, "agency.com");
    const client = clientFor(em);
    em.faults.add({ method: "POST", path: "/identities", drop: "request" });

    const created = await client.identities.create({
      domain_id: domainId,
      email: "a@client.com",
      name: "A",
    });
    expect(created.recovered).toBe(false);
    expect(em.store.counts().identities).toBe(1);
    expect(summary(em)).toEqual([
      ["POST /identities", null, "dropped"],
      ["GET /identities/email/a@client.com", 404, "rejected"],
      ["POST /identities", 201, "ok"],
    ]);
  });

  it("gives up after maxAttempts rounds with the last error", async () => {
    const em = await setUp();
    const client = clientFor(em, { retry: { maxAttempts: 2 } });
    em.faults.add({ method: "POST", path: "/users", drop: "request", times: Infinity });

    const error = await rejectionOf(client.users.invite({ email: "a@b.com", role: "Admin" }));
    expect(MailerSendApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ kind: "network", outcomeUnknown: true });
    expect(lines(em)).toEqual(["POST /users", "GET /invites?page=1&limit=100", "POST /users"]);
    expect(em.store.counts().invites).toBe(0);
  });

  it("a definite 4xx on POST is neither retried nor looked up", async () => {
    const em = await setUp();
    const client = clientFor(em);
    const error = await rejectionOf(client.tokens.create({ name: "x", scopes: ["nope"] }));
    expect(error).toMatchObject({
      status: 422,
      fieldErrors: { "scopes.0": ["The selected scopes.0 is invalid."] },
    });
    expect(lines(em)).toEqual(["POST /token"]);
  });
});
