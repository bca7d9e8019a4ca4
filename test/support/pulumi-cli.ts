// Engine-test support: finding the Pulumi CLI (pulumi.ts re-exports all of it). It comes from PATH
// or from the per-machine cache that scripts/ensure-pulumi.sh fills; when neither has it,
// findPulumi() THROWS: engine tests fail, they never skip.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** The Pulumi CLI version scripts/ensure-pulumi.sh builds. */
export const PULUMI_VERSION = "3.274.1";

/** The repository root (this file is test/support/pulumi-cli.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const ENSURE_SCRIPT = "scripts/ensure-pulumi.sh";
const BUNDLED_EXECUTABLES = [
  "pulumi",
  "pulumi-language-nodejs",
  "pulumi-resource-pulumi-nodejs",
] as const;

export interface PulumiInstallation {
  /** Directory holding `pulumi` and the bundled plugins; put it first on PATH. */
  binDir: string;
  /** Absolute path of the `pulumi` executable. */
  pulumi: string;
  /** "path": found on PATH; "cache": the directory scripts/ensure-pulumi.sh builds into. */
  source: "path" | "cache";
}

/** The cache bin directory scripts/ensure-pulumi.sh uses (same environment variables). */
export function pulumiCacheBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheRoot =
    env.PULUMI_MAILERSEND_CACHE ||
    path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-mailersend");
  return path.join(cacheRoot, `pulumi-v${PULUMI_VERSION}`, "bin");
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

let cachedInstallation: PulumiInstallation | undefined;

/**
 * Locates the Pulumi CLI: `pulumi` plus `pulumi-language-nodejs` on PATH, else the cache directory
 * of scripts/ensure-pulumi.sh. Throws (naming the script) when neither is usable, or when the
 * cached language host was built from older sources than tools/pulumi-language-nodejs.
 */
export function findPulumi(env: NodeJS.ProcessEnv = process.env): PulumiInstallation {
  if (cachedInstallation && env === process.env) return cachedInstallation;
  const cacheBin = pulumiCacheBinDir(env);
  let found: PulumiInstallation | undefined;

  const onPath = findOnPath("pulumi", env);
  if (
    onPath &&
    !env.PULUMI_MAILERSEND_IGNORE_PATH &&
    path.dirname(fs.realpathSync(onPath)) !== safeRealpath(cacheBin) &&
    findOnPath("pulumi-language-nodejs", env)
  ) {
    found = { binDir: path.dirname(onPath), pulumi: onPath, source: "path" };
  } else if (BUNDLED_EXECUTABLES.every((exe) => isExecutable(path.join(cacheBin, exe)))) {
    const stampFile = path.join(cacheBin, ".build-stamp");
    const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8") : "";
    const built = /^host-source-sha256=([0-9a-f]+)$/m.exec(stamp)?.[1];
    const current = sha256File(path.join(REPO_ROOT, "tools", "pulumi-language-nodejs", "main.go"));
    if (built !== current) {
      throw new Error(
        `The Pulumi language host in ${cacheBin} was built from other sources than ` +
          `tools/pulumi-language-nodejs/main.go. Run \`${ENSURE_SCRIPT}\` to rebuild it.`,
      );
    }
    found = { binDir: cacheBin, pulumi: path.join(cacheBin, "pulumi"), source: "cache" };
  }

  if (!found) {
    throw new Error(
      `The Pulumi CLI is not available: no \`pulumi\` with \`pulumi-language-nodejs\` on PATH and ` +
        `nothing in ${cacheBin}. Run \`${ENSURE_SCRIPT}\` (it builds the CLI once per machine ` +
        `and prints its bin directory; \`PATH="$(${ENSURE_SCRIPT}):$PATH"\`), or install the ` +
        `Pulumi CLI (https://www.pulumi.com/docs/install/).`,
    );
  }
  if (env === process.env) cachedInstallation = found;
  return found;
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}
