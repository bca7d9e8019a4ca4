/**
 * Shared by the decision's tests (test/unit/decide/*.test.ts): the call, the codes of a decision,
 * and the case shape the tables in cases-*.ts use.
 */
import { expect } from "vitest";
import {
  decideSendingMethod,
  type BlockerCode,
  type ClientAttributes,
  type Decision,
  type DecisionPolicy,
  type NoteCode,
  type ReasonCode,
  type SendingMethod,
  type WarningCode,
} from "../../../provider/component/decision";

// The decision function is total: tests feed it invalid values on purpose.
export const decide = (attributes: unknown, policy?: unknown): Decision =>
  decideSendingMethod(attributes as ClientAttributes, policy as Partial<DecisionPolicy>);

export const codesOf = (d: Decision) => ({
  method: d.method,
  reasons: d.reasons.map((n) => n.code),
  warnings: d.warnings.map((n) => n.code),
  blockers: d.blockers.map((n) => n.code),
  notes: d.notes.map((n) => n.code),
});

export const IDENTITY_NOTES: NoteCode[] = [
  "verify-each-address",
  "activity-via-tags",
  "tokens-not-scoped",
];
export const DOMAIN_NOTES: NoteCode[] = ["publish-dns-records", "dns-propagation"];

export interface Case {
  name: string;
  attributes: unknown;
  policy?: unknown;
  method: SendingMethod;
  reasons: ReasonCode[];
  warnings?: WarningCode[];
  blockers?: BlockerCode[];
  notes: NoteCode[];
}

export const expectCase = (c: Case) => {
  expect(codesOf(decide(c.attributes, c.policy))).toEqual({
    method: c.method,
    reasons: c.reasons,
    warnings: c.warnings ?? [],
    blockers: c.blockers ?? [],
    notes: c.notes,
  });
};

/** The rows `it.each` takes: each case under its own name. */
export const rows = (cases: readonly Case[]) => cases.map((c) => [c.name, c] as const);

// A client with nothing that asks for a domain, and a DMARC policy that raises no warning.
export const quiet = { monthlyVolume: 500, dmarcPolicy: "none" } as const;

export const kebab = /^[a-z]+(-[a-z]+)*$/;
