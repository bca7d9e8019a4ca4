/**
 * The API key never leaves the API layer: not in an error's message, `String()`, JSON or inspected
 * form, nor in a progress line, whatever failed, and not even when the server echoes it back.
 */
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { MailerSendApiError } from "../../provider/api/errors";
import { captureLog, clientFor, rejectionOf, start } from "./support";

/** Not in the `mlsn.` format, so only the registered-secret net can catch it. */
const ACCOUNT_KEY = "acct-key-7f3e9b2c41d8a6";
const WRONG_KEY = "wrong-key-5d1c8e7a93b2";

let emulator: Emulator;
let log: ReturnType<typeof captureLog>;
beforeEach(async () => {
  emulator = await start({ apiKey: ACCOUNT_KEY });
  log = captureLog();
});
afterEach(async () => {
  log.restore();
  await emulator.close();
});

/** Every form an error or a log line can take on its way to a user. */
function everyRendering(error: unknown): string[] {
  return [
    (error as Error).message,
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    (error as Error).stack ?? "",
    ...log.lines,
  ];
}

function expectNoSecret(error: unknown, ...secrets: string[]): void {
  const renderings = everyRendering(error);
  for (const secret of [ACCOUNT_KEY, ...secrets]) {
    for (const text of renderings) expect(text).not.toContain(secret);
  }
}

describe("the key stays out of errors and logs", () => {
  it("401 for a wrong key", async () => {
    const error = await rejectionOf(clientFor(emulator, { apiKey: WRONG_KEY }).domains.get("abc"));
    expect(error).toMatchObject({ status: 401 });
    expectNoSecret(error, WRONG_KEY);
  });

  it("5xx retried until the attempts are used up", async () => {
    emulator.faults.add({ status: 500, times: Infinity });
    const error = await rejectionOf(
      clientFor(emulator, { retry: { maxAttempts: 3 } }).tokens.list(),
    );
    expect(error).toMatchObject({ status: 500, attempts: 3 });
    expect(log.lines).toHaveLength(2);
    expectNoSecret(error);
  });

  it("a dropped connection, a refused one and a timeout", async () => {
    emulator.faults.add({ method: "POST", drop: "request", times: Infinity });
    const dropped = await rejectionOf(
      clientFor(emulator, { retry: { maxAttempts: 2 } }).domains.create({ name: "a.com" }),
    );
    expect(dropped).toMatchObject({ kind: "network" });
    expectNoSecret(dropped);

    emulator.faults.add({ delayMs: 1000 });
    const timedOut = await rejectionOf(
      clientFor(emulator, { requestTimeoutMs: 50, retry: { maxAttempts: 1 } }).domains.list(),
    );
    expect(timedOut).toMatchObject({ kind: "timeout" });
    expectNoSecret(timedOut);

    const url = emulator.url;
    await emulator.close();
    const refused = await rejectionOf(
      clientFor(emulator, { apiUrl: url, retry: { maxAttempts: 2 } }).domains.get("abc"),
    );
    expect(refused).toMatchObject({ kind: "unreachable", outcomeUnknown: false });
    expect(log.lines.length).toBeGreaterThan(0);
    expectNoSecret(refused);
  });
});

describe("the key is masked when the server echoes it", () => {
  it("in a 401 message", async () => {
    emulator.faults.add({ status: 401, body: { message: `Invalid API token ${ACCOUNT_KEY}.` } });
    const error = await rejectionOf(clientFor(emulator).domains.get("abc"));
    expect((error as MailerSendApiError).apiMessage).toBe("Invalid API token [redacted].");
    expect((error as Error).message).toBe(
      "MailerSend API GET /domains/abc failed: 401 Invalid API token [redacted].",
    );
    expectNoSecret(error);
  });

  it("as a bearer header and as an mlsn. token in a 5xx body", async () => {
    const otherToken = `mlsn.${"0a1b".repeat(16)}`;
    emulator.faults.add({
      status: 500,
      body: { message: `upstream said: Authorization: Bearer abc.def; token ${otherToken}` },
    });
    const error = await rejectionOf(
      clientFor(emulator, { retry: { maxAttempts: 1 } }).domains.get("abc"),
    );
    expect((error as MailerSendApiError).apiMessage).toBe(
      "upstream said: Authorization: Bearer [redacted]; token [redacted]",
    );
    expectNoSecret(error, otherToken, "abc.def");
  });

  it("in a field error of a 422", async () => {
    emulator.faults.add({
      status: 422,
      body: {
        message: "The token is invalid.",
        errors: { token: [`The token ${ACCOUNT_KEY} is invalid.`] },
      },
    });
    const error = await rejectionOf(clientFor(emulator).domains.create({ name: "a.com" }));
    expect((error as MailerSendApiError).fieldErrors).toEqual({
      token: ["The token [redacted] is invalid."],
    });
    expect((error as Error).message).toBe(
      "MailerSend API POST /domains failed: 422 The token is invalid. " +
        "(token: The token [redacted] is invalid.)",
    );
    expectNoSecret(error);
  });
});
