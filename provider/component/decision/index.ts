/**
 * Which sending method an agency should use for one client: the client's own authenticated domain,
 * or a sender identity (the client's address sent through the agency's authenticated domain).
 *
 * The rules come from MailerSend's guide "Sending emails for clients: domains vs. sender
 * identities". The decision table (rules.ts, one row per code with its condition, message and the
 * guide's exact sentences) is what the engine (engine.ts) applies to the inputs read by
 * read-input.ts; docs/decision-table.md is generated from the same table.
 */

export { decideSendingMethod } from "./engine";
export { DECISION_RULES } from "./rules";
export {
  BLOCKER_CODES,
  CLIENT_ATTRIBUTE_NAMES,
  DECISION_CODES,
  DEFAULT_CLIENT_ATTRIBUTES,
  DEFAULT_DECISION_POLICY,
  DMARC_POLICIES,
  NOTE_CODES,
  REASON_CODES,
  SENDING_METHODS,
  WARNING_CODES,
  type BlockerCode,
  type ClientAttributes,
  type Decision,
  type DecisionCode,
  type DecisionNote,
  type DecisionPolicy,
  type DecisionRule,
  type DecisionRuleKind,
  type DmarcPolicy,
  type NoteCode,
  type ReasonCode,
  type SendingMethod,
  type WarningCode,
} from "./types";
