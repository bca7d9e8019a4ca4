/**
 * Input checking shared by every resource: a zod object schema validates and normalises the inputs,
 * a cross-field function adds what one field cannot say alone, and every problem is reported at
 * once as a Pulumi `CheckFailure` (property path, what is wrong, what is allowed), before any API
 * call. During preview, inputs that are not known yet arrive as the unknown sentinel
 * (docs/pulumi-dynamic-providers.md §1.3); they are accepted as they are and checked once known.
 */
import type { z } from "zod";

/** `pulumi.runtime.unknownValue`: what a not-yet-known input looks like on the wire. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The serialized provider rides along in every input bag. */
export const PROVIDER_KEY = "__provider";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult<T> {
  inputs?: T;
  failures?: CheckFailure[];
}

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}

/** `["scopes", 2]` → `scopes[2]`; `["a", "b"]` → `a.b`. */
export function propertyPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? String(part) : `.${String(part)}`;
  }
  return text;
}

/**
 * Checks `news` against `schema`. Keys whose values are (or contain) the unknown sentinel are left
 * out of validation and passed through untouched; `crossCheck` is told which keys are unknown so it
 * can skip rules that depend on them.
 */
export function checkInputs<S extends z.ZodObject, T = z.infer<S>>(
  schema: S,
  news: Record<string, unknown>,
  crossCheck?: (inputs: T, unknownKeys: ReadonlySet<string>) => CheckFailure[],
): CheckResult<Record<string, unknown>> {
  const unknownKeys = new Set<string>();
  const known: Record<string, unknown> = {};
  const passthrough: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(news)) {
    if (key === PROVIDER_KEY) passthrough[key] = value;
    else if (containsUnknown(value)) {
      unknownKeys.add(key);
      passthrough[key] = value;
    } else if (value !== undefined && value !== null) known[key] = value;
  }
  const mask = Object.fromEntries([...unknownKeys].map((key) => [key, true]));
  const effective = unknownKeys.size > 0 ? schema.omit(mask as never) : schema;
  const parsed = effective.safeParse(known);
  const failures: CheckFailure[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue): CheckFailure[] =>
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({
              property: key,
              reason: `is not an input of this resource; the inputs are: ${Object.keys(schema.shape).join(", ")}`,
            }))
          : [{ property: propertyPath(issue.path) || "(inputs)", reason: issue.message }],
      );
  if (parsed.success && crossCheck) {
    failures.push(...crossCheck(parsed.data as T, unknownKeys));
  }
  if (failures.length > 0) return { failures };
  return { inputs: { ...(parsed.data as Record<string, unknown>), ...passthrough } };
}

/** The input part of stored outputs (outputs echo every input): what `read` returns as inputs. */
export function inputsFromOutputs(schema: z.ZodObject, stored: object): Record<string, unknown> {
  const outputs = stored as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(schema.shape)
      .filter((key) => outputs[key] !== undefined && outputs[key] !== null)
      .map((key) => [key, outputs[key]]),
  );
}

/** Stored outputs with the inputs replaced by `inputs` (an input removed from the program is gone). */
export function withNewInputs<T extends object>(
  schema: z.ZodObject,
  stored: object,
  inputs: object,
): T {
  const computed = Object.fromEntries(
    Object.entries(stored).filter(([key]) => !(key in schema.shape) && key !== PROVIDER_KEY),
  );
  const fresh = Object.fromEntries(
    Object.entries(inputs).filter(([, value]) => value !== undefined),
  );
  return { ...computed, ...fresh } as T;
}
