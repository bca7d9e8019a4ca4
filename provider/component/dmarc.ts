/**
 * Reads a domain's DMARC policy from `_dmarc.<domain>` TXT while the program runs (the Client's
 * `dmarcPolicy: "auto"`). Never throws: a lookup that fails gives `unknown` with a warning, which
 * the decision then treats as "nobody knows" (a sender identity is warned about it).
 */
import { Resolver } from "node:dns/promises";
import type { DmarcPolicy } from "./decision";

export interface DmarcLookupOptions {
  /**
   * DNS servers to ask (`"127.0.0.1:5353"` or `"1.1.1.1"`). Default: the system's resolvers, or
   * the comma-separated `PULUMI_MAILERSEND_DNS_SERVERS` environment variable when set.
   */
  servers?: string[];
  /** Per-query timeout in milliseconds (default 3000). */
  timeoutMs?: number;
}

export interface DmarcLookup {
  policy: DmarcPolicy;
  /** The DMARC record found, if any. */
  record?: string;
  /** Why the policy is `unknown`, or a note about what was found. */
  warning?: string;
}

/**
 * The `p=` tag of a DMARC record, or undefined when the text is not a DMARC record
 * (RFC 7489 §6.3: `v=DMARC1` first, tags separated by `;`).
 */
export function parseDmarcRecord(text: string): DmarcPolicy | undefined {
  const tags = text
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf("=");
      return eq < 0
        ? [part.toLowerCase(), ""]
        : [
            part.slice(0, eq).trim().toLowerCase(),
            part
              .slice(eq + 1)
              .trim()
              .toLowerCase(),
          ];
    });
  if (tags.length === 0 || tags[0][0] !== "v" || tags[0][1] !== "dmarc1") return undefined;
  const policy = tags.find(([name]) => name === "p")?.[1];
  return policy === "none" || policy === "quarantine" || policy === "reject" ? policy : undefined;
}

export async function lookupDmarcPolicy(
  domain: string,
  options: DmarcLookupOptions = {},
): Promise<DmarcLookup> {
  const name = `_dmarc.${domain}`;
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: 2 });
  const servers = options.servers ?? serversFromEnvironment();
  if (servers && servers.length > 0) resolver.setServers(servers);
  let answers: string[][];
  try {
    answers = await resolver.resolveTxt(name);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOTFOUND" || code === "ENODATA") {
      // No DMARC record: receivers apply no DMARC policy, the same as p=none.
      return { policy: "none", warning: `${name} has no DMARC record; treated as p=none.` };
    }
    return {
      policy: "unknown",
      warning: `The DMARC lookup of ${name} failed (${code ?? String(error)}); the policy is treated as unknown.`,
    };
  }
  const records = answers
    .map((chunks) => chunks.join(""))
    .filter((text) => parseDmarcRecord(text) !== undefined);
  if (records.length !== 1) {
    return {
      policy: "unknown",
      warning:
        records.length === 0
          ? `${name} has TXT records but none is a valid DMARC record; the policy is treated as unknown.`
          : `${name} has ${records.length} DMARC records, which receivers ignore (RFC 7489 §6.6.3); the policy is treated as unknown.`,
    };
  }
  return { policy: parseDmarcRecord(records[0])!, record: records[0] };
}

function serversFromEnvironment(): string[] | undefined {
  const value = process.env.PULUMI_MAILERSEND_DNS_SERVERS;
  return value
    ? value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}
