/**
 * The seam to the `mailersend` SDK (pinned 3.4.0): its module classes take our base URL, send the
 * key as a bearer token, read `globalThis.fetch` synchronously (which `callWithFetch` relies on) and
 * put identity emails into the path unencoded.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { callWithFetch, createSdkModules, type SdkModules } from "../../provider/api/sdk";
import { clientFor, lines, start, verifiedDomain } from "./support";

let emulator: Emulator;
let sdk: SdkModules;
beforeEach(async () => {
  emulator = await start();
  sdk = createSdkModules(emulator.apiKey, emulator.url);
});
afterEach(async () => {
  await emulator.close();
});

interface SeenRequest {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that records what it was asked to send and then really sends it. */
function recordingFetch(seen: SeenRequest[]): typeof fetch {
  const realFetch = globalThis.fetch;
  return (input, init) => {
    seen.push({
      url: String(input),
      method: init?.method,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: init?.body,
    });
    return realFetch(input, init);
  };
}

describe("the SDK module classes", () => {
  it("send every verb family to the configured base URL with the key as a bearer token", async () => {
    const seen: SeenRequest[] = [];
    const spy = recordingFetch(seen);
    await callWithFetch(spy, () => sdk.domains.list({ page: 2, limit: 10 }));
    await callWithFetch(spy, () => sdk.identities.list());
    await callWithFetch(spy, () => sdk.tokens.list());
    await callWithFetch(spy, () => sdk.users.list());
    await callWithFetch(spy, () => sdk.users.listInvites());
    await callWithFetch(spy, () => sdk.others.getApiQuota());

    expect(seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET ${emulator.url}/domains?page=2&limit=10`,
      `GET ${emulator.url}/identities`,
      `GET ${emulator.url}/token`,
      `GET ${emulator.url}/users`,
      `GET ${emulator.url}/invites`,
      `GET ${emulator.url}/api-quota`,
    ]);
    for (const request of seen) {
      expect(request.url.startsWith("http://127.0.0.1:")).toBe(true);
      expect(request.headers).toEqual({
        accept: "application/json",
        authorization: `Bearer ${emulator.apiKey}`,
      });
    }
    expect(
      emulator.requests
        .list()
        .map(({ method, path, query, body, auth }) => ({ method, path, query, body, auth })),
    ).toEqual([
      {
        method: "GET",
        path: "/v1/domains",
        query: { page: "2", limit: "10" },
        body: undefined,
        auth: "account-key",
      },
      { method: "GET", path: "/v1/identities", query: {}, body: undefined, auth: "account-key" },
      { method: "GET", path: "/v1/token", query: {}, body: undefined, auth: "account-key" },
      { method: "GET", path: "/v1/users", query: {}, body: undefined, auth: "account-key" },
      { method: "GET", path: "/v1/invites", query: {}, body: undefined, auth: "account-key" },
      { method: "GET", path: "/v1/api-quota", query: {}, body: undefined, auth: "account-key" },
    ]);
  });

  it("send a JSON body with content-type on writes and answer with status, lower-cased headers and body", async () => {
    const seen: SeenRequest[] = [];
    const created = await callWithFetch(recordingFetch(seen), () =>
      sdk.domains.create({ name: "example.com" } as Parameters<SdkModules["domains"]["create"]>[0]),
    );
    expect(seen).toEqual([
      {
        url: `${emulator.url}/domains`,
        method: "POST",
        headers: {
          accept: "application/json",
          authorization: `Bearer ${emulator.apiKey}`,
          "content-type": "application/json",
        },
        body: '{"name":"example.com"}',
      },
    ]);
    expect(created.statusCode).toBe(201);
    expect(created.headers["content-type"]).toBe("application/json");
    expect(created.headers["x-apiquota-remaining"]).toBe("499999");
    const id = (created.body as { data: { id: string } }).data.id;
    expect(emulator.store.domains.get(id)?.name).toBe("example.com");

    // 204 resolves with an empty-string body (docs/mailersend-api.md §7.2).
    const deleted = await sdk.domains.delete(id);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe("");
    expect(emulator.requests.last()).toMatchObject({
      method: "DELETE",
      path: `/v1/domains/${id}`,
      body: undefined,
      status: 204,
      auth: "account-key",
    });
  });

  it("reject a non-2xx answer with a plain {headers, body, statusCode} object", async () => {
    const rejection = await sdk.domains.single("nope").then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(rejection).not.toBeInstanceOf(Error);
    expect(rejection).toMatchObject({
      statusCode: 404,
      body: { message: "Resource not found." },
      headers: { "content-type": "application/json" },
    });
  });
});

describe("callWithFetch", () => {
  it("hands the given fetch to exactly that one call and restores the global synchronously", async () => {
    const original = globalThis.fetch;
    const seen: SeenRequest[] = [];

    const wrapped = callWithFetch(recordingFetch(seen), () => sdk.domains.single("first"));
    // Back to the original before the request has even been sent.
    expect(globalThis.fetch).toBe(original);
    // A call started while the first is still pending uses the real global, not the wrapper.
    const plain = sdk.domains.single("second");

    await Promise.allSettled([wrapped, plain]);
    expect(seen.map((request) => request.url)).toEqual([`${emulator.url}/domains/first`]);
    expect(lines(emulator).sort()).toEqual(["GET /domains/first", "GET /domains/second"]);
    expect(globalThis.fetch).toBe(original);
  });

  it("restores the global when the call throws synchronously", () => {
    const original = globalThis.fetch;
    const replacement: typeof fetch = () => Promise.reject(new Error("not used"));
    let during: typeof fetch | undefined;
    expect(() =>
      callWithFetch(replacement, () => {
        during = globalThis.fetch;
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(during).toBe(replacement);
    expect(globalThis.fetch).toBe(original);
  });

  it("returns the call's own promise, rejection included", async () => {
    await expect(
      callWithFetch(globalThis.fetch, () => sdk.tokens.single("missing")),
    ).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("identity emails in the path", () => {
  it("stay unencoded, `+` included, and find the identity", async () => {
    const domainId = verifiedDomain(emulator, "x.test");
    const identity = emulator.store.identities.create({
      domain_id: domainId,
      email: "a+b@x.test",
      name: "A B",
    });
    const seen: SeenRequest[] = [];
    const raw = await callWithFetch(recordingFetch(seen), () =>
      sdk.identities.singleByEmail("a+b@x.test"),
    );
    expect(seen.map((request) => request.url)).toEqual([
      `${emulator.url}/identities/email/a+b@x.test`,
    ]);
    expect(raw.statusCode).toBe(200);

    const client = clientFor(emulator);
    const found = await client.identities.getByEmail("a+b@x.test");
    expect(found?.id).toBe(identity.id);
    expect(found?.email).toBe("a+b@x.test");
    expect(emulator.requests.list().map((entry) => entry.path)).toEqual([
      "/v1/identities/email/a+b@x.test",
      "/v1/identities/email/a+b@x.test",
    ]);
  });
});
