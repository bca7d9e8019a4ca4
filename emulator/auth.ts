import { timingSafeEqual } from "node:crypto";
import type { EmulatorContext } from "./context";
import type { RequestAuth } from "./request-log";
import type { TokenRecord } from "./state";

/**
 * Who is calling: the account's own key, or a token created through `POST /token`.
 * [INF] On a real account the key used is itself a token listed by `GET /token`; the emulator keeps
 * it apart (not listed, not deletable), so token lists hold exactly what the caller created.
 */
export type Principal = { kind: "account-key" } | { kind: "token"; token: TokenRecord };

export function principalLabel(principal: Principal | undefined): RequestAuth {
  if (!principal) return "none";
  return principal.kind === "account-key" ? "account-key" : `token:${principal.token.id}`;
}

/** The bearer credential of an `Authorization: Bearer <token>` header (docs/mailersend-api.md §1), if any. */
export function bearerCredential(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/**
 * Resolves a credential. A token with `status: "pause"` is found but not usable: the caller answers
 * 401 for it ([INF] docs/mailersend-api.md §8.1: a paused token behaves like an invalid one).
 *
 * Domain-bound tokens are NOT limited to their domain: MailerSend's help says tokens "are not
 * restricted to specific domains" (docs/mailersend-api.md §5.5); the binding is only kept and reported.
 */
export function resolvePrincipal(
  ctx: EmulatorContext,
  credential: string | undefined,
): { principal: Principal; usable: boolean } | undefined {
  if (credential === undefined) return undefined;
  if (sameSecret(credential, ctx.options.apiKey)) {
    return { principal: { kind: "account-key" }, usable: true };
  }
  const token = ctx.store.tokenBySecret(credential);
  if (!token) return undefined;
  return { principal: { kind: "token", token }, usable: token.status !== "pause" };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

interface ScopeFamily {
  /** Scope that allows GET/HEAD; undefined when the family has only a full scope. */
  read?: string;
  full: string;
}

/**
 * [INF] docs/mailersend-api.md §5.4: scope -> endpoint mapping by name. Read scopes allow GET/HEAD only (including
 * GET /domains/{id}/verify, which re-runs the DNS check but is a GET).
 */
const FAMILIES: readonly (readonly [RegExp, ScopeFamily])[] = [
  [/^\/domains(\/|$)/, { read: "domains_read", full: "domains_full" }],
  [/^\/identities(\/|$)/, { read: "sender_identity_read", full: "sender_identity_full" }],
  [/^\/token(\/|$)/, { full: "tokens_full" }],
  [/^\/(users|invites)(\/|$)/, { read: "users_read", full: "users_full" }],
];

/**
 * Whether the principal may call `method pathAfterV1`. The account key may call everything; paths
 * outside the families above (e.g. `/api-quota`) need no scope.
 */
export function isAllowed(principal: Principal, method: string, pathAfterV1: string): boolean {
  if (principal.kind === "account-key") return true;
  const family = FAMILIES.find(([pattern]) => pattern.test(pathAfterV1))?.[1];
  if (!family) return true;
  const scopes = principal.token.scopes;
  if (scopes.includes(family.full)) return true;
  const isRead = method === "GET" || method === "HEAD";
  return isRead && family.read !== undefined && scopes.includes(family.read);
}
