import { parseArgs } from "node:util";
import { startEmulator, type Emulator } from "./index";
import type { EmulatorOptions } from "./options";
import { PLANS, type Plan } from "./plans";

const USAGE = `Usage: npm run emulator -- [options]

Runs a MailerSend REST API v1 emulator on loopback until Ctrl-C.

Options:
  --port N                 TCP port (default 0: pick a free one)
  --host HOST              interface to bind (default 127.0.0.1)
  --api-key KEY            the account's API key (default: generated mlsn.<64 hex>)
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
`;

/** Parses the command line into emulator options; throws with a readable message on bad input. */
export function parseCliOptions(argv: string[]): EmulatorOptions | "help" {
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
  };
}

/** What the CLI prints once the server listens: the URL, the key, and lines to paste into a shell. */
export function describeEmulator(emulator: Emulator): string {
  return [
    `MailerSend emulator listening on ${emulator.url}`,
    `API key: ${emulator.apiKey}`,
    `Admin door: ${emulator.origin}/__emulator/state`,
    "",
    "Point the provider at it with:",
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
  const emulator = await startEmulator(options);
  out(describeEmulator(emulator));
  return emulator;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (emulator) => {
      if (!emulator) return;
      let stopping = false;
      const stop = (signal: NodeJS.Signals): void => {
        if (stopping) {
          // A second Ctrl-C while closing: give up waiting.
          process.exit(130);
        }
        stopping = true;
        emulator.close().then(
          () => {
            process.stdout.write(`Stopped (${signal}).\n`);
            process.exitCode = 0;
          },
          (error: unknown) => {
            process.stderr.write(`Error while stopping: ${String(error)}\n`);
            process.exitCode = 1;
          },
        );
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
      process.exitCode = 2;
    },
  );
}
