/**
 * The findings the engine's diagnostics carry (blockers and warnings the program logged), and the
 * decision a client's method switch comes from.
 */
import {
  LOG_DECISIONS_ENV,
  parseDecisionLine,
  parseSharedWarning,
  UNSET_ATTRIBUTE,
} from "../facts/decision-line";
import { bold, capitalise, code, escapeMarkdown } from "./plan-markdown";
import { urnName, urnType, type Preview } from "./preview";
import { CLIENT_COMPONENT_TYPE, type Finding, type SendingMethod } from "./plan-types";
import { type ClientGroup } from "./plan-steps";

export const BLOCKER_HEADERS: {
  pattern: RegExp;
  client: boolean;
  lead: (name: string) => string;
}[] = [
  {
    pattern: /Client (\S+) cannot be set up:/,
    client: true,
    lead: (name) => `${bold(name)} cannot be set up: `,
  },
  {
    pattern: /Client (\S+) has invalid arguments:/,
    client: true,
    lead: (name) => `${bold(name)} has invalid arguments: `,
  },
  {
    pattern: /Agency (\S+): the clients do not fit the MailerSend plan:/,
    client: false,
    lead: (name) => `the clients of the Agency ${bold(name)} do not fit the MailerSend plan: `,
  },
];

/** The message of an error diagnostic without the stack trace and the dumped objects. */
export function errorText(message: string): string {
  const lines: string[] = [];
  for (const line of message.split("\n")) {
    if (/^\s+at /.test(line) || /\s\{$/.test(line)) break;
    lines.push(line);
  }
  return lines
    .join("\n")
    .replace(/^(\w*Error: )+/, "")
    .trim();
}

/** The first words of the error a program fails with after its components reported theirs (provider/component/failures.ts). */
export const FAILURE_SUMMARY_PREFIX = "The program stopped:";

type Diagnostic = Preview["diagnostics"][number] & { client?: string };

/**
 * A warning several clients share is logged once on the stack, naming them
 * (provider/component/notices.ts): read as the warning of each client, as if each had logged it.
 */
function withSharedWarningsSplit(
  diagnostics: Preview["diagnostics"],
  clientUrns: ReadonlyMap<string, string>,
): Diagnostic[] {
  return diagnostics.flatMap((diagnostic): Diagnostic[] => {
    const shared = diagnostic.severity === "warning" && parseSharedWarning(diagnostic.message);
    if (!shared) return [diagnostic];
    return shared.clients.map((client) => ({
      ...diagnostic,
      client,
      urn: clientUrns.get(client) ?? diagnostic.urn,
      message: `${client}: ${shared.sentence}`,
    }));
  });
}

/** Blockers and warnings from the preview's diagnostics; `unchanged` are the clients the plan leaves alone. */
export function diagnosticFindings(preview: Preview, unchanged: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (finding: Finding) => {
    const key = `${finding.kind}|${finding.client ?? ""}|${finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };
  const components = new Map(preview.steps.map((s) => [s.urn, s]));
  const clientUrns = new Map(
    preview.steps
      .filter((s) => urnType(s.urn) === CLIENT_COMPONENT_TYPE)
      .map((s) => [urnName(s.urn), s.urn]),
  );
  for (const diagnostic of withSharedWarningsSplit(preview.diagnostics, clientUrns)) {
    const urnClient =
      diagnostic.client ??
      (diagnostic.urn && urnType(diagnostic.urn) === CLIENT_COMPONENT_TYPE
        ? urnName(diagnostic.urn)
        : undefined);
    if (diagnostic.severity === "error") {
      const text = errorText(diagnostic.message);
      // Says only that the failures above stopped the program: they are the blockers.
      if (text.startsWith(FAILURE_SUMMARY_PREFIX)) continue;
      const header = BLOCKER_HEADERS.map((h) => ({ h, match: h.pattern.exec(text) })).find(
        (m) => m.match !== null,
      );
      const items = [...text.matchAll(/^\s*- (?:\[([a-z0-9-]+)\] )?(.+)$/gm)];
      if (header?.match && items.length > 0) {
        const client = header.h.client ? header.match[1] : urnClient;
        const lead = header.h.lead(header.match[1]);
        for (const [, itemCode, itemText] of items) {
          add({
            kind: "blocker",
            stopsSending: false,
            standing: false,
            ...(client ? { client } : { resource: header.match[1] }),
            ...(itemCode ? { code: itemCode } : {}),
            message: capitalise(
              `${lead}${itemCode ? `${code(itemCode)} ` : ""}${escapeMarkdown(itemText.trim())}`,
            ),
          });
        }
      } else {
        add({
          kind: "blocker",
          stopsSending: false,
          standing: false,
          ...(urnClient ? { client: urnClient } : {}),
          message:
            `The preview failed${urnClient ? ` at ${bold(urnClient)}` : ""}: ` +
            escapeMarkdown(text.replace(/\s+/g, " ")),
        });
      }
    } else if (diagnostic.severity === "warning") {
      let text = diagnostic.message.trim().replace(/\s*\n\s*/g, " ");
      if (urnClient && text.startsWith(`${urnClient}: `)) text = text.slice(urnClient.length + 2);
      // The code, when the Client recorded this warning at the last update.
      const recorded = diagnostic.urn ? components.get(diagnostic.urn)?.old?.outputs.warnings : [];
      const match = Array.isArray(recorded)
        ? recorded.find(
            (w): w is { code: string } =>
              typeof w === "object" &&
              w !== null &&
              (w as { message?: unknown }).message === text &&
              typeof (w as { code?: unknown }).code === "string",
          )
        : undefined;
      // A client the plan leaves alone warned the same at the last update: a standing reminder.
      const standing = urnClient !== undefined && unchanged.has(urnClient);
      add({
        kind: "warning",
        stopsSending: false,
        standing,
        ...(urnClient ? { client: urnClient } : {}),
        ...(match ? { code: match.code } : {}),
        message: `${urnClient ? `${bold(urnClient)}: ` : ""}${escapeMarkdown(text)}`,
        ...(standing
          ? {
              groupKey: `warning|${text}`,
              groupText: `${escapeMarkdown(text)} Clients:`,
              groupItem: bold(urnClient),
            }
          : {}),
      });
    }
  }
  return findings;
}

/**
 * The codes of a Client's recorded reasons or notes: codes since 0.2, `{code, message}` objects in
 * states written by 0.1.0.
 */
export function codesOf(notes: unknown): string[] {
  return Array.isArray(notes)
    ? notes
        .map((n) =>
          typeof n === "string"
            ? n
            : typeof n === "object" && n !== null
              ? (n as { code?: unknown }).code
              : undefined,
        )
        .filter((c): c is string => typeof c === "string")
    : [];
}

/**
 * Why a client's method switches: the decision codes before (its recorded `reasons`) and after (the
 * decision line it logged in this preview), and the attributes whose values moved (its recorded
 * `decisionInputs` against the line's).
 */
/** The decision line the client logged in this preview, parsed (provider/facts/decision-line.ts). */
export function decisionOf(
  group: ClientGroup,
  preview: Preview,
): { method: SendingMethod; codes: string[]; attributes: Record<string, string> } | undefined {
  const parsed = preview.diagnostics
    .filter((d) => d.urn === group.urn && d.severity.startsWith("info"))
    .map((d) => parseDecisionLine(d.message))
    .find((line) => line !== undefined);
  return parsed && { ...parsed, method: parsed.method as SendingMethod };
}

export function switchReason(group: ClientGroup, preview: Preview): string {
  const decision = decisionOf(group, preview);
  if (!group.component) {
    return decision
      ? ` Why: the decision is now ${decision.codes.map(code).join(", ")} (${decision.method}); ` +
          "the previous one is not in this preview (run `pulumi preview` with `--show-sames`)."
      : "";
  }
  const oldOutputs = group.component.old?.outputs ?? {};
  const oldCodes = codesOf(oldOutputs.reasons);
  const codes = (list: string[]) => list.map(code).join(", ");
  const parts: string[] = [];
  if (decision) {
    parts.push(
      `the decision was ${oldCodes.length > 0 ? codes(oldCodes) : "not recorded"}, now ` +
        `${codes(decision.codes)} (${decision.method})`,
    );
    const before = oldOutputs.decisionInputs;
    const after = decision.attributes;
    if (typeof before === "object" && before !== null) {
      // Since 0.2 the state leaves out the attributes the program did not set.
      const was = (key: string) =>
        String((before as Record<string, unknown>)[key] ?? UNSET_ATTRIBUTE);
      const moved = Object.entries(after)
        .filter(([key, value]) => was(key) !== value)
        .map(([key, value]) => `${code(key)} ${was(key)} → ${value}`);
      if (moved.length > 0) parts.push(`moved: ${moved.join(", ")}`);
    } else {
      parts.push("the attributes of the last decision were not recorded (an older release)");
    }
  } else if (oldCodes.length > 0) {
    parts.push(
      `the decision was ${codes(oldCodes)}; the new one is in the Client's \`reasons\` output after \`pulumi up\`, ` +
        `or in this summary when the preview runs with \`${LOG_DECISIONS_ENV}=1\``,
    );
  }
  return parts.length > 0 ? ` Why: ${parts.join("; ")}.` : "";
}
