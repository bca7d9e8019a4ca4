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
export * from "./types";
