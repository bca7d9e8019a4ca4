/**
 * The Markdown of a plan summary (see plan-summary.ts), written for a pull-request comment:
 *
 * 1. **Sending stops**: every finding after which some mail can no longer be sent (a domain or
 *    token deleted or replaced, an identity deleted or re-created), first and at the most severe
 *    level, whatever else the plan holds.
 * 2. **Needs attention**: blockers, method switches (with the decision that moved), new DNS
 *    records and confirmations, warnings of the clients this plan changes.
 * 3. **Standing reminders**, folded and grouped: what was already pending or warned about before
 *    this plan (unverified domains, unconfirmed identities, the warnings of unchanged clients).
 * 4. **Clients** that change, in a table; unchanged clients as a folded list of names.
 * 5. **Every change**, folded.
 *
 * GitHub refuses comments over 65,536 characters: repeated reminders are grouped with their text
 * once, unchanged clients are names only, and a summary that would still be longer than
 * MAX_MARKDOWN_LENGTH is cut in its folded parts, saying so.
 */
import type { Finding } from "./plan-types";
import type { Preview } from "./preview";

/** Under GitHub's 65,536-character limit for a comment, with room for a header a workflow adds. */
export const MAX_MARKDOWN_LENGTH = 60_000;

export type Category = "create" | "update" | "replace" | "delete" | "same";

export function categoryOf(op: string): Category | undefined {
  switch (op) {
    case "create":
    case "import":
      return "create";
    case "update":
      return "update";
    case "replace":
    case "import-replacement":
      return "replace";
    case "delete":
      return "delete";
    case "same":
    case "read":
    case "refresh":
      return "same";
    default:
      return undefined;
  }
}

/** An inline code span that survives backticks in the value. */
export function code(value: string): string {
  const text = value.replace(/\s*\n\s*/g, " ");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Text that Markdown shows as written (no emphasis, links or HTML from the value). */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_[\]<>|])/g, "\\$1");
}

export function bold(text: string): string {
  return `**${escapeMarkdown(text)}**`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** ` (`a`, `b` change)`: the inputs that cause a change. */
export function because(fields: string[]): string {
  if (fields.length === 0) return "";
  return ` (${fields.map(code).join(", ")} ${fields.length === 1 ? "changes" : "change"})`;
}

function cell(text: string): string {
  // Pipes end a table cell, even in a code span: escape those escapeMarkdown left alone.
  return text.replace(/(?<!\\)\|/g, "\\|").replace(/\n/g, " ");
}

/** What render() needs of a finding, a client and a resource (the types of plan-types.ts). */
export type RenderFinding = Pick<
  Finding,
  | "kind"
  | "client"
  | "message"
  | "details"
  | "stopsSending"
  | "standing"
  | "groupKey"
  | "groupText"
  | "groupItem"
>;

export interface RenderClient {
  name: string;
  before: string;
  after: string;
  switches: boolean;
  changes: Record<Category, number>;
}

export interface RenderResource {
  client?: string;
  name: string;
  op: string;
  label: string;
  fields: string[];
  deleteFirst?: boolean;
}

/** Each finding kind's title; the emoji comes from its level (see labelOf). */
const TITLES: Record<string, [emoji: string, title: string]> = {
  blocker: ["⛔", "Blocker"],
  "domain-delete": ["🔴", "Domain deletion"],
  "domain-replace": ["🔴", "Domain replacement"],
  "token-replace": ["🔴", "Token replacement"],
  "token-delete": ["🔴", "Token deletion"],
  "identity-delete": ["🟠", "Identity deletion"],
  "identity-replace": ["🟠", "Identity replacement"],
  "method-switch": ["🟠", "Method switch"],
  "dns-records": ["📝", "DNS records to publish"],
  "identity-pending": ["📝", "Identity confirmation pending"],
  warning: ["⚠️", "Warning"],
};

/** The most severe level: sending stops. */
export const STOPS_SENDING_EMOJI = "🛑";

export function labelOf(finding: Pick<RenderFinding, "kind" | "stopsSending">): string {
  const [emoji, title] = TITLES[finding.kind] ?? ["•", finding.kind];
  return `${finding.stopsSending ? STOPS_SENDING_EMOJI : emoji} **${title}**`;
}

const METHOD_WORDS: Record<string, string> = { domain: "domain", identity: "identity" };
const isMethod = (value: string) => value === "domain" || value === "identity";

function methodCell(client: RenderClient): [string, string] {
  const { before, after } = client;
  if (before === "new") {
    return [
      isMethod(after) ? `${METHOD_WORDS[after]} (new client)` : "? (new client)",
      "new client",
    ];
  }
  if (after === "removed") {
    return [isMethod(before) ? `${METHOD_WORDS[before]} (removed)` : "? (removed)", "removed"];
  }
  if (client.switches) return [`${before} → ${after}`, "**yes**"];
  if (isMethod(before) && isMethod(after)) return [after, "no"];
  const b = isMethod(before) ? before : "?";
  const a = isMethod(after) ? after : "?";
  return [b === a ? a : `${b} → ${a}`, "?"];
}

function countsLine(resources: RenderResource[], preview: Preview): string {
  const count = (category: Category) =>
    resources.filter((r) => categoryOf(r.op) === category).length;
  const parts = [
    [count("create"), "to create"],
    [count("update"), "to update"],
    [count("replace"), "to replace"],
    [count("delete"), "to delete"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, words]) => `${n} ${words}`);
  if (!preview.samesOmitted && (count("same") > 0 || parts.length === 0)) {
    parts.push(`${count("same")} unchanged`);
  }
  return parts.length > 0 ? parts.join(" · ") : "no changes";
}

const OP_WORDS: Record<string, string> = {
  create: "create",
  update: "update",
  replace: "replace",
  delete: "delete",
  same: "no change",
};

export function opCell(resource: RenderResource): string {
  const word = OP_WORDS[resource.op] ?? resource.op;
  if (resource.op !== "replace" || resource.deleteFirst === undefined) return word;
  return resource.deleteFirst ? "replace (delete first)" : "replace (create first)";
}

export function clientChanged(client: RenderClient): boolean {
  const c = client.changes;
  return (
    client.switches ||
    client.before === "new" ||
    client.after === "removed" ||
    client.after === "unknown" ||
    c.create + c.update + c.replace + c.delete > 0
  );
}

function findingLines(finding: RenderFinding): string[] {
  return [
    `- ${labelOf(finding)} — ${finding.message}`,
    ...(finding.details ?? []).map((detail) => `  - ${detail}`),
  ];
}

/** Above this many reminders in a group, only the clients are named. */
const LONG_GROUP = 20;

/** Standing reminders, one line per group: its text once, then whom it is about. */
function reminderLines(findings: RenderFinding[]): string[] {
  const groups = new Map<string, RenderFinding[]>();
  for (const finding of findings) {
    const key = finding.groupKey ?? `${finding.kind}|${finding.message}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    if (group.length === 1 || first.groupText === undefined) {
      for (const finding of group) lines.push(...findingLines(finding));
      continue;
    }
    // A long group names only the clients: at 500 clients the addresses would not fit a comment.
    const clients = [...new Set(group.map((f) => f.client).filter((c) => c !== undefined))];
    const items =
      group.length > LONG_GROUP && clients.length > 0
        ? [`${group.length} on ${clients.length} clients:`, clients.map(escapeMarkdown).join(", ")]
        : [group.map((f) => f.groupItem ?? f.client ?? "?").join(", ")];
    lines.push(`- ${labelOf(first)} (${group.length}) — ${first.groupText} ${items.join(" ")}.`);
  }
  return lines;
}

/** The summary's Markdown (see the header). */
export function render(
  preview: Preview,
  title: string,
  findings: RenderFinding[],
  clients: RenderClient[],
  resources: RenderResource[],
): string {
  const out: string[] = [];
  out.push(`## ${escapeMarkdown(title)}`, "");
  const where =
    preview.project || preview.stack
      ? `Stack ${code(preview.stack ?? "?")} of project ${code(preview.project ?? "?")}: `
      : "";
  out.push(`${where}${countsLine(resources, preview)}.`, "");
  if (preview.failed) {
    out.push(
      "> **The preview failed**, so `pulumi up` would stop before changing anything. The " +
        "resources below are only those the program declared before the failure.",
      "",
    );
  }
  if (preview.samesOmitted) {
    out.push(
      "> Unchanged resources are not in this preview (`pulumi preview --json` without " +
        "`--show-sames`): unchanged clients are missing and a `?` method could not be inferred.",
      "",
    );
  }

  const stopping = findings.filter((f) => f.stopsSending);
  out.push(`### ${STOPS_SENDING_EMOJI} Sending stops`, "");
  if (stopping.length === 0) {
    out.push("Nothing in this plan stops any sending.", "");
  } else {
    for (const finding of stopping) out.push(...findingLines(finding));
    out.push("");
  }

  const attention = findings.filter((f) => !f.stopsSending && !f.standing);
  out.push("### Needs attention", "");
  if (attention.length === 0) {
    out.push("Nothing else: no blockers, method switches, new DNS records or confirmations.", "");
  } else {
    for (const finding of attention) out.push(...findingLines(finding));
    out.push("");
  }

  const standing = findings.filter((f) => !f.stopsSending && f.standing);
  const folded: string[] = [];
  if (standing.length > 0) {
    folded.push(
      `<details><summary>Standing reminders (${standing.length}): pending before this plan, ` +
        "unchanged by it</summary>",
      "",
      ...reminderLines(standing),
      "",
      "</details>",
      "",
    );
  }

  const changedClients = clients.filter(clientChanged);
  const unchangedClients = clients.filter((c) => !clientChanged(c));
  if (clients.length > 0) {
    folded.push("### Clients", "");
    if (changedClients.length > 0) {
      folded.push("| Client | Method | Method changes | Creates | Updates | Replaces | Deletes |");
      folded.push("| --- | --- | --- | ---: | ---: | ---: | ---: |");
      for (const client of changedClients) {
        const [method, switches] = methodCell(client);
        const c = client.changes;
        folded.push(
          `| ${cell(escapeMarkdown(client.name))} | ${cell(method)} | ${switches} | ${c.create} | ${c.update} | ${c.replace} | ${c.delete} |`,
        );
      }
      folded.push("");
    }
    if (unchangedClients.length > 0) {
      const byMethod = (m: string) => unchangedClients.filter((c) => c.after === m).length;
      folded.push(
        `<details><summary>${unchangedClients.length} ${unchangedClients.length === 1 ? "client" : "clients"} ` +
          `without changes (${byMethod("domain")} domain, ${byMethod("identity")} identity)</summary>`,
        "",
        unchangedClients.map((c) => escapeMarkdown(c.name)).join(", "),
        "",
        "</details>",
        "",
      );
    }
  }

  const outside = resources.filter((r) => r.client === undefined);
  const outsideChanged = outside.filter((r) => categoryOf(r.op) !== "same");
  if (outside.length > 0) {
    folded.push("### Outside any client", "");
    for (const resource of outsideChanged) {
      folded.push(
        `- ${code(resource.name)}: ${resource.label}: ${opCell(resource)}${because(resource.fields)}`,
      );
    }
    const same = outside.length - outsideChanged.length;
    if (same > 0) {
      folded.push(
        outsideChanged.length === 0 && same <= 3
          ? outside.map((r) => `- ${code(r.name)}: ${r.label}: no change`).join("\n")
          : `- ${same} unchanged`,
      );
    }
    folded.push("");
  }

  const changed = resources.filter((r) => categoryOf(r.op) !== "same");
  if (changed.length > 0) {
    folded.push(`<details><summary>Every change (${changed.length})</summary>`, "");
    folded.push("| Client | Resource | What | Change | Inputs changing |");
    folded.push("| --- | --- | --- | --- | --- |");
    for (const resource of changed) {
      folded.push(
        `| ${cell(resource.client ? escapeMarkdown(resource.client) : "—")} | ${cell(code(resource.name))} | ${cell(resource.label)} | ${opCell(resource)} | ${cell(resource.fields.map(code).join(", ") || "—")} |`,
      );
    }
    folded.push("", "</details>", "");
  }

  const head = `${out.join("\n")}\n`;
  let tail = `${folded.join("\n").trimEnd()}\n`;
  if (head.length + tail.length > MAX_MARKDOWN_LENGTH) {
    // The first two sections are never cut: they are what a reviewer must read.
    const note =
      "\n> **Cut here**: the rest of this summary is longer than a pull-request comment " +
      "allows. Run `pulumi-mailersend plan-summary` locally for all of it.\n";
    const room = Math.max(0, MAX_MARKDOWN_LENGTH - head.length - note.length);
    tail = `${tail.slice(0, tail.lastIndexOf("\n", room) + 1)}${note}`;
  }
  return `${head}${tail}`.replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
