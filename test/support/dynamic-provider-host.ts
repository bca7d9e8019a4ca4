/**
 * Drives the real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, the process the
 * engine starts as `pulumi-resource-pulumi-nodejs`) over gRPC, the way the engine does, without the
 * CLI (docs/pulumi-dynamic-providers.md §3.4). Requests carry the same fields the engine sends; secrets
 * only ever appear wrapped in Configure, as from the engine.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

// Resolve grpc-js, protobuf and the stubs through @pulumi/pulumi so they share one instance.
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = fromPulumi("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const { ResourceProviderClient } = fromPulumi("./proto/provider_grpc_pb");
const pb = fromPulumi("./proto/provider_pb");
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const HOST_SCRIPT = fromPulumi.resolve("./cmd/dynamic-provider/index.js");

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** `pulumi.runtime.unknownValue`: a value not known yet during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** How the engine wraps a secret config value in Configure. */
export function secretValue(value: unknown) {
  return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

export type Props = Record<string, unknown>;
export interface CheckFailure {
  property: string;
  reason: string;
}
/** `changes`: 0 unknown, 1 none, 2 some (DiffResponse.DiffChanges). */
export interface HostDiff {
  changes: 0 | 1 | 2;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface DynamicProviderHost {
  configure(args: Props): Promise<void>;
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }>;
  diff(id: string, olds: Props, news: Props): Promise<HostDiff>;
  create(props: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  delete(id: string, props: Props): Promise<void>;
  /** Everything the host wrote to stderr so far. */
  stderr(): string;
  /**
   * stderr from offset `from`, once it stops growing: the pipe delivers the provider's output
   * asynchronously, possibly after the gRPC answer of the call that printed it.
   */
  settledStderr(from: number): Promise<string>;
  stop(): Promise<void>;
}

/** A gRPC failure from the host, with the details the engine would show. */
export interface HostError extends Error {
  code: number;
  details: string;
  metadata?: { get(key: string): unknown[] };
}

export async function startDynamicProviderHost(
  options: { project?: string; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<DynamicProviderHost> {
  const child: ChildProcess = spawn(process.execPath, [HOST_SCRIPT, "127.0.0.1:1"], {
    // Bare `require("pulumi-mailersend/runtime")` in the serialized shim resolves from here.
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env, PULUMI_NODEJS_PROJECT: options.project ?? "project" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`dynamic-provider host exited ${code}: ${stderr}`)),
    );
    let stdout = "";
    const onData = (chunk: Buffer) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline >= 0) {
        child.stdout!.off("data", onData);
        resolve(Number(stdout.slice(0, newline)));
      }
    };
    child.stdout!.on("data", onData);
  });
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const timeoutMs = options.timeoutMs ?? 60_000;
  const call = <T>(method: string, request: unknown) =>
    new Promise<T>((resolve, reject) =>
      client[method](
        request,
        { deadline: Date.now() + timeoutMs },
        (error: Error | null, reply: T) => (error ? reject(error) : resolve(reply)),
      ),
    );
  const struct = (value: Props) => Struct.fromJavaScript(value);

  return {
    async configure(args) {
      const request = new pb.ConfigureRequest();
      request.setArgs(struct(args));
      await call("configure", request);
    },
    async check(olds, news) {
      const request = new pb.CheckRequest();
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      const reply = await call<any>("check", request); // eslint-disable-line @typescript-eslint/no-explicit-any
      return {
        inputs: reply.getInputs()?.toJavaScript() ?? {},
        failures: reply
          .getFailuresList()
          .map((f: { getProperty(): string; getReason(): string }) => ({
            property: f.getProperty(),
            reason: f.getReason(),
          })),
      };
    },
    async diff(id, olds, news) {
      const request = new pb.DiffRequest();
      request.setId(id);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      const reply = await call<any>("diff", request); // eslint-disable-line @typescript-eslint/no-explicit-any
      return {
        changes: reply.getChanges(),
        replaces: reply.getReplacesList(),
        deleteBeforeReplace: reply.getDeletebeforereplace(),
      };
    },
    async create(props) {
      const request = new pb.CreateRequest();
      request.setProperties(struct(props));
      const reply = await call<any>("create", request); // eslint-disable-line @typescript-eslint/no-explicit-any
      return { id: reply.getId(), outs: reply.getProperties().toJavaScript() };
    },
    async read(id, props) {
      const request = new pb.ReadRequest();
      request.setId(id);
      request.setProperties(struct(props));
      const reply = await call<any>("read", request); // eslint-disable-line @typescript-eslint/no-explicit-any
      return {
        id: reply.getId(),
        props: reply.getProperties()?.toJavaScript() ?? {},
        inputs: reply.hasInputs() ? reply.getInputs().toJavaScript() : undefined,
      };
    },
    async update(id, olds, news) {
      const request = new pb.UpdateRequest();
      request.setId(id);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      const reply = await call<any>("update", request); // eslint-disable-line @typescript-eslint/no-explicit-any
      return { outs: reply.getProperties().toJavaScript() };
    },
    async delete(id, props) {
      const request = new pb.DeleteRequest();
      request.setId(id);
      request.setProperties(struct(props));
      await call("delete", request);
    },
    stderr: () => stderr,
    async settledStderr(from) {
      let seen = -1;
      while (seen !== stderr.length) {
        seen = stderr.length;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return stderr.slice(from);
    },
    async stop() {
      client.close();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill();
        await exited;
      }
    },
  };
}

/** The `ErrorResourceInitFailed` detail of a partial failure (id and properties), if any. */
export function partialFailureOf(error: unknown): { id: string; properties: Props } | undefined {
  const metadata = (error as HostError).metadata;
  const raw = metadata?.get("grpc-status-details-bin")?.[0];
  if (!raw) return undefined;
  const { Status } = fromPulumi("./proto/status_pb");
  const status = Status.deserializeBinary(raw as Uint8Array);
  for (const detail of status.getDetailsList()) {
    if (detail.getTypeUrl().endsWith("pulumirpc.ErrorResourceInitFailed")) {
      const failed = pb.ErrorResourceInitFailed.deserializeBinary(detail.getValue());
      return { id: failed.getId(), properties: failed.getProperties()?.toJavaScript() ?? {} };
    }
  }
  return undefined;
}

/** `__provider` exactly as the resources register it during `pulumi up`, from the built package. */
export async function serializedProvider(typeName: string): Promise<string> {
  const nodeRequire = createRequire(path.join(REPO_ROOT, "package.json"));
  const { providerModuleText } = nodeRequire("./dist/provider/resources/shim.js");
  return providerModuleText(typeName);
}
