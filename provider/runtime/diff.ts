/**
 * Diff by a field table: each input is either updated in place, forces a replacement, or is ignored
 * (bookkeeping such as `adopt`, which only matters at create). Inputs are normalised by `check` and
 * echoed into the outputs, so comparing stored outputs with checked inputs is exact and a plan with
 * nothing changed is empty. (Inputs at their defaults are left out of the state and filled back in
 * before anything compares them: unrecorded-defaults.ts.)
 *
 * Dynamic providers cannot return a detailed diff (the host drops it;
 * docs/pulumi-dynamic-providers.md §1.2): the engine shows reviewers its own diff of the echoed
 * values, which is why outputs must echo every input.
 */
import { UNKNOWN, containsUnknown } from "./check";

export type FieldRule = "update" | "replace" | "ignore";

export interface DiffTable<K extends string = string> {
  fields: Record<K, FieldRule>;
  /**
   * The object's unique key (a domain name is unique across MailerSend, an identity email per
   * account). When a replacement keeps it unchanged, the old object must go first or the new one
   * cannot be created; otherwise we create first so nothing is ever missing.
   */
  uniqueKey?: readonly K[];
  /** Tokens: always create the replacement first so clients never lose sending. */
  neverDeleteFirst?: boolean;
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** JSON with sorted keys; `undefined` and `null` both mean "not set". */
export function canonical(value: unknown): string {
  return JSON.stringify(normalise(value)) ?? "null";
}

function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** The fields whose values differ (an unknown new value counts as different). */
export function changedFields<K extends string>(
  table: DiffTable<K>,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): K[] {
  return (Object.keys(table.fields) as K[]).filter((field) => {
    if (table.fields[field] === "ignore") return false;
    const next = news[field];
    if (next === UNKNOWN || containsUnknown(next)) return true;
    return !sameValue(olds[field], next);
  });
}

export function diffByTable<K extends string>(
  table: DiffTable<K>,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): DiffResult {
  const changed = changedFields(table, olds, news);
  const replaces = changed.filter((field) => table.fields[field] === "replace");
  const keyKept =
    table.uniqueKey !== undefined &&
    table.uniqueKey.length > 0 &&
    table.uniqueKey.every((field) => !changed.includes(field));
  return {
    changes: changed.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && !table.neverDeleteFirst && keyKept,
  };
}

/** Outputs must not contain `undefined` (gRPC "Unexpected struct type."; docs/pulumi-dynamic-providers.md §3.3). */
export function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
