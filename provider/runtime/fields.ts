/**
 * zod building blocks for inputs, with messages that say what is allowed. Shared by every
 * resource's check so the same mistake reads the same everywhere.
 */
import { z } from "zod";
import { DOMAIN_PATTERN, EMAIL_LOCAL_PART_PATTERN, normaliseDomainName } from "../facts/names";

export function domainName() {
  return z
    .string({ error: "must be a domain name such as mail.example.com" })
    .transform(normaliseDomainName)
    .refine((value) => DOMAIN_PATTERN.test(value), {
      error: (issue) =>
        `must be a domain name such as mail.example.com (letters, digits and hyphens, ` +
        `punycode xn-- for international names); got "${String(issue.input)}"`,
    });
}

/** Simple address check: one @, a domain part that is a domain name. MailerSend allows 191 characters. */
export function emailAddress(maxLength = 191) {
  return z
    .string({ error: "must be an email address such as news@example.com" })
    .transform((value) => value.trim())
    .refine((value) => value.length <= maxLength, {
      error: `must be at most ${maxLength} characters long`,
      abort: true,
    })
    .transform((value) => {
      const at = value.lastIndexOf("@");
      // The domain part is case-insensitive; the local part is kept as written but compared
      // case-insensitively by MailerSend, so we lower-case the whole address for stable diffs.
      return at < 0 ? value : value.toLowerCase();
    })
    .refine(
      (value) => {
        const at = value.lastIndexOf("@");
        if (at <= 0 || value.indexOf("@") !== at) return false;
        const local = value.slice(0, at);
        return EMAIL_LOCAL_PART_PATTERN.test(local) && DOMAIN_PATTERN.test(value.slice(at + 1));
      },
      {
        error: (issue) =>
          `must be an email address such as news@example.com; got "${String(issue.input)}"`,
      },
    );
}

/** Return-path, tracking and inbound subdomains: "Must be alphanumeric" (docs/mailersend-api.md §3.2). */
export function subdomainLabel(options: { allowEmpty?: boolean } = {}) {
  return z
    .string({ error: "must be a subdomain label of letters and digits, such as mta" })
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => (options.allowEmpty && value === "") || /^[a-z0-9]{1,63}$/.test(value), {
      error: (issue) =>
        `must be letters and digits only (1 to 63 characters, MailerSend requires alphanumeric` +
        ` subdomains)${options.allowEmpty ? " or empty" : ""}; got "${String(issue.input)}"`,
    });
}

export function flag() {
  return z.boolean({ error: "must be true or false" });
}

export function text(options: { min?: number; max: number; what?: string }) {
  const min = options.min ?? 1;
  return z
    .string({ error: `must be ${options.what ?? "text"}` })
    .refine((value) => value.trim().length >= min, {
      error: min === 1 ? "must not be empty" : `must be at least ${min} characters long`,
      abort: true,
    })
    .refine((value) => value.length <= options.max, {
      error: (issue) =>
        `must be at most ${options.max} characters long; got ${String(issue.input).length}`,
      abort: true,
    });
}

/** A re-run trigger: any string or number; changing it re-runs the action. */
export function nonce() {
  return z
    .union([z.string(), z.number()], { error: "must be a string or a number" })
    .transform(String);
}

/** An id of an existing MailerSend object (16 lowercase letters and digits for domains, docs/mailersend-api.md §1). */
export function objectId(what: string) {
  return z
    .string({ error: `must be the id of a ${what}` })
    .refine((value) => /^[A-Za-z0-9_-]{1,100}$/.test(value), {
      error: (issue) =>
        `must be the id of a ${what} (letters and digits); got "${String(issue.input)}"`,
    });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (issue) =>
      `must be one of ${values.join(", ")} (${what}); got ${JSON.stringify(issue.input)}`,
  });
}

/**
 * `adopt`: `false` (create, fail when the name is taken), `true` (take over an existing object of
 * that name, else create one) or `"require"` (take over an existing object; fail if there is none).
 */
export function adoptMode() {
  return z.union([z.boolean(), z.literal("require")], {
    error: 'must be true, false or "require"',
  });
}
