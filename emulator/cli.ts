/**
 * The emulator's command line: `npx pulumi-mailersend emulator [options]` from the installed
 * package (provider/cli/index.ts hands the command over), `npm run emulator -- [options]` here.
 */
import { parseArgs } from "node:util";
import { startEmulator, type Emulator } from "./index";
import type { EmulatorOptions } from "./options";
import { PLANS, type Plan } from "./plans";

export const USAGE = `Usage: pulumi-mailersend emulator [options]
       (in a clone of the repository: npm run emulator -- [options])

Runs a MailerSend REST API v1 emulator on loopback until Ctrl-C, and prints its URL, its API key
and the \`pulumi config set\` commands that point a stack at it. Needs fastify (v5) installed
next to pulumi-mailersend: npm install --save-dev fastify@^5

Options:
  --port N                 TCP port (default 0: pick a free one)
  --host HOST              interface to bind (default 127.0.0.1)
  --api-key KEY            the account's API key (default: generated mlsn.<64 hex>)
  --verified-domain NAME   a domain on the account, already verified (repeatable): e.g. the
                           agency's domain that sender identities send from
  --plan PLAN              ${PLANS.join(" | ")} (default professional)
  --extra-domain-slots N   Starter domain add-on slots (default 0)
  --persist FILE           keep the account in FILE (shared with other processes using it)
  --rate-limit N|off       requests per minute (default 60)
  --daily-quota N|unlimited requests per UTC day (default by plan; unlimited reports -1)
  --creation-throttle N    at most N creates per minute, then 429 (default off)
  --no-retry-after         omit Retry-After on the per-minute 429
  --auto-verify-identities identities on a verified account domain start verified
  --foreign-domain NAME    a domain name owned by another account (repeatable)
  --seed N                 deterministic ids
  --help                   show this help

Exit codes: 0 stopped by Ctrl-C (or --help); 2 bad arguments, or it could not start.
`;

/** {@link EmulatorOptions} plus what only the command line does. */
export interface CliOptions extends EmulatorOptions {
  /** Domains created and verified on start (already there, from `--persist`: verified if not). */
  verifiedDomains?: string[];
}

/** Parses the command line into emulator options; throws with a readable message on bad input. */
export function parseCliOptions(argv: string[]): CliOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "api-key": { type: "string" },
      plan: { type: "string" },
      "extra-domain-slots": { type: "string" },
      persist: { type: "string" },
      "rate-limit": { type: "string" },
      "daily-quota": { type: "string" },
      "creation-throttle": { type: "string" },
      "no-retry-after": { type: "boolean" },
      "auto-verify-identities": { type: "boolean" },
      "foreign-domain": { type: "string", multiple: true },
      "verified-domain": { type: "string", multiple: true },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  const integer = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw))
      throw new Error(`--${name} must be a non-negative integer, got "${raw}".`);
    return Number(raw);
  };
  const plan = values.plan;
  if (plan !== undefined && !PLANS.includes(plan as Plan)) {
    throw new Error(`--plan must be one of ${PLANS.join(", ")}, got "${plan}".`);
  }
  const rateLimit = values["rate-limit"];
  const creates = integer("creation-throttle", values["creation-throttle"]);
  return {
    port: integer("port", values.port),
    host: values.host,
    apiKey: values["api-key"],
    plan: plan as Plan | undefined,
    extraDomainSlots: integer("extra-domain-slots", values["extra-domain-slots"]),
    persistPath: values.persist,
    rateLimit:
      rateLimit === undefined
        ? undefined
        : rateLimit === "off" || rateLimit === "0"
          ? false
          : { requests: integer("rate-limit", rateLimit) as number },
    dailyQuota:
      values["daily-quota"] === "unlimited"
        ? "unlimited"
        : integer("daily-quota", values["daily-quota"]),
    creationThrottle: creates === undefined ? undefined : { creates, windowMs: 60_000 },
    retryAfterHeader: values["no-retry-after"] ? false : undefined,
    autoVerifyIdentitiesOnVerifiedDomains: values["auto-verify-identities"],
    foreignDomains: values["foreign-domain"],
    seed: integer("seed", values.seed),
    verifiedDomains: values["verified-domain"],
  };
}

/** Creates (unless present) and verifies each domain, as its owner publishing the DNS records would. */
export function seedVerifiedDomains(emulator: Emulator, names: readonly string[]): void {
  for (const name of names) {
    try {
      if (!emulator.store.domains.get(name)) emulator.store.domains.create({ name });
      if (!emulator.store.domains.get(name)!.isVerified) emulator.store.verifyDomain(name);
    } catch (error) {
      const body = (error as { body?: { message?: string } }).body;
      throw new Error(`--verified-domain ${name}: ${body?.message ?? (error as Error).message}`);
    }
  }
}

/**
 * What the CLI prints once the server listens: the URL, the key, the verified domains, and lines to
 * paste: the stack's config (`mailersend:apiUrl`, `mailersend:apiKey` as a secret) or, for one
 * shell, the environment variables the provider also reads.
 */
export function describeEmulator(
  emulator: Emulator,
  verifiedDomains: readonly string[] = [],
): string {
  return [
    `MailerSend emulator listening on ${emulator.url}`,
    `API key: ${emulator.apiKey}`,
    ...(verifiedDomains.length > 0 ? [`Verified domains: ${verifiedDomains.join(", ")}`] : []),
    `Admin door: ${emulator.origin}/__emulator/state`,
    "",
    "Point a stack at it (in the stack's project directory):",
    `pulumi config set mailersend:apiUrl ${emulator.url}`,
    `pulumi config set mailersend:apiKey --secret ${emulator.apiKey}`,
    "",
    "Or, for this shell only:",
    `export MAILERSEND_API_URL=${emulator.url}`,
    `export MAILERSEND_API_KEY=${emulator.apiKey}`,
    "",
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}

/**
 * Starts the emulator from command-line arguments and prints how to use it. Returns the running
 * emulator (or undefined after --help); the caller decides when to close it.
 */
export async function main(
  argv: string[],
  out: (text: string) => void = (text) => process.stdout.write(text),
): Promise<Emulator | undefined> {
  const options = parseCliOptions(argv);
  if (options === "help") {
    out(USAGE);
    return undefined;
  }
  const { verifiedDomains = [], ...emulatorOptions } = options;
  const emulator = await startEmulator(emulatorOptions);
  try {
    seedVerifiedDomains(emulator, verifiedDomains);
  } catch (error) {
    await emulator.close();
    throw error;
  }
  out(describeEmulator(emulator, verifiedDomains));
  return emulator;
}

/** Where {@link runEmulatorCommand} writes. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * The whole command: starts the emulator, serves until SIGINT/SIGTERM, stops it. Resolves to the
 * exit code (0 after --help or a clean stop; 1 when stopping failed; 2 bad arguments or no start).
 */
export async function runEmulatorCommand(
  argv: string[],
  io: CommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let emulator: Emulator | undefined;
  try {
    emulator = await main(argv, (text) => io.stdout.write(text));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A mistake on the command line gets the usage; a failure to start (port taken, no fastify) not.
    const badArguments =
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") || message.startsWith("--");
    io.stderr.write(badArguments ? `${message}\n\n${USAGE}` : `${message}\n`);
    return 2;
  }
  if (!emulator) return 0;
  const running = emulator;
  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) process.exit(130); // a second Ctrl-C while closing: give up waiting
      stopping = true;
      running.close().then(
        () => {
          io.stdout.write(`Stopped (${signal}).\n`);
          done(0);
        },
        (error: unknown) => {
          io.stderr.write(`Error while stopping: ${String(error)}\n`);
          done(1);
        },
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

if (require.main === module) {
  void runEmulatorCommand(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
