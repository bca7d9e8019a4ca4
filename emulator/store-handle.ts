import type { EmulatorContext } from "./context";
import {
  DNS_RECORD_KINDS,
  publishDnsRecords,
  runDnsCheck,
  unpublishDnsRecords,
  type DnsRecordKind,
} from "./dns";
import { orNotFound } from "./errors";
import type { AccountLimits } from "./limits";
import type { Plan } from "./plans";
import { checkDomainDns, createDomain, deleteDomain, updateDomainSettings } from "./rules/domains";
import {
  confirmIdentity,
  createIdentity,
  deleteIdentity,
  updateIdentity,
} from "./rules/identities";
import { createToken, deleteToken, updateToken } from "./rules/tokens";
import { acceptInvite, deleteInvite, deleteUser, inviteUser } from "./rules/users";
import type {
  DomainRecord,
  DomainSettings,
  IdentityRecord,
  InviteRecord,
  TokenRecord,
  TokenStatus,
  TokenView,
  UserRecord,
} from "./state";

/** Body of `POST /domains`. */
export interface DomainCreateBody {
  name: string;
  return_path_subdomain?: string;
  custom_tracking_subdomain?: string;
  inbound_routing_subdomain?: string;
}

/** Body of `POST /identities`. */
export interface IdentityCreateBody {
  domain_id: string;
  email: string;
  name: string;
  reply_to_email?: string | null;
  reply_to_name?: string | null;
  add_note?: boolean;
  personal_note?: string | null;
}

/** Body of `PUT /identities/{id}`. */
export type IdentityUpdateBody = Partial<Omit<IdentityCreateBody, "domain_id" | "email">>;

/** Body of `POST /token`. */
export interface TokenCreateBody {
  name: string;
  scopes: string[];
  domain_id?: string | null;
}

/** Body of `POST /users` (an invite). */
export interface InviteCreateBody {
  email: string;
  role: string;
  permissions?: string[];
  templates?: string[];
  domains?: string[];
  requires_periodic_password_change?: boolean;
}

export interface StoreCounts {
  domains: number;
  identities: number;
  tokens: number;
  users: number;
  invites: number;
}

/** The whole account, without token secrets (their hashes included). */
export interface AccountSnapshot {
  plan: Plan;
  domains: DomainRecord[];
  identities: IdentityRecord[];
  tokens: TokenView[];
  users: UserRecord[];
  invites: InviteRecord[];
  quota: { quota: number; remaining: number; reset: string };
}

export interface DnsPublishOptions {
  /** Which records; default all five. */
  records?: readonly DnsRecordKind[];
  /** Run the DNS check right away (as MailerSend's background check would). Default true. */
  checkNow?: boolean;
}

/**
 * `emulator.store`: inspect and change the account without HTTP (no auth, no rate limit, no quota,
 * no request log). Creates and updates run the same validation and plan limits as the API and throw
 * `EmulatorApiError` (with `status` and `body`) when it fails; unknown ids throw a 404 one. Every
 * record returned is a copy.
 */
export interface EmulatorStore {
  readonly domains: {
    list(): DomainRecord[];
    get(idOrName: string): DomainRecord | undefined;
    create(body: DomainCreateBody): DomainRecord;
    /** Like PUT /domains/{id}/settings: writable keys only (docs/mailersend-api.md §3.4), others are ignored. */
    updateSettings(idOrName: string, settings: Partial<DomainSettings>): DomainRecord;
    /** Deletes with the API's cascade; false when there was no such domain. */
    delete(idOrName: string): boolean;
  };
  readonly identities: {
    list(): IdentityRecord[];
    get(idOrEmail: string): IdentityRecord | undefined;
    create(body: IdentityCreateBody): IdentityRecord;
    update(idOrEmail: string, body: IdentityUpdateBody): IdentityRecord;
    delete(idOrEmail: string): boolean;
  };
  readonly tokens: {
    list(): TokenView[];
    get(id: string): TokenView | undefined;
    /** The only place besides `POST /token` that reveals a token's secret. */
    create(body: TokenCreateBody): { token: TokenView; accessToken: string };
    update(id: string, body: { name?: string; status?: TokenStatus }): TokenView;
    delete(id: string): boolean;
  };
  readonly users: {
    list(): UserRecord[];
    get(id: string): UserRecord | undefined;
    delete(id: string): boolean;
  };
  readonly invites: {
    list(): InviteRecord[];
    get(id: string): InviteRecord | undefined;
    create(body: InviteCreateBody): InviteRecord;
    delete(id: string): boolean;
  };
  /** Publishes the domain's DNS records (default all) and runs the check: the domain verifies. */
  verifyDomain(idOrName: string, records?: readonly DnsRecordKind[]): DomainRecord;
  /** Publishes records in the simulated DNS; with `checkNow: false` only the next GET /verify sees them. */
  publishDnsRecords(idOrName: string, options?: DnsPublishOptions): DomainRecord;
  /** Removes records from the simulated DNS (DNS drift); checks right away unless `checkNow: false`. */
  unpublishDnsRecords(idOrName: string, options?: DnsPublishOptions): DomainRecord;
  /** Runs the DNS check as GET /verify does. */
  checkDomain(idOrName: string): DomainRecord;
  /** The owner clicked the confirmation link: `is_verified` becomes true. */
  verifyIdentity(idOrEmail: string): IdentityRecord;
  /** The invitee accepted: the invite becomes a user with the same role, permissions and domains. */
  acceptInvite(id: string, profile?: { name?: string; lastName?: string | null }): UserRecord;
  counts(): StoreCounts;
  snapshot(): AccountSnapshot;
}

export function createStoreHandle(ctx: EmulatorContext, limits: AccountLimits): EmulatorStore {
  const { store } = ctx;
  // Every entry point first picks up what other processes wrote to the shared file.
  const read = <T>(fn: () => T): T => {
    store.syncFromDisk();
    return structuredClone(fn());
  };
  const domain = (idOrName: string) => orNotFound(store.domainByIdOrName(idOrName));
  const identity = (idOrEmail: string) => orNotFound(store.identityByIdOrEmail(idOrEmail));
  const viewToken = ({ secretHash: _secret, ...view }: TokenRecord): TokenView => view;

  const changeDns = (
    idOrName: string,
    change: (record: DomainRecord, kinds: readonly DnsRecordKind[]) => void,
    options: DnsPublishOptions = {},
  ) =>
    read(() => {
      const record = domain(idOrName);
      return store.mutate(() => {
        change(record, options.records ?? DNS_RECORD_KINDS);
        if (options.checkNow ?? true) runDnsCheck(record, ctx.now());
        return record;
      });
    });

  const handle: EmulatorStore = {
    domains: {
      list: () => read(() => store.state.domains),
      get: (idOrName) => read(() => store.domainByIdOrName(idOrName)),
      create: (body) => read(() => createDomain(ctx, body)),
      updateSettings: (idOrName, settings) =>
        read(() => updateDomainSettings(ctx, domain(idOrName), settings)),
      delete: (idOrName) =>
        read(() => {
          const record = store.domainByIdOrName(idOrName);
          if (record) deleteDomain(ctx, record);
          return record !== undefined;
        }),
    },
    identities: {
      list: () => read(() => store.state.identities),
      get: (idOrEmail) => read(() => store.identityByIdOrEmail(idOrEmail)),
      create: (body) => read(() => createIdentity(ctx, body)),
      update: (idOrEmail, body) => read(() => updateIdentity(ctx, identity(idOrEmail), body)),
      delete: (idOrEmail) =>
        read(() => {
          const record = store.identityByIdOrEmail(idOrEmail);
          if (record) deleteIdentity(ctx, record);
          return record !== undefined;
        }),
    },
    tokens: {
      list: () => read(() => store.state.tokens.map(viewToken)),
      get: (id) =>
        read(() => {
          const record = store.token(id);
          return record && viewToken(record);
        }),
      create: (body) =>
        read(() => {
          const { token, accessToken } = createToken(ctx, body);
          return { token: viewToken(token), accessToken };
        }),
      update: (id, body) =>
        read(() => viewToken(updateToken(ctx, orNotFound(store.token(id)), body))),
      delete: (id) =>
        read(() => {
          const record = store.token(id);
          if (record) deleteToken(ctx, record);
          return record !== undefined;
        }),
    },
    users: {
      list: () => read(() => store.state.users),
      get: (id) => read(() => store.user(id)),
      delete: (id) =>
        read(() => {
          const record = store.user(id);
          if (record) deleteUser(ctx, record);
          return record !== undefined;
        }),
    },
    invites: {
      list: () => read(() => store.state.invites),
      get: (id) => read(() => store.invite(id)),
      create: (body) => read(() => inviteUser(ctx, body)),
      delete: (id) =>
        read(() => {
          const record = store.invite(id);
          if (record) deleteInvite(ctx, record);
          return record !== undefined;
        }),
    },
    verifyDomain: (idOrName, records) =>
      changeDns(idOrName, publishDnsRecords, { records, checkNow: true }),
    publishDnsRecords: (idOrName, options) => changeDns(idOrName, publishDnsRecords, options),
    unpublishDnsRecords: (idOrName, options) => changeDns(idOrName, unpublishDnsRecords, options),
    checkDomain: (idOrName) =>
      read(() => {
        const record = domain(idOrName);
        checkDomainDns(ctx, record);
        return record;
      }),
    verifyIdentity: (idOrEmail) => read(() => confirmIdentity(ctx, identity(idOrEmail))),
    acceptInvite: (id, profile) =>
      read(() => acceptInvite(ctx, orNotFound(store.invite(id)), profile)),
    counts: () =>
      read(() => {
        const { domains, identities, tokens, users, invites } = store.state;
        return {
          domains: domains.length,
          identities: identities.length,
          tokens: tokens.length,
          users: users.length,
          invites: invites.length,
        };
      }),
    snapshot: () =>
      read(() => ({
        plan: ctx.options.plan,
        domains: store.state.domains,
        identities: store.state.identities,
        tokens: store.state.tokens.map(viewToken),
        users: store.state.users,
        invites: store.state.invites,
        quota: {
          quota: limits.quota.quota,
          remaining: limits.quota.remaining(),
          reset: limits.quota.resetAt(),
        },
      })),
  };
  return handle;
}
