import { formatTimestamp } from "../clock";
import { uniqueId, type EmulatorContext } from "../context";
import type { InviteRecord, UserRecord } from "../state";
import {
  isArray,
  isBoolean,
  isEmail,
  isString,
  maxLength,
  oneOf,
  required,
  satisfies,
  toBoolean,
  Validation,
} from "../validation";
import { orNotFound } from "../errors";
import { asObject } from "./input";

/** [SDK] docs/mailersend-api.md §6.1 roles; `member` is rejected [REC]. */
export const USER_ROLES: readonly string[] = [
  "Admin",
  "Manager",
  "Designer",
  "Accountant",
  "Custom User",
];

/** [SDK] docs/mailersend-api.md §6.1: the 36 permissions. */
export const USER_PERMISSIONS: readonly string[] = [
  "read-all-templates",
  "read-own-templates",
  "manage-template",
  "read-filemanager",
  "manage-domain",
  "manage-inbound",
  "manage-webhook",
  "control-sendings",
  "control-tracking-options",
  "access-smtp-credentials",
  "view-smtp-users",
  "manage-smtp-users",
  "read-recipient",
  "read-activity",
  "read-email",
  "read-analytics",
  "read-sender-identities",
  "manage-sender-identities",
  "read-email-verification",
  "manage-email-verification",
  "manage-sms",
  "read-sms",
  "manage-verified-recipients",
  "view-sms-webhooks",
  "manage-sms-webhooks",
  "view-sms-inbound",
  "manage-sms-inbound",
  "update-plan",
  "manage-account",
  "read-invoice",
  "manage-api-token",
  "read-suppressions",
  "manage-suppressions",
  "read-ip-addresses",
  "manage-ip-addresses",
  "read-error-log",
];

/**
 * The access fields shared by invite and update, validated in the order that reproduces the
 * recorded 422 (docs/mailersend-api.md §2.2 `users_invite.yaml`: role, then templates, then permissions.0).
 * `role` is required on invite and optional on update.
 */
function checkAccess(
  ctx: EmulatorContext,
  validation: Validation,
  input: Record<string, unknown>,
  existing: { role: string; permissions: string[] } | undefined,
): void {
  validation.check("role", input.role, [required, isString, oneOf(USER_ROLES)], {
    optional: existing !== undefined,
  });
  const permissionsAreArray = validation.check("permissions", input.permissions, [isArray], {
    optional: true,
  });
  const role = typeof input.role === "string" ? input.role : existing?.role;
  const permissions = Array.isArray(input.permissions)
    ? (input.permissions as unknown[])
    : existing?.permissions;
  // [SDK php] a Custom User needs permissions; Laravel `required_if` wording [INF].
  if (role === "Custom User" && permissionsAreArray && (permissions ?? []).length === 0) {
    validation.add("permissions", "The permissions field is required when role is Custom User.");
  }
  if (validation.check("templates", input.templates, [isArray], { optional: true })) {
    // [REC] the key alone triggers MailerSend's rule: `templates: []` without read-own-templates
    // is refused with #MS42224 (mailersend-python tests/fixtures/cassettes/users_invite.yaml and
    // users_update.yaml). [INF] the same for a non-empty list.
    if (input.templates !== undefined && !(permissions ?? []).includes("read-own-templates")) {
      validation.add("templates", "Templates require a read own templates permission. #MS42224");
    }
  }
  if (permissionsAreArray && Array.isArray(input.permissions)) {
    input.permissions.forEach((permission, index) => {
      validation.check(`permissions.${index}`, permission, [oneOf(USER_PERMISSIONS)]);
    });
  }
  if (Array.isArray(input.templates)) {
    input.templates.forEach((template, index) => {
      validation.check(`templates.${index}`, template, [isString]);
    });
  }
  if (validation.check("domains", input.domains, [isArray], { optional: true })) {
    ((input.domains as unknown[] | undefined) ?? []).forEach((id, index) => {
      // [INF] Laravel `exists` on `domains.*`.
      validation.check(`domains.${index}`, id, [
        satisfies(
          (value) => typeof value === "string" && ctx.store.domain(value) !== undefined,
          `The selected domains.${index} is invalid.`,
        ),
      ]);
    });
  }
  validation.check(
    "requires_periodic_password_change",
    input.requires_periodic_password_change,
    [isBoolean],
    { optional: true },
  );
}

/** `POST /users`: invites a user; the answer is the invite (docs/mailersend-api.md §6.1). */
export function inviteUser(ctx: EmulatorContext, body: unknown): InviteRecord {
  const input = asObject(body);
  const validation = new Validation();
  validation.check("email", input.email, [
    required,
    isString,
    isEmail,
    maxLength(191),
    // [INF] one membership (user or pending invite) per address.
    satisfies((email) => !isMemberEmail(ctx, email as string), "The email has already been taken."),
  ]);
  checkAccess(ctx, validation, input, undefined);
  validation.finish();
  const now = formatTimestamp(ctx.now());
  const invite: InviteRecord = {
    id: uniqueId(ctx.ids.resourceId, [...ctx.store.state.invites, ...ctx.store.state.users]),
    email: input.email as string,
    role: input.role as string,
    permissions: stringArray(input.permissions),
    templates: stringArray(input.templates),
    domains: stringArray(input.domains),
    requiresPeriodicPasswordChange: toBoolean(input.requires_periodic_password_change) ?? false,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.store.mutate((state) => {
    state.invites.push(invite);
    return invite;
  });
}

/**
 * `PUT /users/{id}`: role, permissions, domains, templates, requires_periodic_password_change.
 * [REC] the body is validated before the user is looked up: an invalid body for an unknown id is a
 * 422, not a 404 (mailersend-python tests/fixtures/cassettes/users_update.yaml).
 */
export function updateUser(ctx: EmulatorContext, userId: string, body: unknown): UserRecord {
  const input = asObject(body);
  const found = ctx.store.user(userId);
  const validation = new Validation();
  checkAccess(ctx, validation, input, found ?? { role: "", permissions: [] });
  validation.finish();
  const user = orNotFound(found, "with-quota-headers");
  return ctx.store.mutate(() => {
    if (typeof input.role === "string") user.role = input.role;
    if (Array.isArray(input.permissions)) user.permissions = stringArray(input.permissions);
    if (Array.isArray(input.templates)) user.templates = stringArray(input.templates);
    if (Array.isArray(input.domains)) user.domains = stringArray(input.domains);
    const periodic = toBoolean(input.requires_periodic_password_change);
    if (periodic !== undefined) user.requiresPeriodicPasswordChange = periodic;
    user.updatedAt = formatTimestamp(ctx.now());
    return user;
  });
}

export function deleteUser(ctx: EmulatorContext, user: UserRecord): void {
  ctx.store.mutate((state) => {
    state.users = state.users.filter((u) => u.id !== user.id);
  });
}

export function deleteInvite(ctx: EmulatorContext, invite: InviteRecord): void {
  ctx.store.mutate((state) => {
    state.invites = state.invites.filter((i) => i.id !== invite.id);
  });
}

/** `POST /invites/{id}/resend`: re-sends the invitation email; only `updated_at` changes [INF]. */
export function resendInvite(ctx: EmulatorContext, invite: InviteRecord): InviteRecord {
  return ctx.store.mutate(() => {
    invite.updatedAt = formatTimestamp(ctx.now());
    return invite;
  });
}

/**
 * The invitee accepted (admin door / store handle): the invite becomes a user with the same role,
 * permissions, templates and domains. The user gets a new id ([INF]: invites and users are separate
 * tables). Name defaults to the email's local part.
 */
export function acceptInvite(
  ctx: EmulatorContext,
  invite: InviteRecord,
  profile: { name?: string; lastName?: string | null } = {},
): UserRecord {
  const now = formatTimestamp(ctx.now());
  const user: UserRecord = {
    id: uniqueId(ctx.ids.resourceId, [...ctx.store.state.invites, ...ctx.store.state.users]),
    email: invite.email,
    name: profile.name ?? invite.email.slice(0, invite.email.indexOf("@")),
    lastName: profile.lastName ?? null,
    role: invite.role,
    permissions: [...invite.permissions],
    templates: [...invite.templates],
    domains: [...invite.domains],
    requiresPeriodicPasswordChange: invite.requiresPeriodicPasswordChange,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.store.mutate((state) => {
    state.invites = state.invites.filter((i) => i.id !== invite.id);
    state.users.push(user);
    return user;
  });
}

function isMemberEmail(ctx: EmulatorContext, email: string): boolean {
  const wanted = email.toLowerCase();
  const { users, invites } = ctx.store.state;
  return [...users, ...invites].some((member) => member.email.toLowerCase() === wanted);
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}
