import * as pulumi from "@pulumi/pulumi";
import { refusePlaintextApiKey } from "./api-key-guard";
import { resourceProps, runtimeShim, TYPE_MODULE } from "./shim";

/** Arguments of a {@link SenderIdentity}. */
export interface SenderIdentityArgs {
  /** The verified domain the identity sends through (the agency's domain). Changing it replaces the identity. */
  domainId: pulumi.Input<string>;
  /** The client's address to send from; must not be a free-mail address. Changing it replaces the identity. */
  email: pulumi.Input<string>;
  /** Sender name shown to recipients. */
  name: pulumi.Input<string>;
  replyToEmail?: pulumi.Input<string>;
  /** Requires `replyToEmail`. */
  replyToName?: pulumi.Input<string>;
  /** A note for the confirmation email (250 characters); requires `addNote` to be sent. */
  personalNote?: pulumi.Input<string>;
  /** Include `personalNote` in the confirmation email (default false). */
  addNote?: pulumi.Input<boolean>;
  /** Change this value to have MailerSend send the confirmation email again. */
  resendNonce?: pulumi.Input<string | number>;
  /** Take over an identity with this email that already exists in the account instead of failing. */
  adopt?: pulumi.Input<boolean>;
}

const provider = runtimeShim("SenderIdentity");

const SENDER_IDENTITY_OUTPUTS = [
  "domainId",
  "email",
  "name",
  "replyToEmail",
  "replyToName",
  "personalNote",
  "addNote",
  "resendNonce",
  "adopt",
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
export class SenderIdentity extends pulumi.dynamic.Resource {
  declare readonly domainId: pulumi.Output<string>;
  declare readonly email: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly replyToEmail: pulumi.Output<string | undefined>;
  declare readonly replyToName: pulumi.Output<string | undefined>;
  declare readonly personalNote: pulumi.Output<string | undefined>;
  declare readonly addNote: pulumi.Output<boolean>;
  declare readonly resendNonce: pulumi.Output<string | undefined>;
  declare readonly adopt: pulumi.Output<boolean>;
  /** True once the address owner clicked the confirmation link (updated by refresh). */
  declare readonly verified: pulumi.Output<boolean>;
  /** Confirmation emails re-sent so far. */
  declare readonly resends: pulumi.Output<number>;
  /** The domain the identity sends through. */
  declare readonly domainName: pulumi.Output<string>;
  declare readonly stateVersion: pulumi.Output<number>;

  constructor(name: string, args: SenderIdentityArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextApiKey();
    super(
      provider,
      name,
      resourceProps(SENDER_IDENTITY_OUTPUTS, args),
      opts,
      TYPE_MODULE,
      "SenderIdentity",
    );
  }
}
