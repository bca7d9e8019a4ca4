/**
 * Inputs left at their defaults are not recorded in the state.
 *
 * A Domain has 16 inputs with defaults (two of them footer texts), a DomainVerification 4; recording
 * all of them in the inputs and again in the outputs made each resource several times the size of
 * what a program usually sets. The engine serializes the whole state after every step, even in a
 * preview, and the file backend writes it, so each recorded property is paid once per step
 * (docs/performance.md). Every resource goes through unrecorded-defaults.ts.
 *
 * The rule keeps plans exact:
 * - a key is left out only when its value is the default, so filling the defaults back in
 *   (`withDefaults`) restores exactly what was meant; diffs, updates and refreshes always work on
 *   the filled-in values;
 * - a key the program sets, or that the previous state records, is always kept, even at its
 *   default. So a state written by 0.1.0 (every default recorded) keeps every key and previews as
 *   before, and removing a setting from the program shows as a change back to its default
 *   (`~ trackOpens: false => true`), not as a key disappearing;
 * - a live value that differs from the default (drift found by a refresh) is recorded like any
 *   other, so the next preview shows it.
 */
import type { z } from "zod";

export type Defaults = Readonly<Record<string, unknown>>;

/** The default of every key of `schema` that has one (`.default(...)`). */
export function schemaDefaults(schema: z.ZodObject): Defaults {
  const defaults: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const parsed = (field as z.ZodType).safeParse(undefined);
    if (parsed.success && parsed.data !== undefined) defaults[key] = parsed.data;
  }
  return defaults;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** `values` with every missing default filled in. */
export function withDefaults(
  defaults: Defaults,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...values };
  for (const [key, value] of Object.entries(defaults)) {
    if (!isSet(filled[key])) filled[key] = value;
  }
  return filled;
}

/**
 * `values` without the keys that hold their default and that none of `keepFrom` (the program's
 * inputs, the previous state) has.
 */
export function withoutDefaults<T extends Record<string, unknown>>(
  defaults: Defaults,
  values: T,
  ...keepFrom: Record<string, unknown>[]
): T {
  const recorded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const dropped =
      key in defaults &&
      JSON.stringify(value) === JSON.stringify(defaults[key]) &&
      !keepFrom.some((source) => isSet(source[key]));
    if (!dropped) recorded[key] = value;
  }
  return recorded as T;
}
