/**
 * The reason rows of the decision table: why a method is chosen.
 * Each row owns its code, the condition and outcome in words, the guide's sentences it rests on,
 * and (`produce`) the condition and message the engine applies. docs/decision-table.md is
 * generated from these rows (`npm run docs:decision-table`).
 */

import { bandWords, emailsAMonth } from "./format";
import { GUIDE } from "./guide";
import type { DecisionRule } from "./types";

export const REASON_RULES: readonly DecisionRule[] = [
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
    produce: {
      "domain-signal": (facts) =>
        facts.domainVerified
          ? "The client's domain is already a verified domain in this account (domainVerified: true), so it can send from any address on it: no sender identity is needed, and the component reuses that domain instead of creating a second one."
          : undefined,
    },
  },
  {
    code: "data-isolation",
    kind: "reason",
    method: "domain",
    when: "`dataIsolation` is true and a domain is possible (DNS access, or already verified).",
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.dataIsolation, GUIDE.ownEnvironment, GUIDE.perDomainData, GUIDE.isolationDomain],
    produce: {
      "domain-signal": (facts) =>
        facts.dataIsolation
          ? "The client needs data isolation (dataIsolation: true): only its own domain keeps its activity, analytics, suppressions, users and API tokens within the domain's scope."
          : undefined,
    },
  },
  {
    code: "client-access",
    kind: "reason",
    method: "domain",
    when: "`clientAccess` is true and a domain is possible.",
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.clientAccess, GUIDE.usersDomain, GUIDE.scopedTokensAndUsers],
    produce: {
      "domain-signal": (facts) =>
        facts.clientAccess
          ? "Client users must log in to see their own data (clientAccess: true): only a domain lets the agency invite them with access to their own domain and nothing else in the account."
          : undefined,
    },
  },
  {
    code: "dmarc-reject",
    kind: "reason",
    method: "domain",
    when: '`dmarcPolicy` is `"reject"` and a domain is possible.',
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.dmarcIdentityBlocked, GUIDE.rejectUndelivered, GUIDE.dmarcDomain],
    produce: {
      "domain-signal": (facts) =>
        facts.dmarcPolicy === "reject"
          ? 'The client\'s domain publishes a DMARC policy of p=reject (dmarcPolicy: "reject"): mail sent through a sender identity is not aligned with it and may be blocked, while an authenticated domain supports full enforcement.'
          : undefined,
    },
  },
  {
    code: "strict-dmarc-planned",
    kind: "reason",
    method: "domain",
    when: "`strictDmarcPlanned` is true and a domain is possible.",
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.strictDmarc, GUIDE.rejectUndelivered],
    produce: {
      "domain-signal": (facts) =>
        facts.strictDmarcPlanned
          ? "The client wants to move to strict DMARC enforcement (strictDmarcPlanned: true), which needs its own domain authenticated: sender identity mail cannot be SPF or DKIM aligned with the client's domain."
          : undefined,
    },
    standIn: () => "the planned move to strict DMARC",
  },
  {
    code: "domain-reputation",
    kind: "reason",
    method: "domain",
    when: "`domainReputation` is true and a domain is possible.",
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.reputation],
    produce: {
      "domain-signal": (facts) =>
        facts.domainReputation
          ? "The client already sends consistently from its own domain (domainReputation: true): keeping its mail on that domain avoids a gap in the domain's sending history and a new warm-up later."
          : undefined,
    },
    standIn: () => "the client's established domain reputation",
  },
  // The same condition as the `high-volume-on-identity` warning (rules-warnings.ts), on purpose:
  // this reason asks for a domain, the warning is what a sender identity costs when one is used.
  {
    code: "high-volume",
    kind: "reason",
    method: "domain",
    when: "`monthlyVolume` is above `highVolumeAbove` (default 3,000) and a domain is possible.",
    outcome: "Domain.",
    source: "guide",
    guide: [GUIDE.highVolume, GUIDE.bestForHighVolume],
    produce: {
      "domain-signal": (facts, policy) =>
        facts.volumeClass === "high"
          ? `The client sends ${emailsAMonth(facts.volume)}, above ${bandWords(policy)}, where MailerSend recommends authenticated sending from the client's own domain for deliverability and monitoring.`
          : undefined,
    },
    standIn: (facts, policy) => `${emailsAMonth(facts.volume)}, above ${bandWords(policy)}`,
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
    produce: {
      "domain-signal": (facts, policy) =>
        facts.volumeClass === "band" && policy.withinBand === "domain"
          ? `The client sends ${emailsAMonth(facts.volume)}, inside ${bandWords(policy)}, where MailerSend's guide allows either method; this policy (withinBand: "domain") prefers a domain, the method the guide calls the strongest for deliverability.`
          : undefined,
      "identity-reason": (facts, policy) =>
        facts.volumeClass === "band" && policy.withinBand === "identity"
          ? `The client sends ${emailsAMonth(facts.volume)}, inside ${bandWords(policy)}, where MailerSend's guide allows either method, and nothing else asks for a domain; this policy (withinBand: "identity") prefers a sender identity.`
          : undefined,
    },
    standIn: (facts, policy) => `${emailsAMonth(facts.volume)}, inside ${bandWords(policy)}`,
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
    produce: {
      "identity-reason": (facts, policy) =>
        facts.volumeClass === "low"
          ? `The client sends ${emailsAMonth(facts.volume)}, below ${bandWords(policy)}, and nothing else asks for a domain: MailerSend recommends a sender identity for low-volume senders, where adding and configuring a domain is not justified.`
          : undefined,
    },
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
];
