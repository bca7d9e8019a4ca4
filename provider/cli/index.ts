/**
 * The `pulumi-mailersend` command (bin/pulumi-mailersend.js runs {@link runCli}).
 *
 *   pulumi preview --json --show-sames > preview.json
 *   npx pulumi-mailersend plan-summary preview.json --fail-on blocker,domain-delete > summary.md
 *   npx pulumi-mailersend emulator --verified-domain mail.agency.com
 *
 * plan-summary's exit codes: 0 the summary was written; 2 it was written and a `--fail-on` finding
 * is in the plan; 1 the command line or the input is wrong (the message says which and what is
 * allowed). `emulator` is emulator/cli.ts, loaded only when asked for (its web server, fastify, is
 * an optional peer dependency).
 */
import fs from "node:fs";
import path from "node:path";
import {
  DEFAULT_TITLE,
  FAIL_ON_CHOICES,
  PreviewInputError,
  failureReasons,
  parsePreview,
  summarisePlan,
  type FailOn,
} from "./plan-summary";
import { scrubText } from "./preview";
import { PulumiCommandFailed, recover } from "./recover";
import { redactSecrets } from "../api/redact";

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_FAIL_ON = 2;

/** Where the command reads and writes; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Relative file names resolve against it (default: the process's working directory). */
  cwd?: string;
}

const COMMANDS = ["emulator", "plan-summary", "recover"] as const;

const MAIN_HELP = `Usage: pulumi-mailersend <command> [options]

Commands:
  emulator       Run a MailerSend API emulator on loopback and print how to point a stack at it.
  plan-summary   Summarise \`pulumi preview --json\` for a pull request, MailerSend's risks first.
  recover        After a killed \`pulumi up\` and \`pulumi cancel\`: delete what it created that the
                 stack does not hold, and clear its pending creates (docs/recovery.md).

Run \`pulumi-mailersend <command> --help\` for a command's options.
`;

const PLAN_SUMMARY_HELP = `Usage: pulumi-mailersend plan-summary [<preview.json> | -] [options]

Reads the JSON document \`pulumi preview --json\` prints (from the file, or from stdin when no file
or \`-\` is given) and writes a Markdown summary for reviewers: what needs attention first
(blockers, domain and token replacements or deletions, identity deletions, method switches, DNS
records to publish, identity confirmations pending, the decision's warnings), then one row per
client, then the resources outside any client. Secret values are never printed. Add
\`--show-sames\` to the preview so unchanged clients are listed too.

Options:
  --fail-on <list>  Exit with code 2 when the plan has any of these (comma-separated):
                    ${FAIL_ON_CHOICES.join(", ")}
  --output <file>   Write the Markdown to <file> instead of stdout (- is stdout).
  --title <text>    The heading (default "${DEFAULT_TITLE}").
  -h, --help        Show this help.

Exit codes: 0 summary written; 2 summary written and a --fail-on finding is in the plan;
1 bad command line or input.
`;

const RECOVER_HELP = `Usage: pulumi-mailersend recover [--stack <name>] [--cwd <dir>] [--dry-run]

Run in the Pulumi project, after \`pulumi cancel\`, when a \`pulumi up\` was killed. Reads the
stack's pending creates, deletes the objects MailerSend holds for them that the stack does not
(orphans: a token's value is lost for good), then clears the pending creates with
\`pulumi refresh --yes --clear-pending-creates\`. Then run \`pulumi up\`. See docs/recovery.md.

The API key comes from MAILERSEND_API_KEY or the stack config (mailersend:apiKey).

Options:
  --stack <name>  The stack (default: the selected one).
  --cwd <dir>     The Pulumi project directory (default: the working directory).
  --dry-run       Only print what would be deleted; change nothing.
  -h, --help      Show this help.
`;

async function recoverCommand(args: readonly string[], io: CliIo): Promise<number> {
  let stack: string | undefined;
  let cwd = io.cwd;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "-h" || arg === "--help") {
      io.stdout.write(RECOVER_HELP);
      return EXIT_OK;
    }
    if (arg === "--dry-run") dryRun = true;
    else if ((arg === "--stack" || arg === "--cwd") && args[i + 1] !== undefined) {
      if (arg === "--stack") stack = args[++i];
      else cwd = path.resolve(io.cwd ?? process.cwd(), args[++i]!);
    } else {
      io.stderr.write(
        `recover: unknown or incomplete option "${arg}"; the options are --stack <name>, ` +
          "--cwd <dir>, --dry-run.\n",
      );
      return EXIT_ERROR;
    }
  }
  try {
    await recover({ stack, cwd, dryRun, out: (line) => io.stdout.write(`${line}\n`) });
    return EXIT_OK;
  } catch (error) {
    const text =
      error instanceof PulumiCommandFailed || !(error instanceof Error)
        ? String(error instanceof Error ? error.message : error)
        : error.message;
    io.stderr.write(`recover: ${redactSecrets(text)}\n`);
    return EXIT_ERROR;
  }
}

/** A mistake on the command line or in the input: printed as is, exit code 1. */
class UsageError extends Error {}

interface PlanSummaryArgs {
  input?: string;
  failOn: FailOn[];
  output?: string;
  title?: string;
  help: boolean;
}

const OPTIONS_WITH_VALUES = ["--fail-on", "--output", "--title"] as const;

function parseArgs(args: readonly string[]): PlanSummaryArgs {
  const result: PlanSummaryArgs = { failOn: [], help: false };
  const inputs: string[] = [];
  let onlyFiles = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyFiles || arg === "-" || !arg.startsWith("-")) {
      inputs.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyFiles = true;
      continue;
    }
    if (arg === "-h" || arg === "--help") {
      result.help = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(OPTIONS_WITH_VALUES as readonly string[]).includes(name)) {
      throw new UsageError(
        `unknown option ${name}; the options are ${OPTIONS_WITH_VALUES.join(", ")} and --help.`,
      );
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1].startsWith("--")) value = args[++i];
    if (value === undefined || value === "") throw new UsageError(`${name} needs a value.`);
    if (name === "--fail-on") {
      for (const choice of value.split(",").map((c) => c.trim())) {
        if (choice === "") continue;
        if (!(FAIL_ON_CHOICES as readonly string[]).includes(choice)) {
          throw new UsageError(
            `unknown --fail-on value "${choice}"; allowed: ${FAIL_ON_CHOICES.join(", ")}.`,
          );
        }
        if (!result.failOn.includes(choice as FailOn)) result.failOn.push(choice as FailOn);
      }
    } else if (name === "--output") {
      result.output = value;
    } else {
      result.title = value;
    }
  }
  if (inputs.length > 1) {
    throw new UsageError(
      `expected one input file (or - for stdin), got ${inputs.length}: ${inputs.join(", ")}.`,
    );
  }
  if (inputs.length === 1 && inputs[0] !== "-") result.input = inputs[0];
  return result;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString("utf8");
}

function readInput(file: string, cwd: string): string {
  try {
    return fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}.`);
  }
}

async function planSummary(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  if (options.help) {
    io.stdout.write(PLAN_SUMMARY_HELP);
    return EXIT_OK;
  }
  const cwd = io.cwd ?? process.cwd();
  let text: string;
  let source: string;
  if (options.input !== undefined) {
    text = readInput(options.input, cwd);
    source = options.input;
  } else {
    if (io.stdin.isTTY) {
      throw new UsageError(
        "no input: give the file `pulumi preview --json` wrote, or pipe it in " +
          "(`pulumi preview --json | pulumi-mailersend plan-summary`).",
      );
    }
    text = await readStream(io.stdin);
    source = "stdin";
  }
  let summary;
  try {
    summary = summarisePlan(parsePreview(text, source), { title: options.title });
  } catch (error) {
    if (error instanceof PreviewInputError) throw new UsageError(error.message);
    throw error;
  }
  if (options.output !== undefined && options.output !== "-") {
    try {
      fs.writeFileSync(path.resolve(cwd, options.output), summary.markdown);
    } catch (error) {
      throw new UsageError(`cannot write ${options.output}: ${(error as Error).message}.`);
    }
  } else {
    io.stdout.write(summary.markdown);
  }
  const reasons = failureReasons(summary, options.failOn);
  if (reasons.length > 0) {
    io.stderr.write(
      `plan-summary: exit code 2 (--fail-on ${options.failOn.join(",")}):\n` +
        reasons.map((r) => `  - ${r}\n`).join(""),
    );
    return EXIT_FAIL_ON;
  }
  return EXIT_OK;
}

/** Runs the command with `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr.write(MAIN_HELP);
    return EXIT_ERROR;
  }
  if (command === "-h" || command === "--help" || command === "help") {
    io.stdout.write(MAIN_HELP);
    return EXIT_OK;
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    io.stderr.write(
      `pulumi-mailersend: unknown command "${command}"; the commands are: ${COMMANDS.join(", ")}.\n`,
    );
    return EXIT_ERROR;
  }
  if (command === "emulator") {
    const { runEmulatorCommand } = await import("../../emulator/cli");
    return runEmulatorCommand(rest, io);
  }
  if (command === "recover") return recoverCommand(rest, io);
  try {
    return await planSummary(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(
        `plan-summary: ${error.message}\nRun \`pulumi-mailersend plan-summary --help\` for the usage.\n`,
      );
      return EXIT_ERROR;
    }
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`plan-summary: unexpected error: ${scrubText(text, [])}\n`);
    return EXIT_ERROR;
  }
}

function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/** The entry point of bin/pulumi-mailersend.js: runs with the process's arguments and streams. */
export function runCli(argv: readonly string[] = process.argv.slice(2)): void {
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}
