// Engine-test support: the Pulumi CLI's output formats (`--json` previews, engine events, stack
// exports) and parsers for them (pulumi.ts re-exports all of it).
import type { CommandResult } from "../../scripts/pulumi-workspace";

/** The kinds of step the engine reports ("same", "create", "update", "delete", "replace", ...). */
export type StepOp = string;

export interface ResourceState {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  provider?: string;
  [key: string]: unknown;
}

/** One entry of `pulumi preview --json`'s `steps`. */
export interface PreviewStep {
  op: StepOp;
  urn: string;
  provider?: string;
  oldState?: ResourceState;
  newState?: ResourceState;
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }> | null;
}

export interface Diagnostic {
  message: string;
  severity: string;
  urn?: string;
  prefix?: string;
}

/** `pulumi preview --json` output. */
export interface PreviewJson {
  config?: Record<string, string>;
  steps: PreviewStep[];
  diagnostics?: Diagnostic[];
  duration?: number;
  /** Number of resources per step kind, e.g. `{ same: 2 }` or `{ same: 1, update: 1 }`. */
  changeSummary: Record<StepOp, number>;
}

/**
 * One line of `pulumi up|refresh|destroy --json` (an engine event). Only the fields the tests
 * use so far are typed; everything else is still there.
 */
export interface EngineEvent {
  sequence: number;
  timestamp: number;
  summaryEvent?: {
    resourceChanges: Record<StepOp, number>;
    result?: string;
    isPreview?: boolean;
    maybeCorrupt?: boolean;
    durationSeconds?: number;
  };
  diagnosticEvent?: Diagnostic & { color?: string; ephemeral?: boolean };
  resourcePreEvent?: { metadata: { op: StepOp; urn: string; type: string } };
  resOutputsEvent?: { metadata: { op: StepOp; urn: string; type: string; new?: ResourceState } };
  resOpFailedEvent?: { metadata: { op: StepOp; urn: string; type: string }; status: number };
  [key: string]: unknown;
}

export interface PreviewResult extends CommandResult {
  /**
   * The parsed JSON. A failed preview (allowFailure) still prints it, with the error in
   * `diagnostics`; if it printed none, this is an empty document (no steps).
   */
  json: PreviewJson;
}

export interface UpdateResult extends CommandResult {
  events: EngineEvent[];
  /** The summary event: changes per step kind and the result ("succeeded", "failed"). */
  summary: NonNullable<EngineEvent["summaryEvent"]> | undefined;
  /** Diagnostics other than debug ones (program console output arrives as severity "info"). */
  diagnostics: Diagnostic[];
}

/** `pulumi stack export` output (a version-3 deployment). */
export interface StackExport {
  version: number;
  deployment: {
    manifest?: Record<string, unknown>;
    secrets_providers?: { type: string; state?: unknown };
    resources?: ResourceState[];
    [key: string]: unknown;
  };
}

/**
 * Splits text holding several JSON documents one after another (pretty-printed or one per line)
 * into the parsed values. Text outside JSON objects/arrays is ignored.
 */
export function parseJsonStream(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"' && depth > 0) {
      inString = true;
    } else if (c === "{" || c === "[") {
      if (depth++ === 0) start = i;
    } else if ((c === "}" || c === "]") && depth > 0) {
      if (--depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return values;
}

function isEngineEvent(value: unknown): value is EngineEvent {
  return typeof value === "object" && value !== null && "sequence" in value;
}

/**
 * Parses the engine events `pulumi up|refresh|destroy --json` prints, one per line. (Without
 * --skip-preview those commands print the preview's JSON document first; it is skipped here.)
 */
export function parseEngineEvents(stdout: string): EngineEvent[] {
  return parseJsonStream(stdout).filter(isEngineEvent);
}

/** Parses `pulumi preview --json` output. */
export function parsePreviewJson(stdout: string): PreviewJson {
  const json = parseJsonStream(stdout).find(
    (value): value is PreviewJson =>
      typeof value === "object" && value !== null && !isEngineEvent(value),
  );
  if (!json) throw new Error(`no JSON document in:\n${stdout}`);
  return { ...json, steps: json.steps ?? [], changeSummary: json.changeSummary ?? {} };
}

/** The steps that change something (op other than "same"). */
export function changedSteps(preview: PreviewJson): PreviewStep[] {
  return preview.steps.filter((step) => step.op !== "same");
}

/** The steps for resources of one type token, e.g. "pulumi-nodejs:dynamic/smoke:StoredString". */
export function stepsOfType(preview: PreviewJson, type: string): PreviewStep[] {
  return preview.steps.filter((step) => urnType(step.urn) === type);
}

/** The type token of a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function urnType(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1);
}

/** The resource name of a URN. */
export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}
