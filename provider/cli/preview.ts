/**
 * Reading what `pulumi preview --json` prints, tolerantly, with every secret value redacted on the
 * way in: nothing this module returns holds a secret, even when the JSON did (`--show-secrets`, a
 * program that logs a token, a hand-edited file).
 *
 * The document (Pulumi 3.x): `{ config, steps[], diagnostics[], duration, changeSummary }`. Each
 * step has `op`, `urn`, `oldState`/`newState` (`type`, `inputs`, `outputs`, `parent`, ...),
 * sometimes `diffReasons`, `replaceReasons` and `detailedDiff` (dynamic providers return no detailed
 * diff). Without `--show-sames`, unchanged resources have no step. A failed preview (the program
 * threw) still prints the document: the steps registered before the failure and an `error`
 * diagnostic.
 */

/** What a redacted value reads as; also what Pulumi prints for a secret without --show-secrets. */
export const SECRET_PLACEHOLDER = "[secret]";

/** The signature key of a serialized Pulumi secret: `{ <sig>: "1b47061264138c4ac30d75fd1eb44270", value }`. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** A MailerSend API token (or key) value. */
const MAILERSEND_TOKEN = /mlsn\.[A-Za-z0-9]+/g;

/** Field names whose values are secrets whatever they hold: `token`, `apiKey`, `accessToken`, ... */
const SECRET_NAME_ENDINGS = [
  "token",
  "tokens",
  "apikey",
  "apikeys",
  "accesstoken",
  "secret",
  "secrets",
  "password",
  "passphrase",
];

/** Secret values shorter than this are redacted where they sit but not searched for in text. */
const MIN_SCRUB_LENGTH = 4;

// eslint-disable-next-line no-control-regex -- ANSI colour codes are what it removes
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** `pulumi.runtime.unknownValue`: a value known only after `pulumi up`. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface PreviewState {
  type?: string;
  id?: string;
  custom?: boolean;
  parent?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  /**
   * The engine deletes this (old) object before creating its replacement: set on the old state of
   * a delete-first replacement, whether the resource's own diff asked for it or the engine
   * replaces it because something it depends on is replaced delete-first.
   */
  pendingReplacement?: boolean;
  /** The URNs this resource's inputs come from (`propertyDependencies` and `dependencies`). */
  dependencies: string[];
}

export interface PreviewStep {
  /**
   * The step kind. The replacement steps some Pulumi outputs split in three (`create-replacement`,
   * `replace`, `delete-replaced`) are merged into one `replace` step per resource.
   */
  op: string;
  urn: string;
  /** The type token (`pulumi-nodejs:dynamic/mailersend:Domain`, `mailersend:index:Client`). */
  type: string;
  /** The resource name (the last part of the URN). */
  name: string;
  old?: PreviewState;
  new?: PreviewState;
  diffReasons: string[];
  replaceReasons: string[];
  /** The property paths of `detailedDiff`, when the provider gave one. */
  detailedDiff: string[];
}

export interface PreviewDiagnostic {
  /** `error`, `warning`, `info`, ... */
  severity: string;
  /** Without colours, the `error: ` / `warning: ` prefix and trailing whitespace. */
  message: string;
  urn?: string;
}

export interface Preview {
  /** From the URNs (`urn:pulumi:<stack>::<project>::...`). */
  stack?: string;
  project?: string;
  steps: PreviewStep[];
  diagnostics: PreviewDiagnostic[];
  /** Resources per step kind, as Pulumi counted them (components included). */
  changeSummary: Record<string, number>;
  /** An error diagnostic: the program or the engine failed, and the plan is incomplete. */
  failed: boolean;
  /** Unchanged resources were left out (`pulumi preview --json` without `--show-sames`). */
  samesOmitted: boolean;
}

/** Input that is not a `pulumi preview --json` document; the message says what was expected. */
export class PreviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreviewInputError";
  }
}

/** The secret values each parsed preview held, for a last scrub of anything printed from it. */
const secretsOf = new WeakMap<Preview, readonly string[]>();

/** The secret values seen while parsing `preview` (not enumerable on the object itself). */
export function secretValuesOf(preview: Preview): readonly string[] {
  return secretsOf.get(preview) ?? [];
}

// ---------------------------------------------------------------------------------------------
// URNs
// ---------------------------------------------------------------------------------------------

/** The type token of a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function urnType(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/** The type chain of a URN: its parents' types, then its own. */
export function urnTypeChain(urn: string): string[] {
  return (urn.split("::")[2] ?? "").split("$").filter(Boolean);
}

/** The resource name of a URN. */
export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

// ---------------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------------

function isSecretName(key: string): boolean {
  const simple = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_NAME_ENDINGS.some((ending) => simple.endsWith(ending));
}

function isSignedSecret(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && SECRET_SIGNATURE in value;
}

function stringsIn(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    if (value !== SECRET_PLACEHOLDER && value !== UNKNOWN_VALUE) into.add(value);
  } else if (typeof value === "number") {
    into.add(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) stringsIn(item, into);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key !== SECRET_SIGNATURE) stringsIn(inner, into);
    }
  }
}

/** Every secret plaintext in the document: signed secrets, secret-named fields, MailerSend tokens. */
function collectSecrets(value: unknown, into: Set<string>, underSecretName = false): void {
  if (typeof value === "string") {
    if (underSecretName && value !== SECRET_PLACEHOLDER && value !== UNKNOWN_VALUE) into.add(value);
    for (const match of value.match(MAILERSEND_TOKEN) ?? []) into.add(match);
  } else if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, into, underSecretName);
  } else if (isSignedSecret(value)) {
    stringsIn(value, into);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === "boolean") continue; // `hasToken: true` says nothing secret
      collectSecrets(inner, into, underSecretName || isSecretName(key));
    }
  } else if (typeof value === "number" && underSecretName) {
    into.add(String(value));
  }
}

/** Replaces every secret value (and anything shaped like a MailerSend token) in `text`. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SCRUB_LENGTH) result = result.split(secret).join(SECRET_PLACEHOLDER);
  }
  return result.replace(MAILERSEND_TOKEN, SECRET_PLACEHOLDER);
}

/** A copy of `value` with secrets redacted: signed secrets and secret-named fields become `[secret]`. */
function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return scrubText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (isSignedSecret(value)) return SECRET_PLACEHOLDER;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const safeKey = scrubText(key, secrets);
      if (
        isSecretName(key) &&
        inner !== null &&
        inner !== undefined &&
        typeof inner !== "boolean"
      ) {
        out[safeKey] = SECRET_PLACEHOLDER;
      } else {
        out[safeKey] = redact(inner, secrets);
      }
    }
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

const REPLACEMENT_OPS = new Set(["replace", "create-replacement", "delete-replaced"]);

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function parseState(value: unknown): PreviewState | undefined {
  const state = asRecord(value);
  if (!state) return undefined;
  return {
    type: typeof state.type === "string" ? state.type : undefined,
    id: typeof state.id === "string" ? state.id : undefined,
    custom: typeof state.custom === "boolean" ? state.custom : undefined,
    parent: typeof state.parent === "string" && state.parent ? state.parent : undefined,
    inputs: asRecord(state.inputs) ?? {},
    outputs: asRecord(state.outputs) ?? {},
    ...(state.pendingReplacement === true ? { pendingReplacement: true } : {}),
    dependencies: [
      ...new Set([
        ...asStrings(state.dependencies),
        ...Object.values(asRecord(state.propertyDependencies) ?? {}).flatMap(asStrings),
      ]),
    ],
  };
}

function cleanDiagnostic(message: string, severity: string): string {
  let text = message.replace(ANSI, "").replace(/\r\n/g, "\n");
  const prefix = `${severity}: `;
  if (text.startsWith(prefix)) text = text.slice(prefix.length);
  return text.replace(/\s+$/, "");
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a JSON array";
  if (value === null) return "null";
  if (typeof value !== "object") return `a JSON ${typeof value}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return "an empty object";
  const shown = keys.slice(0, 5).map((k) => `\`${k}\``);
  return `an object with ${shown.join(", ")}${keys.length > 5 ? ", ..." : ""}`;
}

/**
 * Parses `pulumi preview --json` output (the text, or the value `JSON.parse` made of it). Throws a
 * {@link PreviewInputError} for anything else. Every secret is redacted in the result.
 */
export function parsePreview(json: unknown, source = "the input"): Preview {
  let document: unknown = json;
  if (typeof json === "string") {
    const text = json.replace(/^\uFEFF/, "").trim();
    if (text === "") {
      throw new PreviewInputError(
        `${source} is empty: expected the output of \`pulumi preview --json\`.`,
      );
    }
    try {
      document = JSON.parse(text);
    } catch {
      throw new PreviewInputError(
        `${source} is not JSON: expected the output of \`pulumi preview --json\`.`,
      );
    }
  }
  const root = asRecord(document);
  if (
    !root ||
    !(
      Array.isArray(root.steps) ||
      asRecord(root.changeSummary) !== undefined ||
      Array.isArray(root.diagnostics)
    )
  ) {
    throw new PreviewInputError(
      `${source} is not a \`pulumi preview --json\` document: expected an object with ` +
        `\`steps\`, \`changeSummary\` or \`diagnostics\`, found ${describe(document)}.`,
    );
  }

  const found = new Set<string>();
  collectSecrets(root, found);
  const secrets = [...found].sort((a, b) => b.length - a.length);
  const safe = redact(root, secrets) as Record<string, unknown>;

  const steps: PreviewStep[] = [];
  const byUrn = new Map<string, PreviewStep>();
  for (const raw of Array.isArray(safe.steps) ? safe.steps : []) {
    const entry = asRecord(raw);
    if (!entry || typeof entry.urn !== "string" || typeof entry.op !== "string") continue;
    const urn = entry.urn;
    const op = REPLACEMENT_OPS.has(entry.op) ? "replace" : entry.op;
    const oldState = parseState(entry.oldState);
    const newState = parseState(entry.newState);
    const detailed = asRecord(entry.detailedDiff);
    const step: PreviewStep = {
      op,
      urn,
      type: newState?.type ?? oldState?.type ?? urnType(urn),
      name: urnName(urn),
      old: oldState,
      new: newState,
      diffReasons: asStrings(entry.diffReasons),
      replaceReasons: asStrings(entry.replaceReasons),
      detailedDiff: detailed ? Object.keys(detailed) : [],
    };
    const seen = byUrn.get(urn);
    if (seen && op === "replace") {
      // The parts of one replacement: keep one step with everything known.
      seen.op = "replace";
      seen.old ??= step.old;
      seen.new ??= step.new;
      if (step.old?.pendingReplacement && seen.old) seen.old.pendingReplacement = true;
      seen.diffReasons = [...new Set([...seen.diffReasons, ...step.diffReasons])];
      seen.replaceReasons = [...new Set([...seen.replaceReasons, ...step.replaceReasons])];
      seen.detailedDiff = [...new Set([...seen.detailedDiff, ...step.detailedDiff])];
      continue;
    }
    if (seen) continue;
    byUrn.set(urn, step);
    steps.push(step);
  }

  const diagnostics: PreviewDiagnostic[] = [];
  for (const raw of Array.isArray(safe.diagnostics) ? safe.diagnostics : []) {
    const entry = asRecord(raw);
    if (!entry || typeof entry.message !== "string") continue;
    const severity = typeof entry.severity === "string" ? entry.severity : "info";
    diagnostics.push({
      severity,
      message: cleanDiagnostic(entry.message, severity),
      ...(typeof entry.urn === "string" && entry.urn ? { urn: entry.urn } : {}),
    });
  }

  const changeSummary: Record<string, number> = {};
  for (const [op, count] of Object.entries(asRecord(safe.changeSummary) ?? {})) {
    if (typeof count === "number") changeSummary[op] = count;
  }
  const firstUrn = steps[0]?.urn ?? diagnostics.find((d) => d.urn)?.urn;
  const urnParts = firstUrn?.startsWith("urn:pulumi:") ? firstUrn.split("::") : undefined;
  const sameSteps = steps.filter((s) => s.op === "same").length;
  const preview: Preview = {
    stack: urnParts?.[0]?.slice("urn:pulumi:".length) || undefined,
    project: urnParts?.[1] || undefined,
    steps,
    diagnostics,
    changeSummary,
    failed: diagnostics.some((d) => d.severity === "error"),
    samesOmitted: (changeSummary.same ?? 0) > sameSteps,
  };
  secretsOf.set(preview, secrets);
  return preview;
}
