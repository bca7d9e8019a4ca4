/**
 * Reading one preview step (its resource kind, values before and after, label, changed fields) and
 * grouping steps by the `Client` component they belong to.
 */
import { changedFields, diffByTable } from "../runtime/diff";
import { categoryOf, code } from "./plan-markdown";
import {
  SECRET_PLACEHOLDER,
  UNKNOWN_VALUE,
  urnType,
  type Preview,
  type PreviewStep,
} from "./preview";
import {
  RESOURCE_TYPE_PREFIX,
  CLIENT_COMPONENT_TYPE,
  type ResourceKind,
  DIFF_TABLES,
  KIND_WORDS,
  type SendingMethod,
  type ClientChanges,
  type ClientSummary,
} from "./plan-types";
import { decisionOf } from "./plan-diagnostics";
// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

export function resourceKind(type: string): ResourceKind | undefined {
  if (!type.startsWith(RESOURCE_TYPE_PREFIX)) return undefined;
  const kind = type.slice(RESOURCE_TYPE_PREFIX.length);
  return kind in DIFF_TABLES ? (kind as ResourceKind) : undefined;
}

export function isProvider(type: string): boolean {
  return type.startsWith("pulumi:providers:");
}

export function withoutProvider(inputs: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _ignored, ...rest } = inputs;
  return rest;
}

/** The first value of `key` found on the given sides of the step, outputs before inputs. */
function firstValue(step: PreviewStep, key: string, sides: readonly ("new" | "old")[]): unknown {
  for (const side of sides) {
    const state = step[side];
    if (state?.outputs[key] !== undefined) return state.outputs[key];
    if (state?.inputs[key] !== undefined) return state.inputs[key];
  }
  return undefined;
}

/** The value of an input or output after the plan (else before it). */
export function valueOf(step: PreviewStep, key: string): unknown {
  return firstValue(step, key, ["new", "old"]);
}

/** How a value reads in the summary: secrets and values known only after `up` say so. */
export function shown(value: unknown): string | undefined {
  if (value === SECRET_PLACEHOLDER) return SECRET_PLACEHOLDER;
  if (value === UNKNOWN_VALUE) return "(known after `pulumi up`)";
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The value of an input or output before the plan (else after it). */
export function valueBefore(step: PreviewStep, key: string): unknown {
  return firstValue(step, key, ["old", "new"]);
}

/** The field that names a resource of this package (a domain's name, an identity's email, ...). */
export const NAMING_FIELD: Record<ResourceKind, string | undefined> = {
  Domain: "name",
  DomainVerification: undefined,
  SenderIdentity: "email",
  ApiToken: "name",
  ClientUser: "email",
};

/**
 * What a resource is, e.g. ``domain `acme.example` ``: with `when: "both"`, a renamed resource reads
 * ``domain `old.example` → `new.example` ``.
 */
export function labelOf(step: PreviewStep, when: "before" | "after" | "both" = "both"): string {
  const kind = resourceKind(step.type);
  if (!kind) return code(step.type);
  const key = NAMING_FIELD[kind];
  if (!key) return KIND_WORDS[kind];
  const before = shown(valueBefore(step, key));
  const after = shown(valueOf(step, key));
  const value = when === "before" ? before : after;
  if (when === "both" && before && after && before !== after && step.old && step.new) {
    return `${KIND_WORDS[kind]} ${code(before)} → ${code(after)}`;
  }
  return value ? `${KIND_WORDS[kind]} ${code(value)}` : KIND_WORDS[kind];
}

/**
 * Which inputs change and whether a replacement deletes first. The engine's own mark wins: the old
 * state of a replacement it will delete first is `pendingReplacement`, which also covers a
 * resource replaced because something it depends on is replaced delete-first (the engine deletes
 * such dependents before it, whatever their own diff says). Without the mark (a document from
 * another Pulumi version), the provider's own tables decide.
 */
export function analyseChange(step: PreviewStep): { fields: string[]; deleteFirst?: boolean } {
  const kind = resourceKind(step.type);
  const olds = step.old ? { ...step.old.inputs, ...step.old.outputs } : undefined;
  const news = step.new ? withoutProvider(step.new.inputs) : undefined;
  let computed: string[] = [];
  let deleteFirst: boolean | undefined;
  if (kind && olds && news) {
    const table = DIFF_TABLES[kind];
    computed = changedFields(table, olds, news);
    if (step.op === "replace") {
      deleteFirst =
        step.old?.pendingReplacement === true || diffByTable(table, olds, news).deleteBeforeReplace;
    }
  } else if (olds && news) {
    computed = Object.keys(news).filter((k) => JSON.stringify(news[k]) !== JSON.stringify(olds[k]));
  }
  const reported =
    step.op === "replace" && step.replaceReasons.length > 0
      ? step.replaceReasons
      : step.diffReasons.length > 0
        ? step.diffReasons
        : step.detailedDiff;
  const replacing =
    kind && step.op === "replace"
      ? computed.filter((field) => DIFF_TABLES[kind].fields[field] === "replace")
      : [];
  const fields =
    reported.length > 0 ? reported : replacing.length > 0 ? replacing : computed.sort();
  return { fields: [...new Set(fields)], ...(deleteFirst === undefined ? {} : { deleteFirst }) };
}

// ---------------------------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------------------------

export function parentOf(step: PreviewStep): string | undefined {
  return step.new?.parent ?? step.old?.parent;
}

/** The URN of the Client a resource belongs to, from its parent chain. */
export function clientUrnOf(
  urn: string,
  parents: Map<string, string | undefined>,
  steps: Map<string, PreviewStep>,
): string | undefined {
  let current = parents.get(urn) ?? (steps.get(urn) ? parentOf(steps.get(urn)!) : undefined);
  for (let depth = 0; current && depth < 64; depth++) {
    if (urnType(current) === CLIENT_COMPONENT_TYPE) return current;
    current = parents.get(current);
  }
  return undefined;
}

export function methodOf(kinds: ResourceKind[]): SendingMethod | undefined {
  if (kinds.includes("Domain")) return "domain";
  if (kinds.includes("SenderIdentity")) return "identity";
  // A token, users or a verification without identities: a client reusing a verified domain.
  return kinds.length > 0 ? "domain" : undefined;
}

export function isMethod(value: unknown): value is SendingMethod {
  return value === "domain" || value === "identity";
}

export interface ClientGroup {
  urn: string;
  name: string;
  component?: PreviewStep;
  children: PreviewStep[];
}

export function summariseClient(group: ClientGroup, preview: Preview): ClientSummary {
  const changes: ClientChanges = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const child of group.children) {
    const category = categoryOf(child.op);
    if (category) changes[category]++;
  }
  const kindsOf = (steps: PreviewStep[]) =>
    steps.map((s) => resourceKind(s.type)).filter((k): k is ResourceKind => k !== undefined);

  let before: ClientSummary["before"];
  const recorded = group.component?.old?.outputs.method;
  if (group.component && categoryOf(group.component.op) === "create") before = "new";
  else if (isMethod(recorded)) before = recorded;
  else before = methodOf(kindsOf(group.children.filter((s) => s.old))) ?? "unknown";

  let after: ClientSummary["after"];
  if (group.component && categoryOf(group.component.op) === "delete") {
    after = "removed";
  } else {
    const kept = group.children.filter((s) => categoryOf(s.op) !== "delete" && s.op !== "discard");
    after = methodOf(kindsOf(kept)) ?? "unknown";
    // A failed preview stops the program: a client whose children were never declared is unknown.
    if (preview.failed && kept.length === 0) after = "unknown";
    // Without --show-sames an unchanged client has no step; the decision it logged says its method.
    const decided = decisionOf(group, preview)?.method;
    if (after === "unknown" && decided && kept.length === 0 && !group.component) {
      after = decided;
      if (before === "unknown" && group.children.length === 0) before = decided;
    }
  }
  return {
    name: group.name,
    before,
    after,
    switches: isMethod(before) && isMethod(after) && before !== after,
    changes,
  };
}
