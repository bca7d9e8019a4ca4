// Shared by the plan-summary tests: the recorded fixtures (scripts/record-plan-fixtures.ts) and
// an in-memory run of the command.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { main } from "../../provider/cli/index";

export const FIXTURES_DIR = path.join(__dirname, "fixtures");
export const GOLDEN_DIR = path.join(__dirname, "__golden__");

/** Every scenario record-plan-fixtures records, in its order. */
export const SCENARIOS = [
  "initial-creation",
  "no-changes",
  "identity-to-domain",
  "identity-to-domain-plain",
  "identity-to-domain-keep-identities",
  "token-rotation",
  "domain-replacement",
  "domain-deletion",
  "agency-domain-replacement",
  "blocker",
  "plan-limit",
  "identity-confirmation",
] as const;

export type Scenario = (typeof SCENARIOS)[number];

export function fixturePath(scenario: Scenario): string {
  return path.join(FIXTURES_DIR, `${scenario}.json`);
}

export function fixtureText(scenario: Scenario): string {
  return fs.readFileSync(fixturePath(scenario), "utf8");
}

/** A fresh parsed copy of a fixture, to edit. */
export function fixtureJson(scenario: Scenario): Record<string, unknown> & {
  steps: Record<string, unknown>[];
  diagnostics: Record<string, unknown>[];
} {
  return JSON.parse(fixtureText(scenario));
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pulumi-mailersend <args>` in this process; `stdin` is piped in when given. */
export async function runCli(
  args: string[],
  options: { stdin?: string; tty?: boolean; cwd?: string } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const stdin = Object.assign(Readable.from(options.stdin === undefined ? [] : [options.stdin]), {
    isTTY: options.tty ?? false,
  });
  const code = await main(args, {
    stdin,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
