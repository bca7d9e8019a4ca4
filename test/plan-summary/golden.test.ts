/**
 * Every recorded `pulumi preview --json` fixture against its golden Markdown
 * (test/plan-summary/__golden__/<scenario>.md), exactly. After a deliberate change of the output,
 * rewrite them with `UPDATE_GOLDEN=1 npx vitest run test/plan-summary` and review the diff.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePreview, summarisePlan } from "../../provider/cli/plan-summary";
import { FIXTURES_DIR, GOLDEN_DIR, SCENARIOS, fixtureText, runCli } from "./support";

const UPDATE = process.env.UPDATE_GOLDEN === "1";

describe("golden Markdown", () => {
  it("has a fixture for every scenario and no other", () => {
    const files = fs
      .readdirSync(FIXTURES_DIR)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.replace(/\.json$/, ""))
      .sort();
    expect(files).toEqual([...SCENARIOS].sort());
  });

  it("the fixtures carry no machine's details and no token", () => {
    for (const scenario of SCENARIOS) {
      const text = fixtureText(scenario);
      expect(text, scenario).not.toMatch(/mlsn\.|\/work\/|plan-summary-fixtures-|\/home\//);
      expect(text.match(/127\.0\.0\.1:\d+/g) ?? [], scenario).toSatisfy((hosts: string[]) =>
        hosts.every((h) => h === "127.0.0.1:4010"),
      );
    }
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario}: summarisePlan equals __golden__/${scenario}.md`, () => {
      const { markdown } = summarisePlan(parsePreview(fixtureText(scenario)));
      const golden = path.join(GOLDEN_DIR, `${scenario}.md`);
      if (UPDATE) {
        fs.mkdirSync(GOLDEN_DIR, { recursive: true });
        fs.writeFileSync(golden, markdown);
      }
      expect(fs.existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(markdown).toBe(fs.readFileSync(golden, "utf8"));
    });
  }

  it("docs/plan-summary.md shows identity-to-domain.md as its sample, unchanged", () => {
    const docs = fs.readFileSync(path.join(__dirname, "../../docs/plan-summary.md"), "utf8");
    const start = docs.indexOf("```text\n## ");
    expect(start, "no ```text plan-summary sample in docs/plan-summary.md").toBeGreaterThan(0);
    const body = docs.slice(start + "```text\n".length);
    const sample = body.slice(0, body.indexOf("\n```\n") + 1);
    expect(sample).toBe(fs.readFileSync(path.join(GOLDEN_DIR, "identity-to-domain.md"), "utf8"));
  });

  it("the command prints the same Markdown as summarisePlan", async () => {
    const run = await runCli(["plan-summary", path.join(FIXTURES_DIR, "token-rotation.json")]);
    expect(run).toEqual({
      code: 0,
      stdout: fs.readFileSync(path.join(GOLDEN_DIR, "token-rotation.md"), "utf8"),
      stderr: "",
    });
  });
});
