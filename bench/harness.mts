/**
 * The measuring harness of the benchmarks: throwaway Pulumi workspaces, `pulumi` commands measured
 * for wall time, CPU and the peak memory of the whole process tree, statistics and the report.
 * The scenarios (bench/scenarios/) use it; bench/run.mts chooses which run.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator, EmulatorOptions } from "../emulator";

// Plain TypeScript run by Node 24's type stripping as ES modules (.mts): no build step. The
// emulator comes from dist/ (`npm run build`), required as the CommonJS it is built to.
const require = createRequire(import.meta.url);
const { startEmulator } = require("../dist/emulator/index.js") as typeof import("../emulator");
// The isolated environment every Pulumi workspace of this repository gets (tests, demo, recorder).
const { isolatedPulumiEnv } =
  require("../dist/scripts/pulumi-workspace.js") as typeof import("../scripts/pulumi-workspace");

/*
 * Workspaces and measurement: throwaway Pulumi workspaces (file backend, passphrase secrets, private
 * PULUMI_HOME, no network) and `pulumi` commands measured for wall time and the peak memory of the
 * whole process tree.
 * Memory: every 50 ms the tree rooted at the `pulumi` process (the CLI, the Node.js language host,
 * the program, the dynamic-provider host) is found through /proc/<pid>/stat and the resident set
 * sizes (VmRSS) are summed; the peak of that sum is reported. This is what the machine must hold
 * at once. `/usr/bin/time -v` would only give the largest single process (getrusage maxrss), and
 * the Go CLI, the program and the provider each peak at different moments. Sampling can miss a
 * spike shorter than 50 ms, the same way for our stack and the baseline.
 */

export const REPO_ROOT = path.resolve(import.meta.dirname, "..");
/** `--env`: extra environment for every `pulumi` command. */
let extraEnv: Record<string, string> = {};
export function setExtraEnv(env: Record<string, string>): void {
  extraEnv = env;
}

export interface Workspace {
  dir: string;
  projectDir: string;
  env: NodeJS.ProcessEnv;
  stack: string;
  run(
    args: string[],
    options?: { allowFailure?: boolean; env?: Record<string, string> },
  ): Promise<Measured>;
  setConfig(values: Record<string, string | { secret: string }>): Promise<void>;
  exportState(): Promise<string>;
  cleanup(): void;
}

export interface Measured {
  args: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak of the summed RSS of the process tree, in bytes. */
  peakRssBytes: number;
  /** Peak RSS per process kind (`pulumi`, `language host`, `program`, `provider`), in bytes. */
  peakByKind: Record<string, number>;
  /**
   * CPU time (user + system) per process kind, in ms: the last value sampled for each process,
   * so up to 50 ms of a process's last moments can be missed.
   */
  cpuMsByKind: Record<string, number>;
}

function findOnPath(name: string): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(
    `\`${name}\` is not on PATH. Run the benchmarks with \`npm run bench\` (scripts/with-pulumi.sh puts the CLI on PATH).`,
  );
}

/** A copy of `project` in a temporary directory, with a stack `bench`. */
export async function createWorkspace(project: string): Promise<Workspace> {
  const pulumi = findOnPath("pulumi");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-bench-"));
  const projectDir = path.join(dir, "project");
  fs.cpSync(project, projectDir, { recursive: true });
  fs.symlinkSync(
    path.join(REPO_ROOT, "node_modules"),
    path.join(projectDir, "node_modules"),
    "dir",
  );
  fs.mkdirSync(path.join(dir, "backend"));
  fs.mkdirSync(path.join(dir, "home"));
  const env = isolatedPulumiEnv({
    backendDir: path.join(dir, "backend"),
    homeDir: path.join(dir, "home"),
    passphrase: "bench",
    pathFirst: [path.dirname(pulumi), path.join(REPO_ROOT, "node_modules", ".bin")],
    extra: extraEnv,
  });
  const stack = "bench";
  const ws: Workspace = {
    dir,
    projectDir,
    env,
    stack,
    async run(args, options = {}) {
      const measured = await measure(pulumi, ["--non-interactive", "--color=never", ...args], {
        cwd: projectDir,
        env: { ...env, ...options.env },
      });
      if (measured.exitCode !== 0 && !options.allowFailure) {
        throw new Error(
          `pulumi ${args.join(" ")} exited ${measured.exitCode}\n${measured.stdout.slice(-3000)}\n${measured.stderr.slice(-3000)}`,
        );
      }
      return measured;
    },
    async setConfig(values) {
      const pairs = Object.entries(values).map(([key, value]) =>
        typeof value === "string"
          ? `--plaintext=${key}=${value}`
          : `--secret=${key}=${value.secret}`,
      );
      await ws.run(["config", "set-all", "--stack", stack, ...pairs]);
    },
    async exportState() {
      return (await ws.run(["stack", "export", "--stack", stack])).stdout;
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await ws.run(["stack", "init", stack]);
  return ws;
}

/** Runs a command (asynchronously: an emulator may live in this process) and samples its tree. */
function measure(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    let peakRssBytes = 0;
    const peakByKind: Record<string, number> = {};
    const cpuByPid = new Map<number, { kind: string; ms: number }>();
    let sampling = false;
    const timer = setInterval(() => {
      if (sampling) return;
      sampling = true;
      sampleTree(child.pid!)
        .then((processes) => {
          let total = 0;
          const byKind: Record<string, number> = {};
          for (const p of processes) {
            total += p.rss;
            byKind[p.kind] = (byKind[p.kind] ?? 0) + p.rss;
            // An exiting process may have lost its command line ("other"): keep the kind seen before.
            const seen = cpuByPid.get(p.pid);
            const kind = seen && p.kind.startsWith("other") ? seen.kind : p.kind;
            cpuByPid.set(p.pid, { kind, ms: Math.max(seen?.ms ?? 0, p.cpuMs) });
          }
          peakRssBytes = Math.max(peakRssBytes, total);
          for (const [kind, rss] of Object.entries(byKind)) {
            peakByKind[kind] = Math.max(peakByKind[kind] ?? 0, rss);
          }
        })
        .catch(() => undefined)
        .finally(() => (sampling = false));
    }, 50);
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      const cpuMsByKind: Record<string, number> = {};
      for (const { kind, ms } of cpuByPid.values()) {
        cpuMsByKind[kind] = (cpuMsByKind[kind] ?? 0) + ms;
      }
      resolve({
        args,
        exitCode: code ?? -1,
        stdout,
        stderr,
        wallMs: performance.now() - started,
        peakRssBytes,
        peakByKind,
        cpuMsByKind,
      });
    });
  });
}

interface ProcessSample {
  pid: number;
  kind: string;
  rss: number;
  cpuMs: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The process `root` and all its descendants, with their resident set sizes. */
async function sampleTree(root: number): Promise<ProcessSample[]> {
  const entries = await fs.promises.readdir("/proc");
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  const cpu = new Map<number, number>();
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        try {
          const stat = await fs.promises.readFile(`/proc/${entry}/stat`, "utf8");
          // pid (comm) state ppid ...; comm may contain spaces and parentheses.
          const close = stat.lastIndexOf(")");
          const comm = stat.slice(stat.indexOf("(") + 1, close);
          const fields = stat.slice(close + 2).split(" ");
          const ppid = Number(fields[1]);
          // utime and stime, fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the comm).
          const ticks = Number(fields[11]) + Number(fields[12]);
          cpu.set(Number(entry), (ticks * 1000) / TICKS_PER_SECOND);
          parents.set(Number(entry), ppid);
          names.set(Number(entry), comm);
        } catch {
          // the process ended meanwhile
        }
      }),
  );
  const tree = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const samples: ProcessSample[] = [];
  for (const pid of tree) {
    try {
      const status = await fs.promises.readFile(`/proc/${pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const cmdline = (await fs.promises.readFile(`/proc/${pid}/cmdline`, "utf8")).replace(
        /\0/g,
        " ",
      );
      samples.push({
        pid,
        kind: kindOf(names.get(pid) ?? "", cmdline),
        rss: kb * 1024,
        cpuMs: cpu.get(pid) ?? 0,
      });
    } catch {
      // ended meanwhile
    }
  }
  return samples;
}

function kindOf(comm: string, cmdline: string): string {
  if (comm.startsWith("pulumi-language")) return "language host";
  if (comm === "pulumi") return "pulumi CLI";
  // Node renames its main thread, so look at the command line.
  if (cmdline.includes("dynamic-provider") || comm.startsWith("pulumi-resource")) {
    return "provider host";
  }
  if (cmdline.includes("node")) return "program (node)";
  return `other (${comm})`;
}

// ------------------------------------------------------------------------------- statistics

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function ratio(value: number, baseline: number): string {
  if (baseline === 0) return value === 0 ? "1.00" : "∞";
  return (value / baseline).toFixed(2);
}

/** A markdown table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

// ------------------------------------------------------------------------------- report

/** Everything printed, for the results file. */
export const output: string[] = [];
export function print(text = ""): void {
  console.log(text);
  output.push(text);
}
/** Machine-readable results, written next to the printed report. */
export const results: Record<string, unknown> = {};

export async function withEmulator<T>(
  options: EmulatorOptions,
  body: (emulator: Emulator) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator(options);
  try {
    return await body(emulator);
  } finally {
    await emulator.close();
  }
}

export async function stackFor(
  project: string,
  emulator: Emulator | undefined,
  config: Record<string, string>,
): Promise<Workspace> {
  const ws = await createWorkspace(project);
  await ws.setConfig({
    ...(emulator
      ? {
          "mailersend:apiUrl": emulator.url,
          "mailersend:apiKey": { secret: emulator.apiKey },
        }
      : {}),
    ...config,
  });
  return ws;
}

/** The programs the scenarios run. */
export const AGENCY = path.join(REPO_ROOT, "test", "reliability", "programs", "agency");
export const BASELINE = path.join(import.meta.dirname, "programs", "baseline");
export const SINGLE = path.join(import.meta.dirname, "programs", "single");
export const UNPACED = {
  // Measure the engine and the provider, not the pacing (that is the throughput section).
  "mailersend:rateLimitRequests": "100000",
  "mailersend:rateLimitWindowSeconds": "1",
};
