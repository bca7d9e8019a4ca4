import type { Clock } from "./clock";

/**
 * What happened to a request:
 * - `ok`: handled, 2xx;  `rejected`: handled, 4xx (401, 403, 404, 422, ...);  `error`: handled, 5xx
 * - `rate-limited`, `quota-exhausted`, `creation-throttled`: refused with a 429 of that kind
 * - `fault`: answered by an injected status fault
 * - `dropped`: connection closed by a `drop: "request"` fault, nothing performed
 * - `response-dropped`: performed, then the connection closed by a `drop: "response"` fault
 */
export type RequestOutcome =
  | "ok"
  | "rejected"
  | "error"
  | "rate-limited"
  | "quota-exhausted"
  | "creation-throttled"
  | "fault"
  | "dropped"
  | "response-dropped";

/** Which credential authenticated the request. Never the credential itself. */
export type RequestAuth = "account-key" | `token:${string}` | "none";

export interface RequestLogEntry {
  /** 1, 2, 3, ... in arrival order; not reused after `clear()` (restarts on `reset()`). */
  seq: number;
  /** Arrival time from the emulator's clock, ISO 8601. */
  at: string;
  method: string;
  /** Path as received, including `/v1`, without the query string (not percent-decoded). */
  path: string;
  query: Record<string, unknown>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  /** Status sent (or, for `response-dropped`, the one that would have been sent); null if none. */
  status: number | null;
  auth: RequestAuth;
  /** Set when the request is finished; undefined while it is in flight. */
  outcome?: RequestOutcome;
}

/** Filter for {@link RequestLogHandle.list}. Every given field must match. */
export interface RequestFilter {
  method?: string;
  /**
   * A string starting with `/v1` compares with the full path; any other string with the path after
   * `/v1` (as in fault rules). A RegExp is tested against the full path.
   */
  path?: string | RegExp;
  status?: number;
  outcome?: RequestOutcome;
  auth?: RequestAuth;
}

/** The public request log handle (`emulator.requests`). */
export interface RequestLogHandle {
  /** Copies of the entries, oldest first, optionally filtered. */
  list(filter?: RequestFilter): RequestLogEntry[];
  count(filter?: RequestFilter): number;
  /** The newest matching entry. */
  last(filter?: RequestFilter): RequestLogEntry | undefined;
  clear(): void;
}

export class RequestLog implements RequestLogHandle {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  constructor(private readonly now: Clock) {}

  /** Records an arriving request; the caller fills `body`, `status`, `auth` and `outcome` later. */
  start(method: string, path: string, query: Record<string, unknown>): RequestLogEntry {
    const entry: RequestLogEntry = {
      seq: this.nextSeq++,
      at: new Date(this.now()).toISOString(),
      method,
      path,
      query,
      body: undefined,
      status: null,
      auth: "none",
    };
    this.entries.push(entry);
    return entry;
  }

  list(filter: RequestFilter = {}): RequestLogEntry[] {
    return this.entries
      .filter((entry) => matches(entry, filter))
      .map((entry) => structuredClone(entry));
  }

  count(filter: RequestFilter = {}): number {
    return this.entries.filter((entry) => matches(entry, filter)).length;
  }

  last(filter: RequestFilter = {}): RequestLogEntry | undefined {
    return this.list(filter).at(-1);
  }

  clear(): void {
    this.entries = [];
  }

  reset(): void {
    this.entries = [];
    this.nextSeq = 1;
  }
}

function matches(entry: RequestLogEntry, filter: RequestFilter): boolean {
  if (filter.method !== undefined && filter.method.toUpperCase() !== entry.method) return false;
  if (filter.status !== undefined && filter.status !== entry.status) return false;
  if (filter.outcome !== undefined && filter.outcome !== entry.outcome) return false;
  if (filter.auth !== undefined && filter.auth !== entry.auth) return false;
  if (filter.path instanceof RegExp) {
    filter.path.lastIndex = 0;
    return filter.path.test(entry.path);
  }
  if (typeof filter.path === "string") {
    const full =
      filter.path.startsWith("/v1/") || filter.path === "/v1" ? filter.path : `/v1${filter.path}`;
    return entry.path === full;
  }
  return true;
}
