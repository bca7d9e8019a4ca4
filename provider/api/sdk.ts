/**
 * The seam to the official `mailersend` SDK: the only module in the package that imports it.
 *
 * `new MailerSend({ apiKey })` hard-codes `https://api.mailersend.com/v1` (docs/mailersend-api.md §7.1,
 * mailersend/mailersend-nodejs#73), so we construct the SDK's own module classes, which take
 * `(apiKey, baseUrl)`. They are deep imports, not public API: the SDK version is pinned exactly in
 * package.json and `test/api/sdk-seam.test.ts` covers this seam.
 */
import { DomainModule } from "mailersend/lib/modules/email/Domain.module";
import { IdentityModule } from "mailersend/lib/modules/email/Identity.module";
import { OthersModule } from "mailersend/lib/modules/Others.module";
import { TokenModule } from "mailersend/lib/modules/Token.module";
import { UserModule } from "mailersend/lib/modules/User.module";

/** What every SDK method resolves to (and, for non-2xx answers, rejects with: a plain object). */
export interface SdkResponse {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface SdkModules {
  domains: DomainModule;
  identities: IdentityModule;
  tokens: TokenModule;
  users: UserModule;
  others: OthersModule;
}

export function createSdkModules(apiKey: string, baseUrl: string): SdkModules {
  return {
    domains: new DomainModule(apiKey, baseUrl),
    identities: new IdentityModule(apiKey, baseUrl),
    tokens: new TokenModule(apiKey, baseUrl),
    users: new UserModule(apiKey, baseUrl),
    others: new OthersModule(apiKey, baseUrl),
  };
}

/**
 * Runs one SDK call with `fetchImpl` in place of the global `fetch`.
 *
 * SDK 3.4.0 sets no timeout and no abort signal (docs/mailersend-api.md §7.2). Its request layer reads
 * `globalThis.fetch` synchronously while building the request (the call chain up to gaxios runs in
 * the promise executors, before the first await), so swapping the global for the duration of the
 * synchronous call hands this one request our signal-carrying fetch and leaves the global untouched
 * for everybody else. `test/api/sdk-seam.test.ts` pins this behaviour.
 */
export function callWithFetch(
  fetchImpl: typeof fetch,
  call: () => Promise<SdkResponse>,
): Promise<SdkResponse> {
  const original = globalThis.fetch;
  globalThis.fetch = fetchImpl;
  try {
    return call();
  } finally {
    globalThis.fetch = original;
  }
}
