import { describe, expect, it } from "vitest";
import { decide } from "./support";

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
