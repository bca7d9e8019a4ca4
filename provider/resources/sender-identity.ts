/**
 * The SenderIdentity resource (one verified address on the agency's domain): what a program
 * declares. Its operations run in the provider host (provider/runtime/sender-identity.ts). Every
 * file here has the same layout on purpose, one file per resource: the `SenderIdentityArgs`
 * interface, the registered output names, and the class with its outputs declared as typed,
 * documented members; the repeated shape is data, not logic.
 */
import * as pulumi from "@pulumi/pulumi";
import { MailerSendResource, resourceProps } from "./shim";
import { refusePlaintextApiKey } from "./api-key-guard";

/** Arguments of a {@link SenderIdentity}. */
export interface SenderIdentityArgs {
  /**
   * The verified domain the identity sends through (the agency's). Changing it replaces the
   * identity.
   */
  domainId: pulumi.Input<string>;
  /**
   * The client's address to send from, up to 191 characters; trimmed and lower-cased. Not a
   * free-mail address (gmail.com, outlook.com, ...). Changing it replaces the identity.
   */
  email: pulumi.Input<string>;
  /** The sender name recipients see, up to 191 characters. */
  name: pulumi.Input<string>;
  /** Reply-to address for the identity's emails. */
  replyToEmail?: pulumi.Input<string>;
  /** Reply-to name, up to 191 characters; requires `replyToEmail`. */
  replyToName?: pulumi.Input<string>;
  /** A note for the confirmation email, up to 250 characters; required when `addNote` is true. */
  personalNote?: pulumi.Input<string>;
  /** Include `personalNote` in the confirmation email (default false). */
  addNote?: pulumi.Input<boolean>;
  /** Change this value to have MailerSend send the confirmation email again. */
  resendNonce?: pulumi.Input<string | number>;
  /**
   * Take over an identity with this email that already exists in the account instead of failing.
   * `true`: adopt it if it exists, else create it (the preview warns); `"require"`: it must exist.
   * An adopted identity is left in MailerSend when the resource is removed or destroyed.
   */
  adopt?: pulumi.Input<boolean | "require">;
  /** Delete the identity with the resource even if `adopt` took it over (default false). */
  deleteAdoptedOnDestroy?: pulumi.Input<boolean>;
}

/**
 * The names registered as this resource's outputs (provider/resources/shim.ts, `resourceProps`):
 * the `declare`d members below are the same names, typed and documented, and exist only for
 * TypeScript, so the list is written out; test/unit/resource-outputs.test.ts checks the two agree.
 */
export const SENDER_IDENTITY_OUTPUTS = [
  "domainId",
  "email",
  "name",
  "replyToEmail",
  "replyToName",
  "personalNote",
  "addNote",
  "resendNonce",
  "adopt",
  "deleteAdoptedOnDestroy",
  "adopted",
  "verified",
  "resends",
  "domainName",
  "stateVersion",
] as const;

/**
 * A MailerSend sender identity: one client address sent through the agency's verified domain. No
 * DNS changes; the address owner confirms by clicking the link MailerSend emails them (see
 * `verified` after a refresh). Sending affects the agency domain's reputation.
 */
export class SenderIdentity extends MailerSendResource {
  /** The id of the domain the identity sends through. */
  declare readonly domainId: pulumi.Output<string>;
  /** The address the client sends from. */
  declare readonly email: pulumi.Output<string>;
  /** The sender name shown to recipients. */
  declare readonly name: pulumi.Output<string>;
  /** The `replyToEmail` input as applied. */
  declare readonly replyToEmail: pulumi.Output<string | undefined>;
  /** The `replyToName` input as applied. */
  declare readonly replyToName: pulumi.Output<string | undefined>;
  /** The `personalNote` input as applied. */
  declare readonly personalNote: pulumi.Output<string | undefined>;
  /** The `addNote` input as set; undefined while it is left at its default (false). */
  declare readonly addNote: pulumi.Output<boolean>;
  /** The `resendNonce` input, as a string; changing it re-sends the confirmation email. */
  declare readonly resendNonce: pulumi.Output<string | undefined>;
  /** The `adopt` input as set; undefined while it is left at its default (false). */
  declare readonly adopt: pulumi.Output<boolean | "require">;
  /** The `deleteAdoptedOnDestroy` input as applied (undefined when not set). */
  declare readonly deleteAdoptedOnDestroy: pulumi.Output<boolean | undefined>;
  /** True when the create took over an existing identity (left in MailerSend on delete). */
  declare readonly adopted: pulumi.Output<boolean | undefined>;
  /** True once the address owner clicked the confirmation link (updated by refresh). */
  declare readonly verified: pulumi.Output<boolean>;
  /** Confirmation emails re-sent so far. */
  declare readonly resends: pulumi.Output<number>;
  /** The domain the identity sends through. */
  declare readonly domainName: pulumi.Output<string>;
  /**
   * The version of this resource's state layout (1 today), for reading older state after an upgrade.
   */
  declare readonly stateVersion: pulumi.Output<number>;

  constructor(name: string, args: SenderIdentityArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextApiKey();
    super("SenderIdentity", name, resourceProps(SENDER_IDENTITY_OUTPUTS, args), opts);
  }
}
