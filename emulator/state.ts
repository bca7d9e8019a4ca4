/**
 * The account's records as the emulator stores them (camelCase; the API shapes live in serializers.ts).
 * Domain settings keep the API's snake_case keys because they are passed through verbatim.
 */

/** `domain_settings` of a domain (docs/mailersend-api.md §3.2 defaults, docs/mailersend-api.md §3.4 writable keys). */
export interface DomainSettings {
  send_paused: boolean;
  track_clicks: boolean;
  track_opens: boolean;
  track_opens_pixel_on_top: boolean;
  track_unsubscribe: boolean;
  track_unsubscribe_html: string;
  track_unsubscribe_html_enabled: boolean;
  track_unsubscribe_plain: string;
  track_unsubscribe_plain_enabled: boolean;
  track_content: boolean;
  custom_tracking_enabled: boolean;
  custom_tracking_subdomain: string;
  return_path_subdomain: string;
  inbound_routing_enabled: boolean;
  inbound_routing_subdomain: string;
  precedence_bulk: boolean;
  ignore_duplicated_recipients: boolean;
  show_dmarc: boolean;
}

/** Result of the last simulated DNS check of a domain, one flag per record (docs/mailersend-api.md §3.6). */
export interface DomainChecks {
  dkim: boolean;
  spf: boolean;
  returnPath: boolean;
  customTracking: boolean;
  inboundRouting: boolean;
  checkedAt: string;
}

export interface DomainRecord {
  id: string;
  name: string;
  settings: DomainSettings;
  /** `null` until the first DNS check: the API then reports `dkim`/`spf`/`mx`/`tracking` as null (docs/mailersend-api.md §3.3). */
  checks: DomainChecks | null;
  /** Sticky: stays true once reached, even if later checks fail (docs/mailersend-api.md §3.3, 2022 recording). */
  isVerified: boolean;
  /** Records present in the simulated DNS, as `"<type> <hostname> <value>"` keys (see dns.ts). */
  publishedRecords: string[];
  createdAt: string;
  updatedAt: string;
}

export interface IdentityRecord {
  id: string;
  email: string;
  name: string;
  replyToEmail: string | null;
  replyToName: string | null;
  addNote: boolean;
  personalNote: string | null;
  domainId: string;
  isVerified: boolean;
  resends: number;
  createdAt: string;
  updatedAt: string;
}

export type TokenStatus = "pause" | "unpause";

export interface TokenRecord {
  id: string;
  name: string;
  status: TokenStatus;
  scopes: string[];
  domainId: string | null;
  /** SHA-256 of the access token: the secret itself is shown once at create and never stored. */
  secretHash: string;
  /** A masked form of the secret, returned at create (docs/mailersend-api.md §5.2 `preview`). */
  preview: string;
  createdAt: string;
  updatedAt: string;
}

/** A token as the public store handles expose it: without anything derived from the secret. */
export type TokenView = Omit<TokenRecord, "secretHash">;

export interface InviteRecord {
  id: string;
  email: string;
  role: string;
  permissions: string[];
  templates: string[];
  domains: string[];
  requiresPeriodicPasswordChange: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  lastName: string | null;
  role: string;
  permissions: string[];
  templates: string[];
  domains: string[];
  requiresPeriodicPasswordChange: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Everything that makes up the account; this is what the persistence file holds. */
export interface AccountState {
  version: 1;
  domains: DomainRecord[];
  identities: IdentityRecord[];
  tokens: TokenRecord[];
  invites: InviteRecord[];
  users: UserRecord[];
}

export function emptyAccountState(): AccountState {
  return { version: 1, domains: [], identities: [], tokens: [], invites: [], users: [] };
}
