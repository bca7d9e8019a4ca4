import type { AddressInfo } from "node:net";
import type { EmulatorContext } from "./context";
import { FaultRegistry, type FaultHandle, type FaultRule } from "./faults";
import { createIdGenerator } from "./ids";
import { AccountLimits } from "./limits";
import { resolveOptions, type EmulatorOptions } from "./options";
import { JsonFilePersistence } from "./persistence";
import { RequestLog, type RequestLogHandle } from "./request-log";
import { buildServer } from "./server";
import { emptyAccountState } from "./state";
import { AccountStore } from "./store";
import { createStoreHandle, type EmulatorStore } from "./store-handle";

export { EmulatorApiError } from "./errors";
export type { FaultHandle, FaultRule } from "./faults";
export type { DnsRecordKind } from "./dns";
export { DNS_RECORD_KINDS } from "./dns";
export type { EmulatorOptions } from "./options";
export type { Plan } from "./plans";
export type {
  RequestAuth,
  RequestFilter,
  RequestLogEntry,
  RequestLogHandle,
  RequestOutcome,
} from "./request-log";
export type {
  DomainChecks,
  DomainRecord,
  DomainSettings,
  IdentityRecord,
  InviteRecord,
  TokenStatus,
  TokenView,
  UserRecord,
} from "./state";
export type {
  AccountSnapshot,
  DnsPublishOptions,
  DomainCreateBody,
  EmulatorStore,
  IdentityCreateBody,
  IdentityUpdateBody,
  InviteCreateBody,
  StoreCounts,
  TokenCreateBody,
} from "./store-handle";
export { TOKEN_SCOPES } from "./rules/tokens";
export { USER_PERMISSIONS, USER_ROLES } from "./rules/users";

/** `emulator.faults`. */
export interface FaultsHandle {
  /** Registers a fault; the handle reports how often it fired. */
  add(rule: FaultRule): FaultHandle;
  list(): FaultHandle[];
  /** Removes every fault. */
  clear(): void;
}

/** A running MailerSend API emulator. */
export interface Emulator {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:41234/v1` (what MAILERSEND_API_URL takes). */
  readonly url: string;
  /** `http://127.0.0.1:41234`; the admin door is `${origin}/__emulator`. */
  readonly origin: string;
  /** The account's full-access key. */
  readonly apiKey: string;
  readonly store: EmulatorStore;
  readonly requests: RequestLogHandle;
  readonly faults: FaultsHandle;
  /** Empties the account, the request log, the faults, the rate windows and the quota. */
  reset(): void;
  /** Stops the server, closing open connections. */
  close(): Promise<void>;
}

/** Starts a MailerSend REST API v1 emulator on loopback. See EmulatorOptions for the defaults. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const persistence = resolved.persistPath
    ? new JsonFilePersistence(resolved.persistPath)
    : undefined;
  const ctx: EmulatorContext = {
    options: resolved,
    store: new AccountStore(persistence),
    now: resolved.now,
    ids: createIdGenerator(resolved.seed),
  };
  const log = new RequestLog(resolved.now);
  const faults = new FaultRegistry();
  const limits = new AccountLimits(resolved);
  const store = createStoreHandle(ctx, limits);
  const reset = (): void => {
    ctx.store.replace(emptyAccountState());
    log.reset();
    faults.clear();
    limits.reset();
  };

  const app = buildServer({ ctx, log, faults, limits, store, reset });
  await app.listen({ host: resolved.host, port: resolved.port });
  const { port } = app.server.address() as AddressInfo;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  const origin = `http://${host}:${port}`;

  return {
    url: `${origin}/v1`,
    origin,
    apiKey: resolved.apiKey,
    store,
    requests: log,
    faults,
    reset,
    close: async () => {
      await app.close();
    },
  };
}
