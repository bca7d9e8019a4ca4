/**
 * The engine of the sending-method decision: reads the inputs (read-input.ts), asks the decision
 * table (rules.ts) for its notes step by step, and chooses the method.
 *
 * Pure TypeScript: no I/O, no Pulumi, no clock, no randomness. {@link decideSendingMethod} is total:
 * it never throws, and invalid inputs come back as blockers that name the attribute.
 */

import { joinWords } from "../words";
import { readAttributes, readPolicy } from "./read-input";
import { applyRules, standInWords } from "./rules";
// The code lists and types named one by one; the public entry (provider/index.ts) re-exports the
// same names on purpose, so the two lists look alike.
import {
  BLOCKER_CODES,
  NOTE_CODES,
  REASON_CODES,
  WARNING_CODES,
  type BlockerCode,
  type ClientAttributes,
  type Decision,
  type DecisionCode,
  type DecisionNote,
  type DecisionPolicy,
  type NoteCode,
  type ReasonCode,
  type SendingMethod,
  type WarningCode,
} from "./types";

function byOrder<C extends DecisionCode>(order: readonly C[]) {
  return (a: DecisionNote<C>, b: DecisionNote<C>) => order.indexOf(a.code) - order.indexOf(b.code);
}

const METHOD_WORDS: Record<SendingMethod, string> = {
  domain: "a domain",
  identity: "a sender identity",
};

/**
 * Decide how one client's mail should be sent.
 *
 * Order of the decision (docs/decision-table.md has it in plain words, with the guide's sentences):
 * 1. Invalid inputs become blockers (`invalid-*`, `unknown-attribute`); the rest of the decision
 *    runs on what remains valid, so every problem is reported at once.
 * 2. Reasons that ask for a domain: already verified, data isolation, client access, p=reject,
 *    a strict DMARC plan, domain reputation, volume above the band, volume inside the band (policy).
 *    None: a sender identity (`low-volume`, or `volume-in-band` with `withinBand: "identity"`).
 * 3. A domain needs DNS access unless it is already verified. Without it, a sender identity stands
 *    in as the guide's temporary solution (`no-dns-access`) unless an identity is impossible too
 *    (p=reject, data isolation, client access): then the decision is blocked.
 * 4. `policy.override` replaces the method; it never removes the forced method's blockers.
 * 5. The method's consequences are added: warnings and notes for an identity, notes for a new domain.
 *
 * Total and pure: never throws, same input gives the same output.
 */
export function decideSendingMethod(
  attributes: ClientAttributes,
  policy?: Partial<DecisionPolicy>,
): Decision {
  const inputBlockers: DecisionNote<BlockerCode>[] = [];
  const settings = readPolicy(policy, inputBlockers);
  const facts = readAttributes(attributes, settings, inputBlockers);

  // The recommendation, without the override.
  const signals = applyRules<ReasonCode>("domain-signal", facts, settings);
  const domainImpossible = applyRules<BlockerCode>("domain-blocker", facts, settings);
  const identityImpossible = applyRules<BlockerCode>("identity-blocker", facts, settings);
  let recommended: SendingMethod;
  let recommendedReasons: DecisionNote<ReasonCode>[];
  let fallbackBlocked = false;
  if (signals.length === 0) {
    recommended = "identity";
    recommendedReasons = applyRules<ReasonCode>("identity-reason", facts, settings);
  } else if (domainImpossible.length === 0) {
    recommended = "domain";
    recommendedReasons = signals;
  } else if (identityImpossible.length === 0) {
    recommended = "identity";
    const wanted = signals.map((signal) => standInWords(signal.code, facts, settings));
    recommendedReasons = [
      {
        code: "no-dns-access",
        message: `A domain is recommended (${joinWords(wanted)}), but no one can change the client's DNS records now (dnsAccess: false), so a sender identity is used as a temporary solution until they can be changed, as MailerSend suggests.`,
      },
    ];
  } else {
    // Neither method can work: report the domain the reasons ask for, and why both are blocked.
    recommended = "domain";
    recommendedReasons = signals;
    fallbackBlocked = true;
  }

  const forced = settings.overrideSet ? settings.override : undefined;
  const method = forced ?? recommended;
  const reasons: DecisionNote<ReasonCode>[] = [];
  const warnings: DecisionNote<WarningCode>[] = [];
  const blockers: DecisionNote<BlockerCode>[] = [...inputBlockers];

  if (forced === undefined) {
    reasons.push(...recommendedReasons);
  } else if (forced === recommended) {
    reasons.push(
      {
        code: "method-override",
        message: `The method is set explicitly to "${forced}" (policy.override), which is also the recommendation.`,
      },
      ...recommendedReasons,
    );
  } else {
    reasons.push({
      code: "method-override",
      message: `The method is set explicitly to "${forced}" (policy.override); without it the recommendation would be "${recommended}".`,
    });
    const why = recommendedReasons.map((reason) => reason.code);
    warnings.push({
      code: "override-against-recommendation",
      message: `The override chooses ${METHOD_WORDS[forced]} although ${METHOD_WORDS[recommended]} is recommended${why.length > 0 ? ` (${why.join(", ")})` : ""}: check that the override is still wanted.`,
    });
  }

  let notes: DecisionNote<NoteCode>[];
  if (method === "identity") {
    warnings.push(...applyRules<WarningCode>("identity-warning", facts, settings));
    blockers.push(...identityImpossible);
    notes = applyRules<NoteCode>("identity-note", facts, settings);
  } else {
    blockers.push(...domainImpossible);
    if (fallbackBlocked && forced === undefined) blockers.push(...identityImpossible);
    notes = applyRules<NoteCode>("domain-note", facts, settings);
  }

  return {
    method,
    reasons: reasons.sort(byOrder(REASON_CODES)),
    warnings: warnings.sort(byOrder(WARNING_CODES)),
    blockers: blockers.sort(byOrder(BLOCKER_CODES)),
    notes: notes.sort(byOrder(NOTE_CODES)),
  };
}
