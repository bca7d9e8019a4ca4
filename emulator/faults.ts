import { STATUS_CODES } from "node:http";

/**
 * Fault injection: make the next N matching /v1 requests fail, wait, or lose their connection.
 * Faults model the network or MailerSend's edge failing, so a status or drop-request fault answers
 * before authentication, rate limit and quota, and does not count against either.
 */
export interface FaultRule {
  /** HTTP method to match (case-insensitive). Default: any. */
  method?: string;
  /** Path after `/v1` (e.g. `"/domains"`), as received (not decoded), or a RegExp tested against it. Default: any. */
  path?: string | RegExp;
  /** How many matching requests it applies to. Default 1; `Infinity` for all. */
  times?: number;
  /** Answer with this status instead of handling the request. */
  status?: number;
  /** Body for `status`. Default: `{"message":"Server Error"}` for 5xx, otherwise a message for the status. */
  body?: unknown;
  /** Extra response headers for `status`. */
  headers?: Record<string, string>;
  /** Wait this long before going on (then apply `status`/`drop` if set, or handle normally). */
  delayMs?: number;
  /**
   * `"request"`: close the connection without doing anything. `"response"`: perform the operation,
   * then close the connection instead of answering (the write happened; the client sees a hang-up).
   * Takes precedence over `status`.
   */
  drop?: "request" | "response";
}

/** A registered fault: tells how often it fired and can be removed. */
export interface FaultHandle {
  readonly id: string;
  readonly rule: Readonly<FaultRule>;
  /** How many requests it has applied to so far. */
  readonly fired: number;
  /** How many more requests it will apply to (`Infinity` for unlimited). */
  readonly remaining: number;
  /** False once it has fired `times` times or was removed. */
  readonly active: boolean;
  remove(): void;
}

class RegisteredFault implements FaultHandle {
  fired = 0;
  private removed = false;

  constructor(
    readonly id: string,
    readonly rule: Readonly<FaultRule>,
  ) {}

  get remaining(): number {
    return this.removed ? 0 : Math.max(0, (this.rule.times ?? 1) - this.fired);
  }

  get active(): boolean {
    return this.remaining > 0;
  }

  remove(): void {
    this.removed = true;
  }

  matches(method: string, path: string): boolean {
    const { rule } = this;
    if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase())
      return false;
    if (rule.path === undefined) return true;
    if (typeof rule.path === "string") return rule.path === path;
    rule.path.lastIndex = 0; // a /g or /y RegExp would otherwise remember where it stopped
    return rule.path.test(path);
  }
}

export class FaultRegistry {
  private faults: RegisteredFault[] = [];
  private nextId = 1;

  add(rule: FaultRule): FaultHandle {
    validateRule(rule);
    const fault = new RegisteredFault(`fault-${this.nextId++}`, { ...rule });
    this.faults.push(fault);
    return fault;
  }

  list(): FaultHandle[] {
    return [...this.faults];
  }

  clear(): void {
    for (const fault of this.faults) fault.remove();
    this.faults = [];
  }

  /** The first active fault matching the request, marked as fired; undefined when none applies. */
  take(method: string, pathAfterV1: string): Readonly<FaultRule> | undefined {
    const fault = this.faults.find((f) => f.active && f.matches(method, pathAfterV1));
    if (!fault) return undefined;
    fault.fired++;
    return fault.rule;
  }
}

function validateRule(rule: FaultRule): void {
  const times = rule.times ?? 1;
  if (!(times >= 1)) throw new TypeError("fault.times must be >= 1 (or Infinity).");
  if (
    rule.status !== undefined &&
    !(Number.isInteger(rule.status) && rule.status >= 100 && rule.status <= 599)
  ) {
    throw new TypeError("fault.status must be an HTTP status code.");
  }
  if (rule.drop !== undefined && rule.drop !== "request" && rule.drop !== "response") {
    throw new TypeError('fault.drop must be "request" or "response".');
  }
  if (rule.delayMs !== undefined && !(rule.delayMs >= 0)) {
    throw new TypeError("fault.delayMs must be >= 0.");
  }
  if (rule.status === undefined && rule.drop === undefined && rule.delayMs === undefined) {
    throw new TypeError("A fault needs at least one of status, drop or delayMs.");
  }
}

/** The body a status fault answers with when the rule gives none. */
export function defaultFaultBody(status: number): unknown {
  if (status >= 500) return { message: "Server Error" }; // Laravel's production 500 body
  const known: Record<number, string> = {
    401: "Unauthenticated.",
    403: "This action is unauthorized.",
    404: "Resource not found.",
    422: "The given data was invalid.",
    429: "Too Many Attempts.",
  };
  return { message: known[status] ?? STATUS_CODES[status] ?? "Error" };
}

/**
 * The admin door's JSON form of a rule: `path` may be `{ "regex": "...", "flags": "i" }`, and `times`
 * may be `null` or `"Infinity"` for unlimited (JSON has no Infinity).
 */
export function faultRuleFromJson(json: unknown): FaultRule {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new TypeError("The fault must be a JSON object.");
  }
  const raw = json as Record<string, unknown>;
  const rule: FaultRule = {};
  if (raw.method !== undefined) rule.method = String(raw.method);
  if (typeof raw.path === "string") rule.path = raw.path;
  else if (typeof raw.path === "object" && raw.path !== null) {
    const { regex, flags } = raw.path as { regex?: unknown; flags?: unknown };
    if (typeof regex !== "string") throw new TypeError("fault.path.regex must be a string.");
    rule.path = new RegExp(regex, typeof flags === "string" ? flags : undefined);
  } else if (raw.path !== undefined) throw new TypeError("fault.path must be a string or {regex}.");
  if (raw.times === null || raw.times === "Infinity") rule.times = Infinity;
  else if (raw.times !== undefined) rule.times = Number(raw.times);
  if (raw.status !== undefined) rule.status = Number(raw.status);
  if (raw.body !== undefined) rule.body = raw.body;
  if (raw.headers !== undefined) rule.headers = raw.headers as Record<string, string>;
  if (raw.delayMs !== undefined) rule.delayMs = Number(raw.delayMs);
  if (raw.drop !== undefined) rule.drop = raw.drop as FaultRule["drop"];
  return rule;
}

/** A fault handle as JSON (for the admin door). */
export function faultToJson(fault: FaultHandle) {
  const { path, times } = fault.rule;
  return {
    id: fault.id,
    ...fault.rule,
    path: path instanceof RegExp ? { regex: path.source, flags: path.flags } : path,
    times: times === Infinity ? null : (times ?? 1),
    fired: fault.fired,
    remaining: fault.remaining === Infinity ? null : fault.remaining,
    active: fault.active,
  };
}
