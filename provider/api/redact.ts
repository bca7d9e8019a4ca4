/**
 * Keeps API keys and token values out of every message and log line the provider writes.
 *
 * Three nets: values registered at run time (the configured key, token values we created), the
 * MailerSend token format (`mlsn.` + hex, docs/mailersend-api.md §1) and anything after `Bearer`.
 */
const registeredSecrets = new Set<string>();

/** Remembers a secret so it is masked wherever it might be echoed (error bodies, causes, logs). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) registeredSecrets.add(value);
}

export const REDACTED = "[redacted]";

const TOKEN_PATTERN = /mlsn\.[A-Za-z0-9]+/g;
const BEARER_PATTERN = /Bearer\s+[^\s"',;]+/gi;

export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of registeredSecrets) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result.replace(TOKEN_PATTERN, REDACTED).replace(BEARER_PATTERN, `Bearer ${REDACTED}`);
}
