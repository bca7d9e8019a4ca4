import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../provider/runtime/check";
import {
  DOMAIN_DIFF_TABLE,
  DOMAIN_SETTINGS,
  checkDomain,
  diffDomain,
  dnsRecordsToPublish,
  domainInputsSchema,
  settingsToSend,
  verificationFlags,
} from "../../provider/runtime/domain.logic";
import { DOMAIN_INPUT_DEFAULTS as defaults } from "../support/domain-defaults";

describe("checkDomain", () => {
  it("normalises the name and fills MailerSend's defaults for a new domain (docs/mailersend-api.md §3.2)", () => {
    expect(checkDomain({ name: " Mail.Example.COM. ", __provider: "P" })).toEqual({
      inputs: { name: "mail.example.com", ...defaults, __provider: "P" },
    });
  });

  it.each([
    [
      { name: "" },
      "name",
      'must be a domain name such as mail.example.com (letters, digits and hyphens, punycode xn-- for international names); got ""',
    ],
    [
      { name: "localhost" },
      "name",
      'must be a domain name such as mail.example.com (letters, digits and hyphens, punycode xn-- for international names); got "localhost"',
    ],
    [
      { name: "bad_domain.com" },
      "name",
      'must be a domain name such as mail.example.com (letters, digits and hyphens, punycode xn-- for international names); got "bad_domain.com"',
    ],
    [
      { name: "exämple.com" },
      "name",
      'must be a domain name such as mail.example.com (letters, digits and hyphens, punycode xn-- for international names); got "exämple.com"',
    ],
    [{ name: 42 }, "name", "must be a domain name such as mail.example.com"],
    [
      { name: "a.com", returnPathSubdomain: "m-t-a" },
      "returnPathSubdomain",
      'must be letters and digits only (1 to 63 characters, MailerSend requires alphanumeric subdomains); got "m-t-a"',
    ],
    [
      { name: "a.com", customTrackingSubdomain: "" },
      "customTrackingSubdomain",
      'must be letters and digits only (1 to 63 characters, MailerSend requires alphanumeric subdomains); got ""',
    ],
    [
      { name: "a.com", inboundRoutingSubdomain: "in.bound" },
      "inboundRoutingSubdomain",
      'must be letters and digits only (1 to 63 characters, MailerSend requires alphanumeric subdomains) or empty; got "in.bound"',
    ],
    [{ name: "a.com", trackClicks: "yes" }, "trackClicks", "must be true or false"],
    [
      { name: "a.com", trackUnsubscribeHtml: "<p>bye</p>" },
      "trackUnsubscribeHtml",
      "must contain the {{unsubscribe}} placeholder, where MailerSend puts the link",
    ],
    [{ name: "a.com", trackUnsubscribePlain: "" }, "trackUnsubscribePlain", "must not be empty"],
    [{ name: "a.com", adopt: 1 }, "adopt", 'must be true, false or "require"'],
    [
      { name: "a.com", deleteAdoptedOnDestroy: "yes" },
      "deleteAdoptedOnDestroy",
      "must be true or false",
    ],
    [
      { name: "a.com", nmae: "typo" },
      "nmae",
      `is not an input of this resource; the inputs are: ${Object.keys(domainInputsSchema.shape).join(", ")}`,
    ],
  ])("%j fails on %s", (news, property, reason) => {
    expect(checkDomain(news)).toEqual({ failures: [{ property, reason }] });
  });

  it("reports every bad field at once", () => {
    const result = checkDomain({ returnPathSubdomain: "x_y", sendPaused: "no" });
    expect(result.failures?.map((f) => f.property)).toEqual([
      "name",
      "returnPathSubdomain",
      "sendPaused",
    ]);
    expect(result.failures?.[0].reason).toBe("must be a domain name such as mail.example.com");
  });

  it("accepts values still unknown during preview and checks the rest", () => {
    expect(checkDomain({ name: UNKNOWN, trackOpens: false })).toEqual({
      inputs: { ...defaults, trackOpens: false, name: UNKNOWN },
    });
    expect(checkDomain({ name: UNKNOWN, trackOpens: "no" }).failures).toEqual([
      { property: "trackOpens", reason: "must be true or false" },
    ]);
  });

  it("accepts an empty inbound subdomain (2022 domains have one; the MX goes on the bare domain)", () => {
    expect(
      checkDomain({ name: "a.com", inboundRoutingSubdomain: "" }).inputs?.inboundRoutingSubdomain,
    ).toBe("");
  });
});

describe("diffDomain", () => {
  const olds = {
    name: "a.com",
    ...defaults,
    verified: true,
    dnsRecords: [],
    pendingSteps: [],
    stateVersion: 1,
    __provider: "P",
  };

  it("is empty when nothing changed (outputs-only fields and __provider are not compared)", () => {
    expect(diffDomain(olds, { name: "a.com", ...defaults, __provider: "OTHER" })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it.each(Object.entries(DOMAIN_DIFF_TABLE.fields))("a change to %s is a(n) %s", (field, rule) => {
    const current = (defaults as Record<string, unknown>)[field];
    const changed =
      typeof current === "boolean"
        ? !current
        : field === "name"
          ? "b.com"
          : field.endsWith("Subdomain")
            ? "other"
            : `${current} {{unsubscribe}}!`;
    const result = diffDomain(olds, { name: "a.com", ...defaults, [field]: changed });
    if (rule === "ignore")
      expect(result).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    if (rule === "update")
      expect(result).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    if (rule === "replace") {
      // The name is unique across MailerSend: keeping it means the old domain must go first.
      expect(result).toEqual({
        changes: true,
        replaces: [field],
        deleteBeforeReplace: field !== "name",
      });
    }
  });

  it("replaces create-first when the name changes, even with other replacing changes", () => {
    expect(diffDomain(olds, { ...defaults, name: "b.com", returnPathSubdomain: "rp" })).toEqual({
      changes: true,
      replaces: ["name", "returnPathSubdomain"],
      deleteBeforeReplace: false,
    });
  });

  it("treats an unknown new name as a replacement during preview", () => {
    expect(diffDomain(olds, { ...defaults, name: UNKNOWN })).toEqual({
      changes: true,
      replaces: ["name"],
      deleteBeforeReplace: false,
    });
  });

  it("finishes a half-done create with an update", () => {
    expect(
      diffDomain({ ...olds, pendingSteps: ["dnsRecords"] }, { name: "a.com", ...defaults }),
    ).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe("settingsToSend", () => {
  it("sends only the settings that differ, by their API names", () => {
    const desired = { ...defaults, trackClicks: false, precedenceBulk: true };
    expect(settingsToSend(desired, { ...defaults })).toEqual({
      track_clicks: false,
      precedence_bulk: true,
    });
    expect(settingsToSend(defaults, { ...defaults })).toEqual({});
  });

  it("covers every writable setting of docs/mailersend-api.md §3.4", () => {
    expect(
      Object.values(DOMAIN_SETTINGS)
        .map((s) => s.api)
        .sort(),
    ).toEqual([
      "custom_tracking_enabled",
      "custom_tracking_subdomain",
      "ignore_duplicated_recipients",
      "precedence_bulk",
      "send_paused",
      "track_clicks",
      "track_content",
      "track_opens",
      "track_unsubscribe",
      "track_unsubscribe_html",
      "track_unsubscribe_html_enabled",
      "track_unsubscribe_plain",
      "track_unsubscribe_plain_enabled",
    ]);
  });
});

describe("dnsRecordsToPublish", () => {
  // The recorded 2025 answer (docs/mailersend-api.md §3.5), priority as a string.
  const recorded = {
    id: "65qngkdovk8lwr12",
    spf: { hostname: "example.com", type: "TXT", value: "v=spf1 include:_spf.mailersend.net ~all" },
    dkim: {
      hostname: "mlsend2._domainkey.example.com",
      type: "CNAME",
      value: "mlsend2._domainkey.mailersend.net",
    },
    return_path: { hostname: "mta.example.com", type: "CNAME", value: "mailersend.net" },
    custom_tracking: {
      hostname: "track.example.com",
      type: "CNAME",
      value: "links.mailersend.net",
    },
    inbound_routing: {
      hostname: "inbound.example.com",
      type: "MX",
      value: "inbound.mailersend.net",
      priority: "10",
    },
  };

  it("lists the records to publish in a fixed order, priority as a number", () => {
    expect(
      dnsRecordsToPublish(recorded, { customTrackingEnabled: true, inboundRoutingEnabled: true }),
    ).toEqual([
      {
        purpose: "spf",
        type: "TXT",
        name: "example.com",
        value: "v=spf1 include:_spf.mailersend.net ~all",
      },
      {
        purpose: "dkim",
        type: "CNAME",
        name: "mlsend2._domainkey.example.com",
        value: "mlsend2._domainkey.mailersend.net",
      },
      { purpose: "returnPath", type: "CNAME", name: "mta.example.com", value: "mailersend.net" },
      {
        purpose: "customTracking",
        type: "CNAME",
        name: "track.example.com",
        value: "links.mailersend.net",
      },
      {
        purpose: "inboundRouting",
        type: "MX",
        name: "inbound.example.com",
        value: "inbound.mailersend.net",
        priority: 10,
      },
    ]);
  });

  it("leaves out the tracking CNAME and inbound MX while those features are off", () => {
    expect(
      dnsRecordsToPublish(recorded, {
        customTrackingEnabled: false,
        inboundRoutingEnabled: false,
      }).map((r) => r.purpose),
    ).toEqual(["spf", "dkim", "returnPath"]);
  });
});

describe("verificationFlags", () => {
  const created = {
    id: "x",
    name: "a.com",
    dkim: null,
    spf: null,
    mx: null,
    tracking: null,
    is_verified: false,
    domain_settings: {},
  };
  it("reads null flags right after create as not verified (docs/mailersend-api.md §3.2)", () => {
    expect(verificationFlags(created)).toEqual({
      verified: false,
      dkimVerified: false,
      spfVerified: false,
      returnPathVerified: false,
      trackingVerified: false,
      inboundVerified: false,
    });
  });
  it("takes return path and MX from the verify answer (docs/mailersend-api.md §3.6)", () => {
    expect(
      verificationFlags(
        { ...created, is_verified: true, dkim: true, spf: true },
        {
          message: "The domain is verified.",
          data: { dkim: true, spf: true, mx: true, tracking: false, cname: false, rp_cname: true },
        },
      ),
    ).toEqual({
      verified: true,
      dkimVerified: true,
      spfVerified: true,
      returnPathVerified: true,
      trackingVerified: false,
      inboundVerified: true,
    });
  });
});
