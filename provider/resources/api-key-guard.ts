/**
 * Refuses an API key given as plaintext stack config, in the program, before any resource is
 * registered (issue 13).
 *
 * Pulumi hands the whole stack config to the `pulumi-nodejs` provider and stores it as that
 * provider resource's inputs and outputs in the state (docs/pulumi-dynamic-providers.md §1.1): a value
 * set with `pulumi config set --secret` is stored encrypted, a plain one in plaintext. The provider
 * process cannot tell the two apart (the host unwraps secrets before `configure()` sees them), but
 * the program can: the language host tells it which config keys are secret.
 */
import * as pulumi from "@pulumi/pulumi";

export const API_KEY_CONFIG = "mailersend:apiKey";

export const PLAINTEXT_API_KEY_MESSAGE =
  `${API_KEY_CONFIG} is set in plaintext, and Pulumi would store it unencrypted in the stack's ` +
  "state (on the pulumi-nodejs provider resource). Set it as a secret: " +
  "`pulumi config set --secret mailersend:apiKey <key>`, or remove it " +
  "(`pulumi config rm mailersend:apiKey`) and set the MAILERSEND_API_KEY environment variable, " +
  "which keeps the key out of the state entirely.";

/** Throws a `RunError` (shown without a stack trace) when the key is plaintext stack config. */
export function refusePlaintextApiKey(): void {
  const value = new pulumi.Config("mailersend").get("apiKey");
  if (value === undefined || value === "") return;
  if (!isConfigSecret(API_KEY_CONFIG)) throw new pulumi.RunError(PLAINTEXT_API_KEY_MESSAGE);
}

/**
 * `pulumi.runtime.isConfigSecret` is exported but not in the typings; it reads the secret keys the
 * language host passes (PULUMI_CONFIG_SECRET_KEYS). An SDK without it: read that variable.
 */
function isConfigSecret(key: string): boolean {
  const fromSdk = (pulumi.runtime as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
  if (typeof fromSdk === "function") return fromSdk(key);
  try {
    const keys: unknown = JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS ?? "[]");
    return Array.isArray(keys) && keys.includes(key);
  } catch {
    return false;
  }
}
