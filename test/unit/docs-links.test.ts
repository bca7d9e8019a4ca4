/**
 * The README is a front page (under 40 KB) and every relative link in it and in docs/ leads to a
 * file of the repository (the reference moved to docs/, so a link left behind would be dead).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory())
      return relative === path.join("docs", "api") ? [] : markdownFiles(relative);
    return entry.name.endsWith(".md") ? [relative] : [];
  });
}

describe("the documentation", () => {
  it("README.md is a front page under 40 KB", () => {
    expect(fs.statSync(path.join(ROOT, "README.md")).size).toBeLessThan(40 * 1024);
  });

  it("every relative link leads to a file of the repository", () => {
    const files = ["README.md", "emulator/README.md", ...markdownFiles("docs")];
    const dead: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8").replace(/```[\s\S]*?```/g, "");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target)) continue;
        const resolved = path.join(ROOT, path.dirname(file), target.split("#")[0]);
        if (!fs.existsSync(resolved)) dead.push(`${file}: ${target}`);
      }
    }
    expect(dead).toEqual([]);
  });
});
