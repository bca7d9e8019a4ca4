import { describe, expect, it } from "vitest";
import { MailerSendApiError } from "../../provider/api/errors";
import { redactSecrets, registerSecret } from "../../provider/api/redact";
import { logLine, setLogSink } from "../../provider/api/log";

describe("redactSecrets", () => {
  it("masks registered secrets, the MailerSend token format and bearer headers", () => {
    registerSecret("super-secret-key-123");
    expect(redactSecrets("key super-secret-key-123 leaked")).toBe("key [redacted] leaked");
    expect(redactSecrets(`token mlsn.${"ab12".repeat(16)} seen`)).toBe("token [redacted] seen");
    expect(redactSecrets('{"authorization":"Bearer abc.def"}')).toBe(
      '{"authorization":"Bearer [redacted]"}',
    );
  });

  it("applies to API error messages and log lines", () => {
    registerSecret("another-secret-value");
    const error = new MailerSendApiError({
      kind: "http",
      method: "GET",
      path: "/domains",
      status: 401,
      apiMessage: "bad key another-secret-value",
      retryable: false,
    });
    expect(error.message).toBe("MailerSend API GET /domains failed: 401 bad key [redacted]");
    expect(error.apiMessage).toBe("bad key [redacted]");
    const lines: string[] = [];
    const previous = setLogSink((line) => lines.push(line));
    try {
      logLine("retrying with another-secret-value");
    } finally {
      setLogSink(previous);
    }
    expect(lines).toEqual(["[mailersend] retrying with [redacted]"]);
  });

  it("recognises its errors across copies of the module (marker, not instanceof)", () => {
    const error = new MailerSendApiError({
      kind: "timeout",
      method: "GET",
      path: "/x",
      retryable: true,
    });
    const foreign = Object.assign(Object.create(null), {
      [Symbol.for("pulumi-mailersend.MailerSendApiError")]: true,
    });
    expect(MailerSendApiError.is(error)).toBe(true);
    expect(MailerSendApiError.is(foreign)).toBe(true);
    expect(MailerSendApiError.is(new Error("x"))).toBe(false);
    expect(MailerSendApiError.is({ statusCode: 500 })).toBe(false);
  });
});
