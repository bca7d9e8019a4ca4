/**
 * Records the `pulumi preview --json` documents the plan-summary tests read
 * (test/plan-summary/fixtures/<scenario>.json), from the real Pulumi engine running the agency
 * stack (examples/agency) against the MailerSend emulator:
 *
 *   npm run build && scripts/with-pulumi.sh node dist/scripts/record-plan-fixtures.js [scenario ...]
 *
 * With scenario names, only those fixtures are rewritten (every scenario still runs: they share
 * one stack). Then run `UPDATE_GOLDEN=1 npx vitest run test/plan-summary` and review the golden
 * Markdown diffs.
 *
 * Everything happens in a temporary directory: a copy of examples/agency with a few config knobs
 * added (see KNOBS; the example itself is never edited), a file backend, a passphrase secrets
 * provider, and the emulator inside this process. One stack is deployed once; each scenario sets
 * its config (or acts in the emulator), previews, and puts the config back.
 *
 * Fixtures must be stable and carry no machine's details, so each document is normalised before it
 * is written: the emulator's ids become labels naming their object (`domain-id:acme-shop.example`),
 * timestamps a fixed instant, the emulator's port a fixed one, the temporary directory and the
 * repository paths placeholders, the default provider's UUID zeros, the `duration` 0; `stackTrace`
 * and `sourcePosition` (source paths) are dropped, and the serialized dynamic-provider code
 * (`__provider`, 2 KB per resource, identical everywhere) is replaced by a short placeholder. The
 * rest is what the engine printed. A fixture holding anything like an API token fails the run.
 */
import { LOG_DECISIONS_ENV } from "../provider/facts/decision-line";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type Emulator } from "../emulator";
import { isolatedPulumiEnv, runPulumi } from "./pulumi-workspace";
import { repoRoot } from "./repo-root";

const ROOT = repoRoot();
const EXAMPLE = path.join(ROOT, "examples", "agency");
const FIXTURES = path.join(ROOT, "test", "plan-summary", "fixtures");
const STACK = "dev";
/** Domains the agency had verified in MailerSend before the stack existed (as in `npm run demo`). */
const PRE_EXISTING = ["agency.example", "lawfirm.example"];
/** The emulator's clock: fixed, so its timestamps are. */
const EPOCH = Date.parse("2025-01-01T12:00:00Z");

/** What the volatile values of a fixture become (see the header). */
const FIXED_ORIGIN = "http://127.0.0.1:4010";
const FIXED_TMP = "/tmp/plan-summary-fixtures";
const FIXED_ROOT = "/repo";
const PROVIDER_PLACEHOLDER = "/* serialized dynamic provider: elided by record-plan-fixtures */";

// ---------------------------------------------------------------------------------------------
// The scenarios
// ---------------------------------------------------------------------------------------------

interface Scenario {
  /** The fixture's file name (without .json). */
  name: string;
  /** What the scenario shows (printed while recording). */
  what: string;
  /** Stack config set before the preview and removed after it. */
  config?: Record<string, string>;
  /** Preview flags; default `--show-sames` (what the engine tests' `ws.preview()` adds). */
  flags?: string[];
  /** The preview fails (the program throws): a blocker or a plan limit. */
  fails?: boolean;
}

/** Ten more clients that need their own domain: the Starter plan's ten domains do not fit. */
const EXTRA_DOMAIN_CLIENTS = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    return [
      `shop-${n}`,
      {
        domain: `shop-${n}.example`,
        monthlyVolume: 20_000,
        dnsAccess: true,
        dmarcPolicy: "none",
      },
    ];
  }),
);

const BAKERY_GROWS = { bakeryVolume: "5000", bakeryDnsAccess: "true" };

/** Previews on the deployed stack (the first two scenarios are recorded around the `up`). */
const CHANGE_SCENARIOS: Scenario[] = [
  {
    name: "identity-to-domain",
    what: "the bakery grows past the band and its DNS can be changed: sender identity → domain",
    config: BAKERY_GROWS,
  },
  {
    name: "identity-to-domain-plain",
    what: "the same, previewed as plain `pulumi preview --json` (no --show-sames)",
    config: BAKERY_GROWS,
    flags: [],
  },
  {
    name: "identity-to-domain-keep-identities",
    what: "the same with bakeryKeepIdentities: the identity stays until the domain is verified",
    config: { ...BAKERY_GROWS, bakeryKeepIdentities: "true" },
  },
  {
    name: "token-rotation",
    what: "acme-shop's token is rotated (a new rotationNonce)",
    config: {
      clientOverrides: JSON.stringify({ "acme-shop": { token: { rotationNonce: "2025-06" } } }),
    },
  },
  {
    name: "domain-replacement",
    what: "acme-shop's return-path subdomain changes: its domain is replaced",
    config: {
      clientOverrides: JSON.stringify({
        "acme-shop": { domainSettings: { trackOpens: false, returnPathSubdomain: "bounces" } },
      }),
    },
  },
  {
    name: "domain-deletion",
    what: "acme-shop leaves the agency: its domain, token and user are deleted",
    config: { dropClients: JSON.stringify(["acme-shop"]) },
  },
  {
    name: "agency-domain-replacement",
    what: "the agency moves to another sending domain: every sender identity is re-created",
    config: { agencyDomain: "mail.agency.example" },
  },
  {
    name: "blocker",
    what: "freight's domain moves to p=reject while nobody can change its DNS: a blocker",
    config: { clientOverrides: JSON.stringify({ freight: { dmarcPolicy: "reject" } }) },
    fails: true,
  },
  {
    name: "plan-limit",
    what: "ten more domain clients on the Starter plan: over its ten domains",
    config: { extraClients: JSON.stringify(EXTRA_DOMAIN_CLIENTS) },
    fails: true,
  },
];

/** Every scenario, in the order they are recorded (the tests expect a fixture for each). */
export const ALL_SCENARIOS = [
  "initial-creation",
  "no-changes",
  ...CHANGE_SCENARIOS.map((s) => s.name),
  "identity-confirmation",
];

// ---------------------------------------------------------------------------------------------
// The project copy and its knobs
// ---------------------------------------------------------------------------------------------

/**
 * Added to the copy of examples/agency: config knobs over the `clients` object passed to the
 * Agency. `dropClients` (JSON list of names) removes clients, `clientOverrides` (JSON object by
 * name) replaces top-level fields of a client, `extraClients` (JSON object) adds clients.
 */
const KNOBS = `
// Added by scripts/record-plan-fixtures.ts to this temporary copy: knobs for the recorded scenarios.
function planSummaryClients<T extends object>(clients: Record<string, T>): Record<string, T> {
  const drop = config.getObject<string[]>("dropClients") ?? [];
  const overrides = config.getObject<Record<string, Partial<T>>>("clientOverrides") ?? {};
  const extra = config.getObject<Record<string, T>>("extraClients") ?? {};
  const result: Record<string, T> = {};
  for (const [name, client] of Object.entries({ ...clients, ...extra })) {
    if (!drop.includes(name)) result[name] = { ...client, ...overrides[name] };
  }
  return result;
}

`;

/** The index of the brace closing the one at `open`, skipping string and template literals. */
function matchingBrace(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === "\\") i++;
    } else if (c === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === "{") {
      depth++;
    } else if (c === "}" && --depth === 0) {
      return i;
    }
  }
  throw new Error("unbalanced braces");
}

/** examples/agency/index.ts with the knobs; throws if the example no longer has the anchors. */
export function patchAgencyProgram(source: string): string {
  const agencyAnchor = 'const agency = new mailersend.Agency("agency", {';
  const clientsAnchor = "\n  clients: {";
  const at = source.indexOf(agencyAnchor);
  const clientsAt = source.indexOf(clientsAnchor, at);
  if (at < 0 || clientsAt < 0 || !/^const config = new pulumi\.Config\(\);$/m.test(source)) {
    throw new Error(
      "examples/agency/index.ts changed: record-plan-fixtures expects `const config = new " +
        `pulumi.Config();\`, \`${agencyAnchor}\` and \`clients: {\` inside it; update patchAgencyProgram().`,
    );
  }
  const open = clientsAt + clientsAnchor.length - 1;
  const close = matchingBrace(source, open);
  return (
    source.slice(0, at) +
    KNOBS +
    source.slice(at, open) +
    "planSummaryClients(" +
    source.slice(open, close + 1) +
    ")" +
    source.slice(close + 1)
  );
}

function prepareProject(dir: string): string {
  const project = path.join(dir, "project");
  fs.mkdirSync(project, { recursive: true });
  for (const file of ["Pulumi.yaml", "package.json"]) {
    fs.copyFileSync(path.join(EXAMPLE, file), path.join(project, file));
  }
  const source = fs.readFileSync(path.join(EXAMPLE, "index.ts"), "utf8");
  fs.writeFileSync(path.join(project, "index.ts"), patchAgencyProgram(source));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
  return project;
}

// ---------------------------------------------------------------------------------------------
// Running pulumi
// ---------------------------------------------------------------------------------------------

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function pulumiRunner(dir: string, project: string) {
  const env = isolatedPulumiEnv({
    backendDir: path.join(dir, "state"),
    homeDir: path.join(dir, "pulumi-home"),
    passphrase: "record-plan-fixtures",
    // The repository's Node 24 for the program (the `node` package), as npm scripts get it.
    pathFirst: [path.join(ROOT, "node_modules", ".bin")],
    // As the CI recipe of docs/plan-summary.md runs the preview: with the Clients' decision lines.
    extra: { [LOG_DECISIONS_ENV]: "1" },
  });
  fs.mkdirSync(path.join(dir, "state"), { recursive: true });

  return async (args: string[], options: { allowFailure?: boolean } = {}): Promise<Run> => {
    const fullArgs = ["--non-interactive", "--color=never", ...args];
    const result = await runPulumi("pulumi", fullArgs, { cwd: project, env }).catch(
      (error: Error) => {
        throw new Error(
          `cannot run pulumi (${error.message}): run this script through scripts/with-pulumi.sh`,
        );
      },
    );
    const { stdout, stderr } = result;
    const run = { code: result.exitCode, stdout, stderr };
    if (run.code !== 0 && !options.allowFailure) {
      throw new Error(
        `pulumi ${args.join(" ")} exited with ${run.code}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
      );
    }
    return run;
  };
}

// ---------------------------------------------------------------------------------------------
// Normalising a recorded document
// ---------------------------------------------------------------------------------------------

/** Every id the emulator minted, mapped to a stable label naming its object. */
function idLabels(emulator: Emulator): Map<string, string> {
  const labels = new Map<string, string>();
  for (const d of emulator.store.domains.list()) labels.set(d.id, `domain-id:${d.name}`);
  for (const i of emulator.store.identities.list()) labels.set(i.id, `identity-id:${i.email}`);
  for (const t of emulator.store.tokens.list()) labels.set(t.id, `token-id:${t.name}`);
  for (const u of emulator.store.users.list()) labels.set(u.id, `user-id:${u.email}`);
  for (const v of emulator.store.invites.list()) labels.set(v.id, `invite-id:${v.email}`);
  return labels;
}

function dropVolatileKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropVolatileKeys);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "stackTrace" || key === "sourcePosition") continue;
    if (key === "__provider" && typeof inner === "string") out[key] = PROVIDER_PLACEHOLDER;
    else out[key] = dropVolatileKeys(inner);
  }
  return out;
}

export function normalise(
  document: unknown,
  context: { origin: string; tmpDirs: string[]; ids: Map<string, string> },
): unknown {
  const doc = dropVolatileKeys(document) as Record<string, unknown>;
  if ("duration" in doc) doc.duration = 0;
  // The engine's order depends on when the program's outputs resolve: sort for stable fixtures.
  const byKey = (key: (item: Record<string, unknown>) => string) => (a: unknown, b: unknown) => {
    const [ka, kb] = [key(a as Record<string, unknown>), key(b as Record<string, unknown>)];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  if (Array.isArray(doc.steps)) doc.steps.sort(byKey((s) => `${String(s.urn)} ${String(s.op)}`));
  if (Array.isArray(doc.diagnostics)) {
    doc.diagnostics.sort(byKey((d) => `${String(d.urn)} ${String(d.message)}`));
  }
  let text = JSON.stringify(doc);
  for (const [from, to] of [
    [context.origin, FIXED_ORIGIN],
    ...context.tmpDirs.map((dir) => [dir, FIXED_TMP]),
    [ROOT, FIXED_ROOT],
  ]) {
    text = text.split(from).join(to);
  }
  // Timestamps (the emulator's, the engine's `created`/`modified`, whose nanoseconds lose their
  // trailing zeros): a fixed instant.
  text = text.replace(
    /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g,
    (_match, fraction: string | undefined) => `2025-01-01T12:00:00${fraction ? ".000000" : ""}Z`,
  );
  // The default provider's id (a UUID per stack).
  text = text.replace(
    /(pulumi:providers:[^:"]+::[^:"]+::)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (_match, prefix: string) => `${prefix}00000000-0000-0000-0000-000000000000`,
  );
  // Longest ids first (token ids are 80 characters; resource ids 16).
  for (const [id, label] of [...context.ids].sort(([a], [b]) => b.length - a.length)) {
    text = text.split(id).join(label);
  }
  if (/mlsn\.[A-Za-z0-9]+/.test(text)) {
    throw new Error("a recorded preview holds an API token value (mlsn.…): refusing to write it");
  }
  return JSON.parse(text);
}

async function formatJson(value: unknown, file: string): Promise<string> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  try {
    // Formatted as `prettier --check` expects (prettier is a dev dependency).
    const prettier = (await import("prettier")) as typeof import("prettier");
    const options = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...options, filepath: file });
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Recording
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !ALL_SCENARIOS.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown scenario(s): ${unknown.join(", ")}; the scenarios are: ${ALL_SCENARIOS.join(", ")}`,
    );
  }
  const started = Date.now();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-fixtures-"));
  const emulator = await startEmulator({
    plan: "starter",
    rateLimit: false,
    seed: 20250101,
    now: () => EPOCH,
  });
  try {
    const project = prepareProject(tmpDir);
    const pulumi = pulumiRunner(tmpDir, project);
    for (const name of PRE_EXISTING) {
      emulator.store.domains.create({ name });
      emulator.store.verifyDomain(name);
    }
    await pulumi(["stack", "init", STACK]);
    await pulumi([
      "config",
      "set-all",
      `--plaintext=mailersend:apiUrl=${emulator.url}`,
      `--secret=mailersend:apiKey=${emulator.apiKey}`,
    ]);

    fs.mkdirSync(FIXTURES, { recursive: true });
    const record = async (scenario: Scenario): Promise<void> => {
      const t0 = Date.now();
      const keys = Object.keys(scenario.config ?? {});
      if (keys.length > 0) {
        await pulumi([
          "config",
          "set-all",
          ...Object.entries(scenario.config ?? {}).map(([k, v]) => `--plaintext=${k}=${v}`),
        ]);
      }
      const run = await pulumi(["preview", "--json", ...(scenario.flags ?? ["--show-sames"])], {
        allowFailure: true,
      });
      if (keys.length > 0) await pulumi(["config", "rm-all", ...keys]);
      if ((run.code !== 0) !== (scenario.fails ?? false)) {
        throw new Error(
          `${scenario.name}: the preview ${run.code === 0 ? "succeeded" : "failed"}, expected ` +
            `${scenario.fails ? "a failure" : "success"}\n${run.stdout}\n${run.stderr}`,
        );
      }
      const document = JSON.parse(run.stdout) as unknown;
      if (only.length > 0 && !only.includes(scenario.name)) return;
      const file = path.join(FIXTURES, `${scenario.name}.json`);
      const fixture = normalise(document, {
        origin: emulator.origin,
        tmpDirs: [fs.realpathSync(tmpDir), tmpDir],
        ids: idLabels(emulator),
      });
      fs.writeFileSync(file, await formatJson(fixture, file));
      console.log(
        `  ${scenario.name.padEnd(36)} ${String(Date.now() - t0).padStart(5)} ms  ${scenario.what}`,
      );
    };

    console.log(`Recording into ${path.relative(ROOT, FIXTURES)}/`);
    await record({ name: "initial-creation", what: "the agency stack before its first `up`" });
    await pulumi(["up", "--yes", "--skip-preview"]);
    await record({ name: "no-changes", what: "after `up`: nothing to do" });
    for (const scenario of CHANGE_SCENARIOS) await record(scenario);

    // The humans: one of the dentist's two addresses is confirmed, acme-shop's DNS published.
    emulator.store.verifyIdentity("appointments@smile-dental.example");
    emulator.store.verifyDomain("acme-shop.example");
    await pulumi(["refresh", "--yes", "--skip-preview"]);
    await record({
      name: "identity-confirmation",
      what: "after a refresh: one identity confirmed, one still pending; acme-shop's domain verified",
    });
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await emulator.close();
    if (process.env.PLAN_FIXTURES_KEEP) console.log(`kept ${tmpDir}`);
    else fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

// Run as a script; imported (by the tests, for patchAgencyProgram and normalise), do nothing.
if (typeof require !== "undefined" && require.main === module) {
  main().catch((error: unknown) => {
    console.error(
      `record-plan-fixtures failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}
