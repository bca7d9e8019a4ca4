/**
 * `npm run docs:decision-table`: writes the "Rules, one per code" section of
 * docs/decision-table.md from the decision table (`DECISION_RULES` in
 * provider/component/decision/), so the page cannot drift from the rules the engine applies
 * (test/unit/decision-docs.test.ts fails when the page differs from what this script would write).
 * The rest of the page (the overview, the guide sentence by sentence, the worked examples) is
 * written by hand and checked by test/unit/decide/rules-docs.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { DECISION_RULES, type DecisionRule } from "../provider/component/decision";
import { repoRoot } from "./repo-root";

/** The heading the generated section starts with, and the heading of the section after it. */
export const SECTION_START = "## Rules, one per code\n";
export const SECTION_END = "## The guide, sentence by sentence\n";

const METHOD_WORDS = { domain: "domain", identity: "sender identity", either: "either method" };

const KIND_HEADINGS: readonly [DecisionRule["kind"], string][] = [
  ["reason", "Reasons"],
  ["warning", "Warnings"],
  ["blocker", "Blockers"],
  ["note", "Notes"],
];

/** The section docs/decision-table.md holds, verbatim, for one rule. */
export function renderRule(rule: DecisionRule): string {
  const kind = rule.kind[0].toUpperCase() + rule.kind.slice(1);
  const source = rule.source === "guide" ? "the guide" : "this project (the guide is silent)";
  return [
    `#### \`${rule.code}\``,
    "",
    `${kind} · ${METHOD_WORDS[rule.method]} · rule from ${source}`,
    "",
    `- **When:** ${rule.when}`,
    `- **Outcome:** ${rule.outcome}`,
    ...(rule.rationale === undefined ? [] : [`- **Why:** ${rule.rationale}`]),
    ...rule.guide.map((quote) => `- **Guide:** “${quote}”`),
  ].join("\n");
}

/** The whole generated section, from its heading to the blank line before the next section. */
export function renderRulesSection(rules: readonly DecisionRule[] = DECISION_RULES): string {
  const parts = [
    SECTION_START,
    "Generated from `DECISION_RULES` by `npm run docs:decision-table`; a test fails if this section differs from the code.\n",
  ];
  for (const [kind, heading] of KIND_HEADINGS) {
    parts.push(`### ${heading}\n`);
    for (const rule of rules.filter((row) => row.kind === kind))
      parts.push(`${renderRule(rule)}\n`);
  }
  return `${parts.join("\n")}\n`;
}

/** The page with its generated section replaced by {@link renderRulesSection}. */
export function renderDecisionPage(page: string): string {
  const start = page.indexOf(SECTION_START);
  const end = page.indexOf(SECTION_END, start);
  if (start === -1 || end === -1) {
    throw new Error(
      `docs/decision-table.md must hold "${SECTION_START.trim()}" and then "${SECTION_END.trim()}"`,
    );
  }
  return page.slice(0, start) + renderRulesSection() + page.slice(end);
}

export function decisionTablePath(root: string = repoRoot()): string {
  return path.join(root, "docs", "decision-table.md");
}

function main(): void {
  const file = decisionTablePath();
  const page = fs.readFileSync(file, "utf8");
  const next = renderDecisionPage(page);
  if (next !== page) {
    fs.writeFileSync(file, next);
    process.stdout.write("docs-decision-table: wrote docs/decision-table.md\n");
  }
}

if (require.main === module) {
  try {
    main();
  } catch (error: unknown) {
    process.stderr.write(
      `docs-decision-table: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
