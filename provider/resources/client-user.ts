import * as pulumi from "@pulumi/pulumi";
import { refusePlaintextApiKey } from "./api-key-guard";
import { resourceProps, runtimeShim, TYPE_MODULE } from "./shim";

export type UserRole = "Admin" | "Manager" | "Designer" | "Accountant" | "Custom User";

/** Arguments of a {@link ClientUser}. */
export interface ClientUserArgs {
  /** The person to invite. Changing it invites someone else (replace). */
  email: pulumi.Input<string>;
  /** `Admin`, `Manager`, `Designer`, `Accountant` or `Custom User` (any case). */
  role: pulumi.Input<string>;
  /** Permission names such as `read-activity`; at least one for `Custom User`. */
  permissions?: pulumi.Input<pulumi.Input<string>[]>;
  /** The domains the user may access: the client's own. */
  domainIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Template ids; need the `read-own-templates` permission. */
  templateIds?: pulumi.Input<pulumi.Input<string>[]>;
  requiresPeriodicPasswordChange?: pulumi.Input<boolean>;
}

const provider = runtimeShim("ClientUser");

const CLIENT_USER_OUTPUTS = [
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
export class ClientUser extends pulumi.dynamic.Resource {
  declare readonly email: pulumi.Output<string>;
  declare readonly role: pulumi.Output<UserRole>;
  declare readonly permissions: pulumi.Output<string[]>;
  declare readonly domainIds: pulumi.Output<string[]>;
  declare readonly templateIds: pulumi.Output<string[]>;
  declare readonly requiresPeriodicPasswordChange: pulumi.Output<boolean>;
  declare readonly state: pulumi.Output<"invited" | "active">;
  declare readonly inviteId: pulumi.Output<string>;
  declare readonly userId: pulumi.Output<string>;
  declare readonly stateVersion: pulumi.Output<number>;

  constructor(name: string, args: ClientUserArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextApiKey();
    super(
      provider,
      name,
      resourceProps(CLIENT_USER_OUTPUTS, args),
      opts,
      TYPE_MODULE,
      "ClientUser",
    );
  }
}
