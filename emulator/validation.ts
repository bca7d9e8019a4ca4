import { validationFailed, type FieldErrors } from "./errors";

/**
 * A tiny Laravel-style validator. MailerSend is a Laravel application, so its 422 messages follow
 * Laravel's wording ("The name field is required.", "The selected scopes.0 is invalid.", docs/mailersend-api.md §2.2).
 * Rules run per field in order and stop at the first failure (Laravel's `bail`), so each field
 * reports one message. [INF] whether MailerSend bails is unknown; one message per field keeps the
 * "(and N more errors)" count predictable.
 */
export type Rule = (value: unknown, attribute: string) => string | undefined;

/** Laravel's display name for a field: underscores become spaces; `scopes.0` stays as it is. */
export function attributeName(field: string): string {
  return field.replace(/_/g, " ");
}

export class Validation {
  private readonly errors: FieldErrors = {};

  /**
   * Checks `value` against `rules` and records the first failure under `field`. With
   * `optional: true`, an absent value (undefined or null) passes without running the rules (Laravel
   * `sometimes|nullable`). Returns whether the field passed.
   */
  check(
    field: string,
    value: unknown,
    rules: Rule[],
    options: { optional?: boolean } = {},
  ): boolean {
    if (options.optional && (value === undefined || value === null)) return true;
    for (const rule of rules) {
      const message = rule(value, attributeName(field));
      if (message !== undefined) {
        this.add(field, message);
        return false;
      }
    }
    return true;
  }

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  hasError(field: string): boolean {
    return this.errors[field] !== undefined;
  }

  get failed(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  /** Throws the 422 when anything failed. */
  finish(): void {
    if (this.failed) throw validationFailed(this.errors);
  }
}

/** Laravel's `required`: null, undefined, a blank string and an empty array are all "missing". */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

export const required: Rule = (value, attribute) =>
  isBlank(value) ? `The ${attribute} field is required.` : undefined;

export const isString: Rule = (value, attribute) =>
  typeof value === "string" ? undefined : `The ${attribute} field must be a string.`;

export const isArray: Rule = (value, attribute) =>
  Array.isArray(value) ? undefined : `The ${attribute} field must be an array.`;

/** Laravel's `boolean` accepts true/false, 1/0 and "1"/"0"; see {@link toBoolean}. */
export const isBoolean: Rule = (value, attribute) =>
  toBoolean(value) === undefined ? `The ${attribute} field must be true or false.` : undefined;

export function toBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === "1") return true;
  if (value === false || value === 0 || value === "0") return false;
  return undefined;
}

export function maxLength(limit: number): Rule {
  return (value, attribute) =>
    typeof value === "string" && value.length > limit
      ? `The ${attribute} field must not be greater than ${limit} characters.`
      : undefined;
}

export function oneOf(allowed: readonly string[]): Rule {
  return (value, attribute) =>
    typeof value === "string" && allowed.includes(value)
      ? undefined
      : `The selected ${attribute} is invalid.`;
}

/** Laravel's `alpha_num`. */
export const alphaNumeric: Rule = (value, attribute) =>
  typeof value === "string" && /^[A-Za-z0-9]+$/.test(value)
    ? undefined
    : `The ${attribute} field must only contain letters and numbers.`;

/**
 * A pragmatic email check (Laravel's default `email` rule is RFC-based and permissive): one `@`, no
 * whitespace, a dotted domain part. `+` in the local part is valid.
 */
export const isEmail: Rule = (value, attribute) =>
  typeof value === "string" && EMAIL_PATTERN.test(value)
    ? undefined
    : `The ${attribute} field must be a valid email address.`;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** A custom rule with a fixed message: fails when `predicate(value)` is false. */
export function satisfies(predicate: (value: unknown) => boolean, message: string): Rule {
  return (value) => (predicate(value) ? undefined : message);
}
