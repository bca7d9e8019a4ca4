/**
 * What a `Client` logs that `plan-summary` reads back: its decision during a preview (below), and
 * the warnings several clients share (`sharedWarning`, provider/component/notices.ts).
 *
 * The decision line:
 * a preview's new component state has no outputs, so this line is how a summary learns the new
 * decision of a client whose method switches (the old one is in the recorded outputs).
 *
 * It is logged only when the environment variable below is `1`: one line per client on every
 * preview is noise for a person reading `pulumi preview` (about 250 bytes a client, printed twice),
 * so it is meant for the `pulumi preview --json` that feeds `plan-summary` in CI.
 */

/**
 * The value of a decision attribute the program did not set, in the decision line and in the
 * Client's `decisionInputs`; the Client's state leaves such attributes out, so a missing one reads
 * as this.
 */
export const UNSET_ATTRIBUTE = "unset";

/** Set to `1` for the preview whose JSON `plan-summary` reads. */
export const LOG_DECISIONS_ENV = "MAILERSEND_LOG_DECISIONS";

/** `decision: domain (high-volume, dns-access); monthlyVolume=5000, dnsAccess=true, ...` */
export function formatDecisionLine(
  method: string,
  codes: readonly string[],
  attributes: Record<string, string>,
): string {
  return (
    `decision: ${method} (${codes.join(", ")}); ` +
    Object.entries(attributes)
      .map(([key, value]) => `${key}=${value}`)
      .join(", ")
  );
}

/** The parts of a decision line: method, codes, attributes; undefined for any other text. */
export function parseDecisionLine(
  text: string,
): { method: string; codes: string[]; attributes: Record<string, string> } | undefined {
  const match = /^decision: (domain|identity) \(([^)]*)\); (.*)$/.exec(text.trim());
  if (!match) return undefined;
  return {
    method: match[1],
    codes: match[2].split(", ").filter(Boolean),
    attributes: Object.fromEntries(
      match[3].split(", ").map((pair) => {
        const at = pair.indexOf("=");
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    ),
  };
}

/** A warning several clients share, logged once: `<sentence> (3 clients: a, b, c)`. */
export function sharedWarning(sentence: string, clients: readonly string[]): string {
  return `${sentence} (${clients.length} clients: ${clients.join(", ")})`;
}

/** The sentence and the clients of a shared warning; undefined for any other text. */
export function parseSharedWarning(
  text: string,
): { sentence: string; clients: string[] } | undefined {
  const match = /^([\s\S]*) \((\d+) clients: ([^()]+)\)$/.exec(text.trim());
  if (!match) return undefined;
  const clients = match[3].split(", ");
  return clients.length === Number(match[2]) ? { sentence: match[1], clients } : undefined;
}
