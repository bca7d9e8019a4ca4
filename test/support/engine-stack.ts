// Engine tests of the example programs: one MailerSend emulator plus one Pulumi workspace holding a
// copy of examples/<name>, with a stack whose `mailersend:apiUrl` points at the emulator and whose
// `mailersend:apiKey` is the emulator's account key (as a secret).
//
//   const stack = useEngineStack({
//     example: "sender-identity",
//     // Runs before the stack config is set: create what the program needs but cannot make itself.
//     prepare: (emulator) => {
//       const agency = emulator.store.domains.create({ name: "agency.example.com" });
//       emulator.store.verifyDomain(agency.id);
//       return { agencyDomainId: agency.id }; // more stack config
//     },
//   });
//   it("creates", { timeout: ENGINE_TEST_TIMEOUT }, async () => {
//     const { ws, emulator } = stack();
//     await ws.up();
//     expect(emulator.store.counts().identities).toBe(1);
//   });
//
// Without the beforeAll/afterAll glue, createEngineStack() does the same and returns the stack; call
// cleanup() at the end. If the Pulumi CLI is missing, both throw (engine tests fail, never skip).
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll } from "vitest";
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type StoreCounts,
} from "../../emulator";
import {
  REPO_ROOT,
  createWorkspace,
  urnName,
  urnType,
  type ConfigValue,
  type Diagnostic,
  type PreviewJson,
  type PulumiWorkspace,
  type ResourceState,
  type UpdateResult,
  type WorkspaceOptions,
} from "./pulumi";
import { ENGINE_TEST_TIMEOUT } from "./pulumi-vitest";

/** The directory holding the example programs. */
export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");

const OWN_TYPE_PREFIX = "pulumi-nodejs:dynamic/mailersend:";

/** The type token of a resource of this package, e.g. `pulumi-nodejs:dynamic/mailersend:Domain`. */
export function mailersendType(type: string): string {
  return `${OWN_TYPE_PREFIX}${type}`;
}

export interface EngineStackOptions {
  /** The example to run: `examples/<example>`. */
  example?: string;
  /** Or any Pulumi project directory (absolute), e.g. a test fixture. */
  project?: string;
  /** Stack name (default "dev"). */
  stack?: string;
  /**
   * Emulator options. The default turns the emulator's per-minute rate limit off: a test runs many
   * short `pulumi` processes in a minute, and the limit is covered by the API and host tiers.
   */
  emulator?: EmulatorOptions;
  /**
   * Keep the emulator's account in a JSON file: `true` puts it in the workspace directory, a
   * string is the path. Needed for restartEmulator().
   */
  persist?: boolean | string;
  /**
   * Runs once the emulator is up, before the stack config is set: create the prerequisites the
   * program cannot create itself (a verified agency domain, ...). What it returns is added to the
   * stack config. Objects it leaves in the emulator are the stack's `baseline`.
   */
  prepare?: (
    emulator: Emulator,
    ws: PulumiWorkspace,
  ) => Record<string, ConfigValue> | void | Promise<Record<string, ConfigValue> | void>;
  /** More stack config (project keys without namespace, or `namespace:key`). */
  config?: Record<string, ConfigValue>;
  /** Workspace options (env, timeoutMs, passphrase, ...); `project` is set from the above. */
  workspace?: Omit<WorkspaceOptions, "project">;
}

/** `store.counts()` of an empty account. */
export const EMPTY_ACCOUNT: StoreCounts = {
  domains: 0,
  identities: 0,
  tokens: 0,
  users: 0,
  invites: 0,
};

/** One API call from the emulator's request log, as `METHOD /path` without `/v1`. */
export interface ApiCall {
  call: string;
  body?: unknown;
  status: number | null;
}

export interface EngineStack {
  readonly ws: PulumiWorkspace;
  /** The running emulator (replaced by restartEmulator()). */
  readonly emulator: Emulator;
  /** The stack config the support set: apiUrl, apiKey (secret), prepare()'s and options.config. */
  readonly config: Readonly<Record<string, ConfigValue>>;
  /** What the emulator held once prepare() had run: the test's own prerequisites. */
  readonly baseline: StoreCounts;
  /** The API calls the emulator logged since the last clearCalls() (or since the start). */
  calls(): ApiCall[];
  /** The same calls as `METHOD /path` only, e.g. `["POST /domains", "GET /domains/abc/dns-records"]`. */
  callNames(): string[];
  clearCalls(): void;
  /**
   * Calls the emulator's MailerSend API with the account key (or `token`), as the MailerSend app
   * or another tool would: how a test makes a change outside Pulumi. `path` is after `/v1`.
   */
  api(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string },
  ): Promise<{ status: number; body: unknown }>;
  /** The custom resources in the stack's state (`pulumi stack export`). */
  resources(): Promise<ResourceState[]>;
  /** The custom resource with this name in the stack's state, if any. */
  resource(name: string): Promise<ResourceState | undefined>;
  /**
   * The id, inputs and outputs of each resource of this package, by label (`Domain.client-one`),
   * secrets decrypted (`stack export --show-secrets`): compare two snapshots to see whether a
   * refresh changed anything (the engine reports a refresh step as `same` when only outputs
   * changed).
   */
  snapshot(): Promise<Record<string, { id?: string; inputs?: unknown; outputs?: unknown }>>;
  /**
   * Stops the emulator and starts it again on the same port with the same key and account file
   * (`persist` is required): what a program run later against a restarted server sees.
   */
  restartEmulator(): Promise<Emulator>;
  /**
   * Installs a copy of the built package (package.json and dist/) as the project's
   * `node_modules/pulumi-mailersend`, the way `npm install` would put a new release there, and
   * lets `patch` edit the copy first. The project's other dependencies stay symlinks to the
   * repository's node_modules; the repository's own dist/ is never touched. Returns the copy's
   * directory.
   */
  installPackageCopy(patch?: (packageDir: string) => void): string;
  /** Closes the emulator and removes the workspace. */
  cleanup(): Promise<void>;
}

/** Creates the emulator and the stack (see EngineStackOptions). Call cleanup() at the end. */
export async function createEngineStack(options: EngineStackOptions): Promise<EngineStack> {
  const project =
    options.project ?? (options.example ? path.join(EXAMPLES_DIR, options.example) : undefined);
  if (!project) throw new Error("createEngineStack(): give `example` or `project`");

  // The workspace first: it fails fast (and loudly) when the Pulumi CLI is missing.
  const ws = await createWorkspace({ ...options.workspace, project });
  let emulator: Emulator | undefined;
  try {
    const persistPath =
      options.persist === true
        ? path.join(ws.dir, "emulator-account.json")
        : options.persist || undefined;
    const emulatorOptions: EmulatorOptions = {
      rateLimit: false,
      ...options.emulator,
      ...(persistPath ? { persistPath } : {}),
    };
    emulator = await startEmulator(emulatorOptions);
    let current: Emulator = emulator;

    await ws.stackInit(options.stack ?? "dev");
    const prepared = (await options.prepare?.(current, ws)) ?? {};
    const config: Record<string, ConfigValue> = {
      "mailersend:apiUrl": current.url,
      "mailersend:apiKey": { value: current.apiKey, secret: true },
      ...prepared,
      ...options.config,
    };
    await ws.setConfig(config);
    const baseline = current.store.counts();
    const resources = async (): Promise<ResourceState[]> => {
      const exported = await ws.stackExport();
      return (exported.deployment.resources ?? []).filter((r) => r.custom && !isProvider(r));
    };

    const calls = (): ApiCall[] =>
      current.requests.list().map((entry) => ({
        call: `${entry.method} ${entry.path.replace(/^\/v1/, "")}`,
        ...(entry.body === undefined ? {} : { body: entry.body }),
        status: entry.status,
      }));

    return {
      ws,
      get emulator() {
        return current;
      },
      config,
      baseline,
      calls,
      callNames: () => calls().map((c) => c.call),
      clearCalls() {
        current.requests.clear();
      },
      async api(method, apiPath, apiOptions = {}) {
        const response = await fetch(`${current.url}${apiPath}`, {
          method,
          headers: {
            authorization: `Bearer ${apiOptions.token ?? current.apiKey}`,
            accept: "application/json",
            ...(apiOptions.body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: apiOptions.body === undefined ? undefined : JSON.stringify(apiOptions.body),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      },
      resources,
      async resource(name) {
        return (await resources()).find((r) => urnName(r.urn) === name);
      },
      async snapshot() {
        const exported = await ws.stackExport({ args: ["--show-secrets"] });
        return Object.fromEntries(
          (exported.deployment.resources ?? [])
            .filter((r) => urnType(r.urn).startsWith(OWN_TYPE_PREFIX))
            .map((r) => [resourceLabel(r.urn), { id: r.id, inputs: r.inputs, outputs: r.outputs }]),
        );
      },
      async restartEmulator() {
        if (!persistPath) throw new Error("restartEmulator() needs the `persist` option");
        const port = Number(new URL(current.origin).port);
        await current.close();
        current = await startEmulator({
          ...emulatorOptions,
          port,
          apiKey: current.apiKey,
        });
        return current;
      },
      installPackageCopy(patch) {
        const nodeModules = path.join(ws.projectDir, "node_modules");
        const target = fs.realpathSync(nodeModules);
        if (fs.lstatSync(nodeModules).isSymbolicLink()) {
          // A real node_modules whose entries are the repository's, except this package.
          fs.unlinkSync(nodeModules);
          fs.mkdirSync(nodeModules);
          for (const entry of fs.readdirSync(target)) {
            if (entry === "pulumi-mailersend") continue;
            fs.symlinkSync(path.join(target, entry), path.join(nodeModules, entry));
          }
        }
        const packageDir = path.join(nodeModules, "pulumi-mailersend");
        fs.rmSync(packageDir, { recursive: true, force: true });
        fs.mkdirSync(packageDir);
        fs.copyFileSync(
          path.join(REPO_ROOT, "package.json"),
          path.join(packageDir, "package.json"),
        );
        fs.cpSync(path.join(REPO_ROOT, "dist"), path.join(packageDir, "dist"), {
          recursive: true,
        });
        patch?.(packageDir);
        return packageDir;
      },
      async cleanup() {
        await current.close();
        await ws.cleanup();
      },
    };
  } catch (error) {
    await emulator?.close();
    await ws.cleanup();
    throw error;
  }
}

function isProvider(resource: ResourceState): boolean {
  return resource.type.startsWith("pulumi:providers:");
}

/**
 * Vitest glue: creates the engine stack in beforeAll and removes it in afterAll; returns a getter
 * for the tests, which throws the setup error (so every test FAILS when the CLI is missing or the
 * setup broke, instead of being skipped).
 */
export function useEngineStack(options: EngineStackOptions): () => EngineStack {
  let stack: EngineStack | undefined;
  let setupError: unknown;
  beforeAll(async () => {
    try {
      stack = await createEngineStack(options);
    } catch (error) {
      setupError = error;
    }
  }, ENGINE_TEST_TIMEOUT);
  afterAll(async () => {
    await stack?.cleanup();
  });
  return () => {
    if (setupError !== undefined) throw setupError;
    if (!stack) throw new Error("useEngineStack(): the stack is used outside a test");
    return stack;
  };
}

// ---------------------------------------------------------------------------------------------
// Reading plans and update results
// ---------------------------------------------------------------------------------------------

/** `Domain.client-one` for a resource of this package, `pulumi:pulumi:Stack.<name>` otherwise. */
export function resourceLabel(urn: string): string {
  const type = urnType(urn);
  return `${type.startsWith(OWN_TYPE_PREFIX) ? type.slice(OWN_TYPE_PREFIX.length) : type}.${urnName(urn)}`;
}

/**
 * `[op, label]` for each step of a preview, for the resources of this package (the stack itself
 * is left out), e.g. `[["same", "Domain.client-one"], ["update", "ApiToken.sending"]]`.
 */
export function planOf(preview: PreviewJson): [string, string][] {
  return preview.steps
    .filter((step) => urnType(step.urn).startsWith(OWN_TYPE_PREFIX))
    .map((step) => [step.op, resourceLabel(step.urn)]);
}

/** The preview's steps that are not `same` (the stack included). */
export function changesIn(preview: PreviewJson): [string, string][] {
  return preview.steps
    .filter((step) => step.op !== "same")
    .map((step) => [step.op, resourceLabel(step.urn)]);
}

/**
 * `[op, label]` for each resource step an `up`/`refresh`/`destroy` finished, in the order they
 * finished (the stack itself is left out). A refresh reports `delete` when the object is gone,
 * else `same` or `update`: the engine asks the provider's diff (the state before vs. the inputs
 * read back), so a change of an output only (such as `verified`) is `same` although the state is
 * updated; compare snapshot()s to see that.
 */
export function stepsDone(result: UpdateResult): [string, string][] {
  return result.events
    .map((event) => event.resOutputsEvent?.metadata)
    .filter((m): m is NonNullable<typeof m> => m !== undefined)
    .filter((m) => m.type.startsWith(OWN_TYPE_PREFIX))
    .map((m) => [m.op, resourceLabel(m.urn)]);
}

/** The messages of the info diagnostics (program and provider console output) containing `text`. */
export function printed(result: { diagnostics?: Diagnostic[] }, text: string): string[] {
  return (result.diagnostics ?? [])
    .filter((d) => d.severity.startsWith("info"))
    .flatMap((d) => d.message.split("\n"))
    .filter((line) => line.includes(text));
}
