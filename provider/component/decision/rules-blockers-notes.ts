/**
 * The blocker and note rows of the decision table.
 * Each row owns its code, the condition and outcome in words, the guide's sentences it rests on,
 * and (`produce`) the condition and message the engine applies. docs/decision-table.md is
 * generated from these rows (`npm run docs:decision-table`).
 */

import { GUIDE } from "./guide";
import type { DecisionRule } from "./types";

export const BLOCKER_RULES: readonly DecisionRule[] = [
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
    produce: {
      "domain-blocker": (facts) =>
        facts.dnsAccess || facts.domainVerified
          ? undefined
          : "A domain cannot be verified: its SPF and DKIM records must be published in the client's DNS, and no one can change the client's DNS records now (dnsAccess: false). Get DNS access, for the agency or the client, and set dnsAccess to true.",
    },
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
    produce: {
      "identity-blocker": (facts) =>
        facts.dmarcPolicy === "reject"
          ? "A sender identity cannot be used: the client's domain publishes p=reject, and identity mail is sent through the agency's domain without SPF or DKIM alignment with the client's domain, so receivers may reject it."
          : undefined,
    },
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
    produce: {
      "identity-blocker": (facts) =>
        facts.dataIsolation
          ? "A sender identity cannot give data isolation: its activity appears under the agency's sending domain and API tokens cannot be restricted to it. If reports built from tags or a client dashboard via the API are enough, set dataIsolation to false."
          : undefined,
    },
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
    produce: {
      "identity-blocker": (facts) =>
        facts.clientAccess
          ? "A sender identity cannot give client users access to their own data: with an identity they can be given access to specific templates only. If reports built from tags or a client dashboard via the API are enough, set clientAccess to false."
          : undefined,
    },
  },
];

export const NOTE_RULES: readonly DecisionRule[] = [
  {
    code: "verify-each-address",
    kind: "note",
    method: "identity",
    when: "The method is a sender identity (always).",
    outcome:
      "Note: the client confirms a verification email for each from-address; only verified addresses send.",
    source: "guide",
    guide: [GUIDE.fromAddressesIdentity, GUIDE.setupIdentity, GUIDE.onboardingIdentity],
    produce: {
      "identity-note": () =>
        "Each from-address must be verified separately: the client confirms the verification email MailerSend sends to it, and only verified addresses can send.",
    },
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
    produce: {
      "identity-note": () =>
        "The client's activity cannot be viewed at the domain level: it appears under the agency's sending domain, so the client's mail is told apart by tags or template IDs (the component adds a reporting tag), and reports for the client are built from them.",
    },
  },
  {
    code: "tokens-not-scoped",
    kind: "note",
    method: "identity",
    when: "The method is a sender identity (always).",
    outcome: "Note: API tokens belong to the agency's domain and cannot be limited to this client.",
    source: "guide",
    guide: [GUIDE.tokensIdentity],
    produce: {
      "identity-note": () =>
        "API tokens belong to the agency's domain and cannot be restricted to this sender identity; do not hand the client a token expecting it to reach only its own mail.",
    },
  },
  {
    code: "publish-dns-records",
    kind: "note",
    method: "domain",
    when: "The method is a domain that is not verified yet.",
    outcome: "Note: publish the domain's SPF and DKIM records in the client's DNS.",
    source: "guide",
    guide: [GUIDE.setupDomain, GUIDE.addDomainRecords, GUIDE.domainScoped],
    produce: {
      "domain-note": (facts) =>
        facts.domainVerified
          ? undefined
          : "The domain's SPF and DKIM records must be published in the client's DNS before it can be verified (by hand, or automatically with Entri's Domain Connect).",
    },
  },
  {
    code: "dns-propagation",
    kind: "note",
    method: "domain",
    when: "The method is a domain that is not verified yet.",
    outcome: "Note: records can take up to 24 hours to propagate before the domain verifies.",
    source: "guide",
    guide: [GUIDE.onboardingDomain],
    produce: {
      "domain-note": (facts) =>
        facts.domainVerified
          ? undefined
          : "DNS records can take up to 24 hours to propagate, so the domain may verify up to a day after they are published.",
    },
  },
];
