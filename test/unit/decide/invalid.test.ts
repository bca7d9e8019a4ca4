import { describe, expect, it } from "vitest";
import { INVALID_CASES } from "./cases-invalid";
import { codesOf, decide, expectCase, rows } from "./support";

describe("invalid inputs: a blocker naming the attribute, never a throw", () => {
  it.each(rows(INVALID_CASES))("%s", (_name, c) => expectCase(c));

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
