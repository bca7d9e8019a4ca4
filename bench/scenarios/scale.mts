/**
 * scale and state: preview, up and no-op preview of the agency program against a baseline of the
 * same resource graph made of trivial dynamic resources (the engine's own cost), the two stacks
 * alternating; state bytes per resource.
 */
import type { Emulator } from "../../emulator";
import type { Measured } from "../harness.mts";
import {
  AGENCY,
  BASELINE,
  UNPACED,
  median,
  mib,
  print,
  ratio,
  results,
  seconds,
  stackFor,
  table,
  withEmulator,
} from "../harness.mts";

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

/** CPU time of the whole process tree (CLI, language host, program, provider host), in ms. */
function treeCpuMs(measured: Measured): number {
  return Object.values(measured.cpuMsByKind).reduce((sum, ms) => sum + ms, 0);
}

/** Bytes a command printed (stdout and stderr): what a reviewer scrolls through. */
function printedBytes(measured: Measured): number {
  return Buffer.byteLength(measured.stdout) + Buffer.byteLength(measured.stderr);
}

/** The ratio of each pair (ours ÷ baseline, run back to back), as `median (min–max)`. */
function pairRatios(ours: number[], baseline: number[]): { median: number; text: string } {
  const ratios = ours.map((value, i) => value / baseline[i]);
  const middle = median(ratios);
  const spread =
    ratios.length > 1
      ? ` (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`
      : "";
  return { median: middle, text: `${middle.toFixed(2)}${spread}` };
}

export async function scaleSection(options: { sizes: number[]; repeat: number }): Promise<void> {
  print("## Scale: wall time, CPU and peak memory against the engine-cost baseline\n");
  print(
    `${options.repeat} pair(s) per size, each pair our stack then the baseline back to back; ` +
      "each cell is the median of the pairs' ratios (min–max). Our stack: the agency program " +
      "(half domain clients: Domain, DomainVerification, ApiToken; half identity clients: one " +
      "SenderIdentity), unpaced. Baseline: the same resource graph of trivial dynamic resources. " +
      "CPU: user + system time of the whole process tree.\n",
  );
  const rows: (string | number)[][] = [];
  for (const clients of options.sizes) {
    const runs = { mailersend: [] as ScaleRun[], baseline: [] as ScaleRun[] };
    for (let i = 0; i < options.repeat; i++) {
      // Alternate which stack goes first, so neither always runs on a warmer machine.
      const order =
        i % 2 === 0 ? (["mailersend", "baseline"] as const) : (["baseline", "mailersend"] as const);
      for (const kind of order) runs[kind].push(await scaleRun(kind, clients));
      process.stderr.write(`  scale ${clients} clients: pair ${i + 1} of ${options.repeat} done\n`);
    }
    scaleRuns[clients] = runs;
    const resources = runs.mailersend[0].customResources;
    for (const [label, pick] of [
      ["preview (all creates)", (r: ScaleRun) => r.preview],
      ["up", (r: ScaleRun) => r.up],
      ["up, PULUMI_SKIP_CHECKPOINTS=true", (r: ScaleRun) => r.upNoCheckpoints],
      ["no-op preview", (r: ScaleRun) => r.noopPreview],
    ] as const) {
      const of = (kind: "mailersend" | "baseline", value: (m: Measured) => number) =>
        runs[kind].map((r) => value(pick(r)));
      const ratioOf = (value: (m: Measured) => number) =>
        pairRatios(of("mailersend", value), of("baseline", value)).text;
      rows.push([
        clients,
        resources,
        label,
        ratioOf((m) => m.wallMs),
        ratioOf(treeCpuMs),
        ratioOf((m) => m.peakRssBytes),
        `${seconds(median(of("mailersend", (m) => m.wallMs)))} / ${seconds(median(of("baseline", (m) => m.wallMs)))}`,
        `${mib(median(of("mailersend", (m) => m.peakRssBytes)))} / ${mib(median(of("baseline", (m) => m.peakRssBytes)))}`,
        `${(median(of("mailersend", printedBytes)) / 1024).toFixed(1)} / ${(median(of("baseline", printedBytes)) / 1024).toFixed(1)} KiB`,
      ]);
    }
    const upCalls = median(runs.mailersend.map((r) => r.apiCallsUp));
    const noopCalls = median(runs.mailersend.map((r) => r.apiCallsNoop));
    print(
      `${clients} clients: \`up\` made ${upCalls} API calls, the no-op preview ${noopCalls}.\n`,
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
            previewCpuMs: treeCpuMs(r.preview),
            upCpuMs: treeCpuMs(r.up),
            noopPreviewCpuMs: treeCpuMs(r.noopPreview),
            noopPreviewPrintedBytes: printedBytes(r.noopPreview),
            previewPeakRss: r.preview.peakRssBytes,
            upPeakRss: r.up.peakRssBytes,
            upPeakByKind: r.up.peakByKind,
            previewCpuMsByKind: r.preview.cpuMsByKind,
            upCpuMsByKind: r.up.cpuMsByKind,
            noopPreviewCpuMsByKind: r.noopPreview.cpuMsByKind,
            noopPreviewPeakRss: r.noopPreview.peakRssBytes,
            apiCallsUp: r.apiCallsUp,
            apiCallsNoop: r.apiCallsNoop,
            stateBytes: r.stateBytes,
            customResources: r.customResources,
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
        "wall ratio",
        "CPU ratio",
        "peak memory ratio",
        "wall (ours / baseline)",
        "peak RSS (ours / baseline)",
        "printed (ours / baseline)",
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

export function stateSection(): void {
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
