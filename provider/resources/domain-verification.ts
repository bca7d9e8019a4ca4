/**
 * The DomainVerification resource (checking a domain's DNS records): what a program declares. Its
 * operations run in the provider host (provider/runtime/domain-verification.ts). Every file here
 * has the same layout on purpose, one file per resource: the `DomainVerificationArgs` interface,
 * the registered output names, and the class with its outputs declared as typed, documented
 * members; the repeated shape is data, not logic.
 */
import * as pulumi from "@pulumi/pulumi";
import { MailerSendResource, resourceProps } from "./shim";
import { refusePlaintextApiKey } from "./api-key-guard";

export type DnsRecordKind = "dkim" | "spf" | "returnPath" | "customTracking" | "inboundRouting";

/** Arguments of a {@link DomainVerification}. */
export interface DomainVerificationArgs {
  /**
   * The domain to verify. A new domain is a new verification (replace; nothing to delete, so the
   * order does not matter).
   */
  domainId: pulumi.Input<string>;
  /**
   * `none`: report MailerSend's status only. `trigger` (default): ask MailerSend to check the DNS
   * records once; never fails. `wait`: check with backoff until `requiredRecords` pass and
   * MailerSend marks the domain verified, or fail at `timeoutSeconds` naming the records still
   * wrong and their expected values.
   */
  mode?: pulumi.Input<"none" | "trigger" | "wait">;
  /**
   * What `wait` waits for (default dkim, spf, returnPath). At least one; order and repeats do not
   * matter.
   */
  requiredRecords?: pulumi.Input<pulumi.Input<DnsRecordKind>[]>;
  /**
   * How long `wait` waits, 1 to 86,400 seconds (default 600). Changing it alone plans nothing: it
   * only shapes future runs.
   */
  timeoutSeconds?: pulumi.Input<number>;
  /**
   * First interval between checks, 1 to 3,600 seconds (default 15); grows ×1.5 up to 2 minutes (or
   * this value, if larger). In `wait` mode it must not exceed `timeoutSeconds`. Changing it alone
   * plans nothing.
   */
  pollIntervalSeconds?: pulumi.Input<number>;
  /** Change this value to check again (numbers become strings). */
  nonce?: pulumi.Input<string | number>;
}

/**
 * The names registered as this resource's outputs (provider/resources/shim.ts, `resourceProps`):
 * the `declare`d members below are the same names, typed and documented, and exist only for
 * TypeScript, so the list is written out; test/unit/resource-outputs.test.ts checks the two agree.
 */
export const DOMAIN_VERIFICATION_OUTPUTS = [
  "domainId",
  "mode",
  "requiredRecords",
  "timeoutSeconds",
  "pollIntervalSeconds",
  "nonce",
  "verified",
  "status",
  "records",
  "stateVersion",
] as const;

/** Asks MailerSend to verify a {@link Domain}'s DNS records and reports each record's status. */
export class DomainVerification extends MailerSendResource {
  /** The id of the domain this verification checks. */
  declare readonly domainId: pulumi.Output<string>;
  /** The `mode` input as set; undefined while it is left at its default (`trigger`). */
  declare readonly mode: pulumi.Output<"none" | "trigger" | "wait">;
  /** The `requiredRecords` input as set; undefined while it is left at its default (dkim, spf, returnPath). */
  declare readonly requiredRecords: pulumi.Output<DnsRecordKind[]>;
  /** The `timeoutSeconds` input as set; undefined while it is left at its default (600). */
  declare readonly timeoutSeconds: pulumi.Output<number>;
  /** The `pollIntervalSeconds` input as set; undefined while it is left at its default (15). */
  declare readonly pollIntervalSeconds: pulumi.Output<number>;
  /** The `nonce` input, as a string; changing it checks again. */
  declare readonly nonce: pulumi.Output<string | undefined>;
  /** MailerSend's verified flag for the domain. */
  declare readonly verified: pulumi.Output<boolean>;
  /**
   * `verified` when MailerSend says so; otherwise `pending` after a check (`trigger`, `wait`) and
   * `unchecked` in `none` mode (nothing was checked).
   */
  declare readonly status: pulumi.Output<"verified" | "pending" | "unchecked">;
  /**
   * Each record MailerSend checked, with its result: all five after a check; `dkim`, `spf` and
   * `customTracking` in `none` mode. Refresh updates them.
   */
  declare readonly records: pulumi.Output<{ purpose: DnsRecordKind; verified: boolean }[]>;
  /**
   * The version of this resource's state layout (1 today), for reading older state after an upgrade.
   */
  declare readonly stateVersion: pulumi.Output<number>;

  constructor(name: string, args: DomainVerificationArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextApiKey();
    super("DomainVerification", name, resourceProps(DOMAIN_VERIFICATION_OUTPUTS, args), opts);
  }
}
