/**
 * The decision table: every code {@link decideSendingMethod} can produce, one row each, in the
 * order of {@link DECISION_CODES}, and {@link applyRules}, how the engine asks the rows for their
 * notes. docs/decision-table.md is generated from this table (`npm run docs:decision-table`).
 */

import { BLOCKER_RULES, NOTE_RULES } from "./rules-blockers-notes";
import { REASON_RULES } from "./rules-reasons";
import { WARNING_RULES } from "./rules-warnings";
import type {
  DecisionCode,
  DecisionNote,
  DecisionPolicy,
  DecisionRule,
  Facts,
  RuleStep,
} from "./types";

/** Every row of the decision table, in {@link DECISION_CODES} order. */
export const DECISION_RULES: readonly DecisionRule[] = [
  ...REASON_RULES,
  ...WARNING_RULES,
  ...BLOCKER_RULES,
  ...NOTE_RULES,
];

/** The notes the rows produce at one step of the engine, in table order. */
export function applyRules<C extends DecisionCode>(
  step: RuleStep,
  facts: Facts,
  policy: DecisionPolicy,
): DecisionNote<C>[] {
  const notes: DecisionNote<C>[] = [];
  for (const rule of DECISION_RULES) {
    const message = rule.produce?.[step]?.(facts, policy);
    if (message !== undefined) notes.push({ code: rule.code as C, message });
  }
  return notes;
}

/** A domain signal's words when a sender identity stands in for the domain (`no-dns-access`). */
export function standInWords(code: DecisionCode, facts: Facts, policy: DecisionPolicy): string {
  const rule = DECISION_RULES.find((row) => row.code === code);
  return rule?.standIn?.(facts, policy) ?? code;
}
