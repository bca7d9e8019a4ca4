import { formatTimestamp } from "./clock";
import type { DomainChecks, DomainRecord } from "./state";

/**
 * The simulated DNS. Each domain's required records (docs/mailersend-api.md §3.5) are derived from its name and
 * subdomain settings; the admin door "publishes" them; a check (GET /verify, or the admin door acting
 * like MailerSend's background check) compares what is published with what is required.
 *
 * Records are published by their full `"<type> <hostname> <value>"` key, not by kind, so changing a
 * subdomain (e.g. `custom_tracking_subdomain`) makes the old record stop counting, as in real DNS.
 */

export const DNS_RECORD_KINDS = [
  "dkim",
  "spf",
  "return_path",
  "custom_tracking",
  "inbound_routing",
] as const;
export type DnsRecordKind = (typeof DNS_RECORD_KINDS)[number];

export interface DnsRecord {
  hostname: string;
  type: "TXT" | "CNAME" | "MX";
  value: string;
  priority?: string;
}

/** [REC] docs/mailersend-api.md §3.5 (2025 shapes): DKIM as a CNAME, MX priority as a string. */
export function requiredDnsRecords(domain: DomainRecord): Record<DnsRecordKind, DnsRecord> {
  const { name, settings } = domain;
  const under = (subdomain: string): string => (subdomain === "" ? name : `${subdomain}.${name}`);
  return {
    spf: { hostname: name, type: "TXT", value: "v=spf1 include:_spf.mailersend.net ~all" },
    dkim: {
      hostname: `mlsend2._domainkey.${name}`,
      type: "CNAME",
      value: "mlsend2._domainkey.mailersend.net",
    },
    return_path: {
      hostname: under(settings.return_path_subdomain),
      type: "CNAME",
      value: "mailersend.net",
    },
    custom_tracking: {
      hostname: under(settings.custom_tracking_subdomain),
      type: "CNAME",
      value: "links.mailersend.net",
    },
    // [REC] docs/mailersend-api.md §3.5: an empty inbound subdomain puts the MX on the bare domain.
    inbound_routing: {
      hostname: under(settings.inbound_routing_subdomain),
      type: "MX",
      value: "inbound.mailersend.net",
      priority: "10",
    },
  };
}

function recordKey(record: DnsRecord): string {
  return `${record.type} ${record.hostname} ${record.value}`;
}

function isPublished(domain: DomainRecord, kind: DnsRecordKind): boolean {
  return domain.publishedRecords.includes(recordKey(requiredDnsRecords(domain)[kind]));
}

export function publishDnsRecords(domain: DomainRecord, kinds: readonly DnsRecordKind[]): void {
  const required = requiredDnsRecords(domain);
  for (const kind of kinds) {
    const key = recordKey(required[kind]);
    if (!domain.publishedRecords.includes(key)) domain.publishedRecords.push(key);
  }
}

export function unpublishDnsRecords(domain: DomainRecord, kinds: readonly DnsRecordKind[]): void {
  const keys = new Set(kinds.map((kind) => recordKey(requiredDnsRecords(domain)[kind])));
  domain.publishedRecords = domain.publishedRecords.filter((key) => !keys.has(key));
}

/** Which record kinds are currently published for the domain's current settings. */
export function publishedKinds(domain: DomainRecord): DnsRecordKind[] {
  return DNS_RECORD_KINDS.filter((kind) => isPublished(domain, kind));
}

const CHECK_FLAGS = ["dkim", "spf", "returnPath", "customTracking", "inboundRouting"] as const;

/**
 * Re-evaluates the domain against the simulated DNS and updates its flags. `updated_at` moves only
 * when a flag changed (a Laravel model save touches it only when dirty).
 *
 * [INF] docs/mailersend-api.md §3.6: `is_verified` becomes true once DKIM, SPF and the return-path CNAME pass, and stays
 * true afterwards (the 2022 recording shows a verified domain whose checks are all false).
 */
export function runDnsCheck(domain: DomainRecord, nowMs: number): DomainChecks {
  const checks: DomainChecks = {
    dkim: isPublished(domain, "dkim"),
    spf: isPublished(domain, "spf"),
    returnPath: isPublished(domain, "return_path"),
    customTracking: isPublished(domain, "custom_tracking"),
    inboundRouting: isPublished(domain, "inbound_routing"),
    checkedAt: formatTimestamp(nowMs),
  };
  const verified = domain.isVerified || (checks.dkim && checks.spf && checks.returnPath);
  const changed =
    verified !== domain.isVerified ||
    domain.checks === null ||
    CHECK_FLAGS.some((flag) => domain.checks?.[flag] !== checks[flag]);
  domain.checks = checks;
  domain.isVerified = verified;
  if (changed) domain.updatedAt = checks.checkedAt;
  return checks;
}

/** Parses a list of record kinds from the admin door; `undefined` means all of them. */
export function parseDnsRecordKinds(value: unknown): DnsRecordKind[] | { invalid: string[] } {
  if (value === undefined || value === null) return [...DNS_RECORD_KINDS];
  if (!Array.isArray(value)) return { invalid: [String(value)] };
  const invalid = value.filter(
    (kind) => typeof kind !== "string" || !(DNS_RECORD_KINDS as readonly string[]).includes(kind),
  );
  if (invalid.length > 0) return { invalid: invalid.map(String) };
  return value as DnsRecordKind[];
}
