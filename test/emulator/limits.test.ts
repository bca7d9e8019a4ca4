import { afterEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { call, invalid, manualClock, start, verifiedDomain } from "./support";

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("plan limits (docs/mailersend-api.md §2.4, messages [INF])", () => {
  it("Starter allows 10 domains", async () => {
    emulator = await start({ plan: "starter", rateLimit: false });
    for (let i = 0; i < 10; i++) emulator.store.domains.create({ name: `d${i}.com` });
    const response = await call(emulator, "POST", "/domains", { body: { name: "eleventh.com" } });
    expect(response.status).toBe(422);
    expect(response.body).toEqual(
      invalid(
        "name",
        "The Starter plan allows up to 10 domains. Delete a domain, add domain spaces or upgrade your plan to add more.",
      ),
    );
  });

  it("Starter domain add-on slots raise the limit", async () => {
    emulator = await start({ plan: "starter", extraDomainSlots: 2, rateLimit: false });
    for (let i = 0; i < 12; i++) emulator.store.domains.create({ name: `d${i}.com` });
    const response = await call(emulator, "POST", "/domains", { body: { name: "more.com" } });
    expect(response.body).toMatchObject({ message: expect.stringContaining("up to 12 domains") });
  });

  it("Hobby allows one domain and no sender identities", async () => {
    emulator = await start({ plan: "hobby", rateLimit: false });
    const id = verifiedDomain(emulator, "one.com");
    const second = await call(emulator, "POST", "/domains", { body: { name: "two.com" } });
    expect(second.body).toEqual(
      invalid(
        "name",
        "The Hobby plan allows up to 1 domain. Delete a domain, add domain spaces or upgrade your plan to add more.",
      ),
    );
    const identity = await call(emulator, "POST", "/identities", {
      body: { domain_id: id, email: "a@client.com", name: "A" },
    });
    expect(identity.status).toBe(422);
    expect(identity.body).toEqual(
      invalid(
        "email",
        "Sender identities are not available on the Hobby plan. Upgrade to Starter or above to add sender identities.",
      ),
    );
  });

  it("Starter allows 50 sender identities", async () => {
    emulator = await start({ plan: "starter", rateLimit: false });
    const id = verifiedDomain(emulator, "agency.com");
    for (let i = 0; i < 50; i++) {
      emulator.store.identities.create({ domain_id: id, email: `p${i}@client.com`, name: "P" });
    }
    const response = await call(emulator, "POST", "/identities", {
      body: { domain_id: id, email: "p50@client.com", name: "P" },
    });
    expect(response.body).toEqual(
      invalid(
        "email",
        "The Starter plan allows up to 50 sender identities. Delete a sender identity or upgrade your plan to add more.",
      ),
    );
  });

  it("Professional is unlimited", async () => {
    emulator = await start({ rateLimit: false });
    for (let i = 0; i < 30; i++) emulator.store.domains.create({ name: `d${i}.com` });
    expect((await call(emulator, "POST", "/domains", { body: { name: "more.com" } })).status).toBe(
      201,
    );
  });
});

describe("response headers", () => {
  it("carry the quota and, when enabled, the rate limit on every /v1 response", async () => {
    const clock = manualClock(Date.UTC(2025, 6, 29, 23, 59, 0));
    emulator = await start({ now: clock.now, plan: "hobby" });
    const response = await call(emulator, "GET", "/domains");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-cache, private");
    expect(response.headers.get("x-apiquota-remaining")).toBe("999");
    expect(response.headers.get("x-apiquota-reset")).toBe("2025-07-30T00:00:00Z");
    expect(response.headers.get("x-ratelimit-limit")).toBe("60");
    expect(response.headers.get("x-ratelimit-remaining")).toBe("59");
    // [REC] a user lookup's 404 carries the quota headers; a domain lookup's 404 does not, but
    // still counts.
    const userNotFound = await call(emulator, "GET", "/users/nope");
    expect(userNotFound.headers.get("x-apiquota-remaining")).toBe("998");
    expect(userNotFound.headers.get("x-ratelimit-remaining")).toBe("58");
    const domainNotFound = await call(emulator, "GET", "/domains/nope");
    expect(domainNotFound.headers.get("x-apiquota-remaining")).toBeNull();
    expect(domainNotFound.headers.get("x-apiquota-reset")).toBeNull();
    expect(domainNotFound.headers.get("x-ratelimit-remaining")).toBe("57");
    expect((await call(emulator, "GET", "/domains")).headers.get("x-apiquota-remaining")).toBe(
      "996",
    );
  });

  it("report an unlimited plan's quota as -1, never spent", async () => {
    emulator = await start({ dailyQuota: "unlimited", rateLimit: false });
    for (let i = 0; i < 3; i++) {
      const response = await call(emulator, "GET", "/domains");
      expect(response.status).toBe(200);
      expect(response.headers.get("x-apiquota-remaining")).toBe("-1");
    }
    expect((await call(emulator, "GET", "/api-quota")).body).toEqual({
      quota: -1,
      remaining: -1,
      reset: expect.stringMatching(/^\d{4}-\d\d-\d\dT00:00:00Z$/),
    });
  });

  it("omit X-RateLimit-* when the rate limit is disabled", async () => {
    emulator = await start({ rateLimit: false });
    const response = await call(emulator, "GET", "/domains");
    expect(response.headers.get("x-ratelimit-limit")).toBeNull();
    expect(response.headers.get("x-ratelimit-remaining")).toBeNull();
    expect(response.headers.get("x-apiquota-remaining")).toBe("499999");
  });
});

describe("per-minute rate limit (docs/mailersend-api.md §2.3)", () => {
  it("answers 429 Too Many Attempts. with Retry-After once the window is used up; failed requests count", async () => {
    const clock = manualClock();
    emulator = await start({ now: clock.now, rateLimit: { requests: 3, windowMs: 60_000 } });
    expect((await call(emulator, "GET", "/domains")).headers.get("x-ratelimit-remaining")).toBe(
      "2",
    );
    expect((await call(emulator, "GET", "/domains/nope")).status).toBe(404); // counts too
    expect(
      (await call(emulator, "POST", "/domains", { body: {} })).headers.get("x-ratelimit-remaining"),
    ).toBe("0");
    clock.advance(20_500);
    const limited = await call(emulator, "GET", "/domains");
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ message: "Too Many Attempts." });
    expect(limited.headers.get("x-ratelimit-limit")).toBe("3");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("retry-after")).toBe("40");
    expect(emulator.requests.last()?.outcome).toBe("rate-limited");

    clock.advance(39_500); // the window that opened at the first request has ended
    const again = await call(emulator, "GET", "/domains");
    expect(again.status).toBe(200);
    expect(again.headers.get("x-ratelimit-remaining")).toBe("2");
  });

  it("leaves out Retry-After with retryAfterHeader: false", async () => {
    emulator = await start({ rateLimit: { requests: 1 }, retryAfterHeader: false });
    await call(emulator, "GET", "/domains");
    const limited = await call(emulator, "GET", "/domains");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeNull();
  });

  it("works with a short real window", async () => {
    emulator = await start({ rateLimit: { requests: 1, windowMs: 150 } });
    expect((await call(emulator, "GET", "/domains")).status).toBe(200);
    const limited = await call(emulator, "GET", "/domains");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await call(emulator, "GET", "/domains")).status).toBe(200);
  });

  it("does not count /api-quota, unauthenticated requests or the admin door", async () => {
    emulator = await start({ rateLimit: { requests: 1 } });
    await call(emulator, "GET", "/api-quota");
    await call(emulator, "GET", "/domains", { key: null });
    await fetch(`${emulator.origin}/__emulator/state`);
    expect((await call(emulator, "GET", "/domains")).status).toBe(200);
  });
});

describe("daily quota (docs/mailersend-api.md §2.3)", () => {
  it("counts every request, refuses with 429 and x-apiquota-remaining: 0, and resets at UTC midnight", async () => {
    const clock = manualClock(Date.UTC(2025, 6, 29, 22, 0, 0));
    emulator = await start({ now: clock.now, dailyQuota: 3, rateLimit: false });
    expect((await call(emulator, "GET", "/domains")).headers.get("x-apiquota-remaining")).toBe("2");
    expect((await call(emulator, "POST", "/domains", { body: {} })).status).toBe(422); // counts
    expect((await call(emulator, "GET", "/domains")).headers.get("x-apiquota-remaining")).toBe("0");

    const refused = await call(emulator, "GET", "/domains");
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ message: "You have exceeded your daily API request quota." });
    expect(refused.headers.get("x-apiquota-remaining")).toBe("0");
    expect(refused.headers.get("x-apiquota-reset")).toBe("2025-07-30T00:00:00Z");
    expect(emulator.requests.last()?.outcome).toBe("quota-exhausted");

    const quota = await call(emulator, "GET", "/api-quota");
    expect(quota.status).toBe(200);
    expect(quota.body).toEqual({ quota: 3, remaining: 0, reset: "2025-07-30T00:00:00Z" });

    clock.set(Date.UTC(2025, 6, 30, 0, 0, 1));
    const nextDay = await call(emulator, "GET", "/domains");
    expect(nextDay.status).toBe(200);
    expect(nextDay.headers.get("x-apiquota-remaining")).toBe("2");
    expect(nextDay.headers.get("x-apiquota-reset")).toBe("2025-07-31T00:00:00Z");
  });

  it("GET /api-quota answers {quota, remaining, reset} without counting itself", async () => {
    const clock = manualClock(Date.UTC(2023, 3, 14, 9, 0, 0));
    emulator = await start({ now: clock.now, plan: "hobby" });
    await call(emulator, "GET", "/domains");
    for (let i = 0; i < 3; i++) {
      const response = await call(emulator, "GET", "/api-quota");
      expect(response.body).toEqual({ quota: 1000, remaining: 999, reset: "2023-04-15T00:00:00Z" });
      expect(response.headers.get("x-apiquota-remaining")).toBe("999");
    }
  });

  it.each([
    ["none", 100],
    ["hobby", 1000],
    ["starter", 100000],
    ["professional", 500000],
    ["enterprise", 500000],
  ] as const)("defaults the %s plan to %i requests a day", async (plan, quota) => {
    emulator = await start({ plan });
    expect((await call(emulator, "GET", "/api-quota")).body).toMatchObject({
      quota,
      remaining: quota,
    });
  });
});

describe("creation throttle (docs/mailersend-api.md §2.2)", () => {
  it("answers the recorded 429 on creates over budget, without Retry-After or X-RateLimit-*", async () => {
    const clock = manualClock();
    emulator = await start({ now: clock.now, creationThrottle: { creates: 1, windowMs: 10_000 } });
    expect((await call(emulator, "POST", "/domains", { body: { name: "a.com" } })).status).toBe(
      201,
    );
    for (const path of ["/domains", "/token", "/identities", "/users"]) {
      const throttled = await call(emulator, "POST", path, { body: {} });
      expect(throttled.status).toBe(429);
      expect(throttled.body).toEqual({
        message: "You cannot create a resource at the moment. Please wait a while before retrying.",
      });
      expect(throttled.headers.get("retry-after")).toBeNull();
      expect(throttled.headers.get("x-ratelimit-limit")).toBeNull();
      expect(throttled.headers.get("x-ratelimit-remaining")).toBeNull();
      expect(throttled.headers.get("x-apiquota-remaining")).not.toBeNull();
    }
    expect(emulator.store.counts().domains).toBe(1);
    expect(emulator.requests.last()?.outcome).toBe("creation-throttled");
    // Reads and updates are not throttled.
    expect((await call(emulator, "GET", "/domains")).status).toBe(200);
    clock.advance(10_000);
    expect((await call(emulator, "POST", "/domains", { body: { name: "b.com" } })).status).toBe(
      201,
    );
  });
});
