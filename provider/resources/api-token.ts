import * as pulumi from "@pulumi/pulumi";
import { refusePlaintextApiKey } from "./api-key-guard";
import { resourceProps, runtimeShim, TYPE_MODULE } from "./shim";

/** MailerSend token scopes (mailersend-api.md §5.4). */
export type TokenScope =
  | "email_full"
  | "domains_read"
  | "domains_full"
  | "activity_read"
  | "activity_full"
  | "analytics_read"
  | "analytics_full"
  | "tokens_full"
  | "webhooks_full"
  | "templates_full"
  | "suppressions_read"
  | "suppressions_full"
  | "sms_read"
  | "sms_full"
  | "email_verification_read"
  | "email_verification_full"
  | "inbounds_full"
  | "recipients_read"
  | "recipients_full"
  | "sender_identity_read"
  | "sender_identity_full"
  | "users_read"
  | "users_full"
  | "smtp_users_read"
  | "smtp_users_full"
  | "dmarc_monitoring_read"
  | "dmarc_monitoring_full"
  | "blocklist_monitoring_read"
  | "blocklist_monitoring_full"
  | "whatsapp_full"
  | "ifttt";

/** Arguments of an {@link ApiToken}. */
export interface ApiTokenArgs {
  /** Token name (50 characters). Updates in place. */
  name: pulumi.Input<string>;
  /** The domain the token is for. Changing it issues a new token (created before the old is deleted). */
  domainId?: pulumi.Input<string>;
  /** Scopes, order-insensitive. Changing them issues a new token (created before the old is deleted). */
  scopes: pulumi.Input<pulumi.Input<TokenScope>[]>;
  /** `active` (default) or `paused`: MailerSend refuses a paused token. Updates in place. */
  status?: pulumi.Input<"active" | "paused">;
  /** Change this value to rotate: a new token is issued, then the old one is deleted. */
  rotationNonce?: pulumi.Input<string | number>;
}

const provider = runtimeShim("ApiToken");

const API_TOKEN_OUTPUTS = [
  "name",
  "domainId",
  "scopes",
  "status",
  "rotationNonce",
  "token",
  "createdAt",
  "stateVersion",
] as const;

/**
 * A MailerSend API token. Its value (`token`) is shown by MailerSend only once, at creation: it is
 * always a secret output, kept in the (encrypted) state, and survives refresh.
 */
export class ApiToken extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly domainId: pulumi.Output<string | undefined>;
  declare readonly scopes: pulumi.Output<TokenScope[]>;
  declare readonly status: pulumi.Output<"active" | "paused">;
  declare readonly rotationNonce: pulumi.Output<string | undefined>;
  /** The token value (secret). */
  declare readonly token: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly stateVersion: pulumi.Output<number>;

  constructor(name: string, args: ApiTokenArgs, opts?: pulumi.CustomResourceOptions) {
    // The value is marked secret by the resource itself, whatever the caller's options say.
    const secretOutputs = [...new Set([...(opts?.additionalSecretOutputs ?? []), "token"])];
    refusePlaintextApiKey();
    super(
      provider,
      name,
      resourceProps(API_TOKEN_OUTPUTS, args),
      { ...opts, additionalSecretOutputs: secretOutputs },
      TYPE_MODULE,
      "ApiToken",
    );
  }
}
