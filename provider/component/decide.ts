/**
 * Which sending method an agency should use for one client: the client's own authenticated domain,
 * or a sender identity (the client's address sent through the agency's authenticated domain).
 *
 * The rules come from MailerSend's guide "Sending emails for clients: domains vs. sender
 * identities" (called "the guide" below). {@link DECISION_RULES} lists every code this module can
 * produce with the condition, the outcome and the guide's exact sentence, so the documentation
 * (docs/decision-table.md) and the tests check the same table.
 *
 * Pure TypeScript: no I/O, no Pulumi, no clock, no randomness. {@link decideSendingMethod} is total:
 * it never throws, and invalid inputs come back as blockers that name the attribute.
 */

import { describe, joinWords, readRecord } from "./words";

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** How the client's mail is sent: its own authenticated domain, or a sender identity. */
export type SendingMethod = "domain" | "identity";

/** Every {@link SendingMethod}, in a fixed order. */
export const SENDING_METHODS: readonly SendingMethod[] = ["domain", "identity"];

/** The DMARC policy (`p=`) the client's domain publishes now; `unknown` when nobody has checked. */
export type DmarcPolicy = "none" | "quarantine" | "reject" | "unknown";

/** Every {@link DmarcPolicy}, in a fixed order. */
export const DMARC_POLICIES: readonly DmarcPolicy[] = ["none", "quarantine", "reject", "unknown"];

/**
 * What the agency knows about one client. These names are the public contract of the `Client`
 * component. Only `monthlyVolume` is required; every other attribute has the default given in
 * {@link DEFAULT_CLIENT_ATTRIBUTES} (`undefined` and `null` both mean "use the default").
 */
export interface ClientAttributes {
  /**
   * Emails the client sends in a typical month: its regular volume, not a one-off peak (the guide
   * speaks of clients "regularly sending" above its band). A finite number, zero or more. Required.
   */
  monthlyVolume: number;
  /**
   * The client's DNS records can be changed now, by the agency or by the client. Without it a new
   * domain cannot be verified. Default `false`: access is never assumed.
   */
  dnsAccess?: boolean;
  /**
   * The client needs its own activity, analytics, suppressions and scoped API tokens, kept apart
   * from the agency's other clients. A sender identity cannot give this. Default `false`.
   */
  dataIsolation?: boolean;
  /**
   * Client users must log in to MailerSend to see their own data. A sender identity cannot give
   * this. Default `false`.
   */
  clientAccess?: boolean;
  /** The client already sends consistently from its own domain, with a good reputation. Default `false`. */
  domainReputation?: boolean;
  /** The DMARC policy the client's domain publishes now. Default `"unknown"`. */
  dmarcPolicy?: DmarcPolicy;
  /** The client wants to move to strict DMARC enforcement (`p=reject`). Default `false`. */
  strictDmarcPlanned?: boolean;
  /**
   * The client's domain is already a verified domain in this MailerSend account. The component then
   * reuses that domain (by id, or by adopting it) instead of creating a second one. Default `false`.
   */
  domainVerified?: boolean;
}

/** The defaults of the optional {@link ClientAttributes}. */
export const DEFAULT_CLIENT_ATTRIBUTES: Readonly<
  Required<Omit<ClientAttributes, "monthlyVolume">>
> = Object.freeze({
  dnsAccess: false,
  dataIsolation: false,
  clientAccess: false,
  domainReputation: false,
  dmarcPolicy: "unknown",
  strictDmarcPlanned: false,
  domainVerified: false,
});

/** The names of {@link ClientAttributes}, in documentation order. */
export const CLIENT_ATTRIBUTE_NAMES: readonly (keyof ClientAttributes)[] = [
  "monthlyVolume",
  "dnsAccess",
  "dataIsolation",
  "clientAccess",
  "domainReputation",
  "dmarcPolicy",
  "strictDmarcPlanned",
  "domainVerified",
];

/**
 * The agency's policy where the guide leaves room, plus an explicit choice for one client.
 * Every field is optional when passed to {@link decideSendingMethod}; see
 * {@link DEFAULT_DECISION_POLICY} for the defaults.
 *
 * The guide gives its volume threshold as a band: identities for clients that send "less than
 * 2,000-3,000 per month", domains for clients "regularly sending more than 2,000-3,000 emails per
 * month". The band itself (both ends included) is where the guide allows either method.
 */
export interface DecisionPolicy {
  /**
   * A volume strictly below this many emails a month is low: a sender identity is enough.
   * Default 2,000, the lower end of the guide's band.
   */
  lowVolumeBelow: number;
  /**
   * A volume strictly above this many emails a month is high: use an authenticated domain.
   * Default 3,000, the upper end of the guide's band. Must be at least `lowVolumeBelow`.
   */
  highVolumeAbove: number;
  /**
   * The method a volume inside the band (from `lowVolumeBelow` to `highVolumeAbove`, both
   * included) leans to. Default `"domain"`: the guide calls domains "the strongest when it comes
   * to deliverability" and "more professional and scalable". Without DNS access a client in the
   * band still gets a sender identity, with a warning.
   */
  withinBand: SendingMethod;
  /**
   * Force a method for this client. It is recorded as the first reason (`method-override`), adds
   * the `override-against-recommendation` warning when it differs from the recommendation, and
   * never removes a blocker that makes the forced method impossible (for example a sender identity
   * for a domain at `p=reject`).
   */
  override?: SendingMethod;
}

/** The default policy: the guide's 2,000 to 3,000 emails a month band, leaning to a domain inside it. */
export const DEFAULT_DECISION_POLICY: Readonly<DecisionPolicy> = Object.freeze({
  lowVolumeBelow: 2000,
  highVolumeAbove: 3000,
  withinBand: "domain",
});

/** Reasons: why the method was chosen. Order here is the order in {@link Decision.reasons}. */
export const REASON_CODES = [
  "method-override",
  "domain-already-verified",
  "data-isolation",
  "client-access",
  "dmarc-reject",
  "strict-dmarc-planned",
  "domain-reputation",
  "high-volume",
  "volume-in-band",
  "low-volume",
  "no-dns-access",
] as const;

/** Warnings: risks of the chosen method someone should act on. Order as in {@link Decision.warnings}. */
export const WARNING_CODES = [
  "override-against-recommendation",
  "verified-domain-not-used",
  "high-volume-on-identity",
  "volume-in-band-on-identity",
  "reputation-gap",
  "strict-dmarc-needs-domain",
  "dmarc-quarantine",
  "dmarc-policy-unknown",
  "shared-reputation",
] as const;

/** Blockers: the chosen method cannot work, or the input is invalid. Order as in {@link Decision.blockers}. */
export const BLOCKER_CODES = [
  "invalid-attributes",
  "unknown-attribute",
  "invalid-monthly-volume",
  "invalid-boolean-attribute",
  "invalid-dmarc-policy",
  "invalid-policy",
  "domain-needs-dns-access",
  "identity-blocked-by-dmarc-reject",
  "identity-cannot-isolate-data",
  "identity-cannot-give-client-access",
] as const;

/** Notes: facts about the chosen method, no action beyond the setup itself. Order as in {@link Decision.notes}. */
export const NOTE_CODES = [
  "verify-each-address",
  "activity-via-tags",
  "tokens-not-scoped",
  "publish-dns-records",
  "dns-propagation",
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];
export type WarningCode = (typeof WARNING_CODES)[number];
export type BlockerCode = (typeof BLOCKER_CODES)[number];
export type NoteCode = (typeof NOTE_CODES)[number];
/** Every code {@link decideSendingMethod} can produce: a stable, kebab-case contract. */
export type DecisionCode = ReasonCode | WarningCode | BlockerCode | NoteCode;

/** Every {@link DecisionCode}: reasons, warnings, blockers, then notes. */
export const DECISION_CODES: readonly DecisionCode[] = [
  ...REASON_CODES,
  ...WARNING_CODES,
  ...BLOCKER_CODES,
  ...NOTE_CODES,
];

/** One reason, warning, blocker or note: a stable code and a sentence a reviewer understands. */
export interface DecisionNote<C extends DecisionCode = DecisionCode> {
  code: C;
  message: string;
}

/** The result of {@link decideSendingMethod}. */
export interface Decision {
  /** The method to use. Not usable while `blockers` is not empty. */
  method: SendingMethod;
  /** Why this method: at least one for every valid input. */
  reasons: DecisionNote<ReasonCode>[];
  /** Risks of this method that someone should act on (the component logs them). */
  warnings: DecisionNote<WarningCode>[];
  /** Why this method cannot work, or which input is invalid. The component fails the preview. */
  blockers: DecisionNote<BlockerCode>[];
  /** Facts about setting up and running this method. */
  notes: DecisionNote<NoteCode>[];
}

/** The kind of note a rule produces: the {@link Decision} list it lands in. */
export type DecisionRuleKind = "reason" | "warning" | "blocker" | "note";

/** One row of the decision table: one code, when it is produced, and where the rule comes from. */
export interface DecisionRule {
  /** The code this rule produces; the rule's id. */
  code: DecisionCode;
  kind: DecisionRuleKind;
  /** The method the rule is about, or `either`. */
  method: SendingMethod | "either";
  /** The condition, in plain words. */
  when: string;
  /** What the decision does, in plain words. */
  outcome: string;
  /**
   * `guide`: the rule is stated by MailerSend's guide. `project`: the guide is silent and this
   * project decided (see `rationale`).
   */
  source: "guide" | "project";
  /** Sentences of the guide, quoted exactly, that the rule encodes or rests on. */
  guide: readonly string[];
  /** Why the rule is what it is where the guide does not say it outright. */
  rationale?: string;
}

// ---------------------------------------------------------------------------------------------
// The guide, quoted exactly (typographic apostrophes as in the guide)
// ---------------------------------------------------------------------------------------------

const GUIDE = {
  chooseForEachClient:
    "In this guide, we’ll explain how domains and sender identities work so you can choose the right method for each client you onboard.",
  bestForHighVolume: "Best for consistent and high-volume senders",
  bestForLowVolume: "Best for low-volume, occasional senders",
  domainScoped:
    "This method involves adding and authenticating your client’s domain directly in MailerSend so that their domain is used for sending. DNS records, API keys, users and activity data are scoped to that domain.",
  perDomainData: "Activity, Analytics and Suppressions per domain",
  scopedTokensAndUsers: "Scoped API tokens and user access per client",
  individualActivity:
    "Individual activity cannot be viewed at the domain level, tagging or template IDs must be used",
  setupDomain: "Client’s DNS records must be configured (SPF, DKIM, etc.)",
  setupIdentity: "Setup is completed by the client clicking to confirm in the verification email",
  onboardingDomain:
    "Slower than sender identities, as it can take up to 24 hours for records to propagate, but is straightforward and can be done quickly with automatic domain verification",
  onboardingIdentity:
    "Faster than domains, the identity is active as soon as the client verifies the email address.",
  noAlignment:
    "No authentication on client’s domain, emails are sent through the agency’s authenticated domain instead, meaning SPF and DKIM alignment aren’t possible.",
  dmarcDomain: "Full enforcement is supported",
  dmarcIdentityBlocked: "Emails may be blocked if the client’s domain has a policy of p=reject.",
  dmarcIdentityRecommended: "It’s recommended to set a policy of p=none or p=quarantine",
  fromAddressesIdentity:
    "Only the verified email address. Each address you want to use must be verified separately",
  isolationDomain: "Full, per-domain activity and analytics can be shared with the client",
  isolationIdentityShared: "Shared activity appears under the agency’s sending domain.",
  isolationIdentityNoAccess:
    "Access to activity and analytics cannot be given through the MailerSend app; however, you can use tags to create custom reports or create a client dashboard via the API.",
  tokensIdentity:
    "Tokens belong to the agency’s domain and cannot be restricted to the sender identity.",
  usersDomain: "Invite clients with domain-level permissions",
  usersIdentity: "Access cannot be given to anything except specific templates.",
  identitiesBestWhen:
    "For agencies, sender identities are best when you need a quick setup for low-volume and occasional senders.",
  identitiesJustified:
    "Since there’s no need for domain configuration, they significantly reduce onboarding friction, making them ideal for situations where you need to get a client up and running fast, or when adding and configuring a domain isn’t justified by the low sending volume.",
  sharedReputation:
    "It’s important to remember that since your domain will be used for sending, the client’s sending activity will impact your domain reputation. If their emails result in a high bounce rate or spam complaint rate, it could impact your own deliverability, as well as any other clients that are sending from your domain.",
  auditAndMonitor:
    "Therefore, it’s recommended that you audit the client’s sending practices, have some oversight of the emails that will be sent, and monitor performance to identify potential issues quickly.",
  lowVolume:
    "Email volume is low or irregular: When clients send very few emails (less than 2,000-3,000 per month).",
  noDnsAccess:
    "You don’t have access to the client’s DNS records: If you don’t have immediate access to configure the client’s domain, and they are unable to do it themselves, you can use sender identities as a temporary solution until you can.",
  alreadyVerified:
    "You do not need to add sender identities for domains that you have already added and verified. Once a client’s domain is verified, you can send to any email address belonging to it.",
  strongestDeliverability:
    "Because domains allow for full SPF and DKIM alignment, this method is the strongest when it comes to deliverability.",
  professionalScalable:
    "What’s more, adding clients’ domains is a more professional and scalable solution, especially for those that send significant volumes of emails or that have security and privacy concerns.",
  ownEnvironment:
    "By adding a client’s domain, it serves as its own sending environment, allowing you to keep data, settings and API keys separate.",
  highVolume:
    "The client sends consistently and at high volumes: If a client is regularly sending more than 2,000-3,000 emails per month, you should implement authenticated sending from their own domain to ensure deliverability and optimum monitoring.",
  reputation:
    "The client has already built up their domain reputation: If they have been sending consistently and maintain a good domain reputation, ceasing activity through their domain would create a gap in their sending history, which may result in the need to begin warming up the domain again later on.",
  dataIsolation:
    "The client needs data isolation: By adding the client’s domain, you can keep their data, activity, users and API keys contained within the domain’s scope.",
  clientAccess:
    "You want to give client access: With custom roles and domain-level separation, you can invite clients to your agency account, only giving them access to their domain without exposing the rest of your account.",
  strictDmarc:
    "You want to implement a strong DMARC policy: If you want to move toward strict DMARC enforcement for your clients, domain authentication is necessary.",
  rejectUndelivered:
    "Having p=reject can result in emails going undelivered if DMARC alignment fails.",
  addDomainRecords:
    "You’ll be prompted to add the SPF and DKIM records to the domain’s DNS, which you can do automatically using Entri’s Domain Connect.",
} as const;

// ---------------------------------------------------------------------------------------------
// The decision table
// ---------------------------------------------------------------------------------------------

/**
 * Every code {@link decideSendingMethod} can produce, one row each, in the order of
 * {@link DECISION_CODES}. docs/decision-table.md is checked against this table by the tests.
 */
export const DECISION_RULES: readonly DecisionRule[] = [
  // Reasons
  {
    code: "method-override",
    kind: "reason",
    method: "either",
    when: "The policy sets `override` to a method.",
    outcome:
      "That method is used, with this as the first reason. Blockers of the forced method still apply; a difference from the recommendation adds `override-against-recommendation`.",
    source: "project",
    guide: [GUIDE.chooseForEachClient],
    rationale:
      "The guide leaves the choice to the agency; an explicit override records that choice and its cost instead of hiding it.",
  },
  {
    code: "domain-already-verified",
    kind: "reason",
    method: "domain",
    when: "`domainVerified` is true: the client's domain is already a verified domain in this account.",
    outcome:
      "Domain, with no sender identity and no DNS work; the component reuses the existing domain instead of creating a second one.",
    source: "guide",
    guide: [GUIDE.alreadyVerified],
  },
  {
    code: "data-isolation",
    kind: "reason",
    method: "domain",
    when: "`dataIsolation` is true and a domain is possible (DNS access, or already verified).",
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.dataIsolation, GUIDE.ownEnvironment, GUIDE.perDomainData, GUIDE.isolationDomain],
  },
  {
    code: "client-access",
    kind: "reason",
    method: "domain",
    when: "`clientAccess` is true and a domain is possible.",
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.clientAccess, GUIDE.usersDomain, GUIDE.scopedTokensAndUsers],
  },
  {
    code: "dmarc-reject",
    kind: "reason",
    method: "domain",
    when: '`dmarcPolicy` is `"reject"` and a domain is possible.',
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.dmarcIdentityBlocked, GUIDE.rejectUndelivered, GUIDE.dmarcDomain],
  },
  {
    code: "strict-dmarc-planned",
    kind: "reason",
    method: "domain",
    when: "`strictDmarcPlanned` is true and a domain is possible.",
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.strictDmarc, GUIDE.rejectUndelivered],
  },
  {
    code: "domain-reputation",
    kind: "reason",
    method: "domain",
    when: "`domainReputation` is true and a domain is possible.",
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.reputation],
  },
  {
    code: "high-volume",
    kind: "reason",
    method: "domain",
    when: "`monthlyVolume` is above `highVolumeAbove` (default 3,000) and a domain is possible.",
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.highVolume, GUIDE.bestForHighVolume],
  },
  {
    code: "volume-in-band",
    kind: "reason",
    method: "either",
    when: "`monthlyVolume` is inside the band, from `lowVolumeBelow` to `highVolumeAbove` (default 2,000 to 3,000, both included).",
    outcome:
      "The policy's `withinBand` method (default domain). With `withinBand` domain and no DNS access, a sender identity is used instead (`no-dns-access`).",
    source: "project",
    guide: [GUIDE.lowVolume, GUIDE.highVolume, GUIDE.strongestDeliverability],
    rationale:
      "The guide puts both thresholds at 2,000-3,000 and says nothing about the band itself. Inside it the default leans to a domain, the method the guide calls the strongest for deliverability; `withinBand` changes it.",
  },
  {
    code: "low-volume",
    kind: "reason",
    method: "identity",
    when: "`monthlyVolume` is below `lowVolumeBelow` (default 2,000) and nothing else asks for a domain.",
    outcome: "Sender identity.",
    source: "guide",
    guide: [
      GUIDE.lowVolume,
      GUIDE.identitiesBestWhen,
      GUIDE.identitiesJustified,
      GUIDE.bestForLowVolume,
    ],
  },
  {
    code: "no-dns-access",
    kind: "reason",
    method: "identity",
    when: "A domain is recommended only by volume, domain reputation or a strict DMARC plan, `dnsAccess` is false and the domain is not verified yet.",
    outcome:
      "Sender identity as a temporary solution, with a warning for each thing that asked for a domain.",
    source: "guide",
    guide: [GUIDE.noDnsAccess],
  },
  // Warnings
  {
    code: "override-against-recommendation",
    kind: "warning",
    method: "either",
    when: "`override` differs from the method recommended without it.",
    outcome: "Warning naming the recommendation and its reasons.",
    source: "project",
    guide: [],
    rationale: "An override against the guide's advice should stay visible in every preview.",
  },
  {
    code: "verified-domain-not-used",
    kind: "warning",
    method: "identity",
    when: "The method is a sender identity (only through `override`) although `domainVerified` is true.",
    outcome: "Warning: the guide says a verified domain needs no sender identity.",
    source: "guide",
    guide: [GUIDE.alreadyVerified],
  },
  {
    code: "high-volume-on-identity",
    kind: "warning",
    method: "identity",
    when: "The method is a sender identity and `monthlyVolume` is above `highVolumeAbove`.",
    outcome: "Warning to move the client to its own domain (as soon as its DNS can be changed).",
    source: "guide",
    guide: [GUIDE.highVolume, GUIDE.noDnsAccess],
  },
  {
    code: "volume-in-band-on-identity",
    kind: "warning",
    method: "identity",
    when: 'The method is a sender identity, `monthlyVolume` is inside the band and `withinBand` is `"domain"`.',
    outcome: "Warning to move the client to its own domain, at the latest when it leaves the band.",
    source: "project",
    guide: [GUIDE.lowVolume, GUIDE.highVolume],
    rationale: "Follows `volume-in-band`: the identity is a fallback there, so it is flagged.",
  },
  {
    code: "reputation-gap",
    kind: "warning",
    method: "identity",
    when: "The method is a sender identity and `domainReputation` is true.",
    outcome:
      "Warning: the client's domain stops sending, which leaves a gap in its sending history and may mean warming it up again.",
    source: "guide",
    guide: [GUIDE.reputation],
  },
  {
    code: "strict-dmarc-needs-domain",
    kind: "warning",
    method: "identity",
    when: "The method is a sender identity and `strictDmarcPlanned` is true.",
    outcome:
      "Warning: authenticate the client's domain before its DMARC policy moves to p=reject, or the identity's mail may go undelivered.",
    source: "guide",
    guide: [GUIDE.strictDmarc, GUIDE.rejectUndelivered, GUIDE.dmarcIdentityBlocked],
    rationale:
      "A warning, not a blocker: the plan is for later, the current policy still lets identity mail through, and tightening the policy needs the same DNS access a domain needs.",
  },
  {
    code: "dmarc-quarantine",
    kind: "warning",
    method: "identity",
    when: 'The method is a sender identity and `dmarcPolicy` is `"quarantine"`.',
    outcome:
      "Warning: allowed by the guide, but the identity's mail is not aligned with the client's domain, so receivers may file it as spam; never move to p=reject while the identity is in use.",
    source: "guide",
    guide: [GUIDE.dmarcIdentityRecommended, GUIDE.noAlignment, GUIDE.dmarcIdentityBlocked],
    rationale:
      "The guide lists p=quarantine as acceptable; that unaligned mail may be quarantined is what p=quarantine means, so it is a warning, not a blocker.",
  },
  {
    code: "dmarc-policy-unknown",
    kind: "warning",
    method: "identity",
    when: 'The method is a sender identity and `dmarcPolicy` is `"unknown"` (the default).',
    outcome:
      "Warning to check the domain's DMARC record: at p=reject the identity's mail may be blocked.",
    source: "guide",
    guide: [GUIDE.dmarcIdentityBlocked, GUIDE.dmarcIdentityRecommended],
  },
  {
    code: "shared-reputation",
    kind: "warning",
    method: "identity",
    when: "The method is a sender identity (always).",
    outcome:
      "Warning: the client's sending affects the agency domain's reputation; audit, oversee and monitor it.",
    source: "guide",
    guide: [GUIDE.sharedReputation, GUIDE.auditAndMonitor],
  },
  // Blockers
  {
    code: "invalid-attributes",
    kind: "blocker",
    method: "either",
    when: "The attributes are not a plain object, or reading them fails.",
    outcome: "Blocker; every attribute takes its default and `monthlyVolume` counts as invalid.",
    source: "project",
    guide: [],
    rationale:
      "The function is total: a bad input never throws, it blocks the preview with a message.",
  },
  {
    code: "unknown-attribute",
    kind: "blocker",
    method: "either",
    when: "The attributes hold a name that is not one of the eight attributes.",
    outcome: "Blocker naming it (one per unknown name).",
    source: "project",
    guide: [],
    rationale:
      "A misspelt optional attribute (`dnsAcess`) would otherwise silently take its default and change the method.",
  },
  {
    code: "invalid-monthly-volume",
    kind: "blocker",
    method: "either",
    when: "`monthlyVolume` is missing, not a number, negative, NaN or infinite.",
    outcome: "Blocker; volume gives no signal for the rest of the decision.",
    source: "project",
    guide: [],
    rationale:
      "The function is total: a bad input never throws, it blocks the preview with a message.",
  },
  {
    code: "invalid-boolean-attribute",
    kind: "blocker",
    method: "either",
    when: "A yes/no attribute holds something other than true, false, undefined or null.",
    outcome: "Blocker naming the attribute (one per attribute); it counts as false.",
    source: "project",
    guide: [],
    rationale:
      "The function is total: a bad input never throws, it blocks the preview with a message.",
  },
  {
    code: "invalid-dmarc-policy",
    kind: "blocker",
    method: "either",
    when: '`dmarcPolicy` is not `"none"`, `"quarantine"`, `"reject"` or `"unknown"`.',
    outcome: 'Blocker; it counts as `"unknown"`.',
    source: "project",
    guide: [],
    rationale:
      "The function is total: a bad input never throws, it blocks the preview with a message.",
  },
  {
    code: "invalid-policy",
    kind: "blocker",
    method: "either",
    when: "The policy is not an object, has an unknown setting, a threshold that is not a finite number zero or more, `lowVolumeBelow` above `highVolumeAbove`, or a `withinBand` or `override` that is not a method.",
    outcome: "Blocker naming the setting (one per setting); the setting takes its default.",
    source: "project",
    guide: [],
    rationale:
      "The function is total: a bad input never throws, it blocks the preview with a message.",
  },
  {
    code: "domain-needs-dns-access",
    kind: "blocker",
    method: "domain",
    when: "The method is a domain, `dnsAccess` is false and the domain is not verified yet.",
    outcome: "Blocker: the domain's records cannot be published, so it can never be verified.",
    source: "guide",
    guide: [GUIDE.setupDomain, GUIDE.noDnsAccess],
    rationale:
      "Without an override this happens only when a sender identity is impossible too (the identity blockers below are then reported with it); otherwise the guide's temporary sender identity is used.",
  },
  {
    code: "identity-blocked-by-dmarc-reject",
    kind: "blocker",
    method: "identity",
    when: 'A sender identity is chosen or is the only fallback, and `dmarcPolicy` is `"reject"`.',
    outcome: "Blocker: receivers may reject the identity's mail.",
    source: "guide",
    guide: [GUIDE.dmarcIdentityBlocked, GUIDE.noAlignment, GUIDE.rejectUndelivered],
    rationale:
      "The guide says “may be blocked”; at p=reject every receiver that enforces DMARC rejects unaligned mail, so this project treats it as impossible.",
  },
  {
    code: "identity-cannot-isolate-data",
    kind: "blocker",
    method: "identity",
    when: "A sender identity is chosen or is the only fallback, and `dataIsolation` is true.",
    outcome:
      "Blocker: an identity's activity is shared under the agency's domain and its tokens cannot be scoped.",
    source: "guide",
    guide: [GUIDE.isolationIdentityShared, GUIDE.tokensIdentity, GUIDE.isolationIdentityNoAccess],
    rationale:
      "A blocker, not a temporary identity: isolation cannot be given through a sender identity at all. If the guide's tag reports or an API dashboard are enough, `dataIsolation` should be false.",
  },
  {
    code: "identity-cannot-give-client-access",
    kind: "blocker",
    method: "identity",
    when: "A sender identity is chosen or is the only fallback, and `clientAccess` is true.",
    outcome: "Blocker: client users can be given access to specific templates only.",
    source: "guide",
    guide: [GUIDE.usersIdentity, GUIDE.isolationIdentityNoAccess],
    rationale:
      "A blocker, not a temporary identity: client log-ins to their own data cannot be given through a sender identity at all.",
  },
  // Notes
  {
    code: "verify-each-address",
    kind: "note",
    method: "identity",
    when: "The method is a sender identity (always).",
    outcome:
      "Note: the client confirms a verification email for each from-address; only verified addresses send.",
    source: "guide",
    guide: [GUIDE.fromAddressesIdentity, GUIDE.setupIdentity, GUIDE.onboardingIdentity],
  },
  {
    code: "activity-via-tags",
    kind: "note",
    method: "identity",
    when: "The method is a sender identity (always).",
    outcome:
      "Note: the client's activity is told apart by tags or template IDs (the component adds a reporting tag).",
    source: "guide",
    guide: [GUIDE.individualActivity, GUIDE.isolationIdentityNoAccess],
  },
  {
    code: "tokens-not-scoped",
    kind: "note",
    method: "identity",
    when: "The method is a sender identity (always).",
    outcome: "Note: API tokens belong to the agency's domain and cannot be limited to this client.",
    source: "guide",
    guide: [GUIDE.tokensIdentity],
  },
  {
    code: "publish-dns-records",
    kind: "note",
    method: "domain",
    when: "The method is a domain that is not verified yet.",
    outcome: "Note: publish the domain's SPF and DKIM records in the client's DNS.",
    source: "guide",
    guide: [GUIDE.setupDomain, GUIDE.addDomainRecords, GUIDE.domainScoped],
  },
  {
    code: "dns-propagation",
    kind: "note",
    method: "domain",
    when: "The method is a domain that is not verified yet.",
    outcome: "Note: records can take up to 24 hours to propagate before the domain verifies.",
    source: "guide",
    guide: [GUIDE.onboardingDomain],
  },
];

// ---------------------------------------------------------------------------------------------
// Formatting helpers (deterministic: no locale)
// ---------------------------------------------------------------------------------------------

/** 4500 -> "4,500"; 2000.5 -> "2,000.5". Locale-independent, at most two decimals. */
function formatCount(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return String(n);
  const sign = n < 0 ? "-" : "";
  const [whole, fraction] = String(Math.round(Math.abs(n) * 100) / 100).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

function emailsAMonth(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "email" : "emails"} a month`;
}

// ---------------------------------------------------------------------------------------------
// Validation: inputs -> normalised facts + blockers
// ---------------------------------------------------------------------------------------------

type VolumeClass = "low" | "band" | "high" | "invalid";

interface Facts {
  volume: number;
  volumeClass: VolumeClass;
  dnsAccess: boolean;
  dataIsolation: boolean;
  clientAccess: boolean;
  domainReputation: boolean;
  dmarcPolicy: DmarcPolicy;
  strictDmarcPlanned: boolean;
  domainVerified: boolean;
}

type BooleanAttribute =
  | "dnsAccess"
  | "dataIsolation"
  | "clientAccess"
  | "domainReputation"
  | "strictDmarcPlanned"
  | "domainVerified";

const BOOLEAN_ATTRIBUTES: readonly BooleanAttribute[] = [
  "dnsAccess",
  "dataIsolation",
  "clientAccess",
  "domainReputation",
  "strictDmarcPlanned",
  "domainVerified",
];

const POLICY_SETTINGS: readonly (keyof DecisionPolicy)[] = [
  "lowVolumeBelow",
  "highVolumeAbove",
  "withinBand",
  "override",
];

function isMethod(value: unknown): value is SendingMethod {
  return value === "domain" || value === "identity";
}

function isThreshold(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

function quoted(items: readonly string[]): string {
  return joinWords(
    items.map((item) => `"${item}"`),
    "or",
  );
}

function readPolicy(
  input: unknown,
  blockers: DecisionNote<BlockerCode>[],
): DecisionPolicy & { overrideSet: boolean } {
  const policy = { ...DEFAULT_DECISION_POLICY, overrideSet: false } as DecisionPolicy & {
    overrideSet: boolean;
  };
  if (input === undefined || input === null) return policy;
  const block = (message: string) => blockers.push({ code: "invalid-policy", message });
  const record = readRecord(input);
  if (!record.ok) {
    block(`The decision policy must be an object; got ${record.got}. The default policy is used.`);
    return policy;
  }
  const get = (key: keyof DecisionPolicy) => {
    const value = record.entries.get(key);
    return value === null ? undefined : value;
  };
  for (const key of record.entries.keys()) {
    if (!(POLICY_SETTINGS as readonly string[]).includes(key)) {
      block(
        `The decision policy has no setting ${describe(key)}; the settings are ${joinWords([...POLICY_SETTINGS])}.`,
      );
    }
  }
  let thresholdsValid = true;
  for (const key of ["lowVolumeBelow", "highVolumeAbove"] as const) {
    const value = get(key);
    if (value === undefined) continue;
    if (isThreshold(value)) {
      policy[key] = value;
    } else {
      thresholdsValid = false;
      block(
        `policy.${key} must be a finite number of emails a month, zero or more; got ${describe(value)}. The default, ${formatCount(DEFAULT_DECISION_POLICY[key])}, is used.`,
      );
    }
  }
  if (thresholdsValid && policy.lowVolumeBelow > policy.highVolumeAbove) {
    block(
      `policy.lowVolumeBelow (${formatCount(policy.lowVolumeBelow)}) must not be above policy.highVolumeAbove (${formatCount(policy.highVolumeAbove)}). The default band, ${formatCount(DEFAULT_DECISION_POLICY.lowVolumeBelow)} to ${formatCount(DEFAULT_DECISION_POLICY.highVolumeAbove)} emails a month, is used.`,
    );
    policy.lowVolumeBelow = DEFAULT_DECISION_POLICY.lowVolumeBelow;
    policy.highVolumeAbove = DEFAULT_DECISION_POLICY.highVolumeAbove;
  }
  const withinBand = get("withinBand");
  if (withinBand !== undefined) {
    if (isMethod(withinBand)) policy.withinBand = withinBand;
    else
      block(
        `policy.withinBand must be "domain" or "identity"; got ${describe(withinBand)}. The default, "${DEFAULT_DECISION_POLICY.withinBand}", is used.`,
      );
  }
  const override = get("override");
  if (override !== undefined) {
    if (isMethod(override)) {
      policy.override = override;
      policy.overrideSet = true;
    } else {
      block(
        `policy.override must be "domain", "identity" or left out; got ${describe(override)}. It is ignored.`,
      );
    }
  }
  return policy;
}

function readAttributes(
  input: unknown,
  policy: DecisionPolicy,
  blockers: DecisionNote<BlockerCode>[],
): Facts {
  const facts: Facts = {
    volume: Number.NaN,
    volumeClass: "invalid",
    ...DEFAULT_CLIENT_ATTRIBUTES,
  };
  const record = readRecord(input);
  if (!record.ok) {
    blockers.push({
      code: "invalid-attributes",
      message: `The client attributes must be an object with at least monthlyVolume; got ${record.got}.`,
    });
    return facts;
  }
  const get = (key: keyof ClientAttributes) => {
    const value = record.entries.get(key);
    return value === null ? undefined : value;
  };
  for (const key of record.entries.keys()) {
    if (!(CLIENT_ATTRIBUTE_NAMES as readonly string[]).includes(key)) {
      blockers.push({
        code: "unknown-attribute",
        message: `${describe(key)} is not a client attribute; the attributes are ${joinWords([...CLIENT_ATTRIBUTE_NAMES])}.`,
      });
    }
  }

  const volume = get("monthlyVolume");
  if (volume === undefined) {
    blockers.push({
      code: "invalid-monthly-volume",
      message:
        "monthlyVolume is required: the number of emails the client sends in a typical month.",
    });
  } else if (typeof volume !== "number" || !Number.isFinite(volume) || volume < 0) {
    blockers.push({
      code: "invalid-monthly-volume",
      message: `monthlyVolume must be a finite number of emails a month, zero or more; got ${describe(volume)}.`,
    });
  } else {
    facts.volume = volume;
    facts.volumeClass =
      volume < policy.lowVolumeBelow ? "low" : volume > policy.highVolumeAbove ? "high" : "band";
  }

  for (const key of BOOLEAN_ATTRIBUTES) {
    const value = get(key);
    if (value === undefined) continue;
    if (typeof value === "boolean") facts[key] = value;
    else
      blockers.push({
        code: "invalid-boolean-attribute",
        message: `${key} must be true or false; got ${describe(value)}. It counts as false until fixed.`,
      });
  }

  const dmarc = get("dmarcPolicy");
  if (dmarc !== undefined) {
    if ((DMARC_POLICIES as readonly unknown[]).includes(dmarc))
      facts.dmarcPolicy = dmarc as DmarcPolicy;
    else
      blockers.push({
        code: "invalid-dmarc-policy",
        message: `dmarcPolicy must be ${quoted(DMARC_POLICIES)}; got ${describe(dmarc)}. It counts as "unknown" until fixed.`,
      });
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------
// The decision
// ---------------------------------------------------------------------------------------------

/** The guide's band in words, e.g. "the 2,000 to 3,000 emails a month band". */
function bandWords(policy: DecisionPolicy): string {
  return policy.lowVolumeBelow === policy.highVolumeAbove
    ? `the ${formatCount(policy.lowVolumeBelow)} emails a month threshold`
    : `the ${formatCount(policy.lowVolumeBelow)} to ${formatCount(policy.highVolumeAbove)} emails a month band`;
}

/** Reasons that ask for a domain, in {@link REASON_CODES} order. */
function domainSignals(facts: Facts, policy: DecisionPolicy): DecisionNote<ReasonCode>[] {
  const signals: DecisionNote<ReasonCode>[] = [];
  const band = bandWords(policy);
  if (facts.domainVerified) {
    signals.push({
      code: "domain-already-verified",
      message:
        "The client's domain is already a verified domain in this account (domainVerified: true), so it can send from any address on it: no sender identity is needed, and the component reuses that domain instead of creating a second one.",
    });
  }
  if (facts.dataIsolation) {
    signals.push({
      code: "data-isolation",
      message:
        "The client needs data isolation (dataIsolation: true): only its own domain keeps its activity, analytics, suppressions, users and API tokens within the domain's scope.",
    });
  }
  if (facts.clientAccess) {
    signals.push({
      code: "client-access",
      message:
        "Client users must log in to see their own data (clientAccess: true): only a domain lets the agency invite them with access to their own domain and nothing else in the account.",
    });
  }
  if (facts.dmarcPolicy === "reject") {
    signals.push({
      code: "dmarc-reject",
      message:
        'The client\'s domain publishes a DMARC policy of p=reject (dmarcPolicy: "reject"): mail sent through a sender identity is not aligned with it and may be blocked, while an authenticated domain supports full enforcement.',
    });
  }
  if (facts.strictDmarcPlanned) {
    signals.push({
      code: "strict-dmarc-planned",
      message:
        "The client wants to move to strict DMARC enforcement (strictDmarcPlanned: true), which needs its own domain authenticated: sender identity mail cannot be SPF or DKIM aligned with the client's domain.",
    });
  }
  if (facts.domainReputation) {
    signals.push({
      code: "domain-reputation",
      message:
        "The client already sends consistently from its own domain (domainReputation: true): keeping its mail on that domain avoids a gap in the domain's sending history and a new warm-up later.",
    });
  }
  if (facts.volumeClass === "high") {
    signals.push({
      code: "high-volume",
      message: `The client sends ${emailsAMonth(facts.volume)}, above ${band}, where MailerSend recommends authenticated sending from the client's own domain for deliverability and monitoring.`,
    });
  }
  if (facts.volumeClass === "band" && policy.withinBand === "domain") {
    signals.push({
      code: "volume-in-band",
      message: `The client sends ${emailsAMonth(facts.volume)}, inside ${band}, where MailerSend's guide allows either method; this policy (withinBand: "domain") prefers a domain, the method the guide calls the strongest for deliverability.`,
    });
  }
  return signals;
}

/** Short words for a domain signal, used when a sender identity stands in for the domain. */
function signalWords(code: ReasonCode, facts: Facts, policy: DecisionPolicy): string {
  switch (code) {
    case "high-volume":
      return `${emailsAMonth(facts.volume)}, above ${bandWords(policy)}`;
    case "volume-in-band":
      return `${emailsAMonth(facts.volume)}, inside ${bandWords(policy)}`;
    case "domain-reputation":
      return "the client's established domain reputation";
    case "strict-dmarc-planned":
      return "the planned move to strict DMARC";
    default:
      return code;
  }
}

function identityReasons(facts: Facts, policy: DecisionPolicy): DecisionNote<ReasonCode>[] {
  const band = bandWords(policy);
  if (facts.volumeClass === "low") {
    return [
      {
        code: "low-volume",
        message: `The client sends ${emailsAMonth(facts.volume)}, below ${band}, and nothing else asks for a domain: MailerSend recommends a sender identity for low-volume senders, where adding and configuring a domain is not justified.`,
      },
    ];
  }
  if (facts.volumeClass === "band" && policy.withinBand === "identity") {
    return [
      {
        code: "volume-in-band",
        message: `The client sends ${emailsAMonth(facts.volume)}, inside ${band}, where MailerSend's guide allows either method, and nothing else asks for a domain; this policy (withinBand: "identity") prefers a sender identity.`,
      },
    ];
  }
  return [];
}

function domainBlockers(facts: Facts): DecisionNote<BlockerCode>[] {
  if (facts.dnsAccess || facts.domainVerified) return [];
  return [
    {
      code: "domain-needs-dns-access",
      message:
        "A domain cannot be verified: its SPF and DKIM records must be published in the client's DNS, and no one can change the client's DNS records now (dnsAccess: false). Get DNS access, for the agency or the client, and set dnsAccess to true.",
    },
  ];
}

function identityBlockers(facts: Facts): DecisionNote<BlockerCode>[] {
  const blockers: DecisionNote<BlockerCode>[] = [];
  if (facts.dmarcPolicy === "reject") {
    blockers.push({
      code: "identity-blocked-by-dmarc-reject",
      message:
        "A sender identity cannot be used: the client's domain publishes p=reject, and identity mail is sent through the agency's domain without SPF or DKIM alignment with the client's domain, so receivers may reject it.",
    });
  }
  if (facts.dataIsolation) {
    blockers.push({
      code: "identity-cannot-isolate-data",
      message:
        "A sender identity cannot give data isolation: its activity appears under the agency's sending domain and API tokens cannot be restricted to it. If reports built from tags or a client dashboard via the API are enough, set dataIsolation to false.",
    });
  }
  if (facts.clientAccess) {
    blockers.push({
      code: "identity-cannot-give-client-access",
      message:
        "A sender identity cannot give client users access to their own data: with an identity they can be given access to specific templates only. If reports built from tags or a client dashboard via the API are enough, set clientAccess to false.",
    });
  }
  return blockers;
}

function identityWarnings(facts: Facts, policy: DecisionPolicy): DecisionNote<WarningCode>[] {
  const warnings: DecisionNote<WarningCode>[] = [];
  const band = bandWords(policy);
  const whenDns = facts.dnsAccess ? "" : " as soon as its DNS records can be changed";
  if (facts.domainVerified) {
    warnings.push({
      code: "verified-domain-not-used",
      message:
        "The client's domain is already verified in this account, and MailerSend's guide says a domain already added and verified needs no sender identity; the override creates one anyway.",
    });
  }
  if (facts.volumeClass === "high") {
    warnings.push({
      code: "high-volume-on-identity",
      message: `The client sends ${emailsAMonth(facts.volume)}, above ${band}, where MailerSend recommends authenticated sending from the client's own domain: move this client to its own domain${whenDns}.`,
    });
  }
  if (facts.volumeClass === "band" && policy.withinBand === "domain") {
    warnings.push({
      code: "volume-in-band-on-identity",
      message: `The client sends ${emailsAMonth(facts.volume)}, inside ${band}, where this policy prefers a domain: move this client to its own domain${whenDns}, and at the latest once it sends more than ${emailsAMonth(policy.highVolumeAbove)}.`,
    });
  }
  if (facts.domainReputation) {
    warnings.push({
      code: "reputation-gap",
      message: `The client already sends consistently from its own domain; sending through a sender identity stops that activity, leaves a gap in the domain's sending history and may mean warming the domain up again later: move back to the client's domain${whenDns}.`,
    });
  }
  if (facts.strictDmarcPlanned) {
    warnings.push({
      code: "strict-dmarc-needs-domain",
      message:
        "The client wants to move to strict DMARC enforcement, which needs its own domain authenticated: sender identity mail is not aligned with the client's domain and may go undelivered at p=reject, so authenticate the domain before the client's DMARC policy is tightened.",
    });
  }
  if (facts.dmarcPolicy === "quarantine") {
    warnings.push({
      code: "dmarc-quarantine",
      message:
        "The client's domain publishes p=quarantine. MailerSend's guide accepts p=none or p=quarantine for sender identities, but identity mail is not SPF or DKIM aligned with the client's domain, so receivers that apply the policy may deliver it to spam; do not move the domain to p=reject while this identity is in use.",
    });
  }
  if (facts.dmarcPolicy === "unknown") {
    warnings.push({
      code: "dmarc-policy-unknown",
      message:
        'The client domain\'s DMARC policy is unknown (dmarcPolicy: "unknown"): check its _dmarc record, because identity mail may be blocked at p=reject; MailerSend recommends p=none or p=quarantine for sender identities.',
    });
  }
  warnings.push({
    code: "shared-reputation",
    message:
      "The client's mail is sent through the agency's authenticated domain, so its bounces and spam complaints affect that domain's reputation and every other client sending from it: audit the client's sending practices, oversee the emails it will send and monitor their performance.",
  });
  return warnings;
}

const IDENTITY_NOTES: readonly DecisionNote<NoteCode>[] = [
  {
    code: "verify-each-address",
    message:
      "Each from-address must be verified separately: the client confirms the verification email MailerSend sends to it, and only verified addresses can send.",
  },
  {
    code: "activity-via-tags",
    message:
      "The client's activity cannot be viewed at the domain level: it appears under the agency's sending domain, so the client's mail is told apart by tags or template IDs (the component adds a reporting tag), and reports for the client are built from them.",
  },
  {
    code: "tokens-not-scoped",
    message:
      "API tokens belong to the agency's domain and cannot be restricted to this sender identity; do not hand the client a token expecting it to reach only its own mail.",
  },
];

const DOMAIN_NOTES: readonly DecisionNote<NoteCode>[] = [
  {
    code: "publish-dns-records",
    message:
      "The domain's SPF and DKIM records must be published in the client's DNS before it can be verified (by hand, or automatically with Entri's Domain Connect).",
  },
  {
    code: "dns-propagation",
    message:
      "DNS records can take up to 24 hours to propagate, so the domain may verify up to a day after they are published.",
  },
];

function byOrder<C extends DecisionCode>(order: readonly C[]) {
  return (a: DecisionNote<C>, b: DecisionNote<C>) => order.indexOf(a.code) - order.indexOf(b.code);
}

const METHOD_WORDS: Record<SendingMethod, string> = {
  domain: "a domain",
  identity: "a sender identity",
};

/**
 * Decide how one client's mail should be sent.
 *
 * Order of the decision (docs/decision-table.md has it in plain words, with the guide's sentences):
 * 1. Invalid inputs become blockers (`invalid-*`, `unknown-attribute`); the rest of the decision
 *    runs on what remains valid, so every problem is reported at once.
 * 2. Reasons that ask for a domain: already verified, data isolation, client access, p=reject,
 *    a strict DMARC plan, domain reputation, volume above the band, volume inside the band (policy).
 *    None: a sender identity (`low-volume`, or `volume-in-band` with `withinBand: "identity"`).
 * 3. A domain needs DNS access unless it is already verified. Without it, a sender identity stands
 *    in as the guide's temporary solution (`no-dns-access`) unless an identity is impossible too
 *    (p=reject, data isolation, client access): then the decision is blocked.
 * 4. `policy.override` replaces the method; it never removes the forced method's blockers.
 * 5. The method's consequences are added: warnings and notes for an identity, notes for a new domain.
 *
 * Total and pure: never throws, same input gives the same output.
 */
export function decideSendingMethod(
  attributes: ClientAttributes,
  policy?: Partial<DecisionPolicy>,
): Decision {
  const inputBlockers: DecisionNote<BlockerCode>[] = [];
  const settings = readPolicy(policy, inputBlockers);
  const facts = readAttributes(attributes, settings, inputBlockers);

  // The recommendation, without the override.
  const signals = domainSignals(facts, settings);
  const domainImpossible = domainBlockers(facts);
  const identityImpossible = identityBlockers(facts);
  let recommended: SendingMethod;
  let recommendedReasons: DecisionNote<ReasonCode>[];
  let fallbackBlocked = false;
  if (signals.length === 0) {
    recommended = "identity";
    recommendedReasons = identityReasons(facts, settings);
  } else if (domainImpossible.length === 0) {
    recommended = "domain";
    recommendedReasons = signals;
  } else if (identityImpossible.length === 0) {
    recommended = "identity";
    const wanted = signals.map((signal) => signalWords(signal.code, facts, settings));
    recommendedReasons = [
      {
        code: "no-dns-access",
        message: `A domain is recommended (${joinWords(wanted)}), but no one can change the client's DNS records now (dnsAccess: false), so a sender identity is used as a temporary solution until they can be changed, as MailerSend suggests.`,
      },
    ];
  } else {
    // Neither method can work: report the domain the reasons ask for, and why both are blocked.
    recommended = "domain";
    recommendedReasons = signals;
    fallbackBlocked = true;
  }

  const forced = settings.overrideSet ? settings.override : undefined;
  const method = forced ?? recommended;
  const reasons: DecisionNote<ReasonCode>[] = [];
  const warnings: DecisionNote<WarningCode>[] = [];
  const blockers: DecisionNote<BlockerCode>[] = [...inputBlockers];

  if (forced === undefined) {
    reasons.push(...recommendedReasons);
  } else if (forced === recommended) {
    reasons.push(
      {
        code: "method-override",
        message: `The method is set explicitly to "${forced}" (policy.override), which is also the recommendation.`,
      },
      ...recommendedReasons,
    );
  } else {
    reasons.push({
      code: "method-override",
      message: `The method is set explicitly to "${forced}" (policy.override); without it the recommendation would be "${recommended}".`,
    });
    const why = recommendedReasons.map((reason) => reason.code);
    warnings.push({
      code: "override-against-recommendation",
      message: `The override chooses ${METHOD_WORDS[forced]} although ${METHOD_WORDS[recommended]} is recommended${why.length > 0 ? ` (${why.join(", ")})` : ""}: check that the override is still wanted.`,
    });
  }

  let notes: DecisionNote<NoteCode>[];
  if (method === "identity") {
    warnings.push(...identityWarnings(facts, settings));
    blockers.push(...identityImpossible);
    notes = [...IDENTITY_NOTES];
  } else {
    blockers.push(...domainImpossible);
    if (fallbackBlocked && forced === undefined) blockers.push(...identityImpossible);
    notes = facts.domainVerified ? [] : [...DOMAIN_NOTES];
  }

  return {
    method,
    reasons: reasons.sort(byOrder(REASON_CODES)),
    warnings: warnings.sort(byOrder(WARNING_CODES)),
    blockers: blockers.sort(byOrder(BLOCKER_CODES)),
    notes: notes.sort(byOrder(NOTE_CODES)),
  };
}
