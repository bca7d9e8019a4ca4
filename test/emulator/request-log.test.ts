import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { admin, call, manualClock, start } from "./support";

let emulator: Emulator;
const clock = manualClock(Date.UTC(2025, 6, 29, 10, 0, 0));
beforeEach(async () => {
  emulator = await start({ now: clock.now });
});
afterEach(() => emulator.close());

describe("request log", () => {
  it("records every /v1 request in order with method, raw path, query, body, status, auth and outcome", async () => {
    await call(emulator, "POST", "/domains", { body: { name: "example.com" } });
    await call(emulator, "GET", "/domains?verified=true&limit=10");
    await call(emulator, "GET", "/identities/email/a+b@x.com");
    await call(emulator, "DELETE", "/domains/nope", { key: null });
    expect(emulator.requests.list()).toEqual([
      {
        seq: 1,
        at: "2025-07-29T10:00:00.000Z",
        method: "POST",
        path: "/v1/domains",
        query: {},
        body: { name: "example.com" },
        status: 201,
        auth: "account-key",
        outcome: "ok",
      },
      {
        seq: 2,
        at: "2025-07-29T10:00:00.000Z",
        method: "GET",
        path: "/v1/domains",
        query: { verified: "true", limit: "10" },
        body: undefined,
        status: 200,
        auth: "account-key",
        outcome: "ok",
      },
      {
        seq: 3,
        at: "2025-07-29T10:00:00.000Z",
        method: "GET",
        path: "/v1/identities/email/a+b@x.com",
        query: {},
        body: undefined,
        status: 404,
        auth: "account-key",
        outcome: "rejected",
      },
      {
        seq: 4,
        at: "2025-07-29T10:00:00.000Z",
        method: "DELETE",
        path: "/v1/domains/nope",
        query: {},
        body: undefined,
        status: 401,
        auth: "none",
        outcome: "rejected",
      },
    ]);
  });

  it("filters by method, path (with or without /v1, or a RegExp), status, outcome and auth", async () => {
    await call(emulator, "POST", "/domains", { body: { name: "example.com" } });
    await call(emulator, "GET", "/domains");
    await call(emulator, "GET", "/domains/nope");
    expect(emulator.requests.count({ method: "get" })).toBe(2);
    expect(emulator.requests.list({ path: "/domains" }).map((e) => e.method)).toEqual([
      "POST",
      "GET",
    ]);
    expect(emulator.requests.count({ path: "/v1/domains" })).toBe(2);
    expect(emulator.requests.count({ path: /^\/v1\/domains\/.+/ })).toBe(1);
    expect(emulator.requests.count({ status: 404 })).toBe(1);
    expect(emulator.requests.count({ outcome: "ok" })).toBe(2);
    expect(emulator.requests.count({ auth: "account-key" })).toBe(3);
    expect(emulator.requests.last({ method: "GET" })?.path).toBe("/v1/domains/nope");
  });

  it("hands out copies", async () => {
    await call(emulator, "GET", "/domains");
    const [entry] = emulator.requests.list();
    entry!.status = 999;
    expect(emulator.requests.list()[0]?.status).toBe(200);
  });

  it("clear() empties it without reusing sequence numbers; reset() starts over", async () => {
    await call(emulator, "GET", "/domains");
    emulator.requests.clear();
    expect(emulator.requests.list()).toEqual([]);
    await call(emulator, "GET", "/domains");
    expect(emulator.requests.list().map((e) => e.seq)).toEqual([2]);
    emulator.reset();
    await call(emulator, "GET", "/domains");
    expect(emulator.requests.list().map((e) => e.seq)).toEqual([1]);
  });

  it("leaves out the admin door", async () => {
    await admin(emulator, "GET", "/state");
    expect(emulator.requests.list()).toEqual([]);
  });

  it("is readable and clearable through the admin door", async () => {
    await call(emulator, "GET", "/domains");
    await call(emulator, "POST", "/domains", { body: {} });
    const all = await admin(emulator, "GET", "/requests");
    expect((all.body as { data: unknown[] }).data).toHaveLength(2);
    const filtered = await admin(emulator, "GET", "/requests?method=POST&status=422");
    expect(filtered.body).toEqual({
      data: [
        {
          seq: 2,
          at: "2025-07-29T10:00:00.000Z",
          method: "POST",
          path: "/v1/domains",
          query: {},
          body: {},
          status: 422,
          auth: "account-key",
          outcome: "rejected",
        },
      ],
    });
    expect((await admin(emulator, "DELETE", "/requests")).status).toBe(204);
    expect(emulator.requests.list()).toEqual([]);
  });
});
