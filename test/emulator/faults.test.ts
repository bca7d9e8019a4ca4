import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { admin, call, start } from "./support";

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start({ rateLimit: { requests: 100 } });
});
afterEach(() => emulator.close());

describe("status faults", () => {
  it("fail the next matching request with 500 Server Error by default, once", async () => {
    const fault = emulator.faults.add({ method: "POST", path: "/domains", status: 500 });
    expect((await call(emulator, "GET", "/domains")).status).toBe(200); // method does not match
    const failed = await call(emulator, "POST", "/domains", { body: { name: "example.com" } });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ message: "Server Error" });
    expect(failed.headers.get("content-type")).toBe("application/json");
    expect(emulator.store.counts().domains).toBe(0);
    expect(fault).toMatchObject({ fired: 1, remaining: 0, active: false });
    expect(
      (await call(emulator, "POST", "/domains", { body: { name: "example.com" } })).status,
    ).toBe(201);
    expect(emulator.requests.list().map((e) => [e.status, e.outcome])).toEqual([
      [200, "ok"],
      [500, "fault"],
      [201, "ok"],
    ]);
  });

  it("take a custom body and headers, a count and a RegExp path", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const fault = emulator.faults.add({
      path: /^\/domains\/[^/]+\/settings$/,
      times: 2,
      status: 429,
      body: { message: "slow down" },
      headers: { "retry-after": "7" },
    });
    for (let i = 0; i < 2; i++) {
      const response = await call(emulator, "PUT", `/domains/${id}/settings`, {
        body: { send_paused: true },
      });
      expect(response.status).toBe(429);
      expect(response.body).toEqual({ message: "slow down" });
      expect(response.headers.get("retry-after")).toBe("7");
    }
    expect((await call(emulator, "PUT", `/domains/${id}/settings`, { body: {} })).status).toBe(200);
    expect(fault.fired).toBe(2);
  });

  it("with times: Infinity fire until removed", async () => {
    const fault = emulator.faults.add({ path: "/domains", status: 503, times: Infinity });
    for (let i = 0; i < 3; i++) expect((await call(emulator, "GET", "/domains")).status).toBe(503);
    expect(fault.fired).toBe(3);
    expect(fault.remaining).toBe(Infinity);
    fault.remove();
    expect((await call(emulator, "GET", "/domains")).status).toBe(200);
  });

  it("answer before auth and count against neither the rate limit nor the quota", async () => {
    emulator.faults.add({ status: 502 });
    const response = await call(emulator, "GET", "/domains", { key: null });
    expect(response.status).toBe(502);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("100");
    expect(response.headers.get("x-apiquota-remaining")).toBe("500000");
  });

  it("clear() removes every fault", async () => {
    emulator.faults.add({ status: 500, times: Infinity });
    emulator.faults.clear();
    expect((await call(emulator, "GET", "/domains")).status).toBe(200);
    expect(emulator.faults.list()).toEqual([]);
  });

  it("reject invalid rules", () => {
    expect(() => emulator.faults.add({ path: "/domains" })).toThrow(/at least one of/);
    expect(() => emulator.faults.add({ status: 42 })).toThrow(/status/);
    expect(() => emulator.faults.add({ status: 500, times: 0 })).toThrow(/times/);
  });
});

describe("delay faults", () => {
  it("hold the request, then handle it normally", async () => {
    emulator.faults.add({ path: "/domains", delayMs: 150 });
    const started = Date.now();
    const response = await call(emulator, "GET", "/domains");
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("combine with a status", async () => {
    emulator.faults.add({ delayMs: 50, status: 504 });
    const response = await call(emulator, "GET", "/domains");
    expect(response.status).toBe(504);
    expect(response.body).toEqual({ message: "Server Error" });
  });
});

describe("drop faults", () => {
  it('drop: "request" closes the connection and performs nothing', async () => {
    const fault = emulator.faults.add({ method: "POST", path: "/domains", drop: "request" });
    await expect(
      call(emulator, "POST", "/domains", { body: { name: "example.com" } }),
    ).rejects.toThrow(/fetch failed/);
    expect(fault.fired).toBe(1);
    expect(emulator.store.counts().domains).toBe(0);
    expect(emulator.requests.list()).toEqual([
      expect.objectContaining({
        method: "POST",
        path: "/v1/domains",
        body: { name: "example.com" },
        status: null,
        outcome: "dropped",
      }),
    ]);
    expect(
      (await call(emulator, "POST", "/domains", { body: { name: "example.com" } })).status,
    ).toBe(201);
  });

  it('drop: "response" performs the write, then hangs up', async () => {
    emulator.faults.add({ method: "POST", path: "/domains", drop: "response" });
    await expect(
      call(emulator, "POST", "/domains", { body: { name: "example.com" } }),
    ).rejects.toThrow(/fetch failed/);
    expect(emulator.store.domains.list().map((d) => d.name)).toEqual(["example.com"]);
    expect(emulator.requests.last()).toMatchObject({
      status: 201,
      outcome: "response-dropped",
      auth: "account-key",
    });
    // The retry a client would make now sees the write.
    const retry = await call(emulator, "POST", "/domains", { body: { name: "example.com" } });
    expect(retry.status).toBe(422);
    expect(retry.body).toEqual({
      message: "The name has already been taken.",
      errors: { name: ["The name has already been taken."] },
    });
  });
});

describe("through the admin door", () => {
  it("adds, lists and clears faults in JSON form", async () => {
    const added = await admin(emulator, "POST", "/faults", {
      method: "GET",
      path: { regex: "^/domains/[^/]+$" },
      times: null,
      status: 500,
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      data: {
        id: "fault-1",
        method: "GET",
        path: { regex: "^\\/domains\\/[^/]+$", flags: "" }, // RegExp#source escapes slashes
        times: null,
        status: 500,
        fired: 0,
        remaining: null,
        active: true,
      },
    });
    expect((await call(emulator, "GET", "/domains/abc")).status).toBe(500);
    expect((await call(emulator, "GET", "/domains")).status).toBe(200);
    expect((await admin(emulator, "GET", "/faults")).body).toMatchObject({
      data: [{ fired: 1, active: true }],
    });
    expect((await admin(emulator, "DELETE", "/faults")).status).toBe(204);
    expect((await call(emulator, "GET", "/domains/abc")).status).toBe(404);
  });

  it("answers 422 for an invalid rule", async () => {
    const response = await admin(emulator, "POST", "/faults", {
      path: "/domains",
      drop: "sometimes",
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ message: 'fault.drop must be "request" or "response".' });
  });
});
