/**
 * The model of a plan summary: what a reviewer is told (findings, clients, resource changes) and
 * the facts the model reads a preview with (type tokens, the provider's diff tables).
 */
import { API_TOKEN_DIFF_TABLE } from "../runtime/api-token.logic";
import { CLIENT_USER_DIFF_TABLE } from "../runtime/client-user.logic";
import { type DiffTable } from "../runtime/diff";
import { DOMAIN_VERIFICATION_DIFF_TABLE } from "../runtime/domain-verification.logic";
import { DOMAIN_DIFF_TABLE } from "../runtime/domain.logic";
import { SENDER_IDENTITY_DIFF_TABLE } from "../runtime/sender-identity.logic";

/** The type token prefix of this package's resources. */
export const RESOURCE_TYPE_PREFIX = "pulumi-nodejs:dynamic/mailersend:";
/** `CLIENT_TYPE` of provider/component/client.ts (not imported: that module loads @pulumi/pulumi). */
export const CLIENT_COMPONENT_TYPE = "mailersend:index:Client";
/** `AGENCY_TYPE` of provider/component/agency.ts. */
export const AGENCY_COMPONENT_TYPE = "mailersend:index:Agency";

export type ResourceKind =
  "Domain" | "DomainVerification" | "SenderIdentity" | "ApiToken" | "ClientUser";

export const DIFF_TABLES: Record<ResourceKind, DiffTable> = {
  Domain: DOMAIN_DIFF_TABLE as DiffTable,
  DomainVerification: DOMAIN_VERIFICATION_DIFF_TABLE as DiffTable,
  SenderIdentity: SENDER_IDENTITY_DIFF_TABLE as DiffTable,
  ApiToken: API_TOKEN_DIFF_TABLE as DiffTable,
  ClientUser: CLIENT_USER_DIFF_TABLE as DiffTable,
};

export const KIND_WORDS: Record<ResourceKind, string> = {
  Domain: "domain",
  DomainVerification: "domain verification",
  SenderIdentity: "sender identity",
  ApiToken: "API token",
  ClientUser: "client user",
};

/** Each finding kind, most dangerous first: the order of the "Needs attention" list. */
export const FINDING_KINDS = [
  "blocker",
  "domain-delete",
  "domain-replace",
  "token-replace",
  "token-delete",
  "identity-delete",
  "identity-replace",
  "method-switch",
  "dns-records",
  "identity-pending",
  "warning",
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

/** One thing a reviewer should look at. */
export interface Finding {
  kind: FindingKind;
  /** The client it is about (the Client component's name). */
  client?: string;
  /** The resource it is about (its Pulumi name). */
  resource?: string;
  /** The decision or plan-limit code of a blocker or warning, e.g. `domain-needs-dns-access`. */
  code?: string;
  /** A sentence for the reviewer (Markdown). */
  message: string;
  /** Lines shown under the message (the DNS records to publish). */
  details?: string[];
  /**
   * After this plan some mail can no longer be sent (at least for a while): the summary's first
   * section, at its most severe level.
   */
  stopsSending: boolean;
  /** Pending or warned about before this plan, and unchanged by it: folded with the others. */
  standing: boolean;
  /** Standing reminders with the same key are shown as one line: `groupText`, then each `groupItem`. */
  groupKey?: string;
  groupText?: string;
  groupItem?: string;
}

export type SendingMethod = "domain" | "identity";

export interface ClientChanges {
  create: number;
  update: number;
  replace: number;
  delete: number;
  same: number;
}

export interface ClientSummary {
  name: string;
  /** The method before the plan: `new` when the plan creates the client. */
  before: SendingMethod | "new" | "unknown";
  /** The method after the plan: `removed` when the plan deletes the client. */
  after: SendingMethod | "removed" | "unknown";
  /** Both methods are known and differ. */
  switches: boolean;
  /** Changes of the client's resources (the component itself is not counted). */
  changes: ClientChanges;
}

export interface ResourceChange {
  client?: string;
  /** The resource's Pulumi name. */
  name: string;
  type: string;
  /** `create`, `update`, `replace`, `delete`, `same`, or another engine step kind. */
  op: string;
  /** What it is, e.g. ``domain `acme.example` ``. */
  label: string;
  /** The inputs that cause the change. */
  fields: string[];
  /** A replacement that deletes the old object before creating the new one. */
  deleteFirst?: boolean;
}

export interface PlanSummaryOptions {
  /** The heading (default "MailerSend plan summary"). */
  title?: string;
}

export interface PlanSummary {
  markdown: string;
  /** Most dangerous first. */
  findings: Finding[];
  clients: ClientSummary[];
  /** Every resource of the plan except the stack, providers and the Client/Agency components. */
  resources: ResourceChange[];
  /** The preview failed (an error diagnostic): the plan is incomplete and `up` would stop. */
  failed: boolean;
}

export const DEFAULT_TITLE = "MailerSend plan summary";
