/**
 * pulumi-mailersend: MailerSend domains, sender identities, scoped API tokens and client users as
 * Pulumi resources, and a `Client` component that chooses domain or sender identity per client.
 *
 * This is the package's public API, named export by named export: what is not listed here (the
 * decision table, the guide's quotes, the components' planning internals) is internal and may
 * change in any release. The runtime (`pulumi-mailersend/runtime`), the emulator
 * (`pulumi-mailersend/emulator`) and the plan summary (`pulumi-mailersend/plan-summary`) are
 * entries of their own.
 */

// ---------------------------------------------------------------------------------------------
// Resources: one MailerSend object each
// ---------------------------------------------------------------------------------------------

/** A sending domain, with the DNS records to publish for it. */
export { Domain, type DomainArgs, type DnsRecord } from "./resources/domain";
/** Waits for a domain's DNS records and asks MailerSend to verify it. */
export {
  DomainVerification,
  type DomainVerificationArgs,
  type DnsRecordKind,
} from "./resources/domain-verification";
/** One verified from-address sent through the agency's domain. */
export { SenderIdentity, type SenderIdentityArgs } from "./resources/sender-identity";
/** A scoped API token; its value is a secret. */
export { ApiToken, type ApiTokenArgs, type TokenScope } from "./resources/api-token";
/** A person invited to the account with access to chosen domains. */
export { ClientUser, type ClientUserArgs, type UserRole } from "./resources/client-user";

// ---------------------------------------------------------------------------------------------
// Components: a client of an agency, and the agency with all its clients
// ---------------------------------------------------------------------------------------------

/** One client: its own domain or a sender identity, chosen by the decision below. */
export {
  Client,
  CLIENT_TYPE,
  decideClient,
  type ClientArgs,
  type ClientUserSpec,
} from "./component/client";
/** The Client's inputs, and the least-privilege defaults of its token and users. */
export {
  DEFAULT_CLIENT_TOKEN_SCOPES,
  DEFAULT_CLIENT_USER_PERMISSIONS,
  type ClientDecisionArgs,
} from "./component/client.logic";
/** An agency: its clients, checked together against the MailerSend plan. */
export { Agency, AGENCY_TYPE, type AgencyArgs } from "./component/agency";
/** Reading a client domain's published DMARC policy (the decision's `dmarcPolicy`). */
export {
  lookupDmarcPolicy,
  parseDmarcRecord,
  type DmarcLookup,
  type DmarcLookupOptions,
} from "./component/dmarc";
/** The MailerSend plans' limits on domains and sender identities, checked across a stack. */
export {
  checkPlanLimits,
  PLANS,
  PLAN_LIMITS,
  PLAN_ERROR_CODES,
  PLAN_WARNING_CODES,
  type Plan,
  type PlanAllowance,
  type PlanCheck,
  type PlanErrorCode,
  type PlanLimit,
  type PlanNote,
  type PlanSettings,
  type PlannedClient,
  type PlanUsage,
  type PlanWarningCode,
} from "./component/plan-limits";

// ---------------------------------------------------------------------------------------------
// Decision: domain or sender identity for one client (docs/decision-table.md)
// ---------------------------------------------------------------------------------------------

// Listed name by name on purpose (the public API is deliberate: no wildcard re-export), so this list
// repeats the names decision/engine.ts imports; the decision module's own entry re-exports them all.
/** The pure decision, its inputs and defaults, and every code it can produce. */
export {
  decideSendingMethod,
  BLOCKER_CODES,
  CLIENT_ATTRIBUTE_NAMES,
  DECISION_CODES,
  DEFAULT_CLIENT_ATTRIBUTES,
  DEFAULT_DECISION_POLICY,
  DMARC_POLICIES,
  NOTE_CODES,
  REASON_CODES,
  SENDING_METHODS,
  WARNING_CODES,
  type BlockerCode,
  type ClientAttributes,
  type Decision,
  type DecisionCode,
  type DecisionNote,
  type DecisionPolicy,
  type DmarcPolicy,
  type NoteCode,
  type ReasonCode,
  type SendingMethod,
  type WarningCode,
} from "./component/decision";

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** What a failed MailerSend call throws: its status and kind, or an answer that did not parse. */
export { MailerSendApiError, MailerSendResponseError } from "./api/errors";
