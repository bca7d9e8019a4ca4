import { formatTimestamp } from "../clock";
import { uniqueId, type EmulatorContext } from "../context";
import { fieldError } from "../errors";
import { planFacts } from "../plans";
import type { IdentityRecord } from "../state";
import {
  isBoolean,
  isEmail,
  isString,
  maxLength,
  required,
  satisfies,
  toBoolean,
  Validation,
} from "../validation";
import { asObject } from "./input";

/**
 * [DOC help] docs/mailersend-api.md §4.3: an identity "cannot originate from a free email provider". The list is the
 * common providers; the exact server list is unknown ([INF]).
 */
const FREE_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.uk",
  "ymail.com",
  "hotmail.com",
  "hotmail.co.uk",
  "outlook.com",
  "live.com",
  "msn.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "mail.com",
  "gmx.com",
  "gmx.net",
  "gmx.de",
  "web.de",
  "yandex.com",
  "yandex.ru",
  "mail.ru",
  "protonmail.com",
  "proton.me",
  "zoho.com",
  "qq.com",
  "163.com",
]);

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/** Rules shared by create and update (docs/mailersend-api.md §4.3, limits from the python SDK). */
function checkOptionalFields(
  validation: Validation,
  input: Record<string, unknown>,
  replyToEmailAfter: unknown,
): void {
  validation.check("reply_to_email", input.reply_to_email, [isString, isEmail, maxLength(191)], {
    optional: true,
  });
  validation.check("reply_to_name", input.reply_to_name, [isString, maxLength(191)], {
    optional: true,
  });
  // [SDK php] reply_to_email is required with reply_to_name (Laravel `required_with` wording).
  if (typeof input.reply_to_name === "string" && input.reply_to_name !== "") {
    validation.check("reply_to_email", replyToEmailAfter, [
      satisfies(
        (value) => typeof value === "string" && value !== "",
        "The reply to email field is required when reply to name is present.",
      ),
    ]);
  }
  validation.check("add_note", input.add_note, [isBoolean], { optional: true });
  validation.check("personal_note", input.personal_note, [isString, maxLength(250)], {
    optional: true,
  });
}

/** `POST /identities` (docs/mailersend-api.md §4.3). */
export function createIdentity(ctx: EmulatorContext, body: unknown): IdentityRecord {
  const input = asObject(body);
  const validation = new Validation();
  validation.check("domain_id", input.domain_id, [
    required,
    isString,
    satisfies(
      (id) => ctx.store.domain(id as string) !== undefined,
      "The selected domain id is invalid.",
    ),
    // [DOC help] "You can only add a sender identity on a verified domain"; message [INF].
    satisfies(
      (id) => ctx.store.domain(id as string)?.isVerified === true,
      "You can only add a sender identity on a verified domain.",
    ),
  ]);
  validation.check("email", input.email, [
    required,
    isString,
    isEmail,
    maxLength(191),
    // [INF] wording; the rule itself is [DOC help].
    satisfies(
      (email) => !FREE_MAIL_DOMAINS.has(emailDomain(email as string)),
      "The email must be on a custom domain; free email providers are not allowed.",
    ),
    // [REC] identities_create_not_available.yaml
    satisfies(
      (email) => ctx.store.identityByEmail(email as string) === undefined,
      "The email has already been taken.",
    ),
  ]);
  // [SDK python/CLI] name is required (the nodejs types make it optional; being strict catches more).
  validation.check("name", input.name, [required, isString, maxLength(191)]);
  checkOptionalFields(validation, input, input.reply_to_email);
  validation.finish();

  const plan = planFacts(ctx.options.plan);
  if (ctx.store.state.identities.length >= plan.identities) {
    // [INF] docs/mailersend-api.md §2.4: neither message was observed. 422 on `email`, like the domain limit on `name`.
    throw fieldError(
      "email",
      plan.identities === 0
        ? `Sender identities are not available on the ${plan.label} plan. Upgrade to Starter or above to add sender identities.`
        : `The ${plan.label} plan allows up to ${plan.identities} sender identities. ` +
            "Delete a sender identity or upgrade your plan to add more.",
    );
  }

  const email = input.email as string;
  const now = formatTimestamp(ctx.now());
  // [INF] docs/mailersend-api.md §4.4 open question, behind an option: an address on one of the account's own verified
  // domains needs no confirmation click.
  const autoVerified =
    ctx.options.autoVerifyIdentitiesOnVerifiedDomains &&
    ctx.store.state.domains.some((d) => d.isVerified && d.name === emailDomain(email));
  const identity: IdentityRecord = {
    id: uniqueId(ctx.ids.resourceId, ctx.store.state.identities),
    email,
    name: input.name as string,
    replyToEmail: nonEmptyString(input.reply_to_email),
    replyToName: nonEmptyString(input.reply_to_name),
    addNote: toBoolean(input.add_note) ?? false,
    personalNote: nonEmptyString(input.personal_note),
    domainId: input.domain_id as string,
    isVerified: autoVerified,
    resends: 0,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.store.mutate((state) => {
    state.identities.push(identity);
    return identity;
  });
}

/**
 * `PUT /identities/{id}` and `PUT /identities/email/{email}`: name, reply_to_email, reply_to_name,
 * add_note and personal_note change when sent. [INF] docs/mailersend-api.md §4.3: `email` and `domain_id` are not updatable
 * and are ignored.
 */
export function updateIdentity(
  ctx: EmulatorContext,
  identity: IdentityRecord,
  body: unknown,
): IdentityRecord {
  const input = asObject(body);
  const validation = new Validation();
  validation.check("name", input.name, [required, isString, maxLength(191)], { optional: true });
  const replyToEmailAfter =
    "reply_to_email" in input ? input.reply_to_email : identity.replyToEmail;
  checkOptionalFields(validation, input, replyToEmailAfter);
  validation.finish();
  return ctx.store.mutate(() => {
    if (input.name !== undefined && input.name !== null) identity.name = input.name as string;
    if ("reply_to_email" in input) identity.replyToEmail = nonEmptyString(input.reply_to_email);
    if ("reply_to_name" in input) identity.replyToName = nonEmptyString(input.reply_to_name);
    if ("add_note" in input && input.add_note !== null) {
      identity.addNote = toBoolean(input.add_note) ?? identity.addNote;
    }
    if ("personal_note" in input) identity.personalNote = nonEmptyString(input.personal_note);
    identity.updatedAt = formatTimestamp(ctx.now());
    return identity;
  });
}

export function deleteIdentity(ctx: EmulatorContext, identity: IdentityRecord): void {
  ctx.store.mutate((state) => {
    state.identities = state.identities.filter((i) => i.id !== identity.id);
  });
}

/** `POST /identities/{id}/resend`: sends the confirmation email again; `resends` + 1 [SDK fixture]. */
export function resendIdentityConfirmation(
  ctx: EmulatorContext,
  identity: IdentityRecord,
): IdentityRecord {
  return ctx.store.mutate(() => {
    identity.resends += 1;
    identity.updatedAt = formatTimestamp(ctx.now());
    return identity;
  });
}

/** The owner clicked the confirmation link (admin door / store handle). */
export function confirmIdentity(ctx: EmulatorContext, identity: IdentityRecord): IdentityRecord {
  return ctx.store.mutate(() => {
    identity.isVerified = true;
    identity.updatedAt = formatTimestamp(ctx.now());
    return identity;
  });
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
