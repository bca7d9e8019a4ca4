/**
 * The retry policy against real answers: what is repeated, how often, how far apart (exact waits
 * from an injected clock with `random: () => 0`, spacing from the emulator's arrival times), and
 * what gives up at once.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Emulator, EmulatorOptions } from "../../emulator";
import { MailerSendApiError } from "../../provider/api/errors";
import { setLogSink } from "../../provider/api/log";
import {
  arrivals,
  captureLog,
  clientFor,
  exchanges,
  gaps,
  lines,
  recordingClock,
  rejectionOf,
  start,
  statuses,
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

function logged(): string[] {
  return log?.lines ?? [];
}

describe("server errors on idempotent calls", () => {
  it("are retried until success, with exponential backoff", async () => {
    const em = await setUp();
    const id = em.store.domains.create({ name: "example.com" }).id;
    const clock = recordingClock();
    const client = clientFor(em, { clock, retry: { baseDelayMs: 200, maxDelayMs: 1000 } });
    em.faults.add({ method: "GET", path: `/domains/${id}`, status: 503, times: 2 });

    expect((await client.domains.get(id))?.id).toBe(id);
    // random() = 0: half of 200, then half of 400.
    expect(clock.sleeps).toEqual([100, 200]);
    expect(exchanges(em).map(({ request, status, outcome }) => [request, status, outcome])).toEqual(
      [
        [`GET /domains/${id}`, 503, "fault"],
        [`GET /domains/${id}`, 503, "fault"],
        [`GET /domains/${id}`, 200, "ok"],
      ],
    );
    const [first, second] = gaps(arrivals(em));
    expect(first).toBeGreaterThanOrEqual(100);
    expect(second).toBeGreaterThanOrEqual(200);
    expect(logged()).toEqual([
      `[mailersend] GET /domains/${id}: 503; retrying in 0.1s (attempt 2 of 4)`,
      `[mailersend] GET /domains/${id}: 503; retrying in 0.2s (attempt 3 of 4)`,
    ]);
  });

  it("give up after maxAttempts, saying how many attempts were made", async () => {
    const em = await setUp();
    const clock = recordingClock();
    const client = clientFor(em, { clock, retry: { maxAttempts: 3 } });
    em.faults.add({ status: 500, times: Infinity });

    const error = await rejectionOf(client.domains.dnsRecords("abc"));
    expect((error as Error).message).toBe(
      "MailerSend API GET /domains/abc/dns-records failed: 500 Server Error [after 3 attempts]",
    );
    expect(error).toMatchObject({ kind: "http", status: 500, attempts: 3, retryable: true });
    expect(statuses(em)).toEqual([500, 500, 500]);
    expect(clock.sleeps).toEqual([10, 20]);
  });

  it("stop when the next wait would end after the budget", async () => {
    const em = await setUp();
    const clock = recordingClock();
    const client = clientFor(em, {
      clock,
      retry: { maxAttempts: 10, baseDelayMs: 80, budgetMs: 100 },
    });
    em.faults.add({ status: 502, times: Infinity });

    const error = await rejectionOf(client.domains.dnsRecords("abc"));
    // 40 ms fits in the 100 ms budget; the following 80 ms does not.
    expect(clock.sleeps).toEqual([40]);
    expect(error).toMatchObject({ status: 502, attempts: 2 });
    expect(em.requests.count()).toBe(2);
  });

  it("wait as long as a Retry-After on a 5xx says", async () => {
    const em = await setUp();
    const clock = recordingClock();
    const client = clientFor(em, { clock });
    em.faults.add({ status: 503, headers: { "retry-after": "0.3" } });

    expect(await client.domains.list()).toEqual([]);
    expect(clock.sleeps).toEqual([300]);
    expect(gaps(arrivals(em))[0]).toBeGreaterThanOrEqual(300);
    expect(statuses(em)).toEqual([503, 200]);
  });

  it.each([408, 421, 500, 502, 503, 504])("%i is retried", async (status) => {
    const em = await setUp();
    const client = clientFor(em);
    em.faults.add({ status });
    expect(await client.domains.list()).toEqual([]);
    expect(statuses(em)).toEqual([status, 200]);
  });
});

describe("client errors", () => {
  it.each([400, 401, 403, 404, 405, 409, 410, 422])(
    "%i is never retried: exactly one request",
    async (status) => {
      const em = await setUp();
      const client = clientFor(em);
      em.faults.add({ status, times: Infinity });
      const error = await rejectionOf(client.domains.dnsRecords("abc"));
      expect(error).toMatchObject({ kind: "http", status, retryable: false, attempts: 1 });
      expect(lines(em)).toEqual(["GET /domains/abc/dns-records"]);
      expect(logged()).toEqual([]);
    },
  );

  it("real 4xx answers are not retried either (422 on a create, 401 on a read)", async () => {
    const em = await setUp();
    const client = clientFor(em);
    await rejectionOf(client.domains.create({ name: "not a domain" }));
    await rejectionOf(clientFor(em, { apiKey: "bad-key-000000000" }).tokens.list());
    expect(exchanges(em).map(({ request, status }) => [request, status])).toEqual([
      ["POST /domains", 422],
      ["GET /token?page=1&limit=100", 401],
    ]);
  });
});

describe("the per-minute rate limit", () => {
  it("a 429 with Retry-After waits that long and holds every other request back too", async () => {
    const em = await setUp({ rateLimit: { requests: 2, windowMs: 1000 } });
    const clock = recordingClock();
    const client = clientFor(em, { clock });

    await client.domains.get("a");
    await client.domains.get("b");
    // The moment the 429 is reported, another request starts: the gate must hold it back too.
    let other: Promise<unknown> | undefined;
    const reported: string[] = [];
    const previous = setLogSink((text) => {
      reported.push(text);
      other ??= client.domains.get("d");
    });
    try {
      await client.domains.get("c");
      await other;
    } finally {
      setLogSink(previous);
    }

    expect(reported).toEqual([
      "[mailersend] GET /domains/c: 429 rate limit; retrying in 1.0s (attempt 2 of 4)",
    ]);
    // The transport's wait for "c" (Retry-After 1 s, no jitter), then the gate's wait for "d",
    // which started a moment later and is held until about the same instant (in one wait, or a
    // wait and a last millisecond or two when the machine is busy).
    expect(clock.sleeps[0]).toBe(1000);
    const heldBack = clock.sleeps.slice(1);
    expect(heldBack.length).toBeGreaterThanOrEqual(1);
    expect(heldBack.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThan(900);
    expect(heldBack.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(1050);
    const entries = em.requests.list();
    const seen = entries.map((e) => [e.path.replace("/v1", ""), e.status, e.outcome]);
    expect(seen.slice(0, 3)).toEqual([
      ["/domains/a", 404, "rejected"],
      ["/domains/b", 404, "rejected"],
      ["/domains/c", 429, "rate-limited"],
    ]);
    // The retry of "c" and "d" start at the same instant, in either order; neither is refused.
    expect(seen.slice(3).sort()).toEqual([
      ["/domains/c", 404, "rejected"],
      ["/domains/d", 404, "rejected"],
    ]);
    const times = entries.map((e) => Date.parse(e.at));
    const limited = times[2] as number;
    expect((times[3] as number) - limited).toBeGreaterThanOrEqual(1000);
    expect((times[4] as number) - limited).toBeGreaterThanOrEqual(1000);
  });

  it("a 429 without Retry-After waits one rate-limit window, as MailerSend advises (docs/mailersend-api.md §2.3)", async () => {
    const em = await setUp({
      rateLimit: { requests: 1, windowMs: 60_000 },
      retryAfterHeader: false,
    });
    const clock = recordingClock();
    const client = clientFor(em, { clock });
    await client.domains.list();
    const error = await rejectionOf(client.domains.list());
    expect((error as Error).message).toBe(
      "MailerSend API GET /domains?page=1&limit=100 failed: 429 Too Many Attempts. [after 4 attempts]",
    );
    // The gate's window in these tests is 1000 ms (TEST_GATE); MailerSend's is 60 s.
    expect(error).toMatchObject({ kind: "rate-limit", retryAfterSeconds: 1, attempts: 4 });
    // (The gate may add a millisecond when a timer fires a hair early: only real waits count.)
    expect(clock.sleeps.filter((ms) => ms >= 100)).toEqual([1000, 1000, 1000]);
    expect(statuses(em)).toEqual([200, 429, 429, 429, 429]);
  });
});

describe("the daily quota", () => {
  it("a quota 429 fails at once with the reset time", async () => {
    const em = await setUp({ dailyQuota: 3 });
    const client = clientFor(em);
    await client.domains.list();
    await client.tokens.list();
    // Another tool using the account spends the last request: this process does not know yet.
    await fetch(`${em.url}/domains`, { headers: { authorization: `Bearer ${em.apiKey}` } });
    const error = await rejectionOf(client.domains.get("abc"));

    const reset = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) + "T00:00:00Z";
    expect((error as Error).message).toBe(
      `MailerSend API GET /domains/abc failed: 429 the account's daily request quota is used up; ` +
        `it resets at ${reset}. Every request counts, failed ones too ` +
        "(https://www.mailersend.com/help/rate-limits-how-to-reduce-403-422-429-errors); " +
        "run again after the reset.",
    );
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "MailerSendApiError",
      kind: "daily-quota",
      method: "GET",
      path: "/domains/abc",
      status: 429,
      apiMessage: "You have exceeded your daily API request quota.",
      fieldErrors: {},
      retryable: false,
      outcomeUnknown: false,
      quotaResetsAt: reset,
      attempts: 1,
    });
    expect(client.transport.quota).toEqual({ remaining: 0, resetsAt: reset });
    expect(exchanges(em).map(({ request, status, outcome }) => [request, status, outcome])).toEqual(
      [
        ["GET /domains?page=1&limit=100", 200, "ok"],
        ["GET /token?page=1&limit=100", 200, "ok"],
        ["GET /domains", 200, "ok"],
        ["GET /domains/abc", 429, "quota-exhausted"],
      ],
    );

    // Once told the quota is spent, the client sends nothing more until the reset (each refused
    // request would count too); a create is not looked up either: the answer was definite.
    const create = await rejectionOf(client.domains.create({ name: "example.com" }));
    expect(create).toMatchObject({
      kind: "daily-quota",
      apiMessage: "not sent: MailerSend's last answer said no requests remain today",
      quotaResetsAt: reset,
    });
    expect(lines(em)).toHaveLength(4);
    // GET /api-quota does not count towards the quota, so it is still asked.
    expect(await client.quota()).toMatchObject({ remaining: 0 });
    expect(logged()).toEqual([]);
  });
});

describe("the creation throttle", () => {
  it("a 'cannot create a resource' 429 on a create is retried with backoff, without a lookup", async () => {
    // One virtual time for the emulator's throttle window and the client's backoff, so the
    // number of refusals does not depend on how busy the machine is.
    let now = Date.now();
    const em = await setUp({ creationThrottle: { creates: 1, windowMs: 300 }, now: () => now });
    const clock = {
      sleeps: [] as number[],
      now: () => now,
      sleep(ms: number) {
        clock.sleeps.push(ms);
        now += ms;
        return Promise.resolve();
      },
    };
    const client = clientFor(em, {
      clock,
      retry: { maxAttempts: 5, baseDelayMs: 120, maxDelayMs: 1000 },
    });
    await client.domains.create({ name: "first.com" });
    const second = await client.domains.create({ name: "second.com" });

    expect(second.recovered).toBe(false);
    expect(second.value.name).toBe("second.com");
    expect(clock.sleeps).toEqual([60, 120, 240]);
    expect(exchanges(em).map(({ request, status, outcome }) => [request, status, outcome])).toEqual(
      [
        ["POST /domains", 201, "ok"],
        ["POST /domains", 429, "creation-throttled"],
        ["POST /domains", 429, "creation-throttled"],
        ["POST /domains", 429, "creation-throttled"],
        ["POST /domains", 201, "ok"],
      ],
    );
    expect(logged()[0]).toBe(
      "[mailersend] POST /domains: 429 resource creation throttled; retrying in 0.1s (attempt 2 of 5)",
    );
    expect(em.store.counts().domains).toBe(2);
  });

  it("gives up with kind creation-throttle when it does not clear", async () => {
    const em = await setUp({ creationThrottle: { creates: 0, windowMs: 60_000 } });
    const client = clientFor(em, { retry: { maxAttempts: 2 } });
    const error = await rejectionOf(
      client.identities.create({ domain_id: "x", email: "a@b.com", name: "A" }),
    );
    expect((error as Error).message).toBe(
      "MailerSend API POST /identities failed: 429 You cannot create a resource at the moment. " +
        "Please wait a while before retrying. [after 2 attempts]",
    );
    expect(error).toMatchObject({
      kind: "creation-throttle",
      retryable: true,
      outcomeUnknown: false,
    });
    expect(lines(em)).toEqual(["POST /identities", "POST /identities"]);
  });
});

describe("no answer", () => {
  it("a dropped connection on a GET is retried", async () => {
    const em = await setUp();
    const id = em.store.domains.create({ name: "example.com" }).id;
    const client = clientFor(em);
    em.faults.add({ drop: "request" });
    expect((await client.domains.get(id))?.name).toBe("example.com");
    expect(exchanges(em).map(({ request, status, outcome }) => [request, status, outcome])).toEqual(
      [
        [`GET /domains/${id}`, null, "dropped"],
        [`GET /domains/${id}`, 200, "ok"],
      ],
    );
    expect(logged()).toEqual([
      `[mailersend] GET /domains/${id}: no answer; retrying in 0.0s (attempt 2 of 4)`,
    ]);
  });

  it("a dropped connection that never clears gives up as kind network, outcome unknown", async () => {
    const em = await setUp();
    const client = clientFor(em, { retry: { maxAttempts: 2 } });
    em.faults.add({ drop: "request", times: Infinity });
    const error = await rejectionOf(client.tokens.list());
    expect((error as Error).message).toBe(
      "MailerSend API GET /token?page=1&limit=100 failed: no answer (fetch failed, UND_ERR_SOCKET) [after 2 attempts]",
    );
    expect(error).toMatchObject({
      kind: "network",
      retryable: true,
      outcomeUnknown: true,
      attempts: 2,
    });
    expect(statuses(em)).toEqual([null, null]);
  });

  it("a refused connection is retried twice, briefly, even for a create: the request never left", async () => {
    const em = await setUp();
    const url = em.url;
    await em.close();
    emulator = undefined;
    const clock = recordingClock();
    const client = clientFor(em, {
      apiUrl: url,
      clock,
      retry: { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000 },
    });
    const error = await rejectionOf(client.domains.create({ name: "example.com" }));
    const host = new URL(url).host;
    expect((error as Error).message).toBe(
      `MailerSend API POST /domains failed: cannot connect to ${host} (connection refused, ` +
        `ECONNREFUSED); nothing was sent. Check mailersend:apiUrl (or MAILERSEND_API_URL), now ` +
        `${url} [after 3 attempts]`,
    );
    expect(error).toMatchObject({ kind: "unreachable", outcomeUnknown: false, attempts: 3 });
    // Not the whole backoff (1 s, 2 s, 4 s, 8 s, 16 s): two waits of at most a second.
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(logged()).toEqual([
      "[mailersend] POST /domains: cannot connect (ECONNREFUSED); retrying in 0.5s (attempt 2 of 3)",
      "[mailersend] POST /domains: cannot connect (ECONNREFUSED); retrying in 1.0s (attempt 3 of 3)",
    ]);
  });

  it("a timeout aborts the request and retries an idempotent call", async () => {
    const em = await setUp();
    const id = em.store.domains.create({ name: "example.com" }).id;
    const client = clientFor(em, { requestTimeoutMs: 150 });
    em.faults.add({ method: "GET", delayMs: 1500 });
    const started = Date.now();
    expect((await client.domains.get(id))?.id).toBe(id);
    const elapsed = Date.now() - started;
    // Aborted at 150 ms, not answered after the 1500 ms delay.
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(1000);
    expect(lines(em)).toEqual([`GET /domains/${id}`, `GET /domains/${id}`]);
    expect(em.requests.list()[1]?.status).toBe(200);
    expect(logged()).toEqual([
      `[mailersend] GET /domains/${id}: timed out; retrying in 0.0s (attempt 2 of 4)`,
    ]);
  });

  it("a timeout that repeats gives up as kind timeout", async () => {
    const em = await setUp();
    const client = clientFor(em, { requestTimeoutMs: 100, retry: { maxAttempts: 2 } });
    em.faults.add({ delayMs: 1500, times: Infinity });
    const started = Date.now();
    const error = await rejectionOf(client.domains.verify("abc"));
    expect(Date.now() - started).toBeLessThan(1000);
    expect((error as Error).message).toBe(
      "MailerSend API GET /domains/abc/verify failed: no answer within the request timeout [after 2 attempts]",
    );
    expect(MailerSendApiError.is(error) && error.kind).toBe("timeout");
    expect(error).toMatchObject({ retryable: true, outcomeUnknown: true, attempts: 2 });
    expect(em.requests.count()).toBe(2);
  });
});
