/**
 * The benchmarks, side by side in one run, printed as ratios (see bench/README.md):
 *
 *   npm run bench                                     everything (about 8 to 9 minutes on 2 cores)
 *   npm run bench -- --only calls                     one section: calls, scale, state, throughput
 *   npm run bench -- --sizes 1,50 --repeat 1          smaller scale runs
 *   npm run bench -- --throughput 100:20:2,30:60:60   N clients : R requests : per W seconds
 *
 * Sections:
 * - calls: API calls per operation per resource (create, no-op preview, no-op up, refresh,
 *   update, delete), counted in the emulator's request log, against the API minimum;
 * - scale: `pulumi preview` and `pulumi up` wall time and peak memory for 1, 50 and 200 clients,
 *   as a ratio to a baseline stack of the same resource graph made of trivial dynamic resources
 *   (the engine's own cost), the two run alternately;
 * - state: state bytes per resource and `__provider` bytes against the baseline (from the scale runs);
 * - throughput: `up` of N clients under R requests per W seconds (emulator and provider config),
 *   divided by the lower bound calls × W / R.
 * Results: printed as markdown, and written to bench/results/<timestamp>.{md,json} (git-ignored).
 */
import type { Emulator, EmulatorOptions } from "../emulator";

// Plain TypeScript run by Node 24's type stripping, as CommonJS (the package's type): no build
// step, so only `import type` above, Node built-ins, and the emulator from dist/ (`npm run build`).
const { spawn } = require("node:child_process") as typeof import("node:child_process");
const fs = require("node:fs") as typeof import("node:fs");
const os = require("node:os") as typeof import("node:os");
const path = require("node:path") as typeof import("node:path");
const { startEmulator } = require("../dist/emulator/index.js") as typeof import("../emulator");

// ------------------------------------------------------------------------------- workspaces

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

const REPO_ROOT = path.resolve(__dirname, "..");
/** `--env`: extra environment for every `pulumi` command. */
let extraEnv: Record<string, string> = {};

interface Workspace {
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

interface Measured {
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
async function createWorkspace(project: string): Promise<Workspace> {
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
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("PULUMI_")) env[key] = value;
  }
  Object.assign(env, {
    PATH: [
      path.dirname(pulumi),
      path.join(REPO_ROOT, "node_modules", ".bin"),
      process.env.PATH ?? "",
    ].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${path.join(dir, "backend")}`,
    PULUMI_HOME: path.join(dir, "home"),
    PULUMI_CONFIG_PASSPHRASE: "bench",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    NO_COLOR: "1",
    ...extraEnv,
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function ratio(value: number, baseline: number): string {
  if (baseline === 0) return value === 0 ? "1.00" : "∞";
  return (value / baseline).toFixed(2);
}

/** A markdown table. */
function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

// ------------------------------------------------------------------------------- the benchmark

const AGENCY = path.join(REPO_ROOT, "test", "reliability", "programs", "agency");
const BASELINE = path.join(__dirname, "programs", "baseline");
const SINGLE = path.join(__dirname, "programs", "single");
const UNPACED = {
  // Measure the engine and the provider, not the pacing (that is the throughput section).
  "mailersend:rateLimitRequests": "100000",
  "mailersend:rateLimitWindowSeconds": "1",
};

interface Options {
  only: Set<string>;
  /** Extra environment for every `pulumi` command (`--env KEY=VALUE,KEY=VALUE`), for experiments. */
  env: Record<string, string>;
  sizes: number[];
  repeat: number;
  throughput: { clients: number; requests: number; windowSeconds: number }[];
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  return {
    only: new Set((get("only") ?? "calls,scale,state,throughput").split(",")),
    env: Object.fromEntries(
      (get("env") ?? "")
        .split(",")
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
    ),
    sizes: (get("sizes") ?? "1,50,200").split(",").map(Number),
    repeat: Number(get("repeat") ?? "3"),
    throughput: (get("throughput") ?? "100:20:2,30:60:60").split(",").map((spec) => {
      const [clients, requests, windowSeconds] = spec.split(":").map(Number);
      return { clients, requests, windowSeconds };
    }),
  };
}

const output: string[] = [];
function print(text = ""): void {
  console.log(text);
  output.push(text);
}
const results: Record<string, unknown> = {};

async function withEmulator<T>(
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

async function stackFor(
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

// ------------------------------------------------------------------------------- calls

/** The fewest calls MailerSend's API allows for each operation, and why. */
const MINIMUM: Record<string, Record<string, [number, string]>> = {
  Domain: {
    create: [2, "POST /domains; its answer has no DNS records, so GET dns-records"],
    update: [1, "PUT settings"],
    refresh: [1, "GET /domains/{id} (deletion and settings drift)"],
    delete: [1, "DELETE"],
  },
  DomainVerification: {
    create: [2, "GET verify (per-record status), GET domain (its verified flag)"],
    update: [2, "as create (a new nonce re-runs the check)"],
    refresh: [1, "GET domain"],
    delete: [0, "nothing exists in MailerSend"],
  },
  SenderIdentity: {
    create: [1, "POST"],
    update: [1, "PUT"],
    refresh: [1, "GET"],
    delete: [1, "DELETE"],
  },
  ApiToken: {
    create: [1, "POST"],
    update: [1, "PUT (rename)"],
    refresh: [1, "GET"],
    delete: [1, "DELETE"],
  },
  ClientUser: {
    create: [1, "POST /users (an invite)"],
    update: [2, "an invite cannot be edited: DELETE it, POST again"],
    refresh: [1, "GET /invites/{id}"],
    delete: [1, "DELETE"],
  },
};

async function callsSection(): Promise<void> {
  print("## API calls per operation (emulator request log)\n");
  const rows: (string | number)[][] = [];
  const data: Record<string, Record<string, number>> = {};
  for (const resource of Object.keys(MINIMUM)) {
    await withEmulator({ rateLimit: false }, async (emulator) => {
      const domain = emulator.store.domains.create({ name: "bench.test" });
      if (resource === "SenderIdentity") emulator.store.verifyDomain(domain.id);
      const ws = await stackFor(SINGLE, emulator, {
        resource,
        variant: "a",
        domainId: domain.id,
        ...UNPACED,
      });
      try {
        const count = async (args: string[]) => {
          emulator.requests.clear();
          await ws.run([...args, "--stack", ws.stack]);
          return emulator.requests.list().map((e) => `${e.method} ${e.path.replace(/^\/v1/, "")}`);
        };
        const calls: Record<string, string[]> = {};
        calls.create = await count(["up", "--yes", "--skip-preview"]);
        calls["no-op preview"] = await count(["preview"]);
        calls["no-op up"] = await count(["up", "--yes", "--skip-preview"]);
        calls.refresh = await count(["refresh", "--yes", "--skip-preview"]);
        await ws.setConfig({ variant: "b" });
        calls.update = await count(["up", "--yes", "--skip-preview"]);
        calls.delete = await count(["destroy", "--yes", "--skip-preview"]);
        data[resource] = Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, v.length]));
        for (const [op, list] of Object.entries(calls)) {
          const [minimum, why] = MINIMUM[resource][op] ?? [0, "nothing to ask MailerSend"];
          rows.push([
            resource,
            op,
            list.length,
            minimum,
            minimum === 0 && list.length === 0 ? "-" : ratio(list.length, minimum),
            list.length > 0
              ? list.map((c) => c.replace(/\/[a-z0-9]{16,}/g, "/{id}")).join(", ")
              : "-",
            why,
          ]);
        }
      } finally {
        ws.cleanup();
      }
    });
  }
  results.calls = data;
  print(
    table(
      ["resource", "operation", "calls", "API minimum", "ratio", "calls made", "minimum because"],
      rows,
    ),
  );
  print();
}

// ------------------------------------------------------------------------------- scale

interface ScaleRun {
  preview: Measured;
  up: Measured;
  /** `up` of a fresh stack with PULUMI_SKIP_CHECKPOINTS=true: the engine without state writes. */
  upNoCheckpoints: Measured;
  noopPreview: Measured;
  apiCallsUp: number;
  apiCallsNoop: number;
  stateBytes: number;
  resources: number;
  customResources: number;
  providerBytes: number;
}

async function scaleRun(kind: "mailersend" | "baseline", clients: number): Promise<ScaleRun> {
  const project = kind === "baseline" ? BASELINE : AGENCY;
  const configFor = (emulator: Emulator | undefined) => {
    const config: Record<string, string> = { clients: String(clients), domainEvery: "2" };
    if (emulator) {
      emulator.reset();
      const agency = emulator.store.domains.create({ name: "agency.test" });
      emulator.store.verifyDomain(agency.id);
      Object.assign(config, { agencyDomainId: agency.id }, UNPACED);
    }
    return config;
  };
  const run = async (emulator: Emulator | undefined) => {
    const fresh = await stackFor(project, emulator, configFor(emulator));
    let upNoCheckpoints: Measured;
    try {
      upNoCheckpoints = await fresh.run(["up", "--yes", "--skip-preview", "--stack", fresh.stack], {
        env: { PULUMI_SKIP_CHECKPOINTS: "true" },
      });
    } finally {
      fresh.cleanup();
    }
    const ws = await stackFor(project, emulator, configFor(emulator));
    try {
      const stackArgs = ["--stack", ws.stack];
      const preview = await ws.run(["preview", ...stackArgs]);
      emulator?.requests.clear();
      const up = await ws.run(["up", "--yes", "--skip-preview", ...stackArgs]);
      const apiCallsUp = emulator?.requests.count() ?? 0;
      emulator?.requests.clear();
      const noopPreview = await ws.run(["preview", ...stackArgs]);
      const apiCallsNoop = emulator?.requests.count() ?? 0;
      const state = await ws.exportState();
      const deployment = JSON.parse(state).deployment as {
        resources: { custom?: boolean; type: string; inputs?: { __provider?: string } }[];
      };
      const custom = deployment.resources.filter(
        (r) => r.custom && !r.type.startsWith("pulumi:providers:"),
      );
      return {
        preview,
        up,
        upNoCheckpoints,
        noopPreview,
        apiCallsUp,
        apiCallsNoop,
        stateBytes: Buffer.byteLength(state),
        resources: deployment.resources.length,
        customResources: custom.length,
        providerBytes: Buffer.byteLength(custom[0]?.inputs?.__provider ?? ""),
      };
    } finally {
      ws.cleanup();
    }
  };
  return kind === "baseline" ? run(undefined) : withEmulator({ rateLimit: false }, run);
}

const scaleRuns: Record<number, { mailersend: ScaleRun[]; baseline: ScaleRun[] }> = {};

async function scaleSection(options: Options): Promise<void> {
  print("## Scale: wall time and peak memory against the engine-cost baseline\n");
  print(
    `Medians of ${options.repeat} run(s); the two stacks alternate. Our stack: the agency program ` +
      "(half domain clients: Domain, DomainVerification, ApiToken; half identity clients: one " +
      "SenderIdentity), unpaced. Baseline: the same resource graph of trivial dynamic resources.\n",
  );
  const rows: (string | number)[][] = [];
  for (const clients of options.sizes) {
    const runs = { mailersend: [] as ScaleRun[], baseline: [] as ScaleRun[] };
    for (let i = 0; i < options.repeat; i++) {
      runs.baseline.push(await scaleRun("baseline", clients));
      runs.mailersend.push(await scaleRun("mailersend", clients));
      process.stderr.write(`  scale ${clients} clients: run ${i + 1} of ${options.repeat} done\n`);
    }
    scaleRuns[clients] = runs;
    const m = (kind: "mailersend" | "baseline", pick: (r: ScaleRun) => number) =>
      median(runs[kind].map(pick));
    const resources = runs.mailersend[0].customResources;
    for (const [label, pick] of [
      ["preview (all creates)", (r: ScaleRun) => r.preview],
      ["up", (r: ScaleRun) => r.up],
      ["up, PULUMI_SKIP_CHECKPOINTS=true", (r: ScaleRun) => r.upNoCheckpoints],
      ["no-op preview", (r: ScaleRun) => r.noopPreview],
    ] as const) {
      const wallOurs = m("mailersend", (r) => pick(r).wallMs);
      const wallBase = m("baseline", (r) => pick(r).wallMs);
      const memOurs = m("mailersend", (r) => pick(r).peakRssBytes);
      const memBase = m("baseline", (r) => pick(r).peakRssBytes);
      rows.push([
        clients,
        resources,
        label,
        ratio(wallOurs, wallBase),
        ratio(memOurs, memBase),
        `${seconds(wallOurs)} / ${seconds(wallBase)}`,
        `${mib(memOurs)} / ${mib(memBase)}`,
      ]);
    }
    const upCalls = m("mailersend", (r) => r.apiCallsUp);
    const noopCalls = m("mailersend", (r) => r.apiCallsNoop);
    process.stderr.write(
      `  ${clients} clients: up ${upCalls} API calls, no-op preview ${noopCalls}\n`,
    );
  }
  results.scale = Object.fromEntries(
    Object.entries(scaleRuns).map(([clients, runs]) => [
      clients,
      Object.fromEntries(
        Object.entries(runs).map(([kind, list]) => [
          kind,
          list.map((r) => ({
            previewMs: r.preview.wallMs,
            upMs: r.up.wallMs,
            upNoCheckpointsMs: r.upNoCheckpoints.wallMs,
            noopPreviewMs: r.noopPreview.wallMs,
            previewPeakRss: r.preview.peakRssBytes,
            upPeakRss: r.up.peakRssBytes,
            upPeakByKind: r.up.peakByKind,
            upCpuMsByKind: r.up.cpuMsByKind,
            noopPreviewPeakRss: r.noopPreview.peakRssBytes,
            apiCallsUp: r.apiCallsUp,
            apiCallsNoop: r.apiCallsNoop,
          })),
        ]),
      ),
    ]),
  );
  print(
    table(
      [
        "clients",
        "custom resources",
        "command",
        "wall time ratio",
        "peak memory ratio",
        "wall (ours / baseline)",
        "peak RSS (ours / baseline)",
      ],
      rows,
    ),
  );
  print();
  const largest = Math.max(...options.sizes);
  const peaks = scaleRuns[largest];
  if (peaks) {
    const kinds = ["pulumi CLI", "language host", "program (node)", "provider host"];
    const cell = (pick: (r: ScaleRun) => number) =>
      [peaks.mailersend, peaks.baseline].map((runs) => median(runs.map(pick)));
    print(
      `Per process during \`up\` at ${largest} clients (ours / baseline). CPU time is the last ` +
        "value sampled for each process, so it can miss up to 50 ms per process:\n",
    );
    print(
      table(
        ["process", "peak RSS", "CPU time"],
        kinds.map((kind) => {
          const [rssOurs, rssBase] = cell((r) => r.up.peakByKind[kind] ?? 0);
          const [upOurs, upBase] = cell((r) => r.up.cpuMsByKind[kind] ?? 0);
          return [
            kind,
            `${mib(rssOurs)} / ${mib(rssBase)}`,
            `${seconds(upOurs)} / ${seconds(upBase)}`,
          ];
        }),
      ),
    );
    print();
  }
}

function stateSection(): void {
  print("## State size against the baseline\n");
  const rows: (string | number)[][] = [];
  for (const [clients, runs] of Object.entries(scaleRuns)) {
    const ours = runs.mailersend[0];
    const base = runs.baseline[0];
    const perOurs = ours.stateBytes / ours.customResources;
    const perBase = base.stateBytes / base.customResources;
    rows.push([
      clients,
      ours.customResources,
      `${(ours.stateBytes / 1024).toFixed(0)} KiB / ${(base.stateBytes / 1024).toFixed(0)} KiB`,
      `${perOurs.toFixed(0)} / ${perBase.toFixed(0)}`,
      ratio(perOurs, perBase),
      `${ours.providerBytes} / ${base.providerBytes}`,
      ratio(ours.providerBytes, base.providerBytes),
    ]);
  }
  results.state = rows;
  print(
    table(
      [
        "clients",
        "custom resources",
        "state (ours / baseline)",
        "bytes per custom resource (ours / baseline)",
        "ratio",
        "`__provider` bytes (ours / baseline)",
        "ratio",
      ],
      rows,
    ),
  );
  print(
    "\n`__provider` is stored twice per resource (inputs and outputs). State bytes include the " +
      "stack, the components and the outputs each resource echoes.\n",
  );
}

// ------------------------------------------------------------------------------- throughput

async function throughputSection(options: Options): Promise<void> {
  print("## Rate-limited throughput\n");
  const rows: (string | number)[][] = [];
  const data: unknown[] = [];
  for (const { clients, requests, windowSeconds } of options.throughput) {
    const windowMs = windowSeconds * 1000;
    await withEmulator({ rateLimit: { requests, windowMs } }, async (emulator) => {
      const agency = emulator.store.domains.create({ name: "agency.test" });
      emulator.store.verifyDomain(agency.id);
      const ws = await stackFor(AGENCY, emulator, {
        clients: String(clients),
        domainEvery: "2",
        agencyDomainId: agency.id,
        "mailersend:rateLimitRequests": String(requests),
        "mailersend:rateLimitWindowSeconds": String(windowSeconds),
      });
      try {
        const up = await ws.run(
          ["up", "--yes", "--skip-preview", "--parallel", "16", "--stack", ws.stack],
          {
            allowFailure: true,
          },
        );
        const log = emulator.requests.list();
        const calls = log.length;
        const limited = log.filter((e) => e.outcome === "rate-limited").length;
        const failed = log.filter((e) => e.outcome !== "ok").length;
        const bound = (calls * windowMs) / requests;
        // The exact least time: the first R requests may go at once, request k (0-based) not
        // before floor(k / R) windows after the first.
        const exact = Math.floor((calls - 1) / requests) * windowMs;
        const times = log.map((e) => Date.parse(e.at));
        const span = Math.max(...times) - Math.min(...times);
        data.push({
          clients,
          requests,
          windowSeconds,
          calls,
          upMs: up.wallMs,
          span,
          exact,
          limited,
          exitCode: up.exitCode,
        });
        rows.push([
          clients,
          `${requests} / ${windowSeconds} s`,
          calls,
          seconds(up.wallMs),
          seconds(bound),
          ratio(up.wallMs, bound),
          seconds(exact),
          ratio(up.wallMs, exact),
          ratio(span, exact),
          up.exitCode === 0 ? "succeeded" : `FAILED (${up.exitCode})`,
          `${limited} (other failures ${failed - limited})`,
        ]);
      } finally {
        ws.cleanup();
      }
    });
  }
  results.throughput = data;
  print(
    table(
      [
        "clients",
        "limit",
        "API calls",
        "up",
        "calls / rate",
        "ratio",
        "exact bound",
        "ratio to exact",
        "API phase ratio",
        "result",
        "429s",
      ],
      rows,
    ),
  );
  print(
    "\nratio: `up` wall time ÷ (calls × W ÷ R), the bound the issue sets. Exact bound: " +
      "⌊(calls − 1) ÷ R⌋ × W, since the first R requests may go at once (it matters when calls " +
      "is not much more than R). API phase ratio: first to last request ÷ exact bound, the " +
      "pacing alone without the engine's start and end.\n",
  );
}

// ------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  extraEnv = options.env;
  const started = Date.now();
  print(`# pulumi-mailersend benchmarks, ${new Date().toISOString()}\n`);
  print(
    `Machine: ${os.cpus().length} CPUs, Node ${process.version}. ` +
      `Command: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}\`\n`,
  );
  if (options.only.has("calls")) await callsSection();
  if (options.only.has("scale") || options.only.has("state")) {
    await scaleSection(options);
    stateSection();
  }
  if (options.only.has("throughput")) await throughputSection(options);
  print(`Total time: ${seconds(Date.now() - started)}`);
  const dir = path.join(__dirname, "results");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(dir, `${stamp}.md`), `${output.join("\n")}\n`);
  fs.writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.error(`results written to bench/results/${stamp}.{md,json}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
