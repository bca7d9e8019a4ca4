/**
 * Shapes as our recorded fixtures write them: a JSON type name or a union of them (`"string|null"`),
 * `{ array: itemShape }` (`null` when the recorded array was empty), `{ object: {key: shape},
 * optional? }` (keys missing from some recorded items), or `{ anyOf: [shape, ...] }`.
 */
export type Shape =
  | string
  | { array: Shape | null }
  | { object: Record<string, Shape>; optional?: string[] }
  | { anyOf: Shape[] };

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * Where `value` departs from the recorded `shape`, as readable lines (empty = it conforms).
 * Keys must match exactly, except recorded-optional keys and `newerKeys` (keys the emulator has
 * because a newer recording shows them).
 */
export function conformance(
  value: unknown,
  shape: Shape,
  newerKeys: readonly string[] = [],
  where = "(body)",
): string[] {
  if (typeof shape === "string") {
    const allowed = shape.split("|");
    return allowed.includes(typeName(value))
      ? []
      : [`${where}: recorded ${shape}, emulator ${typeName(value)}`];
  }
  if ("anyOf" in shape) {
    const options = shape.anyOf.map((option) => conformance(value, option, newerKeys, where));
    return options.some((differences) => differences.length === 0)
      ? []
      : [`${where}: matches none of the recorded shapes (${options.flat().join("; ")})`];
  }
  if ("array" in shape) {
    if (!Array.isArray(value)) return [`${where}: recorded array, emulator ${typeName(value)}`];
    if (shape.array === null) {
      return value.length === 0 ? [] : [`${where}: recorded an empty array, emulator has items`];
    }
    const item = shape.array;
    return value.flatMap((element, index) =>
      conformance(element, item, newerKeys, `${where}[${index}]`),
    );
  }
  if (typeName(value) !== "object")
    return [`${where}: recorded object, emulator ${typeName(value)}`];
  const record = value as Record<string, unknown>;
  const optional = new Set(shape.optional ?? []);
  const differences: string[] = [];
  for (const key of Object.keys(shape.object)) {
    if (!(key in record)) {
      if (!optional.has(key))
        differences.push(`${where}.${key}: recorded, missing in the emulator`);
      continue;
    }
    differences.push(
      ...conformance(record[key], shape.object[key] as Shape, newerKeys, `${where}.${key}`),
    );
  }
  for (const key of Object.keys(record)) {
    if (!(key in shape.object) && !newerKeys.includes(key)) {
      differences.push(`${where}.${key}: in the emulator, never recorded`);
    }
  }
  return differences;
}
