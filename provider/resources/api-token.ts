/**
 * The ApiToken resource (an API token scoped to one domain): what a program declares. Its
 * operations run in the provider host (provider/runtime/api-token.ts). Every file here has the
 * same layout on purpose, one file per resource: the `ApiTokenArgs` interface, the registered
 * output names, and the class with its outputs declared as typed, documented members; the repeated
 * shape is data, not logic.
 */
import * as pulumi from "@pulumi/pulumi";
import { MailerSendResource, resourceProps } from "./shim";
import { refusePlaintextApiKey } from "./api-key-guard";

/** MailerSend token scopes (docs/mailersend-api.md §5.4). */
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
  /**
   * At least one of the 31 scope names (`email_full`, `domains_read`, `analytics_read`, ...); order
   * and repeats do not matter. Changing them issues a new token (created before the old is
   * deleted).
   */
  scopes: pulumi.Input<pulumi.Input<TokenScope>[]>;
  /** `active` (default) or `paused`: MailerSend refuses a paused token. Updates in place. */
  status?: pulumi.Input<"active" | "paused">;
  /**
   * Change this value to rotate the token: a new value is issued, then the old token is deleted.
   */
  rotationNonce?: pulumi.Input<string | number>;
}

/**
 * The names registered as this resource's outputs (provider/resources/shim.ts, `resourceProps`):
 * the `declare`d members below are the same names, typed and documented, and exist only for
 * TypeScript, so the list is written out; test/unit/resource-outputs.test.ts checks the two agree.
 */
export const API_TOKEN_OUTPUTS = [
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
export class ApiToken extends MailerSendResource {
  /** The token's name. */
  declare readonly name: pulumi.Output<string>;
  /** The id of the domain the token is for, if any. */
  declare readonly domainId: pulumi.Output<string | undefined>;
  /** The token's scopes, sorted. */
  declare readonly scopes: pulumi.Output<TokenScope[]>;
  /** `active` or `paused`. */
  declare readonly status: pulumi.Output<"active" | "paused">;
  /** The `rotationNonce` input, as a string; changing it rotates the token. */
  declare readonly rotationNonce: pulumi.Output<string | undefined>;
  /**
   * The token value. **Secret**: marked secret by the resource whatever the options say, and kept
   * on refresh (MailerSend shows it only once).
   */
  declare readonly token: pulumi.Output<string>;
  /** When MailerSend issued the token, as MailerSend reports it. */
  declare readonly createdAt: pulumi.Output<string>;
  /**
   * The version of this resource's state layout (1 today), for reading older state after an upgrade.
   */
  declare readonly stateVersion: pulumi.Output<number>;

  constructor(name: string, args: ApiTokenArgs, opts?: pulumi.CustomResourceOptions) {
    // The value is marked secret by the resource itself, whatever the caller's options say.
    const secretOutputs = [...new Set([...(opts?.additionalSecretOutputs ?? []), "token"])];
    refusePlaintextApiKey();
    super("ApiToken", name, resourceProps(API_TOKEN_OUTPUTS, args), {
      ...opts,
      additionalSecretOutputs: secretOutputs,
    });
  }
}
