// Engine-test support: runs the real Pulumi CLI against a Pulumi project in an isolated, throwaway
// workspace (local file backend, passphrase secrets, private PULUMI_HOME), with no network and no
// Pulumi Cloud. Nothing here knows about MailerSend.
//
// The CLI comes from PATH or from the per-machine cache that scripts/ensure-pulumi.sh fills. When
// neither has it, findPulumi() THROWS: engine tests fail, they never skip.
//
//   const ws = await createWorkspace({ project: path.join(__dirname, "fixtures/smoke") });
//   try {
//     await ws.stackInit();
//     await ws.setConfig({ path: "/tmp/x", token: { value: "t0ken", secret: true } });
//     await ws.up();
//     const { json } = await ws.preview();
//     expect(changedSteps(json)).toEqual([]);
//     await ws.destroy();
//   } finally {
//     await ws.cleanup();
//   }
//
// In vitest, prefer useWorkspace() from ./pulumi-vitest (shared workspace per describe block, setup
// errors fail every test). Each command is one `pulumi` process (about 1–3 s each for a small
// program), so give engine tests a generous timeout (vitest's default here is 30 s).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  applyEnv,
  isolatedPulumiEnv,
  runPulumi,
  type CommandResult,
} from "../../scripts/pulumi-workspace";
import { findPulumi, REPO_ROOT, type PulumiInstallation } from "./pulumi-cli";
import {
  parseEngineEvents,
  parsePreviewJson,
  type PreviewJson,
  type PreviewResult,
  type StackExport,
  type UpdateResult,
} from "./pulumi-output";

export type { CommandResult } from "../../scripts/pulumi-workspace";
// One import for the engine tests: finding the CLI and its output formats live in their own files.
export * from "./pulumi-cli";
export * from "./pulumi-output";

// ---------------------------------------------------------------------------------------------
// Running commands
// ---------------------------------------------------------------------------------------------

export interface RunOptions {
  /** Do not throw when the command exits non-zero; inspect `exitCode` instead. */
  allowFailure?: boolean;
  /** Extra environment variables for this command (undefined removes one). */
  env?: Record<string, string | undefined>;
  /** Kill the command (and its plugins) after this long. Default: the workspace's timeoutMs. */
  timeoutMs?: number;
  /** Text written to the command's stdin (stdin is closed either way). */
  input?: string;
}

/** Thrown by the workspace commands on an unexpected exit code; carries the full output. */
export class PulumiCommandError extends Error {
  constructor(readonly result: CommandResult) {
    super(
      `\`pulumi ${result.args.join(" ")}\` exited with ${result.exitCode} ` +
        `after ${result.durationMs} ms (cwd ${result.cwd})\n` +
        `--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`,
    );
    this.name = "PulumiCommandError";
  }
}

// ---------------------------------------------------------------------------------------------
// Workspaces
// ---------------------------------------------------------------------------------------------

export interface WorkspaceOptions {
  /** A Pulumi project directory (containing Pulumi.yaml). */
  project: string;
  /**
   * Copy the project into the workspace (default true), so stack files (Pulumi.<stack>.yaml) and
   * program edits stay out of the repository and tests can run in parallel. The copy gets a
   * `node_modules` symlink to the nearest node_modules above the original, so `@pulumi/pulumi`
   * and `pulumi-mailersend` resolve as in place. With false, commands run in the project itself
   * and cleanup() deletes the Pulumi.<stack>.yaml files that stackInit() created.
   */
  copy?: boolean;
  /** Passphrase for the passphrase secrets provider (default "engine-test-passphrase"). */
  passphrase?: string;
  /**
   * Skip type-checking when ts-node loads a TypeScript program (PULUMI_NODEJS_TRANSPILE_ONLY;
   * default true: `npm run typecheck` covers the sources, and it saves seconds per command).
   */
  transpileOnly?: boolean;
  /** Extra environment variables for every command (undefined removes one). */
  env?: Record<string, string | undefined>;
  /** Per-command timeout (default 120 s). */
  timeoutMs?: number;
}

export interface CommandOptions extends RunOptions {
  /** Extra arguments appended to the command line. */
  args?: string[];
}

export type ConfigValue = string | { value: string; secret?: boolean };

export interface PulumiWorkspace {
  /** The temporary directory holding everything (backend, PULUMI_HOME, project copy). */
  readonly dir: string;
  /** The directory the commands run in (the project copy, or the project itself). */
  readonly projectDir: string;
  /** The file backend's directory (PULUMI_BACKEND_URL=file://<backendDir>). */
  readonly backendDir: string;
  /** The environment every command gets. */
  readonly env: NodeJS.ProcessEnv;
  readonly installation: PulumiInstallation;
  /** The stack created by stackInit(), passed as --stack to the commands below. */
  readonly stack: string | undefined;

  /** Runs `pulumi --non-interactive --color=never <args>`; throws on a non-zero exit code. */
  run(args: string[], options?: RunOptions): Promise<CommandResult>;
  /** `pulumi stack init <stack>` (default "dev") and remembers it as the current stack. */
  stackInit(stack?: string, options?: CommandOptions): Promise<CommandResult>;
  /** `pulumi config set [--secret] -- <key> <value>`. */
  configSet(
    key: string,
    value: string,
    options?: CommandOptions & { secret?: boolean; path?: boolean },
  ): Promise<CommandResult>;
  /** `pulumi config rm [--path] <key>`. */
  configRm(key: string, options?: CommandOptions & { path?: boolean }): Promise<CommandResult>;
  /** Sets several keys with one `pulumi config set-all` (faster than configSet per key). */
  setConfig(config: Record<string, ConfigValue>, options?: CommandOptions): Promise<CommandResult>;
  /** `pulumi up --yes --skip-preview --json`. */
  up(options?: CommandOptions): Promise<UpdateResult>;
  /** `pulumi preview --json --diff --show-sames` (every resource has a step, sames included). */
  preview(options?: CommandOptions): Promise<PreviewResult>;
  /** `pulumi refresh --yes --skip-preview --json`. */
  refresh(options?: CommandOptions): Promise<UpdateResult>;
  /** `pulumi destroy --yes --skip-preview --json`. */
  destroy(options?: CommandOptions): Promise<UpdateResult>;
  /** `pulumi stack export` (secrets stay encrypted unless `--show-secrets` is passed in args). */
  stackExport(options?: CommandOptions): Promise<StackExport & { raw: string }>;
  /** `pulumi stack output --json [--show-secrets]`. */
  stackOutputs(
    options?: CommandOptions & { showSecrets?: boolean },
  ): Promise<Record<string, unknown>>;
  /** Removes the workspace (kept when PULUMI_MAILERSEND_KEEP_WORKSPACES is set; path logged). */
  cleanup(): Promise<void>;
}

function nearestNodeModules(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, "node_modules");
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isStackFile(name: string): boolean {
  return /^Pulumi\..+\.ya?ml$/.test(name);
}

/** Creates an isolated workspace for one test (see WorkspaceOptions). Call cleanup() at the end. */
export async function createWorkspace(options: WorkspaceOptions): Promise<PulumiWorkspace> {
  const installation = findPulumi();
  const project = path.resolve(options.project);
  if (!fs.existsSync(path.join(project, "Pulumi.yaml"))) {
    throw new Error(`${project} is not a Pulumi project (no Pulumi.yaml)`);
  }
  const copy = options.copy ?? true;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-engine-test-"));
  const backendDir = path.join(dir, "backend");
  const homeDir = path.join(dir, "pulumi-home");
  fs.mkdirSync(backendDir);
  fs.mkdirSync(homeDir);

  let projectDir = project;
  if (copy) {
    projectDir = path.join(dir, "project");
    fs.cpSync(project, projectDir, {
      recursive: true,
      filter: (src) => {
        const name = path.basename(src);
        return src === project || (name !== "node_modules" && !isStackFile(name));
      },
    });
    const nodeModules = nearestNodeModules(project);
    if (nodeModules) fs.symlinkSync(nodeModules, path.join(projectDir, "node_modules"), "dir");
  }

  // The CLI and its plugins first, then the repository's Node 24 (`node` package), then the rest.
  const env = isolatedPulumiEnv({
    backendDir,
    homeDir,
    passphrase: options.passphrase ?? "engine-test-passphrase",
    pathFirst: [installation.binDir, path.join(REPO_ROOT, "node_modules", ".bin")],
    transpileOnly: options.transpileOnly,
    extra: options.env,
  });

  let currentStack: string | undefined;
  const createdStackFiles: string[] = [];

  const run = async (args: string[], runOptions: RunOptions = {}): Promise<CommandResult> => {
    const fullArgs = ["--non-interactive", "--color=never", ...args];
    const result = await runPulumi(installation.pulumi, fullArgs, {
      cwd: projectDir,
      env: applyEnv({ ...env }, runOptions.env),
      timeoutMs: runOptions.timeoutMs ?? timeoutMs,
      input: runOptions.input,
    });
    if (result.exitCode !== 0 && !runOptions.allowFailure) throw new PulumiCommandError(result);
    return result;
  };

  const stackArgs = (): string[] => (currentStack ? ["--stack", currentStack] : []);
  const withArgs = (base: string[], o: CommandOptions = {}) => [...base, ...(o.args ?? [])];

  const update = async (base: string[], o: CommandOptions = {}): Promise<UpdateResult> => {
    const result = await run(withArgs([...base, ...stackArgs()], o), o);
    const events = parseEngineEvents(result.stdout);
    return {
      ...result,
      events,
      summary: events.find((e) => e.summaryEvent)?.summaryEvent,
      diagnostics: events
        .map((e) => e.diagnosticEvent)
        .filter((d): d is NonNullable<typeof d> => d !== undefined && d.severity !== "debug"),
    };
  };

  const workspace: PulumiWorkspace = {
    dir,
    projectDir,
    backendDir,
    env,
    installation,
    get stack() {
      return currentStack;
    },
    run,
    async stackInit(stack = "dev", o = {}) {
      const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
      const hadStackFile = fs.existsSync(stackFile);
      const result = await run(withArgs(["stack", "init", stack], o), o);
      currentStack = stack;
      if (!hadStackFile) createdStackFiles.push(stackFile);
      return result;
    },
    configSet(key, value, o = {}) {
      const flags = [...(o.secret ? ["--secret"] : []), ...(o.path ? ["--path"] : [])];
      return run(
        withArgs(["config", "set", ...stackArgs(), ...flags], o).concat(["--", key, value]),
        o,
      );
    },
    configRm(key, o = {}) {
      const flags = o.path ? ["--path"] : [];
      return run(withArgs(["config", "rm", ...stackArgs(), ...flags], o).concat(["--", key]), o);
    },
    setConfig(config, o = {}) {
      const pairs = Object.entries(config).flatMap(([key, v]) => {
        const { value, secret } = typeof v === "string" ? { value: v, secret: false } : v;
        return [`${secret ? "--secret" : "--plaintext"}=${key}=${value}`];
      });
      return run(withArgs(["config", "set-all", ...stackArgs(), ...pairs], o), o);
    },
    up(o) {
      return update(["up", "--yes", "--skip-preview", "--json"], o);
    },
    async preview(o = {}) {
      const result = await run(
        withArgs(["preview", "--json", "--diff", "--show-sames", ...stackArgs()], o),
        o,
      );
      let json: PreviewJson = { steps: [], changeSummary: {}, diagnostics: [] };
      try {
        json = parsePreviewJson(result.stdout);
      } catch (error) {
        if (result.exitCode === 0) {
          throw new Error(`could not parse \`pulumi preview --json\` output: ${error}`, {
            cause: new PulumiCommandError(result),
          });
        }
      }
      return { ...result, json };
    },
    refresh(o) {
      return update(["refresh", "--yes", "--skip-preview", "--json"], o);
    },
    destroy(o) {
      return update(["destroy", "--yes", "--skip-preview", "--json"], o);
    },
    async stackExport(o = {}) {
      const result = await run(withArgs(["stack", "export", ...stackArgs()], o), o);
      return { ...(JSON.parse(result.stdout) as StackExport), raw: result.stdout };
    },
    async stackOutputs(o = {}) {
      const flags = ["--json", ...(o.showSecrets ? ["--show-secrets"] : [])];
      const result = await run(withArgs(["stack", "output", ...stackArgs(), ...flags], o), o);
      return JSON.parse(result.stdout) as Record<string, unknown>;
    },
    async cleanup() {
      if (process.env.PULUMI_MAILERSEND_KEEP_WORKSPACES) {
        console.error(`[engine test] kept workspace ${dir} (PULUMI_MAILERSEND_KEEP_WORKSPACES)`);
        return;
      }
      if (!copy) {
        for (const stackFile of createdStackFiles) fs.rmSync(stackFile, { force: true });
      }
      const link = path.join(dir, "project", "node_modules");
      if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(link);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return workspace;
}
