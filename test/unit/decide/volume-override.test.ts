import { describe, expect, it } from "vitest";
import { OVERRIDE_CASES, VOLUME_BAND_CASES } from "./cases-volume-override";
import { decide, expectCase, quiet, rows } from "./support";

describe("both edges of the volume band", () => {
  it.each(rows(VOLUME_BAND_CASES))("%s", (_name, c) => expectCase(c));

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
  it.each(rows(OVERRIDE_CASES))("%s", (_name, c) => expectCase(c));

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
