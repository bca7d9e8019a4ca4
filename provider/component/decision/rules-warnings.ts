/**
 * The warning rows of the decision table: risks of the chosen method.
 * Each row owns its code, the condition and outcome in words, the guide's sentences it rests on,
 * and (`produce`) the condition and message the engine applies. docs/decision-table.md is
 * generated from these rows (`npm run docs:decision-table`).
 */

import { bandWords, emailsAMonth, whenDnsWords } from "./format";
import { GUIDE } from "./guide";
import type { DecisionRule } from "./types";

export const WARNING_RULES: readonly DecisionRule[] = [
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
    produce: {
      "identity-warning": (facts) =>
        facts.domainVerified
          ? "The client's domain is already verified in this account, and MailerSend's guide says a domain already added and verified needs no sender identity; the override creates one anyway."
          : undefined,
    },
  },
  // The same condition as the `high-volume` reason (rules-reasons.ts), on purpose: the reason asks
  // for a domain, this warning is what a sender identity costs when one is used anyway.
  {
    code: "high-volume-on-identity",
    kind: "warning",
    method: "identity",
    when: "The method is a sender identity and `monthlyVolume` is above `highVolumeAbove`.",
    outcome: "Warning to move the client to its own domain (as soon as its DNS can be changed).",
    source: "guide",
    guide: [GUIDE.highVolume, GUIDE.noDnsAccess],
    produce: {
      "identity-warning": (facts, policy) =>
        facts.volumeClass === "high"
          ? `The client sends ${emailsAMonth(facts.volume)}, above ${bandWords(policy)}, where MailerSend recommends authenticated sending from the client's own domain: move this client to its own domain${whenDnsWords(facts)}.`
          : undefined,
    },
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
    produce: {
      "identity-warning": (facts, policy) =>
        facts.volumeClass === "band" && policy.withinBand === "domain"
          ? `The client sends ${emailsAMonth(facts.volume)}, inside ${bandWords(policy)}, where this policy prefers a domain: move this client to its own domain${whenDnsWords(facts)}, and at the latest once it sends more than ${emailsAMonth(policy.highVolumeAbove)}.`
          : undefined,
    },
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
    produce: {
      "identity-warning": (facts) =>
        facts.domainReputation
          ? `The client already sends consistently from its own domain; sending through a sender identity stops that activity, leaves a gap in the domain's sending history and may mean warming the domain up again later: move back to the client's domain${whenDnsWords(facts)}.`
          : undefined,
    },
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
    produce: {
      "identity-warning": (facts) =>
        facts.strictDmarcPlanned
          ? "The client wants to move to strict DMARC enforcement, which needs its own domain authenticated: sender identity mail is not aligned with the client's domain and may go undelivered at p=reject, so authenticate the domain before the client's DMARC policy is tightened."
          : undefined,
    },
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
    produce: {
      "identity-warning": (facts) =>
        facts.dmarcPolicy === "quarantine"
          ? "The client's domain publishes p=quarantine. MailerSend's guide accepts p=none or p=quarantine for sender identities, but identity mail is not SPF or DKIM aligned with the client's domain, so receivers that apply the policy may deliver it to spam; do not move the domain to p=reject while this identity is in use."
          : undefined,
    },
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
    produce: {
      "identity-warning": (facts) =>
        facts.dmarcPolicy === "unknown"
          ? 'The client domain\'s DMARC policy is unknown (dmarcPolicy: "unknown"): check its _dmarc record, because identity mail may be blocked at p=reject; MailerSend recommends p=none or p=quarantine for sender identities.'
          : undefined,
    },
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
    produce: {
      "identity-warning": () =>
        "The client's mail is sent through the agency's authenticated domain, so its bounces and spam complaints affect that domain's reputation and every other client sending from it: audit the client's sending practices, oversee the emails it will send and monitor their performance.",
    },
  },
];
