/**
 * Connection settings for the provider process. Stack config (`mailersend:*`, handed to the dynamic
 * provider's `configure()` with secrets decrypted; docs/pulumi-dynamic-providers.md §1.1) wins; the
 * environment is the fallback, read at call time. Nothing here is ever captured into `__provider`.
 */
import type { ApiSettings } from "../api/transport";
import { DEFAULT_RETRY_POLICY } from "../api/retry";

export const DEFAULT_API_URL = "https://api.mailersend.com/v1";

interface SettingSpec {
  configKey: string;
  envVar: string;
  description: string;
}

/** Every setting the provider reads, with its stack-config key and environment variable. */
export const SETTINGS = {
  apiKey: {
    configKey: "mailersend:apiKey",
    envVar: "MAILERSEND_API_KEY",
    description: "the MailerSend API key (set it as a secret)",
  },
  apiUrl: {
    configKey: "mailersend:apiUrl",
    envVar: "MAILERSEND_API_URL",
    description: `the API base URL including /v1 (default ${DEFAULT_API_URL})`,
  },
  requestTimeoutSeconds: {
    configKey: "mailersend:requestTimeoutSeconds",
    envVar: "MAILERSEND_REQUEST_TIMEOUT_SECONDS",
    description: "seconds to wait for one answer (default 30)",
  },
  lateAnswerSeconds: {
    configKey: "mailersend:lateAnswerSeconds",
    envVar: "MAILERSEND_LATE_ANSWER_SECONDS",
    description:
      "how long after a lost token-create request MailerSend may still carry it out; the final " +
      "sweep for its token waits that long (default 120)",
  },
  maxRetries: {
    configKey: "mailersend:maxRetries",
    envVar: "MAILERSEND_MAX_RETRIES",
    description: "retries after a 429, 5xx or network failure (default 5)",
  },
  retryBaseDelayMs: {
    configKey: "mailersend:retryBaseDelayMs",
    envVar: "MAILERSEND_RETRY_BASE_DELAY_MS",
    description: "first backoff step in milliseconds, doubling per retry (default 1000)",
  },
  rateLimitRequests: {
    configKey: "mailersend:rateLimitRequests",
    envVar: "MAILERSEND_RATE_LIMIT_REQUESTS",
    description: "requests allowed per rate-limit window (default 60, MailerSend's general limit)",
  },
  rateLimitWindowSeconds: {
    configKey: "mailersend:rateLimitWindowSeconds",
    envVar: "MAILERSEND_RATE_LIMIT_WINDOW_SECONDS",
    description: "length of the rate-limit window in seconds (default 60)",
  },
  maxConcurrency: {
    configKey: "mailersend:maxConcurrency",
    envVar: "MAILERSEND_MAX_CONCURRENCY",
    description: "requests in flight at once (default 4)",
  },
} satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

/** What `configure()` hands us: Pulumi's dynamic `Config` (get by full `namespace:key`). */
export interface ConfigSource {
  get(key: string): string | undefined;
}

let configured: Partial<Record<SettingName, string>> = {};

/** Called from the provider's `configure()`; keeps the values for this process. */
export function configureFromStack(config: ConfigSource): void {
  const next: Partial<Record<SettingName, string>> = {};
  for (const [name, spec] of Object.entries(SETTINGS) as [SettingName, SettingSpec][]) {
    const value = config.get(spec.configKey);
    if (value !== undefined && value !== "") next[name] = value;
  }
  configured = next;
}

/** Forgets stack config (tests). */
export function resetConfiguration(): void {
  configured = {};
}

export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

function raw(name: SettingName): string | undefined {
  const fromStack = configured[name];
  if (fromStack !== undefined) return fromStack;
  const fromEnv = process.env[SETTINGS[name].envVar];
  return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
}

function number(name: SettingName, fallback: number, min: number, max: number): number {
  const text = raw(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    const spec = SETTINGS[name];
    // The value is echoed: none of the numeric settings is secret.
    throw new ConfigurationError(
      `${spec.configKey} (or ${spec.envVar}) must be a number from ${min} to ${max}, ` +
        `got "${text}": ${spec.description}.`,
    );
  }
  return value;
}

/** The settings for the next API call. Throws a `ConfigurationError` naming what to set. */
export function resolveApiSettings(): ApiSettings {
  const apiKey = raw("apiKey");
  if (!apiKey) {
    throw new ConfigurationError(
      "The MailerSend API key is not set. Run `pulumi config set mailersend:apiKey --secret <key>` " +
        "in the stack, or set the MAILERSEND_API_KEY environment variable.",
    );
  }
  const apiUrl = (raw("apiUrl") ?? DEFAULT_API_URL).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+/.test(apiUrl)) {
    throw new ConfigurationError(
      `mailersend:apiUrl (or MAILERSEND_API_URL) must be an http(s) URL including /v1, got "${apiUrl}".`,
    );
  }
  const maxRetries = number("maxRetries", DEFAULT_RETRY_POLICY.maxAttempts - 1, 0, 20);
  return {
    apiKey,
    apiUrl,
    requestTimeoutMs: number("requestTimeoutSeconds", 30, 1, 600) * 1000,
    lateAnswerWindowMs: number("lateAnswerSeconds", 120, 0, 3600) * 1000,
    retry: {
      ...DEFAULT_RETRY_POLICY,
      maxAttempts: maxRetries + 1,
      baseDelayMs: number("retryBaseDelayMs", DEFAULT_RETRY_POLICY.baseDelayMs, 1, 60_000),
    },
    gate: {
      requests: number("rateLimitRequests", 60, 1, 100_000),
      windowMs: number("rateLimitWindowSeconds", 60, 0.1, 3600) * 1000,
      maxConcurrency: number("maxConcurrency", 4, 1, 64),
    },
  };
}
