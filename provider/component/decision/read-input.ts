/**
 * Reading the decision's inputs: the attributes and the policy become {@link Facts} and a policy
 * with every setting valid or at its default; each invalid input becomes a blocker that names it
 * (the `invalid-*` and `unknown-attribute` rows of the table). Never throws.
 */

import { describe, joinWords, readRecord } from "../words";
import { formatCount } from "./format";
import {
  CLIENT_ATTRIBUTE_NAMES,
  DEFAULT_CLIENT_ATTRIBUTES,
  DEFAULT_DECISION_POLICY,
  DMARC_POLICIES,
  type BlockerCode,
  type ClientAttributes,
  type DecisionNote,
  type DecisionPolicy,
  type DmarcPolicy,
  type Facts,
  type SendingMethod,
} from "./types";

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

/** The value given for `key`; `null` counts as not given ("use the default"). */
function given(entries: ReadonlyMap<string, unknown>, key: string): unknown {
  const value = entries.get(key);
  return value === null ? undefined : value;
}

/** The keys that are not among `known`, in the order they were given. */
function unknownKeys(entries: ReadonlyMap<string, unknown>, known: readonly string[]): string[] {
  return [...entries.keys()].filter((key) => !known.includes(key));
}

function quoted(items: readonly string[]): string {
  return joinWords(
    items.map((item) => `"${item}"`),
    "or",
  );
}

export function readPolicy(
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
  const get = (key: keyof DecisionPolicy) => given(record.entries, key);
  for (const key of unknownKeys(record.entries, POLICY_SETTINGS)) {
    block(
      `The decision policy has no setting ${describe(key)}; the settings are ${joinWords([...POLICY_SETTINGS])}.`,
    );
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

export function readAttributes(
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
  const get = (key: keyof ClientAttributes) => given(record.entries, key);
  for (const key of unknownKeys(record.entries, CLIENT_ATTRIBUTE_NAMES)) {
    blockers.push({
      code: "unknown-attribute",
      message: `${describe(key)} is not a client attribute; the attributes are ${joinWords([...CLIENT_ATTRIBUTE_NAMES])}.`,
    });
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
