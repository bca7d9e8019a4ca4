/** Case table: invalid inputs, each a blocker naming the attribute (run by invalid.test.ts). */
import type { BlockerCode } from "../../../provider/component/decision";
import { DOMAIN_NOTES, IDENTITY_NOTES, type Case } from "./support";

const low = (blockers: BlockerCode[], extra: Partial<Case> = {}): Omit<Case, "name"> => ({
  attributes: undefined,
  method: "identity",
  reasons: [],
  warnings: ["dmarc-policy-unknown", "shared-reputation"],
  blockers,
  notes: IDENTITY_NOTES,
  ...extra,
});
/** Invalid inputs: a blocker naming the attribute, never a throw. */
export const INVALID_CASES: Case[] = [
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
] as Case[];
