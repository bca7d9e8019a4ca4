import type { EmulatorContext } from "./context";
import { planFacts } from "./plans";
import type { DomainRecord, IdentityRecord, InviteRecord, TokenRecord, UserRecord } from "./state";

/**
 * Response shapes. MailerSend has two domain serializers (docs/mailersend-api.md §3.2 vs docs/mailersend-api.md §3.3); which one an
 * endpoint uses is recorded, so each function names where it is used.
 */

/** [INF] the emulator sends no mail, so every counter is zero. */
const ZERO_DOMAIN_STATS = { total: 0, queued: 0, sent: 0, rejected: 0, delivered: 0 };
const ZERO_TOTALS = { sent: 0, delivered: 0, hard_bounced: 0, soft_bounced: 0 };

/**
 * [INF] the meaning of the flags is not documented. Here: `tracking` = the custom-tracking CNAME is
 * published *and* custom tracking is enabled; `mx` = the inbound MX is published; `is_dns_active` =
 * the three records verification needs currently pass.
 */
function domainFlags(domain: DomainRecord) {
  const checks = domain.checks;
  return {
    dkim: checks ? checks.dkim : null,
    spf: checks ? checks.spf : null,
    mx: checks ? checks.inboundRouting : null,
    tracking: checks ? checks.customTracking && domain.settings.custom_tracking_enabled : null,
    isDnsActive: checks ? checks.dkim && checks.spf && checks.returnPath : false,
    isCnameVerified: checks ? checks.customTracking : false,
  };
}

/** Create-style domain (POST /domains response; the domain embedded in a token create), docs/mailersend-api.md §3.2. */
export function domainCreateStyle(domain: DomainRecord) {
  const flags = domainFlags(domain);
  return {
    id: domain.id,
    name: domain.name,
    dkim: flags.dkim,
    spf: flags.spf,
    mx: flags.mx,
    tracking: flags.tracking,
    is_verified: domain.isVerified,
    is_dns_active: flags.isDnsActive,
    is_trial_domain: false,
    domain_settings: { ...domain.settings },
    can: { manage: true },
    totals: [],
    // [INF] docs/mailersend-api.md §3.5: null right after create [REC]; false (CNAME-style DKIM) once checked.
    is_dkim_txt: domain.checks ? false : null,
    show_dkim_info: false,
    is_being_verified: false,
  };
}

/**
 * GET-style domain, docs/mailersend-api.md §3.3. `totals` is an object on GET single but `[]` in list items and in the
 * settings response [REC]; callers pick with `totals`.
 */
export function domainGetStyle(
  ctx: EmulatorContext,
  domain: DomainRecord,
  totals: "object" | "empty-array",
) {
  const flags = domainFlags(domain);
  return {
    id: domain.id,
    name: domain.name,
    // [REC] a domain never checked reads `false` here (mailersend-ruby fixtures/domains/
    // domains_single.yml and domains_list.yml), while the create answer says `null`.
    dkim: flags.dkim ?? false,
    spf: flags.spf ?? false,
    tracking: flags.tracking ?? false,
    is_verified: domain.isVerified,
    is_cname_verified: flags.isCnameVerified,
    is_dns_active: flags.isDnsActive,
    is_cname_active: flags.isCnameVerified && domain.settings.custom_tracking_enabled,
    is_tracking_allowed: planFacts(ctx.options.plan).trackingAllowed,
    domain_stats: { ...ZERO_DOMAIN_STATS },
    has_not_queued_messages: false,
    not_queued_messages_count: 0,
    domain_settings: { ...domain.settings },
    created_at: domain.createdAt,
    updated_at: domain.updatedAt,
    totals: totals === "object" ? { ...ZERO_TOTALS } : [],
  };
}

/** The short domain reference embedded in identities, tokens and users. */
export function domainReference(domain: DomainRecord) {
  return {
    id: domain.id,
    name: domain.name,
    created_at: domain.createdAt,
    updated_at: domain.updatedAt,
  };
}

/** [DOC] docs/mailersend-api.md §4.2: exactly these keys; no timestamps on the identity itself. */
export function identityResource(ctx: EmulatorContext, identity: IdentityRecord) {
  const domain = ctx.store.domain(identity.domainId);
  return {
    id: identity.id,
    email: identity.email,
    name: identity.name,
    reply_to_email: identity.replyToEmail,
    reply_to_name: identity.replyToName,
    is_verified: identity.isVerified,
    resends: identity.resends,
    add_note: identity.addNote,
    personal_note: identity.personalNote,
    domain: domain ? domainReference(domain) : null,
  };
}

/** [REC] docs/mailersend-api.md §5.3: list/get item. The secret is never part of it. */
export function tokenResource(ctx: EmulatorContext, token: TokenRecord) {
  const domain = token.domainId === null ? undefined : ctx.store.domain(token.domainId);
  return {
    id: token.id,
    name: token.name,
    status: token.status,
    created_at: token.createdAt,
    scopes: [...token.scopes],
    domain: domain ? domainReference(domain) : null,
  };
}

/**
 * [REC] `PUT /token/{id}/settings` answers with the list item shape, `scopes` and `domain` included
 * (mailersend-ruby fixtures/tokens/tokens_update.yml). [INF] `PUT /token/{id}` (name) the same.
 */
export const tokenUpdateResource = tokenResource;

/** [SDK fixture] docs/mailersend-api.md §6.1: the invite object. */
export function inviteResource(invite: InviteRecord) {
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    permissions: [...invite.permissions],
    requires_periodic_password_change: invite.requiresPeriodicPasswordChange,
    created_at: invite.createdAt,
    updated_at: invite.updatedAt,
  };
}

/** [DOC] docs/mailersend-api.md §6.1: the user object. */
export function userResource(ctx: EmulatorContext, user: UserRecord) {
  return {
    id: user.id,
    avatar: null,
    email: user.email,
    last_name: user.lastName,
    name: user.name,
    "2fa": false,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    role: user.role,
    permissions: [...user.permissions],
    domains: user.domains.flatMap((id) => {
      const domain = ctx.store.domain(id);
      return domain ? [domainReference(domain)] : [];
    }),
    // [INF] the emulator has no templates; it echoes the ids it was given in the documented shape.
    templates: user.templates.map((id) => ({
      id,
      name: id,
      description: null,
      type: "html",
      created_at: user.createdAt,
    })),
  };
}
