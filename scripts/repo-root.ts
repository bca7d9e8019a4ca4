import fs from "node:fs";
import path from "node:path";

/**
 * The repository root: the nearest folder above `from` whose package.json is this package's.
 * The scripts run both from `scripts/` (tests load them through vitest) and compiled from
 * `dist/scripts/`, so a fixed number of `..` would be wrong in one of the two.
 */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-mailersend"
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir)
      throw new Error(`no pulumi-mailersend package.json above ${from}`);
  }
}
