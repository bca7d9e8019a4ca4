/**
 * Small helpers the decision and the plan-limit check share to write their messages and to read
 * untrusted input without throwing.
 */

/** "a", "a and b", "a, b and c". */
export function joinWords(items: readonly string[], last = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}

/** A short, safe description of any value for a message. Never throws. */
export function describe(value: unknown): string {
  try {
    switch (typeof value) {
      case "string":
        return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
      case "number":
        return Object.is(value, -0) ? "0" : String(value);
      case "bigint":
        return `${value.toString()}n (a bigint)`;
      case "boolean":
        return String(value);
      case "undefined":
        return "nothing";
      case "symbol":
        return "a symbol";
      case "function":
        return "a function";
      default:
        if (value === null) return "null";
        return Array.isArray(value) ? "an array" : "an object";
    }
  } catch {
    return "an unreadable value";
  }
}

/** Own enumerable string-keyed properties of a plain object, read once. Never throws. */
export function readRecord(
  value: unknown,
): { ok: true; entries: Map<string, unknown> } | { ok: false; got: string } {
  try {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return { ok: false, got: describe(value) };
    }
    const entries = new Map<string, unknown>();
    for (const key of Object.keys(value)) {
      entries.set(key, (value as Record<string, unknown>)[key]);
    }
    return { ok: true, entries };
  } catch {
    return { ok: false, got: "an object that could not be read" };
  }
}
