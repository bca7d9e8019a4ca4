/**
 * pulumi-mailersend: MailerSend domains, sender identities, scoped API tokens and client users as
 * Pulumi resources, and a `Client` component that chooses domain or sender identity per client.
 */
export { Domain, type DomainArgs, type DnsRecord } from "./resources/domain";
export {
  DomainVerification,
  type DomainVerificationArgs,
  type DnsRecordKind,
} from "./resources/domain-verification";
export { SenderIdentity, type SenderIdentityArgs } from "./resources/sender-identity";
export { ApiToken, type ApiTokenArgs, type TokenScope } from "./resources/api-token";
export { ClientUser, type ClientUserArgs, type UserRole } from "./resources/client-user";
export { MailerSendApiError, MailerSendResponseError } from "./api/errors";
export * from "./component/decision";
export * from "./component/plan-limits";
export {
  Client,
  CLIENT_TYPE,
  decideClient,
  type ClientArgs,
  type ClientUserSpec,
} from "./component/client";
export { Agency, AGENCY_TYPE, type AgencyArgs } from "./component/agency";
export {
  lookupDmarcPolicy,
  parseDmarcRecord,
  type DmarcLookup,
  type DmarcLookupOptions,
} from "./component/dmarc";
export {
  checkClientArgs,
  planClient,
  addressKey,
  DEFAULT_CLIENT_TOKEN_SCOPES,
  DEFAULT_CLIENT_USER_PERMISSIONS,
  type ClientPlan,
  type ClientPlanInput,
} from "./component/client.logic";
