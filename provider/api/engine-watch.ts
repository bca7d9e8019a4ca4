/**
 * Stops the provider once the Pulumi engine that started it is gone (issue 13).
 *
 * The CLI starts the dynamic-provider host in a process group of its own, with the engine's gRPC
 * address as its first argument (docs/pulumi-dynamic-providers.md §3.1). When `pulumi up` is killed
 * (`kill -9`, an out-of-memory kill, a cancelled CI job), the host is not: it would go on sending
 * the creates the engine had queued, and nobody would ever record what they made. So every request
 * first checks that the engine still answers on its address, and a timer checks between requests
 * (a request may wait long in the gate); when the engine is gone, the process exits at once,
 * without sending anything more.
 *
 * The watch arms itself only after the engine answered once: a host started without a live engine
 * (a test harness driving the host over gRPC) is left alone.
 */
import * as net from "node:net";
import { logLine } from "./log";

const PROBE_TIMEOUT_MS = 2_000;
const POLL_INTERVAL_MS = 500;

export interface EngineWatch {
  /** Resolves when the engine is there (or unwatched); exits the process when it is gone. */
  ensureAlive(): Promise<void>;
}

let current: EngineWatch = { ensureAlive: async () => undefined };

/** The watch every request passes before it is sent. */
export function engineWatch(): EngineWatch {
  return current;
}

/** `host:port` from the host's command line, or undefined when it is not one. */
export function engineAddress(argv: readonly string[] = process.argv): string | undefined {
  const address = argv[2];
  return address && /^[\w.-]+:\d+$/.test(address) ? address : undefined;
}

/**
 * Starts watching `address` for this process's requests (once per process; later calls return
 * the first watch). `onGone` defaults to exiting the process.
 */
export function watchEngine(
  address: string | undefined,
  onGone: () => void = exitBecauseEngineIsGone,
): EngineWatch {
  if (!address || watching) return current;
  watching = true;
  current = createEngineWatch(address, onGone);
  return current;
}

/** A watch on `host:port`: polls it, and `ensureAlive` checks it once more. */
export function createEngineWatch(
  address: string,
  onGone: () => void,
  pollIntervalMs = POLL_INTERVAL_MS,
): EngineWatch & { stop(): void } {
  const host = address.slice(0, address.lastIndexOf(":"));
  const port = Number(address.slice(address.lastIndexOf(":") + 1));
  let armed = false;
  let gone = false;
  const check = async (): Promise<void> => {
    if (gone) return;
    // Gone only when the engine's port refuses twice in a row: any other failure to connect (a
    // busy machine out of sockets, say) must not stop a provider the engine is waiting on.
    const reachable = (await probe(host, port)) || (await probe(host, port));
    if (reachable) {
      armed = true;
    } else if (armed && !gone) {
      gone = true;
      clearInterval(timer);
      onGone();
    }
  };
  const timer = setInterval(() => void check(), pollIntervalMs);
  timer.unref();
  void check();
  return {
    async ensureAlive() {
      await check();
      // onGone normally ends the process; if it does not (tests), never let the request go.
      if (gone) await new Promise<never>(() => undefined);
    },
    stop: () => clearInterval(timer),
  };
}

let watching = false;

function probe(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(true)); // slow, not refused: still there
    socket.once("connect", () => done(true));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code !== "ECONNREFUSED"));
  });
}

function exitBecauseEngineIsGone(): void {
  logLine("the Pulumi engine that started this provider is gone; stopping without sending more");
  process.exit(1);
}
