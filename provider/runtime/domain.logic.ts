/**
 * Domain: pure rules. Inputs, their defaults (MailerSend's own defaults for a new domain,
 * docs/mailersend-api.md §3.2), which changes replace, and how an API answer becomes outputs.
 *
 * It has the layout of every `*.logic.ts` here (see api-token.logic.ts): the inputs schema and
 * outputs type, `checkDomain` over `checkInputs`, the diff table and `diffDomain` over
 * `diffByTable`; the lines that repeat across these files declare this resource's facts.
 */
import type { DnsRecord } from "../facts/dns-record";
import { z } from "zod";
import type { ApiDnsRecords, ApiDomain, ApiVerification } from "../api/schemas";
import type { DomainSettingsBody } from "../api/client";
import { checkInputs, withNewInputs, type CheckResult } from "./check";
import { diffByTable, sameValue, type DiffTable } from "./diff";
import { adoptMode, domainName, flag, subdomainLabel, text } from "./fields";

export const DOMAIN_STATE_VERSION = 1;

/**
 * Every writable setting (docs/mailersend-api.md §3.4): input name → API key and MailerSend's default for a new domain
 * (docs/mailersend-api.md §3.2, recorded 2025). Settings are always managed: an omitted one means "the default", so drift
 * in any setting shows in the next preview.
 */
export const DOMAIN_SETTINGS = {
  sendPaused: { api: "send_paused", default: false },
  trackClicks: { api: "track_clicks", default: true },
  trackOpens: { api: "track_opens", default: true },
  trackUnsubscribe: { api: "track_unsubscribe", default: false },
  trackUnsubscribeHtml: {
    api: "track_unsubscribe_html",
    default: '<p>Click here to <a href="{{unsubscribe}}">unsubscribe</a></p>',
  },
  trackUnsubscribeHtmlEnabled: { api: "track_unsubscribe_html_enabled", default: false },
  trackUnsubscribePlain: {
    api: "track_unsubscribe_plain",
    default: "Click here to unsubscribe: {{unsubscribe}}",
  },
  trackUnsubscribePlainEnabled: { api: "track_unsubscribe_plain_enabled", default: false },
  trackContent: { api: "track_content", default: false },
  customTrackingEnabled: { api: "custom_tracking_enabled", default: false },
  customTrackingSubdomain: { api: "custom_tracking_subdomain", default: "email" },
  precedenceBulk: { api: "precedence_bulk", default: false },
  ignoreDuplicatedRecipients: { api: "ignore_duplicated_recipients", default: false },
} as const satisfies Record<string, { api: keyof DomainSettingsBody; default: boolean | string }>;

export type DomainSettingName = keyof typeof DOMAIN_SETTINGS;

function unsubscribeText(what: string) {
  return text({ max: 10_000, what }).refine((value) => value.includes("{{unsubscribe}}"), {
    error: "must contain the {{unsubscribe}} placeholder, where MailerSend puts the link",
  });
}

// One line per setting, each naming its own validator and its default from DOMAIN_SETTINGS: the
// lines look alike, but an explicit object keeps zod's inferred type of every input exact.
export const domainInputsSchema = z.strictObject({
  name: domainName(),
  returnPathSubdomain: subdomainLabel().default("mta"),
  inboundRoutingSubdomain: subdomainLabel({ allowEmpty: true }).default("inbound"),
  customTrackingSubdomain: subdomainLabel().default(
    DOMAIN_SETTINGS.customTrackingSubdomain.default,
  ),
  sendPaused: flag().default(DOMAIN_SETTINGS.sendPaused.default),
  trackClicks: flag().default(DOMAIN_SETTINGS.trackClicks.default),
  trackOpens: flag().default(DOMAIN_SETTINGS.trackOpens.default),
  trackUnsubscribe: flag().default(DOMAIN_SETTINGS.trackUnsubscribe.default),
  trackUnsubscribeHtml: unsubscribeText("the HTML unsubscribe footer").default(
    DOMAIN_SETTINGS.trackUnsubscribeHtml.default,
  ),
  trackUnsubscribeHtmlEnabled: flag().default(DOMAIN_SETTINGS.trackUnsubscribeHtmlEnabled.default),
  trackUnsubscribePlain: unsubscribeText("the plain-text unsubscribe footer").default(
    DOMAIN_SETTINGS.trackUnsubscribePlain.default,
  ),
  trackUnsubscribePlainEnabled: flag().default(
    DOMAIN_SETTINGS.trackUnsubscribePlainEnabled.default,
  ),
  trackContent: flag().default(DOMAIN_SETTINGS.trackContent.default),
  customTrackingEnabled: flag().default(DOMAIN_SETTINGS.customTrackingEnabled.default),
  precedenceBulk: flag().default(DOMAIN_SETTINGS.precedenceBulk.default),
  ignoreDuplicatedRecipients: flag().default(DOMAIN_SETTINGS.ignoreDuplicatedRecipients.default),
  adopt: adoptMode().default(false),
  /** Delete the domain with the resource even when `adopt` took it over (default: leave it). */
  deleteAdoptedOnDestroy: flag().optional(),
});

export type DomainInputs = z.infer<typeof domainInputsSchema>;

export type { DnsRecord };

export interface DomainOutputs extends DomainInputs {
  verified: boolean;
  dkimVerified: boolean;
  spfVerified: boolean;
  returnPathVerified: boolean;
  trackingVerified: boolean;
  inboundVerified: boolean;
  dnsRecords: DnsRecord[];
  /** Steps a failed create could not finish; the next `up` finishes them. */
  pendingSteps: string[];
  /**
   * True when the create took over a domain that already existed (`adopt`); absent in states
   * written before 0.2 (see `retainedAsAdopted`).
   */
  adopted?: boolean;
  stateVersion: number;
}

export function checkDomain(news: Record<string, unknown>): CheckResult<Record<string, unknown>> {
  return checkInputs(domainInputsSchema, news);
}

/**
 * `name` replaces (a domain cannot be renamed), so do the return-path and inbound subdomains,
 * which the API only takes at create (read-only afterwards, docs/mailersend-api.md §3.4). Everything else is one settings
 * call. The name is unique across all of MailerSend, so a replacement that keeps it deletes first.
 */
export const DOMAIN_DIFF_TABLE: DiffTable<keyof DomainInputs> = {
  fields: {
    name: "replace",
    returnPathSubdomain: "replace",
    inboundRoutingSubdomain: "replace",
    ...(Object.fromEntries(Object.keys(DOMAIN_SETTINGS).map((key) => [key, "update"])) as Record<
      DomainSettingName,
      "update"
    >),
    adopt: "ignore",
    // Only read by delete; recorded by an update that sends nothing to MailerSend.
    deleteAdoptedOnDestroy: "update",
  },
  uniqueKey: ["name"],
};

export function diffDomain(olds: Record<string, unknown>, news: Record<string, unknown>) {
  const result = diffByTable(DOMAIN_DIFF_TABLE, olds, news);
  // A create that failed half-way is finished by an update.
  if (!result.changes && Array.isArray(olds.pendingSteps) && olds.pendingSteps.length > 0) {
    return { ...result, changes: true };
  }
  return result;
}

/** The settings call body: only the settings whose desired value differs from `current`. */
export function settingsToSend(
  desired: Pick<DomainInputs, DomainSettingName>,
  current: Partial<Record<DomainSettingName, unknown>>,
): DomainSettingsBody {
  const body: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(DOMAIN_SETTINGS) as [
    DomainSettingName,
    (typeof DOMAIN_SETTINGS)[DomainSettingName],
  ][]) {
    if (!sameValue(desired[name], current[name])) body[setting.api] = desired[name];
  }
  return body as DomainSettingsBody;
}

/** The settings MailerSend reports, by input name; keys the server left out stay unset. */
export function liveSettings(domain: ApiDomain): Partial<Record<DomainSettingName, unknown>> {
  const settings = domain.domain_settings as Record<string, unknown>;
  const live: Partial<Record<DomainSettingName, unknown>> = {};
  for (const [name, setting] of Object.entries(DOMAIN_SETTINGS) as [
    DomainSettingName,
    (typeof DOMAIN_SETTINGS)[DomainSettingName],
  ][]) {
    const value = settings[setting.api];
    if (value !== undefined && value !== null) live[name] = value;
  }
  return live;
}

const RECORD_PURPOSES = [
  ["spf", "spf"],
  ["dkim", "dkim"],
  ["return_path", "returnPath"],
  ["custom_tracking", "customTracking"],
  ["inbound_routing", "inboundRouting"],
] as const;

/**
 * The records to publish, in a fixed order. The custom tracking CNAME is listed only when custom
 * tracking is enabled and the inbound MX only when inbound routing is, although MailerSend returns
 * both regardless (docs/mailersend-api.md §3.5): publishing them would be harmless but misleading.
 */
export function dnsRecordsToPublish(
  records: ApiDnsRecords,
  options: { customTrackingEnabled: boolean; inboundRoutingEnabled: boolean },
): DnsRecord[] {
  const list: DnsRecord[] = [];
  for (const [apiKey, purpose] of RECORD_PURPOSES) {
    if (purpose === "customTracking" && !options.customTrackingEnabled) continue;
    if (purpose === "inboundRouting" && !options.inboundRoutingEnabled) continue;
    const record = records[apiKey];
    if (!record) continue;
    const entry: DnsRecord = {
      purpose,
      type: record.type.toUpperCase(),
      name: record.hostname.toLowerCase().replace(/\.$/, ""),
      value: record.value,
    };
    // `priority` comes as a string ("10", docs/mailersend-api.md §3.5).
    if (record.priority !== undefined && record.priority !== null && record.priority !== "") {
      entry.priority = Number(record.priority);
    }
    list.push(entry);
  }
  return list;
}

export interface VerificationFlags {
  verified: boolean;
  dkimVerified: boolean;
  spfVerified: boolean;
  returnPathVerified: boolean;
  trackingVerified: boolean;
  inboundVerified: boolean;
}

/**
 * Verification state. `GET /domains/{id}` carries DKIM, SPF and tracking; only the verify endpoint
 * reports the return-path CNAME (`rp_cname`) and the inbound MX (`mx`) (docs/mailersend-api.md §3.3, docs/mailersend-api.md §3.6). Flags are
 * `null` right after create (docs/mailersend-api.md §3.2): not verified.
 */
export function verificationFlags(
  domain: ApiDomain,
  verification?: ApiVerification,
): VerificationFlags {
  const checks = verification?.data ?? {};
  return {
    verified: domain.is_verified === true,
    dkimVerified: (checks.dkim ?? domain.dkim) === true,
    spfVerified: (checks.spf ?? domain.spf) === true,
    returnPathVerified: checks.rp_cname === true,
    trackingVerified: (checks.tracking ?? domain.tracking) === true,
    inboundVerified: (checks.mx ?? domain.mx) === true,
  };
}

/**
 * What a refresh must read besides `GET /domains/{id}` (which alone shows deletion and settings
 * drift): the verify endpoint while the domain or its return path is not verified yet (only it
 * reports the return-path and inbound flags; MailerSend's "verified" is sticky once reached, docs/mailersend-api.md §3.3),
 * and the DNS records when a setting that shapes them differs from what we stored. A verified,
 * unchanged domain then costs one call to refresh instead of three.
 */
export function refreshNeeds(
  stored: Partial<DomainOutputs>,
  domain: ApiDomain,
): { verification: boolean; dnsRecords: boolean } {
  const settings = domain.domain_settings;
  const records = stored.dnsRecords ?? [];
  const inboundListed = records.some((r) => r.purpose === "inboundRouting");
  return {
    verification: domain.is_verified !== true || stored.returnPathVerified !== true,
    dnsRecords:
      records.length === 0 ||
      (settings.custom_tracking_enabled ?? stored.customTrackingEnabled) !==
        stored.customTrackingEnabled ||
      (settings.custom_tracking_subdomain ?? stored.customTrackingSubdomain) !==
        stored.customTrackingSubdomain ||
      (settings.return_path_subdomain ?? stored.returnPathSubdomain) !==
        stored.returnPathSubdomain ||
      (settings.inbound_routing_enabled === true) !== inboundListed,
  };
}

/** Outputs echo every input (with live values where MailerSend reports them) plus computed state. */
export function domainOutputs(
  inputs: DomainInputs,
  domain: ApiDomain,
  extra: {
    verification?: ApiVerification;
    dnsRecords?: ApiDnsRecords;
    previousDnsRecords?: DnsRecord[];
    pendingSteps?: string[];
    adopted?: boolean;
  },
): DomainOutputs {
  const live = liveSettings(domain);
  const settings = domain.domain_settings;
  const echoed: DomainInputs = {
    ...inputs,
    ...(live as Partial<DomainInputs>),
    name: domain.name.toLowerCase(),
    returnPathSubdomain: settings.return_path_subdomain ?? inputs.returnPathSubdomain,
    inboundRoutingSubdomain: settings.inbound_routing_subdomain ?? inputs.inboundRoutingSubdomain,
  };
  const dnsRecords = extra.dnsRecords
    ? dnsRecordsToPublish(extra.dnsRecords, {
        customTrackingEnabled: echoed.customTrackingEnabled,
        inboundRoutingEnabled: settings.inbound_routing_enabled === true,
      })
    : (extra.previousDnsRecords ?? []);
  return {
    ...echoed,
    ...verificationFlags(domain, extra.verification),
    dnsRecords,
    pendingSteps: extra.pendingSteps ?? [],
    ...(extra.adopted === undefined ? {} : { adopted: extra.adopted }),
    stateVersion: DOMAIN_STATE_VERSION,
  };
}

/**
 * Outputs after an update: the settings answer when there was one (it has DKIM, SPF and tracking
 * flags but no return-path or inbound flags, docs/mailersend-api.md §3.3, so those are carried over), else the previous
 * outputs with the new inputs echoed.
 */
export function updatedDomainOutputs(
  inputs: DomainInputs,
  previous: DomainOutputs,
  domain: ApiDomain | undefined,
  dnsRecords: ApiDnsRecords | undefined,
): DomainOutputs {
  if (domain) {
    return {
      ...domainOutputs(inputs, domain, {
        dnsRecords,
        previousDnsRecords: previous.dnsRecords,
        adopted: previous.adopted,
      }),
      returnPathVerified: previous.returnPathVerified === true,
      inboundVerified: previous.inboundVerified === true,
    };
  }
  const withInputs: DomainOutputs = {
    ...withNewInputs<DomainOutputs>(domainInputsSchema, previous, inputs),
    pendingSteps: [],
    stateVersion: DOMAIN_STATE_VERSION,
  };
  return dnsRecords
    ? {
        ...withInputs,
        dnsRecords: dnsRecordsToPublish(dnsRecords, {
          customTrackingEnabled: inputs.customTrackingEnabled,
          inboundRoutingEnabled: previous.dnsRecords.some((r) => r.purpose === "inboundRouting"),
        }),
      }
    : withInputs;
}
