import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BLOCKER_CODES,
  CLIENT_ATTRIBUTE_NAMES,
  DECISION_CODES,
  DECISION_RULES,
  DEFAULT_CLIENT_ATTRIBUTES,
  DEFAULT_DECISION_POLICY,
  DMARC_POLICIES,
  NOTE_CODES,
  REASON_CODES,
  SENDING_METHODS,
  WARNING_CODES,
  decideSendingMethod,
  type BlockerCode,
  type ClientAttributes,
  type Decision,
  type DecisionPolicy,
  type NoteCode,
  type ReasonCode,
  type SendingMethod,
  type WarningCode,
} from "../../provider/component/decision";
import { PLAN_LIMITS_GUIDE } from "../../provider/component/plan-limits";
import { renderRule } from "../../scripts/docs-decision-table";

// The decision function is total: tests feed it invalid values on purpose.
const decide = (attributes: unknown, policy?: unknown): Decision =>
  decideSendingMethod(attributes as ClientAttributes, policy as Partial<DecisionPolicy>);

const codesOf = (d: Decision) => ({
  method: d.method,
  reasons: d.reasons.map((n) => n.code),
  warnings: d.warnings.map((n) => n.code),
  blockers: d.blockers.map((n) => n.code),
  notes: d.notes.map((n) => n.code),
});

const IDENTITY_NOTES: NoteCode[] = [
  "verify-each-address",
  "activity-via-tags",
  "tokens-not-scoped",
];
const DOMAIN_NOTES: NoteCode[] = ["publish-dns-records", "dns-propagation"];

interface Case {
  name: string;
  attributes: unknown;
  policy?: unknown;
  method: SendingMethod;
  reasons: ReasonCode[];
  warnings?: WarningCode[];
  blockers?: BlockerCode[];
  notes: NoteCode[];
}

const expectCase = (c: Case) => {
  expect(codesOf(decide(c.attributes, c.policy))).toEqual({
    method: c.method,
    reasons: c.reasons,
    warnings: c.warnings ?? [],
    blockers: c.blockers ?? [],
    notes: c.notes,
  });
};

/** Every input used by the tables below; the dead-code test runs them all. */
const ALL_CASES: Case[] = [];
const table = (cases: Case[]) => {
  ALL_CASES.push(...cases);
  return cases.map((c) => [c.name, c] as const);
};

// A client with nothing that asks for a domain, and a DMARC policy that raises no warning.
const quiet = { monthlyVolume: 500, dmarcPolicy: "none" } as const;

describe("the issue's cases", () => {
  it.each(
    table([
      {
        name: "low, occasional volume and nothing else needed: identity",
        attributes: { ...quiet, dnsAccess: true },
        method: "identity",
        reasons: ["low-volume"],
        warnings: ["shared-reputation"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "volume above the band with DNS access: domain",
        attributes: { ...quiet, monthlyVolume: 4500, dnsAccess: true },
        method: "domain",
        reasons: ["high-volume"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "volume above the band without DNS access: identity as a stopgap, with warnings",
        attributes: { ...quiet, monthlyVolume: 4500, dnsAccess: false },
        method: "identity",
        reasons: ["no-dns-access"],
        warnings: ["high-volume-on-identity", "shared-reputation"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "data isolation: domain",
        attributes: { ...quiet, dnsAccess: true, dataIsolation: true },
        method: "domain",
        reasons: ["data-isolation"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "client access: domain",
        attributes: { ...quiet, dnsAccess: true, clientAccess: true },
        method: "domain",
        reasons: ["client-access"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "existing domain reputation: domain",
        attributes: { ...quiet, dnsAccess: true, domainReputation: true },
        method: "domain",
        reasons: ["domain-reputation"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "a strict DMARC plan: domain",
        attributes: { ...quiet, dnsAccess: true, strictDmarcPlanned: true },
        method: "domain",
        reasons: ["strict-dmarc-planned"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "p=reject and no DNS access: blocked both ways",
        attributes: { ...quiet, dmarcPolicy: "reject", dnsAccess: false },
        method: "domain",
        reasons: ["dmarc-reject"],
        blockers: ["domain-needs-dns-access", "identity-blocked-by-dmarc-reject"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "domain already verified: domain, no identity, no DNS work",
        attributes: { ...quiet, domainVerified: true },
        method: "domain",
        reasons: ["domain-already-verified"],
        notes: [],
      },
    ]),
  )("%s", (_name, c) => expectCase(c));
});

describe("every rule of the guide", () => {
  it.each(
    table([
      {
        name: "the defaults: low volume, no DNS access, DMARC policy unknown",
        attributes: { monthlyVolume: 500 },
        method: "identity",
        reasons: ["low-volume"],
        warnings: ["dmarc-policy-unknown", "shared-reputation"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "low volume without DNS access is still a plain identity, not a stopgap",
        attributes: { ...quiet, dnsAccess: false },
        method: "identity",
        reasons: ["low-volume"],
        warnings: ["shared-reputation"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "zero volume",
        attributes: { ...quiet, monthlyVolume: 0 },
        method: "identity",
        reasons: ["low-volume"],
        warnings: ["shared-reputation"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "domain reputation without DNS access: identity stopgap with reputation-gap",
        attributes: { ...quiet, domainReputation: true },
        method: "identity",
        reasons: ["no-dns-access"],
        warnings: ["reputation-gap", "shared-reputation"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "strict DMARC plan without DNS access: identity stopgap with a warning",
        attributes: { ...quiet, strictDmarcPlanned: true },
        method: "identity",
        reasons: ["no-dns-access"],
        warnings: ["strict-dmarc-needs-domain", "shared-reputation"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "every stopgap signal at once",
        attributes: {
          monthlyVolume: 9000,
          domainReputation: true,
          strictDmarcPlanned: true,
          dmarcPolicy: "quarantine",
        },
        method: "identity",
        reasons: ["no-dns-access"],
        warnings: [
          "high-volume-on-identity",
          "reputation-gap",
          "strict-dmarc-needs-domain",
          "dmarc-quarantine",
          "shared-reputation",
        ],
        notes: IDENTITY_NOTES,
      },
      {
        name: "data isolation without DNS access: blocked (an identity cannot isolate)",
        attributes: { ...quiet, dataIsolation: true },
        method: "domain",
        reasons: ["data-isolation"],
        blockers: ["domain-needs-dns-access", "identity-cannot-isolate-data"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "client access without DNS access: blocked (an identity cannot give access)",
        attributes: { ...quiet, clientAccess: true },
        method: "domain",
        reasons: ["client-access"],
        blockers: ["domain-needs-dns-access", "identity-cannot-give-client-access"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "p=reject with DNS access: domain",
        attributes: { ...quiet, dmarcPolicy: "reject", dnsAccess: true },
        method: "domain",
        reasons: ["dmarc-reject"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "p=quarantine on an identity: warning",
        attributes: { ...quiet, dmarcPolicy: "quarantine" },
        method: "identity",
        reasons: ["low-volume"],
        warnings: ["dmarc-quarantine", "shared-reputation"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "p=quarantine on a domain: no warning",
        attributes: { ...quiet, dmarcPolicy: "quarantine", monthlyVolume: 5000, dnsAccess: true },
        method: "domain",
        reasons: ["high-volume"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "unknown DMARC policy on a domain: no warning",
        attributes: { monthlyVolume: 5000, dnsAccess: true },
        method: "domain",
        reasons: ["high-volume"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "every domain reason at once, with DNS access",
        attributes: {
          monthlyVolume: 50_000,
          dnsAccess: true,
          dataIsolation: true,
          clientAccess: true,
          domainReputation: true,
          dmarcPolicy: "reject",
          strictDmarcPlanned: true,
        },
        method: "domain",
        reasons: [
          "data-isolation",
          "client-access",
          "dmarc-reject",
          "strict-dmarc-planned",
          "domain-reputation",
          "high-volume",
        ],
        notes: DOMAIN_NOTES,
      },
      {
        name: "every domain-only need at once, without DNS access: every blocker",
        attributes: {
          monthlyVolume: 50_000,
          dataIsolation: true,
          clientAccess: true,
          dmarcPolicy: "reject",
        },
        method: "domain",
        reasons: ["data-isolation", "client-access", "dmarc-reject", "high-volume"],
        blockers: [
          "domain-needs-dns-access",
          "identity-blocked-by-dmarc-reject",
          "identity-cannot-isolate-data",
          "identity-cannot-give-client-access",
        ],
        notes: DOMAIN_NOTES,
      },
      {
        name: "verified domain needs no DNS access, even with every need",
        attributes: {
          monthlyVolume: 50_000,
          dnsAccess: false,
          domainVerified: true,
          dataIsolation: true,
          dmarcPolicy: "reject",
        },
        method: "domain",
        reasons: ["domain-already-verified", "data-isolation", "dmarc-reject", "high-volume"],
        notes: [],
      },
    ]),
  )("%s", (_name, c) => expectCase(c));
});

describe("both edges of the volume band", () => {
  const dns = { dmarcPolicy: "none", dnsAccess: true } as const;
  it.each(
    table([
      // Default band 2,000 to 3,000, both ends inside: "less than" and "more than" 2,000-3,000.
      ...[0, 1999, 1999.99].map((v): Case => ({
        name: `${v} a month with DNS access: below the band, identity`,
        attributes: { ...dns, monthlyVolume: v },
        method: "identity",
        reasons: ["low-volume"],
        warnings: ["shared-reputation"],
        notes: IDENTITY_NOTES,
      })),
      ...[2000, 2001, 2500, 2999, 3000].map((v): Case => ({
        name: `${v} a month with DNS access: inside the band, domain (withinBand default)`,
        attributes: { ...dns, monthlyVolume: v },
        method: "domain",
        reasons: ["volume-in-band"],
        notes: DOMAIN_NOTES,
      })),
      ...[3000.01, 3001, 1e9].map((v): Case => ({
        name: `${v} a month with DNS access: above the band, domain`,
        attributes: { ...dns, monthlyVolume: v },
        method: "domain",
        reasons: ["high-volume"],
        notes: DOMAIN_NOTES,
      })),
      ...[1999].map((v): Case => ({
        name: `${v} a month without DNS access: identity, no warning about volume`,
        attributes: { ...dns, dnsAccess: false, monthlyVolume: v },
        method: "identity",
        reasons: ["low-volume"],
        warnings: ["shared-reputation"],
        notes: IDENTITY_NOTES,
      })),
      ...[2000, 3000].map((v): Case => ({
        name: `${v} a month without DNS access: identity stopgap, in-band warning`,
        attributes: { ...dns, dnsAccess: false, monthlyVolume: v },
        method: "identity",
        reasons: ["no-dns-access"],
        warnings: ["volume-in-band-on-identity", "shared-reputation"],
        notes: IDENTITY_NOTES,
      })),
      ...[3001].map((v): Case => ({
        name: `${v} a month without DNS access: identity stopgap, high-volume warning`,
        attributes: { ...dns, dnsAccess: false, monthlyVolume: v },
        method: "identity",
        reasons: ["no-dns-access"],
        warnings: ["high-volume-on-identity", "shared-reputation"],
        notes: IDENTITY_NOTES,
      })),
      // withinBand: "identity" moves the band to identities; the edges stay where they are.
      ...[1999].map((v): Case => ({
        name: `${v} a month, withinBand identity: low volume`,
        attributes: { ...dns, monthlyVolume: v },
        policy: { withinBand: "identity" },
        method: "identity",
        reasons: ["low-volume"],
        warnings: ["shared-reputation"],
        notes: IDENTITY_NOTES,
      })),
      ...[2000, 3000].map((v): Case => ({
        name: `${v} a month, withinBand identity: identity inside the band, no warning`,
        attributes: { ...dns, dnsAccess: false, monthlyVolume: v },
        policy: { withinBand: "identity" },
        method: "identity",
        reasons: ["volume-in-band"],
        warnings: ["shared-reputation"],
        notes: IDENTITY_NOTES,
      })),
      ...[3001].map((v): Case => ({
        name: `${v} a month, withinBand identity: still a domain above the band`,
        attributes: { ...dns, monthlyVolume: v },
        policy: { withinBand: "identity" },
        method: "domain",
        reasons: ["high-volume"],
        notes: DOMAIN_NOTES,
      })),
      // A custom band that is a single number: 499 low, 500 inside, 501 high.
      ...(
        [
          [499, "identity", "low-volume"],
          [500, "domain", "volume-in-band"],
          [501, "domain", "high-volume"],
        ] as const
      ).map(([v, method, reason]): Case => ({
        name: `${v} a month with the band set to exactly 500: ${reason}`,
        attributes: { ...dns, monthlyVolume: v },
        policy: { lowVolumeBelow: 500, highVolumeAbove: 500 },
        method,
        reasons: [reason],
        warnings: method === "identity" ? ["shared-reputation"] : [],
        notes: method === "identity" ? IDENTITY_NOTES : DOMAIN_NOTES,
      })),
    ]),
  )("%s", (_name, c) => expectCase(c));

  it("names the policy's own band in messages", () => {
    const d = decide(
      { monthlyVolume: 1200, dnsAccess: true, dmarcPolicy: "none" },
      { lowVolumeBelow: 500, highVolumeAbove: 1000 },
    );
    expect(d.reasons).toEqual([
      {
        code: "high-volume",
        message:
          "The client sends 1,200 emails a month, above the 500 to 1,000 emails a month band, where MailerSend recommends authenticated sending from the client's own domain for deliverability and monitoring.",
      },
    ]);
  });
});

describe("the override", () => {
  it.each(
    table([
      {
        name: "identity, matching the recommendation",
        attributes: { ...quiet },
        policy: { override: "identity" },
        method: "identity",
        reasons: ["method-override", "low-volume"],
        warnings: ["shared-reputation"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "domain, matching the recommendation",
        attributes: { ...quiet, monthlyVolume: 8000, dnsAccess: true },
        policy: { override: "domain" },
        method: "domain",
        reasons: ["method-override", "high-volume"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "identity, matching the stopgap recommendation: no against-warning",
        attributes: { ...quiet, monthlyVolume: 8000 },
        policy: { override: "identity" },
        method: "identity",
        reasons: ["method-override", "no-dns-access"],
        warnings: ["high-volume-on-identity", "shared-reputation"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "domain against the recommendation",
        attributes: { ...quiet, dnsAccess: true },
        policy: { override: "domain" },
        method: "domain",
        reasons: ["method-override"],
        warnings: ["override-against-recommendation"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "identity against the recommendation: the identity's warnings follow",
        attributes: { ...quiet, monthlyVolume: 8000, dnsAccess: true, domainReputation: true },
        policy: { override: "identity" },
        method: "identity",
        reasons: ["method-override"],
        warnings: [
          "override-against-recommendation",
          "high-volume-on-identity",
          "reputation-gap",
          "shared-reputation",
        ],
        notes: IDENTITY_NOTES,
      },
      {
        name: "identity at p=reject: the blocker stays",
        attributes: { ...quiet, dmarcPolicy: "reject", dnsAccess: true },
        policy: { override: "identity" },
        method: "identity",
        reasons: ["method-override"],
        warnings: ["override-against-recommendation", "shared-reputation"],
        blockers: ["identity-blocked-by-dmarc-reject"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "identity with data isolation and client access: the blockers stay",
        attributes: { ...quiet, dnsAccess: true, dataIsolation: true, clientAccess: true },
        policy: { override: "identity" },
        method: "identity",
        reasons: ["method-override"],
        warnings: ["override-against-recommendation", "shared-reputation"],
        blockers: ["identity-cannot-isolate-data", "identity-cannot-give-client-access"],
        notes: IDENTITY_NOTES,
      },
      {
        name: "domain without DNS access: the blocker stays",
        attributes: { ...quiet },
        policy: { override: "domain" },
        method: "domain",
        reasons: ["method-override"],
        warnings: ["override-against-recommendation"],
        blockers: ["domain-needs-dns-access"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "domain when both are blocked: only the domain's blocker",
        attributes: { ...quiet, dmarcPolicy: "reject" },
        policy: { override: "domain" },
        method: "domain",
        reasons: ["method-override", "dmarc-reject"],
        blockers: ["domain-needs-dns-access"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "identity although the domain is already verified",
        attributes: { ...quiet, domainVerified: true },
        policy: { override: "identity" },
        method: "identity",
        reasons: ["method-override"],
        warnings: [
          "override-against-recommendation",
          "verified-domain-not-used",
          "shared-reputation",
        ],
        notes: IDENTITY_NOTES,
      },
      {
        name: "identity inside the band with DNS access",
        attributes: { ...quiet, monthlyVolume: 2500, dnsAccess: true },
        policy: { override: "identity" },
        method: "identity",
        reasons: ["method-override"],
        warnings: [
          "override-against-recommendation",
          "volume-in-band-on-identity",
          "shared-reputation",
        ],
        notes: IDENTITY_NOTES,
      },
      {
        name: "null override is no override",
        attributes: { ...quiet },
        policy: { override: null },
        method: "identity",
        reasons: ["low-volume"],
        warnings: ["shared-reputation"],
        notes: IDENTITY_NOTES,
      },
    ]),
  )("%s", (_name, c) => expectCase(c));

  it("says what it overrides", () => {
    const d = decide({ ...quiet, monthlyVolume: 8000, dnsAccess: true }, { override: "identity" });
    expect(d.reasons[0]).toEqual({
      code: "method-override",
      message:
        'The method is set explicitly to "identity" (policy.override); without it the recommendation would be "domain".',
    });
    expect(d.warnings[0]).toEqual({
      code: "override-against-recommendation",
      message:
        "The override chooses a sender identity although a domain is recommended (high-volume): check that the override is still wanted.",
    });
    const same = decide({ ...quiet }, { override: "identity" });
    expect(same.reasons[0].message).toBe(
      'The method is set explicitly to "identity" (policy.override), which is also the recommendation.',
    );
  });
});

describe("invalid inputs: a blocker naming the attribute, never a throw", () => {
  const low = (blockers: BlockerCode[], extra: Partial<Case> = {}): Omit<Case, "name"> => ({
    attributes: undefined,
    method: "identity",
    reasons: [],
    warnings: ["dmarc-policy-unknown", "shared-reputation"],
    blockers,
    notes: IDENTITY_NOTES,
    ...extra,
  });
  it.each(
    table([
      { name: "undefined", ...low(["invalid-attributes"]) },
      { name: "null", ...low(["invalid-attributes"], { attributes: null }) },
      { name: "an array", ...low(["invalid-attributes"], { attributes: [4500] }) },
      { name: "a string", ...low(["invalid-attributes"], { attributes: "acme" }) },
      { name: "a number", ...low(["invalid-attributes"], { attributes: 4500 }) },
      { name: "an empty object", ...low(["invalid-monthly-volume"], { attributes: {} }) },
      ...[-1, Number.NaN, Number.POSITIVE_INFINITY, "4500", null, true, 10n].map((v) => ({
        name: `monthlyVolume ${String(v)}`,
        ...low(["invalid-monthly-volume"], { attributes: { monthlyVolume: v } }),
      })),
      {
        name: "a yes/no attribute that is a string",
        ...low(["invalid-boolean-attribute"], {
          attributes: { monthlyVolume: 1, dnsAccess: "yes" },
          reasons: ["low-volume"],
        }),
      },
      {
        name: "two bad yes/no attributes: one blocker each",
        ...low(["invalid-boolean-attribute", "invalid-boolean-attribute"], {
          attributes: { monthlyVolume: 1, dataIsolation: 1, clientAccess: "no" },
          reasons: ["low-volume"],
        }),
      },
      {
        name: "a dmarcPolicy that is not one of the four",
        ...low(["invalid-dmarc-policy"], {
          attributes: { monthlyVolume: 1, dmarcPolicy: "REJECT" },
          reasons: ["low-volume"],
        }),
      },
      {
        name: "a misspelt attribute",
        ...low(["unknown-attribute"], {
          attributes: { monthlyVolume: 1, dnsAcess: true },
          reasons: ["low-volume"],
        }),
      },
      ...[
        ["a string policy", "fast"],
        ["an array policy", []],
        ["a negative threshold", { lowVolumeBelow: -1 }],
        ["a NaN threshold", { highVolumeAbove: Number.NaN }],
        ["a string threshold", { highVolumeAbove: "3000" }],
        ["thresholds the wrong way round", { lowVolumeBelow: 4000 }],
        ["an unknown withinBand", { withinBand: "both" }],
        ["an unknown override", { override: "smtp" }],
        ["a misspelt setting", { overide: "domain" }],
      ].map(([name, policy]) => ({
        name: `policy: ${String(name)}`,
        ...low(["invalid-policy"], {
          attributes: { monthlyVolume: 1 },
          policy,
          reasons: ["low-volume"],
        }),
      })),
      {
        name: "every problem at once is reported at once",
        ...low(
          [
            "unknown-attribute",
            "invalid-monthly-volume",
            "invalid-boolean-attribute",
            "invalid-dmarc-policy",
            "invalid-policy",
            "invalid-policy",
          ],
          {
            attributes: {
              monthlyVolume: -5,
              dnsAccess: "maybe",
              dmarcPolicy: "p=reject",
              extra: 1,
            },
            policy: { lowVolumeBelow: Number.NaN, override: 3 },
          },
        ),
      },
      {
        name: "a bad input does not hide the rest of the decision",
        attributes: { monthlyVolume: 4500, dnsAccess: true, dmarcPolicy: "strict" },
        method: "domain",
        reasons: ["high-volume"],
        blockers: ["invalid-dmarc-policy"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "a bad threshold falls back to its default",
        attributes: { monthlyVolume: 2500, dnsAccess: true, dmarcPolicy: "none" },
        policy: { highVolumeAbove: -1 },
        method: "domain",
        reasons: ["volume-in-band"],
        blockers: ["invalid-policy"],
        notes: DOMAIN_NOTES,
      },
      {
        name: "null optional attributes take their defaults",
        attributes: {
          monthlyVolume: 10,
          dnsAccess: null,
          dataIsolation: null,
          clientAccess: null,
          domainReputation: null,
          dmarcPolicy: null,
          strictDmarcPlanned: null,
          domainVerified: null,
        },
        method: "identity",
        reasons: ["low-volume"],
        warnings: ["dmarc-policy-unknown", "shared-reputation"],
        notes: IDENTITY_NOTES,
      },
    ] as Case[]),
  )("%s", (_name, c) => expectCase(c));

  it.each([
    [
      null,
      undefined,
      "invalid-attributes",
      "The client attributes must be an object with at least monthlyVolume; got null.",
    ],
    [
      {},
      undefined,
      "invalid-monthly-volume",
      "monthlyVolume is required: the number of emails the client sends in a typical month.",
    ],
    [
      { monthlyVolume: -5 },
      undefined,
      "invalid-monthly-volume",
      "monthlyVolume must be a finite number of emails a month, zero or more; got -5.",
    ],
    [
      { monthlyVolume: "4500" },
      undefined,
      "invalid-monthly-volume",
      'monthlyVolume must be a finite number of emails a month, zero or more; got "4500".',
    ],
    [
      { monthlyVolume: 1, dnsAccess: "yes" },
      undefined,
      "invalid-boolean-attribute",
      'dnsAccess must be true or false; got "yes". It counts as false until fixed.',
    ],
    [
      { monthlyVolume: 1, dmarcPolicy: "strict" },
      undefined,
      "invalid-dmarc-policy",
      'dmarcPolicy must be "none", "quarantine", "reject" or "unknown"; got "strict". It counts as "unknown" until fixed.',
    ],
    [
      { monthlyVolume: 1, dnsAcess: true },
      undefined,
      "unknown-attribute",
      '"dnsAcess" is not a client attribute; the attributes are monthlyVolume, dnsAccess, dataIsolation, clientAccess, domainReputation, dmarcPolicy, strictDmarcPlanned and domainVerified.',
    ],
    [
      { monthlyVolume: 1 },
      { lowVolumeBelow: Number.NaN },
      "invalid-policy",
      "policy.lowVolumeBelow must be a finite number of emails a month, zero or more; got NaN. The default, 2,000, is used.",
    ],
    [
      { monthlyVolume: 1 },
      { lowVolumeBelow: 4000, highVolumeAbove: 3500 },
      "invalid-policy",
      "policy.lowVolumeBelow (4,000) must not be above policy.highVolumeAbove (3,500). The default band, 2,000 to 3,000 emails a month, is used.",
    ],
    [
      { monthlyVolume: 1 },
      { withinBand: "both" },
      "invalid-policy",
      'policy.withinBand must be "domain" or "identity"; got "both". The default, "domain", is used.',
    ],
    [
      { monthlyVolume: 1 },
      { override: "smtp" },
      "invalid-policy",
      'policy.override must be "domain", "identity" or left out; got "smtp". It is ignored.',
    ],
    [
      { monthlyVolume: 1 },
      { overide: "domain" },
      "invalid-policy",
      'The decision policy has no setting "overide"; the settings are lowVolumeBelow, highVolumeAbove, withinBand and override.',
    ],
    [
      { monthlyVolume: 1 },
      42,
      "invalid-policy",
      "The decision policy must be an object; got 42. The default policy is used.",
    ],
  ])("message for %j with policy %j: %s", (attributes, policy, code, message) => {
    expect(decide(attributes, policy).blockers).toEqual([{ code, message }]);
  });

  it("never throws on hostile objects", () => {
    const throwing = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("boom");
        },
      },
    );
    expect(codesOf(decide(throwing)).blockers).toEqual(["invalid-attributes"]);
    expect(codesOf(decide({ monthlyVolume: 1 }, throwing)).blockers).toEqual(["invalid-policy"]);
    const getter = Object.defineProperty({}, "monthlyVolume", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect(decide(getter).blockers[0]).toEqual({
      code: "invalid-attributes",
      message:
        "The client attributes must be an object with at least monthlyVolume; got an object that could not be read.",
    });
  });
});

describe("exact decisions", () => {
  it("a low-volume client with the defaults", () => {
    expect(decide({ monthlyVolume: 500 })).toEqual({
      method: "identity",
      reasons: [
        {
          code: "low-volume",
          message:
            "The client sends 500 emails a month, below the 2,000 to 3,000 emails a month band, and nothing else asks for a domain: MailerSend recommends a sender identity for low-volume senders, where adding and configuring a domain is not justified.",
        },
      ],
      warnings: [
        {
          code: "dmarc-policy-unknown",
          message:
            'The client domain\'s DMARC policy is unknown (dmarcPolicy: "unknown"): check its _dmarc record, because identity mail may be blocked at p=reject; MailerSend recommends p=none or p=quarantine for sender identities.',
        },
        {
          code: "shared-reputation",
          message:
            "The client's mail is sent through the agency's authenticated domain, so its bounces and spam complaints affect that domain's reputation and every other client sending from it: audit the client's sending practices, oversee the emails it will send and monitor their performance.",
        },
      ],
      blockers: [],
      notes: [
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
      ],
    });
  });

  it("a high-volume client without DNS access: the stopgap", () => {
    const d = decide({ monthlyVolume: 4500, dmarcPolicy: "none" });
    expect(d.reasons).toEqual([
      {
        code: "no-dns-access",
        message:
          "A domain is recommended (4,500 emails a month, above the 2,000 to 3,000 emails a month band), but no one can change the client's DNS records now (dnsAccess: false), so a sender identity is used as a temporary solution until they can be changed, as MailerSend suggests.",
      },
    ]);
    expect(d.warnings.map((w) => w.message)).toEqual([
      "The client sends 4,500 emails a month, above the 2,000 to 3,000 emails a month band, where MailerSend recommends authenticated sending from the client's own domain: move this client to its own domain as soon as its DNS records can be changed.",
      "The client's mail is sent through the agency's authenticated domain, so its bounces and spam complaints affect that domain's reputation and every other client sending from it: audit the client's sending practices, oversee the emails it will send and monitor their performance.",
    ]);
  });

  it("a stopgap with several signals lists them all", () => {
    const d = decide({
      monthlyVolume: 2500,
      domainReputation: true,
      strictDmarcPlanned: true,
      dmarcPolicy: "none",
    });
    expect(d.reasons[0].message).toBe(
      "A domain is recommended (the planned move to strict DMARC, the client's established domain reputation and 2,500 emails a month, inside the 2,000 to 3,000 emails a month band), but no one can change the client's DNS records now (dnsAccess: false), so a sender identity is used as a temporary solution until they can be changed, as MailerSend suggests.",
    );
    expect(d.warnings.find((w) => w.code === "volume-in-band-on-identity")?.message).toBe(
      "The client sends 2,500 emails a month, inside the 2,000 to 3,000 emails a month band, where this policy prefers a domain: move this client to its own domain as soon as its DNS records can be changed, and at the latest once it sends more than 3,000 emails a month.",
    );
  });

  it("a high-volume client with DNS access", () => {
    expect(decide({ monthlyVolume: 4500, dnsAccess: true, dmarcPolicy: "reject" })).toEqual({
      method: "domain",
      reasons: [
        {
          code: "dmarc-reject",
          message:
            'The client\'s domain publishes a DMARC policy of p=reject (dmarcPolicy: "reject"): mail sent through a sender identity is not aligned with it and may be blocked, while an authenticated domain supports full enforcement.',
        },
        {
          code: "high-volume",
          message:
            "The client sends 4,500 emails a month, above the 2,000 to 3,000 emails a month band, where MailerSend recommends authenticated sending from the client's own domain for deliverability and monitoring.",
        },
      ],
      warnings: [],
      blockers: [],
      notes: [
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
      ],
    });
  });

  it("p=reject without DNS access: both blockers, in words", () => {
    expect(decide({ monthlyVolume: 100, dmarcPolicy: "reject" }).blockers).toEqual([
      {
        code: "domain-needs-dns-access",
        message:
          "A domain cannot be verified: its SPF and DKIM records must be published in the client's DNS, and no one can change the client's DNS records now (dnsAccess: false). Get DNS access, for the agency or the client, and set dnsAccess to true.",
      },
      {
        code: "identity-blocked-by-dmarc-reject",
        message:
          "A sender identity cannot be used: the client's domain publishes p=reject, and identity mail is sent through the agency's domain without SPF or DKIM alignment with the client's domain, so receivers may reject it.",
      },
    ]);
  });

  it("a verified domain is reused", () => {
    expect(decide({ monthlyVolume: 100, domainVerified: true })).toEqual({
      method: "domain",
      reasons: [
        {
          code: "domain-already-verified",
          message:
            "The client's domain is already a verified domain in this account (domainVerified: true), so it can send from any address on it: no sender identity is needed, and the component reuses that domain instead of creating a second one.",
        },
      ],
      warnings: [],
      blockers: [],
      notes: [],
    });
  });

  it.each([
    [1, "1 email a month"],
    [1234567, "1,234,567 emails a month"],
    [2999.5, "2,999.5 emails a month"],
  ])("formats %d as %s", (volume, words) => {
    const d = decide({ monthlyVolume: volume, dnsAccess: true, dmarcPolicy: "none" });
    expect(d.reasons[0].message).toContain(`The client sends ${words}, `);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const kebab = /^[a-z]+(-[a-z]+)*$/;

const validAttributes = fc.record(
  {
    monthlyVolume: fc.oneof(
      fc.double({ min: 0, max: 1e7, noNaN: true }),
      fc.integer({ min: 1990, max: 3010 }),
      fc.constantFrom(0, 1999, 2000, 3000, 3001),
    ),
    dnsAccess: fc.boolean(),
    dataIsolation: fc.boolean(),
    clientAccess: fc.boolean(),
    domainReputation: fc.boolean(),
    dmarcPolicy: fc.constantFrom(...DMARC_POLICIES),
    strictDmarcPlanned: fc.boolean(),
    domainVerified: fc.boolean(),
  },
  { requiredKeys: ["monthlyVolume"] },
);

// Both thresholds or neither: one alone may cross the other's default, which is invalid.
const validPolicy = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      withinBand: fc.constantFrom(...SENDING_METHODS),
      override: fc.constantFrom(...SENDING_METHODS),
    },
    { requiredKeys: [] },
  ),
  fc
    .tuple(
      fc.nat(5000),
      fc.nat(5000),
      fc.option(fc.constantFrom(...SENDING_METHODS), { nil: undefined }),
    )
    .map(([a, b, withinBand]) => ({
      lowVolumeBelow: Math.min(a, b),
      highVolumeAbove: Math.max(a, b),
      ...(withinBand === undefined ? {} : { withinBand }),
    })),
);

const anyValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(Number.NaN, -1, Number.POSITIVE_INFINITY, "", "yes", null, undefined),
);
const maybeInvalidAttributes = fc.oneof(
  validAttributes,
  fc.record(
    {
      monthlyVolume: fc.oneof(fc.double(), anyValue),
      dnsAccess: fc.oneof(fc.boolean(), anyValue),
      dataIsolation: fc.oneof(fc.boolean(), anyValue),
      clientAccess: fc.oneof(fc.boolean(), anyValue),
      domainReputation: fc.oneof(fc.boolean(), anyValue),
      dmarcPolicy: fc.oneof(fc.constantFrom(...DMARC_POLICIES), anyValue),
      strictDmarcPlanned: fc.oneof(fc.boolean(), anyValue),
      domainVerified: fc.oneof(fc.boolean(), anyValue),
      dnsAcess: anyValue,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);
const maybeInvalidPolicy = fc.oneof(
  validPolicy,
  fc.record(
    {
      lowVolumeBelow: fc.oneof(fc.double(), anyValue),
      highVolumeAbove: fc.oneof(fc.double(), anyValue),
      withinBand: fc.oneof(fc.constantFrom(...SENDING_METHODS), anyValue),
      override: fc.oneof(fc.constantFrom(...SENDING_METHODS), anyValue),
      overide: anyValue,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);

const RULE_BY_CODE = new Map(DECISION_RULES.map((rule) => [rule.code, rule]));

describe("properties", () => {
  it("every input: one method, and a reason or a blocker; known kebab-case codes; never throws", () => {
    fc.assert(
      fc.property(maybeInvalidAttributes, maybeInvalidPolicy, (attributes, policy) => {
        const d = decide(attributes, policy);
        expect(SENDING_METHODS).toContain(d.method);
        expect(d.reasons.length + d.blockers.length).toBeGreaterThan(0);
        const lists: [readonly string[], readonly { code: string; message: string }[]][] = [
          [REASON_CODES, d.reasons],
          [WARNING_CODES, d.warnings],
          [BLOCKER_CODES, d.blockers],
          [NOTE_CODES, d.notes],
        ];
        for (const [codes, notes] of lists) {
          for (const note of notes) {
            expect(note.code).toMatch(kebab);
            expect(codes).toContain(note.code);
            expect(note.message).toMatch(/^\S.*\.$/s);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("every valid input: no input blockers, at least one reason, each code at most once", () => {
    fc.assert(
      fc.property(validAttributes, validPolicy, (attributes, policy) => {
        const d = decide(attributes, policy);
        expect(d.reasons.length).toBeGreaterThan(0);
        expect(d.blockers.map((b) => b.code).filter((c) => c.startsWith("invalid-"))).toEqual([]);
        for (const list of [d.reasons, d.warnings, d.blockers, d.notes]) {
          const codes = list.map((n) => n.code);
          expect(new Set(codes).size).toBe(codes.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("without override, blocked exactly when neither method can work", () => {
    fc.assert(
      fc.property(validAttributes, (a) => {
        const d = decide(a);
        const domainPossible = a.dnsAccess === true || a.domainVerified === true;
        const identityPossible =
          a.dmarcPolicy !== "reject" && a.dataIsolation !== true && a.clientAccess !== true;
        expect(d.blockers.length > 0).toBe(!domainPossible && !identityPossible);
        if (!identityPossible) expect(d.method).toBe("domain");
        if (a.domainVerified === true) expect(d.method).toBe("domain");
      }),
      { numRuns: 2000 },
    );
  });

  it("an override never removes a blocker of the method it forces", () => {
    fc.assert(
      fc.property(validAttributes, fc.constantFrom(...SENDING_METHODS), (a, method) => {
        const auto = decide(a);
        const forced = decide(a, { override: method });
        expect(forced.method).toBe(method);
        expect(forced.reasons[0].code).toBe("method-override");
        const autoBlockersOfMethod = auto.blockers
          .map((b) => b.code)
          .filter((code) => RULE_BY_CODE.get(code)?.method === method);
        for (const code of autoBlockersOfMethod) {
          expect(forced.blockers.map((b) => b.code)).toContain(code);
        }
        const against = forced.warnings.some((w) => w.code === "override-against-recommendation");
        expect(against).toBe(auto.method !== method);
      }),
      { numRuns: 2000 },
    );
  });

  it("with DNS access and no override, more volume never turns a domain back into an identity", () => {
    fc.assert(
      fc.property(
        validAttributes,
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        (a, x, y) => {
          const base = { ...a, dnsAccess: true };
          const lowMethod = decide({ ...base, monthlyVolume: Math.min(x, y) }).method;
          const highMethod = decide({ ...base, monthlyVolume: Math.max(x, y) }).method;
          if (lowMethod === "domain") expect(highMethod).toBe("domain");
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("reasons, warnings and notes belong to the chosen method; deterministic; input untouched", () => {
    fc.assert(
      fc.property(validAttributes, validPolicy, (attributes, policy) => {
        const frozenAttributes = Object.freeze({ ...attributes });
        const frozenPolicy = policy === undefined ? undefined : Object.freeze({ ...policy });
        const d = decide(frozenAttributes, frozenPolicy);
        for (const note of [...d.reasons, ...d.warnings, ...d.notes]) {
          expect(["either", d.method]).toContain(RULE_BY_CODE.get(note.code)?.method);
        }
        expect(decide(frozenAttributes, frozenPolicy)).toEqual(d);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The decision table itself
// ---------------------------------------------------------------------------------------------

describe("DECISION_RULES", () => {
  it("has one rule per code, in code order, of the right kind", () => {
    expect(DECISION_RULES.map((r) => r.code)).toEqual(DECISION_CODES);
    const kindOf = (code: string) =>
      (REASON_CODES as readonly string[]).includes(code)
        ? "reason"
        : (WARNING_CODES as readonly string[]).includes(code)
          ? "warning"
          : (BLOCKER_CODES as readonly string[]).includes(code)
            ? "blocker"
            : "note";
    for (const rule of DECISION_RULES) expect(rule.kind).toBe(kindOf(rule.code));
    expect(new Set(DECISION_CODES).size).toBe(DECISION_CODES.length);
    for (const code of DECISION_CODES) expect(code).toMatch(kebab);
  });

  it("quotes the guide for guide rules and explains project rules", () => {
    for (const rule of DECISION_RULES) {
      if (rule.source === "guide") expect(rule.guide.length, rule.code).toBeGreaterThan(0);
      else expect(rule.rationale, rule.code).toBeTruthy();
      for (const quote of rule.guide) {
        expect(quote, rule.code).toBe(quote.trim());
        expect(quote, rule.code).not.toMatch(/["“”]/);
      }
    }
  });

  it("no dead codes: every code is produced by some input of the tables above", () => {
    const seen = new Set<string>();
    for (const c of ALL_CASES) {
      const d = decide(c.attributes, c.policy);
      for (const note of [...d.reasons, ...d.warnings, ...d.blockers, ...d.notes]) {
        seen.add(note.code);
      }
    }
    expect([...DECISION_CODES].filter((code) => !seen.has(code))).toEqual([]);
  });

  it("exports the documented defaults", () => {
    expect(DEFAULT_DECISION_POLICY).toEqual({
      lowVolumeBelow: 2000,
      highVolumeAbove: 3000,
      withinBand: "domain",
    });
    expect(DEFAULT_CLIENT_ATTRIBUTES).toEqual({
      dnsAccess: false,
      dataIsolation: false,
      clientAccess: false,
      domainReputation: false,
      dmarcPolicy: "unknown",
      strictDmarcPlanned: false,
      domainVerified: false,
    });
    expect(CLIENT_ATTRIBUTE_NAMES).toEqual([
      "monthlyVolume",
      "dnsAccess",
      "dataIsolation",
      "clientAccess",
      "domainReputation",
      "dmarcPolicy",
      "strictDmarcPlanned",
      "domainVerified",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// docs/decision-table.md is checked against the code
// ---------------------------------------------------------------------------------------------

describe("docs/decision-table.md", () => {
  const docs = readFileSync(join(__dirname, "../../docs/decision-table.md"), "utf8");

  it.each(DECISION_RULES.map((rule) => [rule.code, rule] as const))(
    "holds the rule for %s verbatim",
    (_code, rule) => {
      expect(docs).toContain(renderRule(rule));
    },
  );

  // “Curly quotes” mark the guide's exact words. The sentence-by-sentence section quotes all of the
  // guide; everywhere else a quote must come from a sentence the code quotes too.
  const coverageStart = docs.indexOf("## The guide, sentence by sentence");
  const coverageEnd = docs.indexOf("\n## ", coverageStart + 1);
  const coverage = docs.slice(coverageStart, coverageEnd);
  const rest = docs.slice(0, coverageStart) + docs.slice(coverageEnd);

  it("quotes the guide, outside its sentence-by-sentence section, only where the code does", () => {
    const known = [...DECISION_RULES.flatMap((rule) => rule.guide), ...PLAN_LIMITS_GUIDE];
    // A quote may wrap across lines.
    const quotes = [...rest.matchAll(/“([^”]+)”/g)].map((m) => m[1].replace(/\s+/g, " "));
    expect(quotes.length).toBeGreaterThan(DECISION_RULES.length);
    for (const quote of quotes) {
      expect(
        known.some((sentence) => sentence.includes(quote)),
        quote,
      ).toBe(true);
    }
  });

  it("accounts, sentence by sentence, for every sentence the code quotes", () => {
    expect(coverageStart).toBeGreaterThan(0);
    for (const rule of DECISION_RULES) {
      for (const quote of rule.guide) {
        const row = coverage.split("\n").find((line) => line.startsWith(`- “${quote}” → `));
        expect(row, quote).toBeDefined();
        if (rule.code !== "method-override") expect(row, quote).toContain(`\`${rule.code}\``);
      }
    }
    for (const quote of PLAN_LIMITS_GUIDE) expect(coverage).toContain(`- “${quote}” → `);
  });

  it("names only codes that exist", () => {
    const named = [...docs.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((m) => m[1]);
    const allowed = new Set<string>([...DECISION_CODES, "pulumi-mailersend"]);
    const planCodes =
      /^(invalid-plan|invalid-plan-settings|invalid-client|domain-limit-exceeded|identity-limit-exceeded|limit-undocumented)$/;
    expect(named.filter((code) => !allowed.has(code) && !planCodes.test(code))).toEqual([]);
  });

  it("its worked examples are what the code returns", () => {
    const section = docs.slice(docs.indexOf("## Worked examples"));
    const end = section.indexOf("\n## ", 1);
    const blocks = [
      ...(end === -1 ? section : section.slice(0, end)).matchAll(/```json\n([\s\S]*?)```/g),
    ].map((m) => JSON.parse(m[1]) as unknown);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    expect(blocks.length % 2).toBe(0);
    for (let i = 0; i < blocks.length; i += 2) {
      const input = blocks[i] as { attributes: unknown; policy?: unknown };
      expect(decide(input.attributes, input.policy)).toEqual(blocks[i + 1]);
    }
  });
});
