/**
 * `pulumi-mailersend recover`: brings a stack whose `pulumi up` was killed back in line with the
 * MailerSend account (docs/recovery.md). Run it after `pulumi cancel`, then run `pulumi up`:
 *
 *   1. reads the stack (`pulumi stack export`) and notes its pending creates;
 *   2. lists the account and deletes the orphans of those creates (recover.logic.ts says which);
 *   3. clears the pending creates (`pulumi refresh --yes --clear-pending-creates`).
 *
 * Running it again is harmless: a deleted orphan is not found again, and with no pending create
 * it does nothing. The API key and URL come from MAILERSEND_API_KEY / MAILERSEND_API_URL, or from
 * the stack config (`pulumi config --show-secrets`); calls go through the provider's own API layer
 * (pacing, retries, secrets redacted).
 */
import { spawn } from "node:child_process";
import { MailerSendClient } from "../api/client";
import { configureFromStack, resolveApiSettings, SETTINGS } from "../runtime/config";
import {
  findOrphans,
  idsInState,
  kindsToList,
  pendingCreatesOf,
  type Account,
  type Orphan,
} from "./recover.logic";

export interface RecoverOptions {
  stack?: string;
  /** The Pulumi project directory (default: the working directory). */
  cwd?: string;
  /** Only say what would be deleted. */
  dryRun: boolean;
  out: (line: string) => void;
}

export interface RecoverResult {
  pending: number;
  deleted: Orphan[];
}

export class PulumiCommandFailed extends Error {}

export async function recover(options: RecoverOptions): Promise<RecoverResult> {
  const pulumi = (args: string[]) =>
    runPulumi([...args, ...(options.stack ? ["--stack", options.stack] : [])], options.cwd);
  const exported = JSON.parse(await pulumi(["stack", "export"])) as Parameters<
    typeof pendingCreatesOf
  >[0];
  const pending = pendingCreatesOf(exported);
  if (pending.length === 0) {
    options.out("No pending creates: nothing to recover.");
    return { pending: 0, deleted: [] };
  }
  options.out(`${pending.length} pending create(s) left by the interrupted run:`);
  for (const p of pending) options.out(`  ${p.type} ${p.urn.slice(p.urn.lastIndexOf("::") + 2)}`);

  await configureFromEnvOrStack(pulumi);
  const api = new MailerSendClient(resolveApiSettings());
  const kinds = kindsToList(pending);
  const account: Account = {
    domains: kinds.has("domain")
      ? (await api.domains.list()).map((d) => ({ id: d.id, key: d.name, createdAt: d.created_at }))
      : [],
    identities: [],
    tokens: kinds.has("token")
      ? (await api.tokens.list()).map((t) => ({ id: t.id, key: t.name, createdAt: t.created_at }))
      : [],
    invites: kinds.has("invite")
      ? (await api.invites.list()).map((i) => ({
          id: i.id,
          key: i.email,
          createdAt: dated(i.created_at),
        }))
      : [],
  };
  if (kinds.has("identity")) {
    for (const p of pending.filter((p) => p.type === "SenderIdentity")) {
      const found = await api.identities.getByEmail(String(p.inputs.email ?? ""));
      if (found) account.identities.push({ id: found.id, key: found.email });
    }
  }
  const orphans = findOrphans(pending, account, idsInState(exported), await runStartedAt(pulumi));

  const deleted: Orphan[] = [];
  for (const orphan of orphans) {
    const what = `${orphan.kind} ${orphan.key} (id ${orphan.id})`;
    if (options.dryRun) {
      options.out(`would delete ${what}: created by the interrupted run, not in the stack`);
      continue;
    }
    await DELETE[orphan.kind](api, orphan.id);
    deleted.push(orphan);
    options.out(`deleted ${what}: created by the interrupted run, not in the stack`);
  }
  if (orphans.length === 0) options.out("No orphan in the account.");
  if (options.dryRun) return { pending: pending.length, deleted };

  await pulumi(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
  options.out("Pending creates cleared. Run `pulumi up` to create what is missing.");
  return { pending: pending.length, deleted };
}

/** Invites are parsed loosely; their `created_at` is used only when it is a string. */
function dated(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

const DELETE: Record<Orphan["kind"], (api: MailerSendClient, id: string) => Promise<boolean>> = {
  domain: (api, id) => api.domains.delete(id),
  identity: (api, id) => api.identities.delete(id),
  token: (api, id) => api.tokens.delete(id),
  invite: (api, id) => api.invites.delete(id),
};

/** Environment variables win (as in the provider); otherwise the stack's own config. */
async function configureFromEnvOrStack(pulumi: (args: string[]) => Promise<string>) {
  if (process.env[SETTINGS.apiKey.envVar]) return;
  const config = JSON.parse(await pulumi(["config", "--json", "--show-secrets"])) as Record<
    string,
    { value?: string }
  >;
  configureFromStack({ get: (key) => config[key]?.value });
}

/**
 * When the interrupted update began: the newest entry of `pulumi stack history`, when it is that
 * update (it did not succeed). Undefined when unknown: then timestamps are not used.
 */
async function runStartedAt(pulumi: (args: string[]) => Promise<string>) {
  try {
    const history = JSON.parse(await pulumi(["stack", "history", "--json"])) as {
      kind?: string;
      result?: string;
      startTime?: string;
    }[];
    const newest = history[0];
    if (!newest?.startTime || newest.result === "succeeded") return undefined;
    const started = Date.parse(newest.startTime);
    return Number.isFinite(started) ? started : undefined;
  } catch {
    return undefined;
  }
}

function runPulumi(args: string[], cwd: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", ["--non-interactive", "--color=never", ...args], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", (error) =>
      reject(new PulumiCommandFailed(`could not run \`pulumi\`: ${error.message}`)),
    );
    child.on("close", (code) => {
      if (code === 0) resolve(stdout);
      else {
        const shown = args.filter((a) => a !== "--show-secrets").join(" ");
        // stderr of `pulumi config --show-secrets` never holds values; stdout is not shown.
        reject(
          new PulumiCommandFailed(`\`pulumi ${shown}\` failed (exit ${code}):\n${stderr.trim()}`),
        );
      }
    });
  });
}
