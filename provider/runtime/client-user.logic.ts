/**
 * ClientUser: pure rules (docs/mailersend-api.md §6.1). A client's user invited into the agency account
 * with access limited to the client's domains (the seed: "Invite clients with domain-level
 * permissions"). `POST /users` sends an invite; the person becomes a user when they accept it.
 *
 * Layout shared by every `*.logic.ts` here (a list of allowed names and its type where there is
 * one, the inputs schema and outputs type, `check…` over `checkInputs` from check.ts, the diff
 * table and `diff…` over `diffByTable` from diff.ts): the lines that repeat across these files are
 * declarations of this resource's facts, not logic; the logic that reads them is shared already.
 */
import { z } from "zod";
import type { ApiInvite, ApiUser } from "../api/schemas";
import type { InviteUserBody, UpdateUserBody } from "../api/client";
import { checkInputs, type CheckFailure, type CheckResult } from "./check";
import { diffByTable, type DiffTable } from "./diff";
import { emailAddress, flag, objectId } from "./fields";

export const CLIENT_USER_STATE_VERSION = 1;

export const USER_ROLES = ["Admin", "Manager", "Designer", "Accountant", "Custom User"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The 36 permission names the SDKs know (docs/mailersend-api.md §6.1). */
export const USER_PERMISSIONS = [
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
] as const;

const role = z
  .string({ error: `must be one of ${USER_ROLES.join(", ")}` })
  // MailerSend validates the capitalised names (`member` is "The selected role is invalid.", docs/mailersend-api.md §2.2);
  // accept any case and spacing so "custom user" or "custom-user" mean what they say.
  .transform((value) => {
    const key = value
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, " ");
    return USER_ROLES.find((r) => r.toLowerCase() === key) ?? value;
  })
  .refine((value): value is UserRole => (USER_ROLES as readonly string[]).includes(value), {
    error: (issue) => `must be one of ${USER_ROLES.join(", ")}; got ${JSON.stringify(issue.input)}`,
  });

function uniqueSorted<T extends z.ZodType<string>>(item: T, what: string) {
  return z
    .array(item, { error: `must be a list of ${what}` })
    .transform((values) => [...new Set(values)].sort());
}

export const clientUserInputsSchema = z.strictObject({
  email: emailAddress(191),
  role,
  permissions: uniqueSorted(
    z.enum(USER_PERMISSIONS, {
      error: (issue) =>
        `must be a MailerSend permission such as read-activity or manage-template; got ${JSON.stringify(issue.input)}`,
    }),
    "permission names",
  ).default([]),
  domainIds: uniqueSorted(objectId("MailerSend domain"), "domain ids").default([]),
  templateIds: uniqueSorted(objectId("MailerSend template"), "template ids").default([]),
  requiresPeriodicPasswordChange: flag().default(false),
});

export type ClientUserInputs = z.infer<typeof clientUserInputsSchema>;

export interface ClientUserOutputs extends ClientUserInputs {
  /** `invited` until the person accepts, then `active`. */
  state: "invited" | "active";
  inviteId: string;
  /** Empty until the invite is accepted. */
  userId: string;
  stateVersion: number;
}

function crossCheck(inputs: ClientUserInputs, unknown: ReadonlySet<string>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (!unknown.has("role") && !unknown.has("permissions")) {
    if (inputs.role === "Custom User" && inputs.permissions.length === 0) {
      failures.push({
        property: "permissions",
        reason: "must list at least one permission for the Custom User role",
      });
    }
  }
  if (!unknown.has("templateIds") && !unknown.has("permissions") && inputs.templateIds.length > 0) {
    if (!inputs.permissions.includes("read-own-templates")) {
      failures.push({
        property: "templateIds",
        reason: "require the read-own-templates permission (MailerSend #MS42224)",
      });
    }
  }
  return failures;
}

export function checkClientUser(
  news: Record<string, unknown>,
): CheckResult<Record<string, unknown>> {
  return checkInputs(clientUserInputsSchema, news, crossCheck);
}

/**
 * Access changes update in place (for a pending invite by re-inviting, since invites cannot be
 * edited); a different email is a different person: replace, creating the new invite first.
 */
export const CLIENT_USER_DIFF_TABLE: DiffTable<keyof ClientUserInputs> = {
  fields: {
    email: "replace",
    role: "update",
    permissions: "update",
    domainIds: "update",
    templateIds: "update",
    requiresPeriodicPasswordChange: "update",
  },
  uniqueKey: ["email"],
};

export function diffClientUser(olds: Record<string, unknown>, news: Record<string, unknown>) {
  return diffByTable(CLIENT_USER_DIFF_TABLE, olds, news);
}

/**
 * `templates` is sent only when the program gives template ids: MailerSend refuses the key itself,
 * even `templates: []`, without the read-own-templates permission ("Templates require a read own
 * templates permission. #MS42224", mailersend-python tests/fixtures/cassettes/users_invite.yaml;
 * see docs/mailersend-api.md §9).
 */
export function inviteBody(inputs: ClientUserInputs): InviteUserBody {
  return {
    email: inputs.email,
    role: inputs.role,
    permissions: inputs.permissions,
    domains: inputs.domainIds,
    ...(inputs.templateIds.length > 0 ? { templates: inputs.templateIds } : {}),
    requires_periodic_password_change: inputs.requiresPeriodicPasswordChange,
  };
}

/**
 * `PUT /users/{id}` for an accepted invite. `templates` follows the invite rule, except that
 * emptying a list the user had is sent as `templates: []` when the permission is kept (else the key
 * would be refused, and without the permission the templates give no access anyway; inferred).
 */
export function userUpdateBody(
  inputs: ClientUserInputs,
  previous: ClientUserInputs,
): UpdateUserBody {
  const clearing =
    inputs.templateIds.length === 0 &&
    previous.templateIds.length > 0 &&
    inputs.permissions.includes("read-own-templates");
  const templates = inputs.templateIds.length > 0 || clearing ? inputs.templateIds : undefined;
  return {
    role: inputs.role,
    permissions: inputs.permissions,
    domains: inputs.domainIds,
    ...(templates ? { templates } : {}),
    requires_periodic_password_change: inputs.requiresPeriodicPasswordChange,
  };
}

export function invitedOutputs(inputs: ClientUserInputs, invite: ApiInvite): ClientUserOutputs {
  return {
    ...inputs,
    // An invite reports role and permissions, not domains or templates (docs/mailersend-api.md §6.1).
    ...(invite.role ? { role: invite.role as UserRole } : {}),
    ...(invite.permissions
      ? { permissions: [...invite.permissions].sort() as ClientUserInputs["permissions"] }
      : {}),
    state: "invited",
    inviteId: invite.id,
    userId: "",
    stateVersion: CLIENT_USER_STATE_VERSION,
  };
}

export function activeOutputs(
  inputs: ClientUserInputs,
  user: ApiUser,
  inviteId: string,
): ClientUserOutputs {
  return {
    ...inputs,
    ...(user.role ? { role: user.role as UserRole } : {}),
    ...(user.permissions
      ? { permissions: [...user.permissions].sort() as ClientUserInputs["permissions"] }
      : {}),
    ...(user.domains ? { domainIds: user.domains.map((d) => d.id).sort() } : {}),
    state: "active",
    inviteId,
    userId: user.id,
    stateVersion: CLIENT_USER_STATE_VERSION,
  };
}
