import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  configureFromStack,
  resetConfiguration,
  resolveApiSettings,
  SETTINGS,
} from "../../provider/runtime/config";

const ENV_VARS = Object.values(SETTINGS).map((spec) => spec.envVar);
let savedEnv: Record<string, string | undefined>;

beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_VARS.map((name) => [name, process.env[name]]));
  for (const name of ENV_VARS) delete process.env[name];
  resetConfiguration();
});
afterEach(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetConfiguration();
});

const stack = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("resolveApiSettings", () => {
  it("says exactly what to set when there is no key, without echoing anything", () => {
    expect(() => resolveApiSettings()).toThrow(ConfigurationError);
    expect(() => resolveApiSettings()).toThrow(
      "The MailerSend API key is not set. Run `pulumi config set mailersend:apiKey --secret <key>` " +
        "in the stack, or set the MAILERSEND_API_KEY environment variable.",
    );
  });

  it("uses the environment as a fallback, with MailerSend's defaults", () => {
    process.env.MAILERSEND_API_KEY = "env-key";
    expect(resolveApiSettings()).toEqual({
      apiKey: "env-key",
      apiUrl: "https://api.mailersend.com/v1",
      requestTimeoutMs: 30_000,
      lateAnswerWindowMs: 120_000,
      retry: { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000, budgetMs: 300_000 },
      gate: { requests: 60, windowMs: 60_000, maxConcurrency: 4 },
    });
  });

  it("prefers stack config over the environment", () => {
    process.env.MAILERSEND_API_KEY = "env-key";
    process.env.MAILERSEND_API_URL = "http://env.example/v1";
    configureFromStack(
      stack({
        "mailersend:apiKey": "stack-key",
        "mailersend:apiUrl": "http://127.0.0.1:9/v1/",
        "mailersend:rateLimitRequests": "10",
        "mailersend:rateLimitWindowSeconds": "2",
        "mailersend:maxRetries": "2",
      }),
    );
    const settings = resolveApiSettings();
    expect(settings.apiKey).toBe("stack-key");
    expect(settings.apiUrl).toBe("http://127.0.0.1:9/v1");
    expect(settings.gate).toEqual({ requests: 10, windowMs: 2000, maxConcurrency: 4 });
    expect(settings.retry.maxAttempts).toBe(3);
  });

  it("names the setting, the range and the meaning for a bad number", () => {
    process.env.MAILERSEND_API_KEY = "k";
    configureFromStack(stack({ "mailersend:maxConcurrency": "lots" }));
    expect(() => resolveApiSettings()).toThrow(
      'mailersend:maxConcurrency (or MAILERSEND_MAX_CONCURRENCY) must be a number from 1 to 64, got "lots": requests in flight at once (default 4).',
    );
  });

  it("rejects an API URL that is not http(s)", () => {
    process.env.MAILERSEND_API_KEY = "k";
    process.env.MAILERSEND_API_URL = "api.mailersend.com";
    expect(() => resolveApiSettings()).toThrow(
      'mailersend:apiUrl (or MAILERSEND_API_URL) must be an http(s) URL including /v1, got "api.mailersend.com".',
    );
  });
});
