import { expect } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";

/** What a test needs from one HTTP exchange. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON (e.g. empty). */
  body: unknown;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Bearer credential; default the account key; `null` sends no Authorization header. */
  key?: string | null;
  headers?: Record<string, string>;
}

/** Calls the emulator's API: `path` is relative to `/v1` (e.g. `/domains?limit=10`). */
export async function call(
  emulator: Emulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const key = options.key === undefined ? emulator.apiKey : options.key;
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return parse(response);
}

/** Calls the admin door: `path` is relative to `/__emulator`. */
export async function admin(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResponse> {
  const response = await fetch(`${emulator.origin}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return parse(response);
}

async function parse(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Starts an emulator for one test file; `using`-style cleanup is left to the caller's afterEach. */
export function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ seed: 42, ...options });
}

/** A clock tests can move. Starts at 2025-07-29T10:00:00Z. */
export function manualClock(start = Date.UTC(2025, 6, 29, 10, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    set: (ms: number) => {
      now = ms;
    },
  };
}

/** Sets up a verified domain without going through HTTP (no quota, no rate limit, no log). */
export function verifiedDomain(emulator: Emulator, name = "example.com"): string {
  const { id } = emulator.store.domains.create({ name });
  emulator.store.verifyDomain(id);
  return id;
}

export const ID16 = expect.stringMatching(/^[a-z0-9]{16}$/);
export const TOKEN_ID = expect.stringMatching(/^[a-f0-9]{80}$/);
export const TIMESTAMP = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$/);

/** The recorded server defaults of a new domain (docs/mailersend-api.md §3.2). */
export const DEFAULT_SETTINGS = {
  send_paused: false,
  track_clicks: true,
  track_opens: true,
  track_opens_pixel_on_top: false,
  track_unsubscribe: false,
  track_unsubscribe_html: '<p>Click here to <a href="{{unsubscribe}}">unsubscribe</a></p>',
  track_unsubscribe_html_enabled: false,
  track_unsubscribe_plain: "Click here to unsubscribe: {{unsubscribe}}",
  track_unsubscribe_plain_enabled: false,
  track_content: false,
  custom_tracking_enabled: false,
  custom_tracking_subdomain: "email",
  return_path_subdomain: "mta",
  inbound_routing_enabled: false,
  inbound_routing_subdomain: "inbound",
  precedence_bulk: false,
  ignore_duplicated_recipients: false,
  show_dmarc: false,
};

/** A 422 body with one field error. */
export function invalid(field: string, message: string) {
  return { message, errors: { [field]: [message] } };
}
