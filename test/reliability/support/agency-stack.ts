/**
 * Engine-tier support for the reliability tests: the agency program (test/reliability/programs/
 * agency) against the emulator, what the account must hold for N clients, the invariant that the
 * stack's state and the MailerSend account agree (nothing lost, duplicated or leaked), pacing
 * checks on the emulator's request log, and a `pulumi up` that can be killed.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import type { EmulatorOptions, RequestLogEntry, StoreCounts } from "../../../emulator";
import { createEngineStack, type EngineStack } from "../../support/engine-stack";
import type { ConfigValue, PulumiWorkspace } from "../../support/pulumi";

export const AGENCY_PROGRAM = path.join(__dirname, "..", "programs", "agency");
export const AGENCY_DOMAIN = "agency.test";

export interface AgencyShape {
  clients: number;
  /** Every k-th client is a domain client (default 2). */
  domainEvery?: number;
  /** One ClientUser per domain client. */
  users?: boolean;
}

export interface AgencyStackOptions extends AgencyShape {
  emulator?: EmulatorOptions;
  /** More stack config (e.g. `mailersend:rateLimitRequests`). */
  config?: Record<string, ConfigValue>;
  persist?: boolean;
}

export interface AgencyStack extends EngineStack {
  agencyDomainId: string;
  shape: AgencyShape;
}

/** The agency program with a verified agency domain made outside the stack (not in its state). */
export async function createAgencyStack(options: AgencyStackOptions): Promise<AgencyStack> {
  const shape: AgencyShape = {
    clients: options.clients,
    domainEvery: options.domainEvery ?? 2,
    users: options.users ?? false,
  };
  let agencyDomainId = "";
  const stack = await createEngineStack({
    project: AGENCY_PROGRAM,
    emulator: options.emulator,
    persist: options.persist,
    prepare: (emulator) => {
      agencyDomainId = emulator.store.domains.create({ name: AGENCY_DOMAIN }).id;
      emulator.store.verifyDomain(agencyDomainId);
      return {
        agencyDomainId,
        clients: String(shape.clients),
        domainEvery: String(shape.domainEvery),
        users: String(shape.users),
      };
    },
    config: options.config,
  });
  return Object.assign(stack, { agencyDomainId, shape });
}

/** Domain and identity clients of a shape. */
export function clientsOf(shape: AgencyShape): { domain: number; identity: number } {
  const every = shape.domainEvery ?? 2;
  const domain = Math.floor(shape.clients / every);
  return { domain, identity: shape.clients - domain };
}

/** What the account holds once the stack is applied (the agency domain included). */
export function expectedAccount(shape: AgencyShape): StoreCounts {
  const { domain, identity } = clientsOf(shape);
  return {
    domains: 1 + domain,
    identities: identity,
    tokens: domain,
    users: 0,
    invites: shape.users ? domain : 0,
  };
}

/** Custom resources of the stack, and every resource the engine counts (stack and components too). */
export function expectedResources(shape: AgencyShape): { custom: number; all: number } {
  const { domain, identity } = clientsOf(shape);
  const custom = domain * (3 + (shape.users ? 1 : 0)) + identity;
  return { custom, all: custom + shape.clients + 2 };
}

/** The fewest API calls that create the stack: 5 per domain client (+1 per user), 1 per identity. */
export function minimumCreateCalls(shape: AgencyShape): number {
  const { domain, identity } = clientsOf(shape);
  return domain * (5 + (shape.users ? 1 : 0)) + identity;
}

/**
 * The stack's state and the MailerSend account agree: every object of the account (but the agency
 * domain) is in the state once, every object in the state exists, and every token value in the
 * state works. So nothing is duplicated, orphaned or lost.
 */
export async function expectStateMatchesAccount(stack: AgencyStack): Promise<void> {
  const snapshot = Object.entries(await stack.snapshot());
  const ids = (type: string) =>
    snapshot
      .filter(([label]) => label.startsWith(`${type}.`))
      .map(([, r]) => r.id as string)
      .sort();
  const outputs = (type: string) =>
    snapshot
      .filter(([label]) => label.startsWith(`${type}.`))
      .map(([, r]) => r.outputs as Record<string, unknown>);
  const store = stack.emulator.store;

  expect(ids("Domain"), "domains").toEqual(
    store.domains
      .list()
      .filter((d) => d.id !== stack.agencyDomainId)
      .map((d) => d.id)
      .sort(),
  );
  expect(ids("SenderIdentity"), "identities").toEqual(
    store.identities
      .list()
      .map((i) => i.id)
      .sort(),
  );
  expect(ids("ApiToken"), "tokens").toEqual(
    store.tokens
      .list()
      .map((t) => t.id)
      .sort(),
  );
  expect(
    outputs("ClientUser")
      .map((o) => o.inviteId as string)
      .sort(),
    "invites",
  ).toEqual(
    store.invites
      .list()
      .map((i) => i.id)
      .sort(),
  );
  for (const verification of outputs("DomainVerification")) {
    expect(ids("Domain")).toContain(verification.domainId);
  }
  // No lost secret: every token value in the state is the real one.
  for (const token of outputs("ApiToken")) {
    const value = plaintext(token.token) as string;
    expect(value, `token ${String(token.name)}`).toMatch(/^mlsn\.[0-9a-f]{64}$/);
    const { status } = await stack.api("GET", "/api-quota", { token: value });
    expect(status, `token ${String(token.name)} works`).toBe(200);
  }
}

/** A secret output as `stack export --show-secrets` shows it: `{<sig>, plaintext: "<json>"}`. */
export function plaintext(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "plaintext" in value) {
    return JSON.parse((value as { plaintext: string }).plaintext);
  }
  return value;
}

/** The largest number of requests that arrived within any window of `windowMs` (sliding). */
export function maxInWindow(entries: RequestLogEntry[], windowMs: number): number {
  const times = entries.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

/** Each 429 and the wait before the same request came again (ms), for Retry-After checks. */
export function waitsAfter429(entries: RequestLogEntry[]): { path: string; waitedMs: number }[] {
  return entries
    .filter((e) => e.status === 429)
    .map((refused) => {
      const retry = entries.find(
        (e) => e.seq > refused.seq && e.method === refused.method && e.path === refused.path,
      );
      return {
        path: `${refused.method} ${refused.path}`,
        waitedMs: retry ? Date.parse(retry.at) - Date.parse(refused.at) : Number.NaN,
      };
    });
}

export interface RunningCommand {
  pid: number;
  /** Resolves when the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  /** SIGKILL to every process of the run: the CLI, the language host, the program, the provider. */
  killAll(): void;
  /**
   * SIGKILL to the CLI process alone (the engine dies with it). The plugins run in process groups
   * of their own, so they outlive it unless they stop by themselves; returns their pids (with their
   * command lines) as they were just before the kill, for the caller to watch and clean up.
   */
  killCliOnly(): { pid: number; cmdline: string }[];
}

/**
 * Starts `pulumi <args>` in the workspace without waiting for it, so it can be killed with
 * everything it started. Asynchronous, so the in-process emulator keeps serving.
 */
export function startPulumi(ws: PulumiWorkspace, args: string[]): RunningCommand {
  const child = spawn(
    ws.installation.pulumi,
    ["--non-interactive", "--color=never", ...args, ...(ws.stack ? ["--stack", ws.stack] : [])],
    { cwd: ws.projectDir, env: ws.env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    output: string;
  }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, output })));
  return {
    pid: child.pid!,
    exited,
    killAll() {
      // The CLI starts each plugin (language host, provider host) in a process group of its own,
      // so killing the CLI's group is not enough: find every descendant first, then kill them all.
      for (const pid of [child.pid!, ...descendantsOf(child.pid!)]) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
    killCliOnly() {
      const plugins = descendantsOf(child.pid!).map((pid) => ({ pid, cmdline: cmdlineOf(pid) }));
      process.kill(child.pid!, "SIGKILL");
      return plugins;
    },
  };
}

/** A process's command line (arguments joined by spaces), or "" once it has ended. */
export function cmdlineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

/** Whether a process is still running (a zombie counts as ended). */
export function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Every process below `root` (children, their children, ...), from /proc. */
function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // ended meanwhile
    }
  }
  const found = new Set<number>([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!found.has(pid) && found.has(ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  found.delete(root);
  return [...found];
}

/** Polls (without blocking the event loop) until `condition` holds; throws after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
