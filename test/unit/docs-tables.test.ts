/**
 * The Inputs and Outputs tables of every docs/resources/ page are what `npm run docs:tables`
 * writes from the code (zod schemas, diff tables, doc comments): a page that differs fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RESOURCES, changeText, renderPage, resourceTables } from "../../scripts/docs-tables";

const ROOT = path.resolve(__dirname, "../..");

describe("docs/resources/ tables are generated from the code", () => {
  it.each(RESOURCES.map((resource) => [resource.name, resource] as const))(
    "%s",
    async (_name, resource) => {
      const file = path.join(ROOT, "docs", "resources", `${resource.slug}.md`);
      const page = fs.readFileSync(file, "utf8");
      const expected = await renderPage(page, resourceTables(resource, ROOT), file);
      expect(page, `${file} differs from the code: run \`npm run docs:tables\``).toBe(expected);
      // Every input of the schema has its row.
      for (const input of Object.keys(resource.schema.shape)) {
        expect(page).toContain(`| \`${input}\``);
      }
    },
  );

  it("says what a change does from the diff table, unique keys included", () => {
    const table = {
      fields: { name: "replace", label: "replace", note: "update", adopt: "ignore" },
      uniqueKey: ["name"],
    } as const;
    expect(changeText(table, "name")).toBe("replace, new created first");
    expect(changeText(table, "label")).toBe("replace, old deleted first");
    expect(changeText(table, "note")).toBe("update");
    expect(changeText(table, "adopt")).toBe("no effect");
    expect(changeText({ ...table, neverDeleteFirst: true }, "label")).toBe(
      "replace, new created first",
    );
  });
});
