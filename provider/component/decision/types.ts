/**
 * The public vocabulary of the sending-method decision: methods, attributes, policy, codes and the
 * shape of a decision and of a rule. Data and types only; the rules are in rules.ts, the engine
 * that applies them in engine.ts.
 */

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

/** What the input reading leaves for the rules: every attribute valid or at its default. */
export interface Facts {
  volume: number;
  volumeClass: "low" | "band" | "high" | "invalid";
  dnsAccess: boolean;
  dataIsolation: boolean;
  clientAccess: boolean;
  domainReputation: boolean;
  dmarcPolicy: DmarcPolicy;
  strictDmarcPlanned: boolean;
  domainVerified: boolean;
}

/**
 * The steps of the engine (engine.ts) at which it applies the table: at each step it asks every
 * row that has a `produce` entry for that step, in table order.
 * - `domain-signal`: a reason that asks for a domain;
 * - `identity-reason`: a reason for a sender identity when nothing asks for a domain;
 * - `domain-blocker` / `identity-blocker`: why that method cannot work;
 * - `identity-warning`: a risk of a sender identity;
 * - `identity-note` / `domain-note`: facts about setting up that method.
 */
export type RuleStep =
  | "domain-signal"
  | "identity-reason"
  | "domain-blocker"
  | "identity-blocker"
  | "identity-warning"
  | "identity-note"
  | "domain-note";

/** The message of a rule at one step, or `undefined` when the rule does not apply. */
export type RuleProducer = (facts: Facts, policy: DecisionPolicy) => string | undefined;

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
  /**
   * How the engine applies the rule: its message at each step where it can apply. Rows without it
   * are produced by the engine's own control flow (`method-override`, `no-dns-access`,
   * `override-against-recommendation`) or by the input reading (read-input.ts: the `invalid-*`
   * and `unknown-attribute` blockers), because their messages depend on that flow.
   */
  produce?: Partial<Record<RuleStep, RuleProducer>>;
  /**
   * A domain signal's words when a sender identity stands in for the domain (`no-dns-access`
   * lists them); the code itself when left out.
   */
  standIn?: (facts: Facts, policy: DecisionPolicy) => string;
}
