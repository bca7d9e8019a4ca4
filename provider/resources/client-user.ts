/**
 * The ClientUser resource (a client's user, invited with domain-level access): what a program
 * declares. Its operations run in the provider host (provider/runtime/client-user.ts). Every file
 * here has the same layout on purpose, one file per resource: the `ClientUserArgs` interface, the
 * registered output names, and the class with its outputs declared as typed, documented members;
 * the repeated shape is data, not logic.
 */
import * as pulumi from "@pulumi/pulumi";
import { MailerSendResource, resourceProps } from "./shim";
import { refusePlaintextApiKey } from "./api-key-guard";

export type UserRole = "Admin" | "Manager" | "Designer" | "Accountant" | "Custom User";

/** Arguments of a {@link ClientUser}. */
export interface ClientUserArgs {
  /**
   * The person to invite, up to 191 characters; trimmed and lower-cased. Changing it invites
   * someone else (replace).
   */
  email: pulumi.Input<string>;
  /**
   * `Admin`, `Manager`, `Designer`, `Accountant` or `Custom User` (from untyped code the check also
   * accepts any case and spacing, e.g. `custom-user`).
   */
  role: pulumi.Input<UserRole>;
  /**
   * Permission names such as `read-activity`; at least one for `Custom User`. Order and repeats do
   * not matter.
   */
  permissions?: pulumi.Input<pulumi.Input<string>[]>;
  /** The domains the user may access: the client's own. */
  domainIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Template ids; they need the `read-own-templates` permission. */
  templateIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Make the user change their password periodically (default false). */
  requiresPeriodicPasswordChange?: pulumi.Input<boolean>;
}

/**
 * The names registered as this resource's outputs (provider/resources/shim.ts, `resourceProps`):
 * the `declare`d members below are the same names, typed and documented, and exist only for
 * TypeScript, so the list is written out; test/unit/resource-outputs.test.ts checks the two agree.
 */
export const CLIENT_USER_OUTPUTS = [
  "email",
  "role",
  "permissions",
  "domainIds",
  "templateIds",
  "requiresPeriodicPasswordChange",
  "state",
  "inviteId",
  "userId",
  "stateVersion",
] as const;

/**
 * A client's user in the agency's MailerSend account, with access limited to the client's domains
 * ("Invite clients with domain-level permissions"). Created as an invite; `state` becomes `active`
 * (and `userId` is set) after the person accepts and the stack is refreshed.
 */
export class ClientUser extends MailerSendResource {
  /** The invited person's address. */
  declare readonly email: pulumi.Output<string>;
  /** The role, in MailerSend's spelling. */
  declare readonly role: pulumi.Output<UserRole>;
  /** The permission names, sorted. */
  declare readonly permissions: pulumi.Output<string[]>;
  /** The ids of the domains the user may access. */
  declare readonly domainIds: pulumi.Output<string[]>;
  /** The ids of the templates the user may access. */
  declare readonly templateIds: pulumi.Output<string[]>;
  /** The `requiresPeriodicPasswordChange` input as set; undefined while it is left at its default (false). */
  declare readonly requiresPeriodicPasswordChange: pulumi.Output<boolean>;
  /** `invited` until the person accepts the invite, then `active` (seen on refresh). */
  declare readonly state: pulumi.Output<"invited" | "active">;
  /** The id of the invite MailerSend sent. */
  declare readonly inviteId: pulumi.Output<string>;
  /** The id of the user once the invite is accepted (an empty string before). */
  declare readonly userId: pulumi.Output<string>;
  /**
   * The version of this resource's state layout (1 today), for reading older state after an upgrade.
   */
  declare readonly stateVersion: pulumi.Output<number>;

  constructor(name: string, args: ClientUserArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextApiKey();
    super("ClientUser", name, resourceProps(CLIENT_USER_OUTPUTS, args), opts);
  }
}
