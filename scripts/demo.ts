/**
 * `npm run demo`: the example agency stack (examples/agency) against the embedded MailerSend
 * emulator, through the real Pulumi CLI, in a folder it owns (.demo/, git-ignored).
 *
 *   npm run demo                 deploy (again: re-running is safe), verify, show that nothing changes
 *   npm run demo -- --destroy    destroy the stack (adopted domains stay in the account)
 *
 * The emulator runs inside this process with its account persisted to .demo/emulator.json, so
 * every run sees the same account. Pulumi keeps its state in .demo/state (file backend) with a
 * passphrase secrets provider.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startEmulator, type Emulator } from "../emulator";
import { isolatedPulumiEnv, runPulumi } from "./pulumi-workspace";
import { repoRoot } from "./repo-root";

const ROOT = repoRoot();
const DEMO = path.join(ROOT, ".demo");
const PROJECT = path.join(DEMO, "project");
const STACK = "demo";
const PASSPHRASE = "pulumi-mailersend-demo";
/** Domains the agency already has verified in MailerSend before the stack exists. */
const PRE_EXISTING = ["agency.example", "lawfirm.example"];

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
function section(title: string): void {
  console.log(`\n${bold(`== ${title}`)}`);
}

const ENV = isolatedPulumiEnv({
  backendDir: path.join(DEMO, "state"),
  homeDir: path.join(DEMO, "pulumi-home"),
  passphrase: PASSPHRASE,
  // Colours stay the terminal's: the demo's output is for a person.
  extra: { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR },
});

/**
 * Runs `pulumi <args>` in the demo project; output streams to the terminal unless captured.
 * Asynchronous on purpose: the emulator answering Pulumi lives in this very process.
 */
async function pulumi(args: string[], options: { capture?: boolean } = {}): Promise<string> {
  const result = await runPulumi("pulumi", [...args, "--non-interactive"], {
    cwd: PROJECT,
    env: ENV,
    output: options.capture ? "stdout" : "inherit",
  }).catch((error: Error) => {
    throw new Error(
      `cannot run pulumi (${error.message}); run the demo with \`npm run demo\`, which provides it`,
    );
  });
  if (result.exitCode !== 0) {
    throw new Error(`pulumi ${args.join(" ")} failed with exit code ${result.exitCode}`);
  }
  return result.stdout;
}

/** A fresh copy of the example each run, so the repository stays clean (stack files live here). */
function prepareProject(): void {
  fs.mkdirSync(PROJECT, { recursive: true });
  fs.mkdirSync(path.join(DEMO, "state"), { recursive: true });
  for (const file of ["Pulumi.yaml", "package.json", "index.ts"]) {
    fs.copyFileSync(path.join(ROOT, "examples", "agency", file), path.join(PROJECT, file));
  }
  const link = path.join(PROJECT, "node_modules");
  if (!fs.existsSync(link)) fs.symlinkSync(path.join(ROOT, "node_modules"), link, "dir");
}

function demoApiKey(): string {
  const file = path.join(DEMO, "api-key");
  if (!fs.existsSync(file))
    fs.writeFileSync(file, `mlsn.${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * The emulator on the port of the previous run when it is free, so the URL in the stack's stored
 * provider config stays valid between runs; otherwise on a new port (saved for next time).
 */
async function startDemoEmulator(): Promise<Emulator> {
  const portFile = path.join(DEMO, "emulator-port");
  const options = {
    apiKey: demoApiKey(),
    plan: "starter" as const,
    persistPath: path.join(DEMO, "emulator.json"),
  };
  const previous = fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, "utf8")) : 0;
  let emulator: Emulator;
  try {
    emulator = await startEmulator({ ...options, port: previous });
  } catch {
    emulator = await startEmulator({ ...options, port: 0 });
  }
  fs.writeFileSync(portFile, new URL(emulator.origin).port);
  return emulator;
}

function seedAccount(emulator: Emulator): void {
  for (const name of PRE_EXISTING) {
    if (!emulator.store.domains.get(name)) {
      emulator.store.domains.create({ name });
      emulator.store.verifyDomain(name);
      console.log(`  ${name}: added to the account and verified (it existed before this stack)`);
    }
  }
}

interface ClientSummary {
  method: string;
  reasons: string[];
  warnings: string[];
  fromAddresses: string[];
  dnsRecords: { purpose: string; type: string; name: string; value: string; priority?: number }[];
  actions: string[];
  hasToken: boolean;
}

async function printClients(): Promise<void> {
  const outputs = JSON.parse(await pulumi(["stack", "output", "--json"], { capture: true })) as {
    clients: Record<string, ClientSummary>;
    tokens: string;
  };
  for (const [name, client] of Object.entries(outputs.clients)) {
    console.log(
      `\n${bold(name)}: ${client.method === "domain" ? "its own domain" : "sender identities"}`,
    );
    for (const reason of client.reasons) console.log(`  why: ${reason}`);
    for (const warning of client.warnings) console.log(`  warning: ${warning}`);
    console.log(
      `  sends from: ${client.fromAddresses.join(", ") || "(any address on its domain)"}`,
    );
    console.log(
      `  API token: ${client.hasToken ? "yes (secret; `pulumi stack output tokens --show-secrets`)" : "none"}`,
    );
    if (client.dnsRecords.length > 0) {
      console.log("  DNS records to publish:");
      for (const r of client.dnsRecords) {
        console.log(
          `    ${r.type.padEnd(5)} ${r.name} → ${r.value}${r.priority !== undefined ? ` (priority ${r.priority})` : ""}`,
        );
      }
    }
    for (const action of client.actions) console.log(`  needs a human: ${action}`);
  }
  console.log(`\n  token values in stack outputs: ${outputs.tokens}`);
}

/** Stands in for the humans: DNS published, confirmation links clicked, invites accepted. */
function actLikeTheHumans(emulator: Emulator): void {
  for (const domain of emulator.store.domains.list()) {
    if (!domain.isVerified) {
      emulator.store.verifyDomain(domain.id);
      console.log(`  DNS records of ${domain.name} published; MailerSend verified the domain`);
    }
  }
  for (const identity of emulator.store.identities.list()) {
    if (!identity.isVerified) {
      emulator.store.verifyIdentity(identity.id);
      console.log(`  ${identity.email} clicked the confirmation link`);
    }
  }
  for (const invite of emulator.store.invites.list()) {
    emulator.store.acceptInvite(invite.id);
    console.log(`  ${invite.email} accepted the invite`);
  }
}

async function main(): Promise<void> {
  const destroy = process.argv.includes("--destroy");
  fs.mkdirSync(DEMO, { recursive: true });
  const emulator = await startDemoEmulator();
  try {
    prepareProject();
    await pulumi(["stack", "select", "--create", STACK], { capture: true });
    await pulumi(["config", "set", "mailersend:apiUrl", emulator.url], { capture: true });
    await pulumi(["config", "set", "--secret", "mailersend:apiKey", emulator.apiKey], {
      capture: true,
    });

    if (destroy) {
      section("Tearing down the demo stack");
      // --run-program: use the current config (emulator URL), not the one stored at the last `up`.
      await pulumi(["destroy", "--yes", "--skip-preview", "--run-program"]);
      await pulumi(["stack", "rm", "--yes", STACK]);
      for (const name of PRE_EXISTING) emulator.store.domains.delete(name);
      const counts = emulator.store.counts();
      console.log(`\nThe emulator's account now holds: ${JSON.stringify(counts)}`);
      fs.rmSync(DEMO, { recursive: true, force: true });
      console.log("Removed .demo/. Run `npm run demo` to start again.");
      return;
    }

    section(`MailerSend emulator at ${emulator.url} (account persisted in .demo/emulator.json)`);
    seedAccount(emulator);

    section("pulumi up: the agency and its clients");
    await pulumi(["up", "--yes", "--skip-preview", "--suppress-outputs"]);

    section("What each client got, and why");
    await printClients();

    section("The humans do their part (through the emulator's admin door)");
    actLikeTheHumans(emulator);

    section("pulumi refresh: MailerSend now reports everything verified");
    await pulumi(["refresh", "--yes", "--skip-preview", "--suppress-outputs"]);
    // Stack outputs (the clients' pending actions) are computed by the program: record them.
    await pulumi(["up", "--yes", "--skip-preview", "--suppress-outputs"], { capture: true });

    section("pulumi preview: nothing changes");
    await pulumi(["preview", "--expect-no-changes", "--suppress-outputs"]);

    const left = await printPendingActions();
    console.log(
      `\nDone. ${left === 0 ? "Nothing needs a human any more." : `${left} action(s) still need a human.`}` +
        " Re-run `npm run demo` any time (it is safe); `npm run demo -- --destroy` destroys what the stack created.",
    );
  } finally {
    await emulator.close();
  }
}

async function printPendingActions(): Promise<number> {
  const outputs = JSON.parse(await pulumi(["stack", "output", "--json"], { capture: true })) as {
    clients: Record<string, ClientSummary>;
  };
  let count = 0;
  for (const [name, client] of Object.entries(outputs.clients)) {
    for (const action of client.actions) {
      if (action.startsWith("Tag ")) continue; // advice, not a pending step
      console.log(`  ${name}: ${action}`);
      count++;
    }
  }
  return count;
}

main().catch((error: unknown) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
