/**
 * MailerSend as the provider sees it: domain verbs over the transport, every answer parsed.
 *
 * Reads return `undefined` for 404 and deletes return `false` when the object was already gone, so
 * callers never pattern-match on statuses. Creates survive a lost answer without leaving a
 * duplicate: they look the object up by its unique key before trying again (domains: name, unique
 * across MailerSend; identities: email, unique per account; invites: email) or, for tokens, which
 * have no unique key and whose secret is only shown once, delete what the lost attempt created.
 * The request mechanics shared by every object (parsing, 404s, paging, create-once) are in
 * calls.ts.
 *
 * Every verb is one request (method, path, whether a retry is safe, the SDK call) and the schema
 * its answer must match, so the verbs share a shape on purpose: each request is its own fact
 * (docs/mailersend-api.md), and a table of verbs would hide which SDK method each one calls.
 */
import { MailerSendApiError } from "./errors";
import { logLine } from "./log";
import { retryDelayMs } from "./retry";
import { bindingMatches, boundDomainOf, TokenBindingError } from "./token-binding";
import {
  createdTokenSchema,
  dataOf,
  dnsRecordsSchema,
  domainSchema,
  identitySchema,
  inviteSchema,
  quotaSchema,
  tokenSchema,
  userSchema,
  verifySchema,
  type ApiCreatedToken,
  type ApiDnsRecords,
  type ApiDomain,
  type ApiIdentity,
  type ApiInvite,
  type ApiQuota,
  type ApiToken,
  type ApiUser,
  type ApiVerification,
} from "./schemas";
import type { SdkModules } from "./sdk";
import { ApiCalls, PAGE_LIMIT, sleep, type Created } from "./calls";

export type { Created } from "./calls";

export interface CreateDomainBody {
  name: string;
  return_path_subdomain?: string;
  custom_tracking_subdomain?: string;
  inbound_routing_subdomain?: string;
}

/** Writable settings (docs/mailersend-api.md §3.4); only the keys present are changed. */
export type DomainSettingsBody = Partial<{
  send_paused: boolean;
  track_clicks: boolean;
  track_opens: boolean;
  track_unsubscribe: boolean;
  track_unsubscribe_html: string;
  track_unsubscribe_html_enabled: boolean;
  track_unsubscribe_plain: string;
  track_unsubscribe_plain_enabled: boolean;
  track_content: boolean;
  custom_tracking_enabled: boolean;
  custom_tracking_subdomain: string;
  precedence_bulk: boolean;
  ignore_duplicated_recipients: boolean;
}>;

export interface CreateIdentityBody {
  domain_id: string;
  email: string;
  name: string;
  reply_to_email?: string;
  reply_to_name?: string;
  add_note?: boolean;
  personal_note?: string;
}

export type UpdateIdentityBody = Partial<
  Pick<
    CreateIdentityBody,
    "name" | "reply_to_email" | "reply_to_name" | "add_note" | "personal_note"
  >
>;

export interface CreateTokenBody {
  name: string;
  scopes: string[];
  domain_id?: string;
}

export type TokenStatus = "pause" | "unpause";

export interface InviteUserBody {
  email: string;
  role: string;
  permissions?: string[];
  domains?: string[];
  templates?: string[];
  requires_periodic_password_change?: boolean;
}

export type UpdateUserBody = Partial<Omit<InviteUserBody, "email">>;

const CLOCK_SKEW_MS = 5_000;
const DEFAULT_LATE_ANSWER_WINDOW_MS = 120_000;

export class MailerSendClient extends ApiCalls {
  // ---------------------------------------------------------------- domains

  readonly domains = {
    get: (id: string): Promise<ApiDomain | undefined> =>
      this.getOrUndefined(
        { method: "GET", path: `/domains/${id}`, send: (s) => s.domains.single(id) },
        dataOf(domainSchema),
      ),

    list: (): Promise<ApiDomain[]> =>
      this.listAll("/domains", domainSchema, (s, page) =>
        s.domains.list({ page, limit: PAGE_LIMIT }),
      ),

    findByName: async (name: string): Promise<ApiDomain | undefined> => {
      const wanted = name.toLowerCase();
      return (await this.domains.list()).find((domain) => domain.name.toLowerCase() === wanted);
    },

    create: (body: CreateDomainBody): Promise<Created<ApiDomain>> =>
      this.createOnce(
        {
          method: "POST",
          path: "/domains",
          idempotent: false,
          send: (s) => s.domains.create(body as Parameters<SdkModules["domains"]["create"]>[0]),
        },
        dataOf(domainSchema),
        () => this.domains.findByName(body.name),
      ),

    updateSettings: (id: string, settings: DomainSettingsBody): Promise<ApiDomain> =>
      this.callForData(
        {
          method: "PUT",
          path: `/domains/${id}/settings`,
          idempotent: true,
          send: (s) => s.domains.updateSettings(id, settings),
        },
        dataOf(domainSchema),
      ),

    dnsRecords: (id: string): Promise<ApiDnsRecords> =>
      this.callForData(
        {
          method: "GET",
          path: `/domains/${id}/dns-records`,
          idempotent: true,
          send: (s) => s.domains.dns(id),
        },
        dataOf(dnsRecordsSchema),
      ),

    verify: (id: string): Promise<ApiVerification> =>
      this.call(
        {
          method: "GET",
          path: `/domains/${id}/verify`,
          idempotent: true,
          send: (s) => s.domains.verify(id),
        },
        verifySchema,
      ),

    delete: (id: string): Promise<boolean> =>
      this.deleteIfExists({
        method: "DELETE",
        path: `/domains/${id}`,
        send: (s) => s.domains.delete(id),
      }),
  };

  // ---------------------------------------------------------------- sender identities

  readonly identities = {
    get: (id: string): Promise<ApiIdentity | undefined> =>
      this.getOrUndefined(
        { method: "GET", path: `/identities/${id}`, send: (s) => s.identities.single(id) },
        dataOf(identitySchema),
      ),

    /** The SDK puts the email into the path unencoded, `+` included (docs/mailersend-api.md §4.1). */
    getByEmail: (email: string): Promise<ApiIdentity | undefined> =>
      this.getOrUndefined(
        {
          method: "GET",
          path: `/identities/email/${email}`,
          send: (s) => s.identities.singleByEmail(email),
        },
        dataOf(identitySchema),
      ),

    list: (domainId?: string): Promise<ApiIdentity[]> =>
      this.listAll("/identities", identitySchema, (s, page) =>
        s.identities.list({
          page,
          limit: PAGE_LIMIT,
          ...(domainId ? { domain_id: domainId } : {}),
        }),
      ),

    create: (body: CreateIdentityBody): Promise<Created<ApiIdentity>> =>
      this.createOnce(
        {
          method: "POST",
          path: "/identities",
          idempotent: false,
          send: (s) =>
            s.identities.create(body as Parameters<SdkModules["identities"]["create"]>[0]),
        },
        dataOf(identitySchema),
        () => this.identities.getByEmail(body.email),
      ),

    update: (id: string, body: UpdateIdentityBody): Promise<ApiIdentity> =>
      this.callForData(
        {
          method: "PUT",
          path: `/identities/${id}`,
          idempotent: true,
          // The SDK's IdentityUpdate type lacks add_note/personal_note, which the API takes (docs/mailersend-api.md §4.3).
          send: (s) => s.identities.update(id, body as Record<string, string>),
        },
        dataOf(identitySchema),
      ),

    resend: (id: string): Promise<ApiIdentity> =>
      this.callForData(
        {
          method: "POST",
          path: `/identities/${id}/resend`,
          // Repeating a resend sends one more confirmation email; harmless, so retried.
          idempotent: true,
          send: (s) => s.identities.resend(id),
        },
        dataOf(identitySchema),
      ),

    delete: (id: string): Promise<boolean> =>
      this.deleteIfExists({
        method: "DELETE",
        path: `/identities/${id}`,
        send: (s) => s.identities.delete(id),
      }),
  };

  // ---------------------------------------------------------------- API tokens

  readonly tokens = {
    get: (id: string): Promise<ApiToken | undefined> =>
      this.getOrUndefined(
        { method: "GET", path: `/token/${id}`, send: (s) => s.tokens.single(id) },
        dataOf(tokenSchema),
      ),

    list: (): Promise<ApiToken[]> =>
      this.listAll("/token", tokenSchema, (s, page) => s.tokens.list({ page, limit: PAGE_LIMIT })),

    /**
     * Creates a token. A token has no unique key and its value is shown only in this answer (docs/mailersend-api.md §5.2),
     * so after a lost answer we cannot take the token over: we delete any token of this name created
     * since the attempt began, then try again, leaving no orphan behind.
     */
    create: async (body: CreateTokenBody): Promise<ApiCreatedToken> => {
      const policy = this.transport.settings.retry;
      const firstAttemptAt = Date.now();
      let answerLost = false;
      /** When the last attempt we gave up on by timing out was sent (0: none timed out). */
      let lastTimedOutAt = 0;
      for (let round = 1; ; round++) {
        const attemptStartedAt = Date.now();
        try {
          const created = await this.callForData(
            {
              method: "POST",
              path: "/token",
              idempotent: false,
              send: (s) => s.tokens.create(body as Parameters<SdkModules["tokens"]["create"]>[0]),
            },
            dataOf(createdTokenSchema),
          );
          // A request we gave up on may still be carried out by the server after our clean-up
          // looked (held in a queue or a proxy): wait until it no longer can, then sweep once
          // more, keeping the token we now hold (issue 13).
          if (answerLost) {
            await this.waitOutLateAnswers(lastTimedOutAt);
            await this.deleteTokensNamed(body.name, firstAttemptAt, created.id);
          }
          await this.refuseStrayBinding(body, created);
          return created;
        } catch (error) {
          if (!MailerSendApiError.is(error) || !error.outcomeUnknown) throw error;
          answerLost = true;
          // A dropped connection means the server is done with the request; a timeout does not.
          if (error.kind === "timeout") lastTimedOutAt = attemptStartedAt;
          const givingUp = round >= policy.maxAttempts;
          logLine(
            `POST /token: ${error.kind === "timeout" ? "timed out" : "answer lost"}; ` +
              `deleting any token it may have created${givingUp ? "" : ", then trying again"}`,
          );
          // Also when giving up: the last attempt may have created a token nobody will ever hold.
          if (givingUp) await this.waitOutLateAnswers(lastTimedOutAt);
          await this.deleteTokensNamed(body.name, givingUp ? firstAttemptAt : attemptStartedAt);
          if (givingUp) throw error;
          await sleep(retryDelayMs(policy, round, undefined));
        }
      }
    },

    update: (id: string, body: { name?: string; status?: TokenStatus }): Promise<ApiToken> =>
      this.callForData(
        {
          method: "PUT",
          path: `/token/${id}`,
          idempotent: true,
          send: (s) => s.tokens.update(id, body as Parameters<SdkModules["tokens"]["update"]>[1]),
        },
        dataOf(tokenSchema),
      ),

    delete: (id: string): Promise<boolean> =>
      this.deleteIfExists({
        method: "DELETE",
        path: `/token/${id}`,
        send: (s) => s.tokens.delete(id),
      }),
  };

  // ---------------------------------------------------------------- users and invites

  readonly users = {
    get: (id: string): Promise<ApiUser | undefined> =>
      this.getOrUndefined(
        { method: "GET", path: `/users/${id}`, send: (s) => s.users.single(id) },
        dataOf(userSchema),
      ),

    list: (): Promise<ApiUser[]> =>
      this.listAll("/users", userSchema, (s, page) => s.users.list({ page, limit: PAGE_LIMIT })),

    /** `POST /users` sends an invite and answers with it (docs/mailersend-api.md §6.1). */
    invite: (body: InviteUserBody): Promise<Created<ApiInvite>> =>
      this.createOnce(
        {
          method: "POST",
          path: "/users",
          idempotent: false,
          send: (s) => s.users.create(body as Parameters<SdkModules["users"]["create"]>[0]),
        },
        dataOf(inviteSchema),
        async () =>
          (await this.invites.list()).find(
            (invite) => invite.email.toLowerCase() === body.email.toLowerCase(),
          ),
      ),

    update: (id: string, body: UpdateUserBody): Promise<ApiUser> =>
      this.callForData(
        {
          method: "PUT",
          path: `/users/${id}`,
          idempotent: true,
          send: (s) => s.users.update(id, body as Parameters<SdkModules["users"]["update"]>[1]),
        },
        dataOf(userSchema),
      ),

    delete: (id: string): Promise<boolean> =>
      this.deleteIfExists({
        method: "DELETE",
        path: `/users/${id}`,
        send: (s) => s.users.delete(id),
      }),
  };

  readonly invites = {
    get: (id: string): Promise<ApiInvite | undefined> =>
      this.getOrUndefined(
        { method: "GET", path: `/invites/${id}`, send: (s) => s.users.singleInvite(id) },
        dataOf(inviteSchema),
      ),

    list: (): Promise<ApiInvite[]> =>
      this.listAll("/invites", inviteSchema, (s, page) =>
        s.users.listInvites({ page, limit: PAGE_LIMIT }),
      ),

    resend: (id: string): Promise<ApiInvite> =>
      this.callForData(
        {
          method: "POST",
          path: `/invites/${id}/resend`,
          idempotent: true,
          send: (s) => s.users.resendInvite(id),
        },
        dataOf(inviteSchema),
      ),

    delete: (id: string): Promise<boolean> =>
      this.deleteIfExists({
        method: "DELETE",
        path: `/invites/${id}`,
        send: (s) => s.users.deleteInvite(id),
      }),
  };

  /** `GET /api-quota` does not count towards the daily quota (docs/mailersend-api.md §2.3). */
  quota(): Promise<ApiQuota> {
    return this.call(
      { method: "GET", path: "/api-quota", idempotent: true, send: (s) => s.others.getApiQuota() },
      quotaSchema,
    );
  }

  // ---------------------------------------------------------------- plumbing

  /** Never trust the binding: a token not bound as asked is deleted (see `token-binding.ts`). */
  private async refuseStrayBinding(body: CreateTokenBody, created: ApiCreatedToken): Promise<void> {
    if (bindingMatches(body.domain_id, created)) return;
    const bound = boundDomainOf(created);
    logLine(`POST /token: token ${created.id} is not bound as asked; deleting it`);
    let deleteFailure: unknown;
    try {
      await this.tokens.delete(created.id);
    } catch (error) {
      deleteFailure = error;
    }
    throw new TokenBindingError(body.name, body.domain_id, bound, created.id, deleteFailure);
  }

  /** Waits until a request sent at `sentAt` and given up on can no longer be carried out. */
  private async waitOutLateAnswers(sentAt: number): Promise<void> {
    if (sentAt === 0) return;
    const window = this.transport.settings.lateAnswerWindowMs ?? DEFAULT_LATE_ANSWER_WINDOW_MS;
    const wait = sentAt + window - Date.now();
    if (wait <= 0) return;
    logLine(
      `POST /token: waiting ${(wait / 1000).toFixed(0)}s for a lost request MailerSend may still ` +
        "carry out, then deleting any token it made",
    );
    await sleep(wait);
  }

  /** Deletes the tokens of this name created since `since` (the orphans of lost creates). */
  private async deleteTokensNamed(name: string, since: number, keepId?: string): Promise<void> {
    const orphans = (await this.tokens.list()).filter(
      (token) =>
        token.name === name && token.id !== keepId && createdSince(token.created_at, since),
    );
    for (const orphan of orphans) {
      logLine(`deleting token ${orphan.id}: created by a request whose answer was lost`);
      await this.tokens.delete(orphan.id);
    }
  }
}

function createdSince(createdAt: string | null | undefined, since: number): boolean {
  if (!createdAt) return true; // unknown age: treat as possibly ours
  // Server timestamps have whole seconds; allow a little clock skew between us and the server, but
  // not so much that an older token of the same name (the one a rotation replaces) looks new.
  return Date.parse(createdAt) >= since - CLOCK_SKEW_MS;
}
