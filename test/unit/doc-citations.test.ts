/**
 * The code cites only the repository's own documents: every `docs/<page>.md §N.N` in provider/,
 * emulator/, test/, scripts/ and bench/ names a section that exists on that page, and nothing
 * cites a document the repository does not hold.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const FILES = execFileSync(
  "git",
  ["ls-files", "provider", "emulator", "test", "scripts", "bench", "vitest.config.mts"],
  { cwd: ROOT, encoding: "utf8" },
)
  .split("\n")
  .filter((file) => /\.(ts|mts|js|md|sh)$/.test(file) && fs.existsSync(path.join(ROOT, file)));

/** The section numbers of a page: `## 2. Errors` → "2", `### 2.3 Rate limits` → "2.3". */
function sections(page: string): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, "docs", page), "utf8");
  return new Set([...text.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.? /gm)].map((m) => m[1]));
}

describe("citations in the code", () => {
  it("every docs/<page>.md §N.N names an existing section", () => {
    const pages = new Map<string, Set<string>>();
    const broken: string[] = [];
    let count = 0;
    for (const file of FILES) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const match of text.matchAll(/docs\/([\w-]+\.md) §(\d+(?:\.\d+)*)/g)) {
        count++;
        const [, page, section] = match;
        if (!pages.has(page)) {
          pages.set(
            page,
            fs.existsSync(path.join(ROOT, "docs", page)) ? sections(page) : new Set(),
          );
        }
        if (!pages.get(page)!.has(section)) broken.push(`${file}: docs/${page} §${section}`);
      }
    }
    expect(count).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it("nothing cites a document outside the repository", () => {
    const outside =
      /(?<![\w/])(?:reference\/)?(?:mailersend-api|pulumi-dynamic-providers|peer-providers|code-style-anchors)\.md|DESIGN\.md|\/work\/shared|\breference §/;
    const found = FILES.filter((file) => file !== "test/unit/doc-citations.test.ts").flatMap(
      (file) =>
        fs
          .readFileSync(path.join(ROOT, file), "utf8")
          .split("\n")
          .map((line, index) => ({ line, where: `${file}:${index + 1}` }))
          .filter(({ line }) => outside.test(line.replace(/docs\/[\w-]+\.md/g, "")))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
