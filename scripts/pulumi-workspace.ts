/**
 * The one way this repository drives the Pulumi CLI outside a user's own setup: an isolated
 * environment (a local file backend, passphrase secrets, a private PULUMI_HOME, no update checks,
 * no plugin downloads, nothing inherited from the caller's PULUMI_* variables) and one runner for
 * `pulumi` commands. The engine tests (test/support/pulumi.ts), the demo (scripts/demo.ts) and the
 * fixture recorder (scripts/record-plan-fixtures.ts) build on it. The benchmarks
 * (bench/harness.mts) use its environment but keep their own runner: they sample the memory of
 * the process tree while a command runs, which this runner does not do.
 */
import { spawn } from "node:child_process";
import path from "node:path";

export interface IsolatedEnvOptions {
  /** The file backend's directory (PULUMI_BACKEND_URL=file://<backendDir>). */
  backendDir: string;
  /** PULUMI_HOME: plugins, credentials and workspace settings of this workspace only. */
  homeDir: string;
  /** The passphrase of the passphrase secrets provider. */
  passphrase: string;
  /** Directories put before the inherited PATH (the CLI, the repository's Node 24). */
  pathFirst?: string[];
  /** Skip type-checking when ts-node loads a TypeScript program (default true). */
  transpileOnly?: boolean;
  /** Extra variables, applied last (undefined removes one). */
  extra?: Record<string, string | undefined>;
}

/** Sets and removes variables of `target` (undefined removes one); returns `target`. */
export function applyEnv(
  target: NodeJS.ProcessEnv,
  extra: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  return target;
}

/**
 * The environment of an isolated workspace: the inherited environment minus every PULUMI_*
 * variable (no access tokens, backends or config from the caller), then the workspace's own.
 */
export function isolatedPulumiEnv(options: IsolatedEnvOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("PULUMI_")) env[key] = value;
  }
  applyEnv(env, {
    PATH: [...(options.pathFirst ?? []), process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${options.backendDir}`,
    PULUMI_HOME: options.homeDir,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: options.transpileOnly === false ? undefined : "true",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  });
  return applyEnv(env, options.extra);
}

export interface CommandResult {
  /** The arguments passed to `pulumi`. */
  args: string[];
  cwd: string;
  /** Empty where the output went to the terminal. */
  stdout: string;
  stderr: string;
  /** The exit code, or -1 when the process was killed (timeout) or died from a signal. */
  exitCode: number;
  durationMs: number;
}

export interface RunPulumiOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /**
   * `capture` (default): stdout and stderr are returned; `inherit`: both go to the terminal;
   * `stdout`: stdout is returned and stderr goes to the terminal.
   */
  output?: "capture" | "inherit" | "stdout";
  /**
   * Kill the command after this long. The command then runs in its own process group, so the
   * language host, node and provider plugins are killed with it. None: no limit, and the command
   * stays in the caller's group (Ctrl-C in a terminal reaches it).
   */
  timeoutMs?: number;
  /** Text written to the command's stdin (stdin is closed either way). */
  input?: string;
}

/**
 * Runs `file args` (the `pulumi` executable, or just "pulumi" to take it from PATH) and resolves
 * with its result whatever its exit code; rejects only when it cannot be started. Asynchronous on
 * purpose: the emulator answering the provider may run in the calling process.
 */
export function runPulumi(
  file: string,
  args: string[],
  options: RunPulumiOptions,
): Promise<CommandResult> {
  const { cwd, env, timeoutMs, input } = options;
  const output = options.output ?? "capture";
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      env,
      stdio: [
        "pipe",
        output === "inherit" ? "inherit" : "pipe",
        output === "capture" ? "pipe" : "inherit",
      ],
      detached: timeoutMs !== undefined,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            try {
              process.kill(-child.pid!, "SIGKILL");
            } catch {
              child.kill("SIGKILL");
            }
          }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) stderr += `\n[killed: timed out after ${timeoutMs} ms]`;
      resolve({
        args,
        cwd,
        stdout,
        stderr,
        exitCode: code ?? -1,
        durationMs: Date.now() - started,
      });
    });
    child.stdin?.end(input ?? "");
  });
}
