/**
 * The "Rules, one per code" section of docs/decision-table.md is what `npm run docs:decision-table`
 * writes from the decision table the engine applies.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  decisionTablePath,
  renderDecisionPage,
  renderRulesSection,
} from "../../scripts/docs-decision-table";

describe("docs/decision-table.md", () => {
  it("holds the generated rules section, unchanged", () => {
    const page = fs.readFileSync(decisionTablePath(), "utf8");
    expect(page, "run `npm run docs:decision-table`").toBe(renderDecisionPage(page));
    expect(page).toContain(renderRulesSection());
  });

  it("the generator replaces a stale section", () => {
    const page = fs.readFileSync(decisionTablePath(), "utf8");
    const stale = page.replace("#### `low-volume`", "#### `low-volumes`");
    expect(stale).not.toBe(page);
    expect(renderDecisionPage(stale)).toBe(page);
  });
});
