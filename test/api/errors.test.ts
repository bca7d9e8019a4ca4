/**
 * How failures surface: every non-2xx answer becomes a `MailerSendApiError` with the exact message
 * and fields; an answer of the wrong shape becomes a `MailerSendResponseError` naming the issues.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { toApiError } from "../../provider/api/classify";
import { MailerSendApiError, MailerSendResponseError } from "../../provider/api/errors";
import { setLogSink } from "../../provider/api/log";
import { clientFor, exchanges, rejectionOf, start, verifiedDomain } from "./support";

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start();
});
afterEach(async () => {
  await emulator.close();
});

/** The enumerable fields of an API error (what JSON.stringify shows). */
function fieldsOf(error: unknown) {
  expect(MailerSendApiError.is(error)).toBe(true);
  return JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
}

describe("HTTP errors", () => {
  it("401 for a wrong key: not retried, message and fields exact", async () => {
    const id = emulator.store.domains.create({ name: "example.com" }).id;
    const client = clientFor(emulator, { apiKey: "wrong-key-0123456789" });
    const error = await rejectionOf(client.domains.get(id));
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe(
      `MailerSendApiError: MailerSend API GET /domains/${id} failed: 401 Unauthenticated.`,
    );
    expect(fieldsOf(error)).toEqual({
      name: "MailerSendApiError",
      kind: "http",
      method: "GET",
      path: `/domains/${id}`,
      status: 401,
      apiMessage: "Unauthenticated.",
      fieldErrors: {},
      retryable: false,
      outcomeUnknown: false,
      attempts: 1,
    });
    expect(exchanges(emulator)).toEqual([
      {
        request: `GET /domains/${id}`,
        body: undefined,
        status: 401,
        auth: "none",
        outcome: "rejected",
      },
    ]);
  });

  it("403 for a token without the scope, sent with that token", async () => {
    const { token, accessToken } = emulator.store.tokens.create({
      name: "reader",
      scopes: ["domains_read"],
    });
    const client = clientFor(emulator, { apiKey: accessToken });
    // The read scope is enough to read ...
    expect(await client.domains.list()).toEqual([]);
    // ... but not to write.
    const error = await rejectionOf(client.domains.create({ name: "example.com" }));
    expect((error as Error).message).toBe(
      "MailerSend API POST /domains failed: 403 This action is unauthorized.",
    );
    expect(fieldsOf(error)).toMatchObject({
      kind: "http",
      status: 403,
      retryable: false,
      outcomeUnknown: false,
      attempts: 1,
    });
    expect(exchanges(emulator)).toEqual([
      {
        request: "GET /domains?page=1&limit=100",
        body: undefined,
        status: 200,
        auth: `token:${token.id}`,
        outcome: "ok",
      },
      {
        request: "POST /domains",
        body: { name: "example.com" },
        status: 403,
        auth: `token:${token.id}`,
        outcome: "rejected",
      },
    ]);
    expect(emulator.store.counts().domains).toBe(0);
  });

  it("404 on a write is an error with isNotFound (reads and deletes fold it away)", async () => {
    const client = clientFor(emulator);
    const error = await rejectionOf(client.tokens.update("f".repeat(80), { name: "x" }));
    expect((error as Error).message).toBe(
      `MailerSend API PUT /token/${"f".repeat(80)} failed: 404 Resource not found.`,
    );
    expect((error as MailerSendApiError).isNotFound).toBe(true);
    expect(fieldsOf(error)).toMatchObject({ kind: "http", status: 404, retryable: false });
    expect(emulator.requests.count()).toBe(1);
  });

  it("422 with one field error", async () => {
    const client = clientFor(emulator);
    const error = await rejectionOf(client.domains.create({ name: "Example.com" }));
    expect((error as Error).message).toBe(
      "MailerSend API POST /domains failed: 422 The name field must be lowercase. " +
        "(name: The name field must be lowercase.)",
    );
    expect(fieldsOf(error)).toEqual({
      name: "MailerSendApiError",
      kind: "http",
      method: "POST",
      path: "/domains",
      status: 422,
      apiMessage: "The name field must be lowercase.",
      fieldErrors: { name: ["The name field must be lowercase."] },
      retryable: false,
      outcomeUnknown: false,
      attempts: 1,
    });
    expect(emulator.requests.count()).toBe(1);
  });

  it("422 with several field errors, in the server's order", async () => {
    const client = clientFor(emulator);
    const error = await rejectionOf(
      client.users.invite({
        email: "dev@client.com",
        role: "member",
        permissions: ["email_send"],
        templates: ["t1"],
      }),
    );
    expect((error as Error).message).toBe(
      "MailerSend API POST /users failed: 422 The selected role is invalid. (and 2 more errors) " +
        "(role: The selected role is invalid.; " +
        "templates: Templates require a read own templates permission. #MS42224; " +
        "permissions.0: The selected permissions.0 is invalid.)",
    );
    expect((error as MailerSendApiError).fieldErrors).toEqual({
      role: ["The selected role is invalid."],
      templates: ["Templates require a read own templates permission. #MS42224"],
      "permissions.0": ["The selected permissions.0 is invalid."],
    });
  });

  it("422 for a taken identity email", async () => {
    const domainId = verifiedDomain(emulator);
    emulator.store.identities.create({ domain_id: domainId, email: "a@b.com", name: "A" });
    const client = clientFor(emulator);
    const error = await rejectionOf(
      client.identities.create({ domain_id: domainId, email: "a@b.com", name: "A" }),
    );
    expect((error as Error).message).toBe(
      "MailerSend API POST /identities failed: 422 The email has already been taken. " +
        "(email: The email has already been taken.)",
    );
    expect(emulator.requests.count()).toBe(1);
  });

  it("5xx keeps the JSON body's message and field errors", async () => {
    const client = clientFor(emulator, { retry: { maxAttempts: 1 } });
    emulator.faults.add({
      status: 503,
      body: { message: "Maintenance until 10:00.", errors: { window: ["Try later."] } },
    });
    const error = await rejectionOf(client.domains.list());
    expect((error as Error).message).toBe(
      "MailerSend API GET /domains?page=1&limit=100 failed: 503 Maintenance until 10:00. " +
        "(window: Try later.)",
    );
    expect(fieldsOf(error)).toEqual({
      name: "MailerSendApiError",
      kind: "http",
      method: "GET",
      path: "/domains?page=1&limit=100",
      status: 503,
      apiMessage: "Maintenance until 10:00.",
      fieldErrors: { window: ["Try later."] },
      retryable: true,
      outcomeUnknown: true,
      attempts: 1,
    });
  });

  it("5xx keeps a short non-JSON body and drops a long one", async () => {
    const client = clientFor(emulator, { retry: { maxAttempts: 1 } });
    emulator.faults.add({ status: 502, body: "<html><body>Bad gateway</body></html>" });
    const short = await rejectionOf(client.domains.get("abc"));
    expect((short as Error).message).toBe(
      "MailerSend API GET /domains/abc failed: 502 <html><body>Bad gateway</body></html>",
    );
    expect((short as MailerSendApiError).apiMessage).toBe("<html><body>Bad gateway</body></html>");

    emulator.faults.add({ status: 500, body: `<html>${"x".repeat(300)}</html>` });
    const long = await rejectionOf(client.domains.get("abc"));
    expect((long as Error).message).toBe("MailerSend API GET /domains/abc failed: 500");
    expect((long as MailerSendApiError).apiMessage).toBeUndefined();
  });

  it("is() recognises the errors by their marker", async () => {
    const client = clientFor(emulator);
    const error = await rejectionOf(client.tokens.update("x", {}));
    expect(MailerSendApiError.is(error)).toBe(true);
    expect(MailerSendResponseError.is(error)).toBe(false);
    expect(error).toBeInstanceOf(MailerSendApiError);
    expect((error as Error).name).toBe("MailerSendApiError");
  });
});

describe("answers of the wrong shape", () => {
  it("a malformed 200 becomes a MailerSendResponseError listing every issue, not retried", async () => {
    const client = clientFor(emulator);
    emulator.faults.add({ method: "GET", status: 200, body: { data: { id: 5 } } });
    const error = await rejectionOf(client.domains.get("abc"));
    expect(MailerSendResponseError.is(error)).toBe(true);
    expect(MailerSendApiError.is(error)).toBe(false);
    expect(String(error)).toBe(
      "MailerSendResponseError: MailerSend API GET /domains/abc answered with an unexpected shape: " +
        "data.id: Invalid input: expected string, received number; " +
        "data.name: Invalid input: expected string, received undefined; " +
        "data.domain_settings: Invalid input: expected object, received undefined",
    );
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "MailerSendResponseError",
      method: "GET",
      path: "/domains/abc",
      issues: [
        "data.id: Invalid input: expected string, received number",
        "data.name: Invalid input: expected string, received undefined",
        "data.domain_settings: Invalid input: expected object, received undefined",
      ],
    });
    expect(emulator.requests.count()).toBe(1);
  });

  it("a list page without an array, and a create answer without the token secret", async () => {
    const client = clientFor(emulator);
    emulator.faults.add({ method: "GET", path: "/token", status: 200, body: { data: "nope" } });
    const list = await rejectionOf(client.tokens.list());
    expect((list as MailerSendResponseError).issues).toEqual([
      "data: Invalid input: expected array, received string",
    ]);

    emulator.faults.add({
      method: "POST",
      path: "/token",
      status: 200,
      body: { data: { id: "t1", name: "deploy" } },
    });
    const created = await rejectionOf(client.tokens.create({ name: "deploy", scopes: ["x"] }));
    expect((created as MailerSendResponseError).issues).toEqual([
      "data.accessToken: Invalid input: expected string, received undefined",
    ]);

    emulator.faults.add({ method: "GET", path: "/api-quota", status: 200, body: "" });
    const quota = await rejectionOf(client.quota());
    expect((quota as MailerSendResponseError).issues).toEqual([
      "(body): Invalid input: expected object, received string",
    ]);
  });
});

describe("a server that cannot be reached", () => {
  // The shape gaxios rejects with: its error, undici's TypeError, then the socket's error.
  const chain = (code: string | undefined, message: string) => ({
    message: "fetch failed",
    cause: { message: "fetch failed", cause: { message, ...(code ? { code } : {}) } },
  });
  const URL_ = "https://mail.example.test/v1";

  it.each([
    [
      "ECONNREFUSED",
      "connect ECONNREFUSED",
      "cannot connect to mail.example.test (connection refused, ECONNREFUSED)",
      true,
    ],
    [
      "ENOTFOUND",
      "getaddrinfo ENOTFOUND",
      "cannot connect to mail.example.test (no such host (DNS), ENOTFOUND)",
      false,
    ],
    [
      "CERT_HAS_EXPIRED",
      "certificate has expired",
      "cannot connect to mail.example.test (TLS handshake failed, CERT_HAS_EXPIRED)",
      false,
    ],
    [
      undefined,
      "bad port",
      "cannot connect to mail.example.test (the port is not allowed for HTTP, bad port)",
      false,
    ],
  ])(
    "%s: names the host, the cause and mailersend:apiUrl; nothing was sent",
    (code, message, says, retryable) => {
      const error = toApiError(chain(code, message), "POST", "/token", false, URL_);
      expect(error.message).toBe(
        `MailerSend API POST /token failed: ${says}; nothing was sent. Check mailersend:apiUrl ` +
          `(or MAILERSEND_API_URL), now ${URL_}`,
      );
      expect(error).toMatchObject({ kind: "unreachable", outcomeUnknown: false, retryable });
    },
  );

  it("a connection lost after it was made may have been acted on", () => {
    const error = toApiError(chain("ECONNRESET", "socket hang up"), "POST", "/token", false, URL_);
    expect(error).toMatchObject({ kind: "network", outcomeUnknown: true, retryable: true });
  });

  it("a token create to a refused port is not an answer lost: no clean-up, no 22 s of retries", async () => {
    const url = emulator.url;
    await emulator.close();
    emulator = await start();
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line));
    try {
      const started = Date.now();
      const client = clientFor(emulator, {
        apiUrl: url,
        retry: { maxAttempts: 6, baseDelayMs: 100 },
      });
      const error = await rejectionOf(client.tokens.create({ name: "t", scopes: ["email_full"] }));
      expect(Date.now() - started).toBeLessThan(2000);
      expect(error).toMatchObject({ kind: "unreachable", attempts: 3 });
      expect(lines.join("\n")).not.toMatch(/answer lost|deleting any token/);
      expect(lines).toEqual([
        "[mailersend] POST /token: cannot connect (ECONNREFUSED); retrying in 0.1s (attempt 2 of 3)",
        "[mailersend] POST /token: cannot connect (ECONNREFUSED); retrying in 0.1s (attempt 3 of 3)",
      ]);
    } finally {
      setLogSink(restore);
    }
  });
});
