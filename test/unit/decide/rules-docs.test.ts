import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BLOCKER_CODES,
  CLIENT_ATTRIBUTE_NAMES,
  DECISION_CODES,
  DECISION_RULES,
  DEFAULT_CLIENT_ATTRIBUTES,
  DEFAULT_DECISION_POLICY,
  REASON_CODES,
  WARNING_CODES,
} from "../../../provider/component/decision";
import { PLAN_LIMITS_GUIDE } from "../../../provider/component/plan-limits";
import { renderRule } from "../../../scripts/docs-decision-table";
import { GUIDE_CASES, ISSUE_CASES } from "./cases-guide";
import { INVALID_CASES } from "./cases-invalid";
import { OVERRIDE_CASES, VOLUME_BAND_CASES } from "./cases-volume-override";
import { decide, kebab } from "./support";

/** Every input of the case tables (cases-*.ts); the dead-code test runs them all. */
const ALL_CASES = [
  ...ISSUE_CASES,
  ...GUIDE_CASES,
  ...VOLUME_BAND_CASES,
  ...OVERRIDE_CASES,
  ...INVALID_CASES,
];

// ---------------------------------------------------------------------------------------------
// The decision table itself
// ---------------------------------------------------------------------------------------------

describe("DECISION_RULES", () => {
  it("has one rule per code, in code order, of the right kind", () => {
    expect(DECISION_RULES.map((r) => r.code)).toEqual(DECISION_CODES);
    const kindOf = (code: string) =>
      (REASON_CODES as readonly string[]).includes(code)
        ? "reason"
        : (WARNING_CODES as readonly string[]).includes(code)
          ? "warning"
          : (BLOCKER_CODES as readonly string[]).includes(code)
            ? "blocker"
            : "note";
    for (const rule of DECISION_RULES) expect(rule.kind).toBe(kindOf(rule.code));
    expect(new Set(DECISION_CODES).size).toBe(DECISION_CODES.length);
    for (const code of DECISION_CODES) expect(code).toMatch(kebab);
  });

  it("quotes the guide for guide rules and explains project rules", () => {
    for (const rule of DECISION_RULES) {
      if (rule.source === "guide") expect(rule.guide.length, rule.code).toBeGreaterThan(0);
      else expect(rule.rationale, rule.code).toBeTruthy();
      for (const quote of rule.guide) {
        expect(quote, rule.code).toBe(quote.trim());
        expect(quote, rule.code).not.toMatch(/["“”]/);
      }
    }
  });

  it("no dead codes: every code is produced by some input of the tables above", () => {
    const seen = new Set<string>();
    for (const c of ALL_CASES) {
      const d = decide(c.attributes, c.policy);
      for (const note of [...d.reasons, ...d.warnings, ...d.blockers, ...d.notes]) {
        seen.add(note.code);
      }
    }
    expect([...DECISION_CODES].filter((code) => !seen.has(code))).toEqual([]);
  });

  it("exports the documented defaults", () => {
    expect(DEFAULT_DECISION_POLICY).toEqual({
      lowVolumeBelow: 2000,
      highVolumeAbove: 3000,
      withinBand: "domain",
    });
    expect(DEFAULT_CLIENT_ATTRIBUTES).toEqual({
      dnsAccess: false,
      dataIsolation: false,
      clientAccess: false,
      domainReputation: false,
      dmarcPolicy: "unknown",
      strictDmarcPlanned: false,
      domainVerified: false,
    });
    expect(CLIENT_ATTRIBUTE_NAMES).toEqual([
      "monthlyVolume",
      "dnsAccess",
      "dataIsolation",
      "clientAccess",
      "domainReputation",
      "dmarcPolicy",
      "strictDmarcPlanned",
      "domainVerified",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// docs/decision-table.md is checked against the code
// ---------------------------------------------------------------------------------------------

describe("docs/decision-table.md", () => {
  const docs = readFileSync(join(__dirname, "../../../docs/decision-table.md"), "utf8");

  it.each(DECISION_RULES.map((rule) => [rule.code, rule] as const))(
    "holds the rule for %s verbatim",
    (_code, rule) => {
      expect(docs).toContain(renderRule(rule));
    },
  );

  // “Curly quotes” mark the guide's exact words. The sentence-by-sentence section quotes all of the
  // guide; everywhere else a quote must come from a sentence the code quotes too.
  const coverageStart = docs.indexOf("## The guide, sentence by sentence");
  const coverageEnd = docs.indexOf("\n## ", coverageStart + 1);
  const coverage = docs.slice(coverageStart, coverageEnd);
  const rest = docs.slice(0, coverageStart) + docs.slice(coverageEnd);

  it("quotes the guide, outside its sentence-by-sentence section, only where the code does", () => {
    const known = [...DECISION_RULES.flatMap((rule) => rule.guide), ...PLAN_LIMITS_GUIDE];
    // A quote may wrap across lines.
    const quotes = [...rest.matchAll(/“([^”]+)”/g)].map((m) => m[1].replace(/\s+/g, " "));
    expect(quotes.length).toBeGreaterThan(DECISION_RULES.length);
    for (const quote of quotes) {
      expect(
        known.some((sentence) => sentence.includes(quote)),
        quote,
      ).toBe(true);
    }
  });

  it("accounts, sentence by sentence, for every sentence the code quotes", () => {
    expect(coverageStart).toBeGreaterThan(0);
    for (const rule of DECISION_RULES) {
      for (const quote of rule.guide) {
        const row = coverage.split("\n").find((line) => line.startsWith(`- “${quote}” → `));
        expect(row, quote).toBeDefined();
        if (rule.code !== "method-override") expect(row, quote).toContain(`\`${rule.code}\``);
      }
    }
    for (const quote of PLAN_LIMITS_GUIDE) expect(coverage).toContain(`- “${quote}” → `);
  });

  it("names only codes that exist", () => {
    const named = [...docs.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((m) => m[1]);
    const allowed = new Set<string>([...DECISION_CODES, "pulumi-mailersend"]);
    const planCodes =
      /^(invalid-plan|invalid-plan-settings|invalid-client|domain-limit-exceeded|identity-limit-exceeded|limit-undocumented)$/;
    expect(named.filter((code) => !allowed.has(code) && !planCodes.test(code))).toEqual([]);
  });

  it("its worked examples are what the code returns", () => {
    const section = docs.slice(docs.indexOf("## Worked examples"));
    const end = section.indexOf("\n## ", 1);
    const blocks = [
      ...(end === -1 ? section : section.slice(0, end)).matchAll(/```json\n([\s\S]*?)```/g),
    ].map((m) => JSON.parse(m[1]) as unknown);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    expect(blocks.length % 2).toBe(0);
    for (let i = 0; i < blocks.length; i += 2) {
      const input = blocks[i] as { attributes: unknown; policy?: unknown };
      expect(decide(input.attributes, input.policy)).toEqual(blocks[i + 1]);
    }
  });
});
