import * as pulumi from "@pulumi/pulumi";
import { refusePlaintextApiKey } from "./api-key-guard";
import { resourceProps, runtimeShim, TYPE_MODULE } from "./shim";

export type DnsRecordKind = "dkim" | "spf" | "returnPath" | "customTracking" | "inboundRouting";

/** Arguments of a {@link DomainVerification}. */
export interface DomainVerificationArgs {
  /** The domain to verify. Changing it is a new verification (replace). */
  domainId: pulumi.Input<string>;
  /**
   * `none`: report MailerSend's status only. `trigger` (default): ask MailerSend to check the DNS
   * records once; never fails. `wait`: check with backoff until `requiredRecords` pass or
   * `timeoutSeconds` ends, then fail naming the records still wrong and their expected values.
   */
  mode?: pulumi.Input<"none" | "trigger" | "wait">;
  /** What `wait` waits for (default dkim, spf, returnPath). */
  requiredRecords?: pulumi.Input<pulumi.Input<DnsRecordKind>[]>;
  /** How long `wait` waits (default 600 seconds). */
  timeoutSeconds?: pulumi.Input<number>;
  /** First interval between checks (default 15 seconds); grows ×1.5 up to 2 minutes. */
  pollIntervalSeconds?: pulumi.Input<number>;
  /** Change this value to check again. */
  nonce?: pulumi.Input<string | number>;
}

const provider = runtimeShim("DomainVerification");

const DOMAIN_VERIFICATION_OUTPUTS = [
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
export class DomainVerification extends pulumi.dynamic.Resource {
  declare readonly domainId: pulumi.Output<string>;
  declare readonly mode: pulumi.Output<"none" | "trigger" | "wait">;
  declare readonly requiredRecords: pulumi.Output<DnsRecordKind[]>;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  declare readonly pollIntervalSeconds: pulumi.Output<number>;
  declare readonly nonce: pulumi.Output<string | undefined>;
  /** MailerSend's verified flag for the domain. */
  declare readonly verified: pulumi.Output<boolean>;
  /** `verified`, `pending` or `unchecked`. */
  declare readonly status: pulumi.Output<"verified" | "pending" | "unchecked">;
  /** Each record MailerSend checked, with its status. */
  declare readonly records: pulumi.Output<{ purpose: DnsRecordKind; verified: boolean }[]>;
  declare readonly stateVersion: pulumi.Output<number>;

  constructor(name: string, args: DomainVerificationArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextApiKey();
    super(
      provider,
      name,
      resourceProps(DOMAIN_VERIFICATION_OUTPUTS, args),
      opts,
      TYPE_MODULE,
      "DomainVerification",
    );
  }
}
