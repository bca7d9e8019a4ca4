import * as pulumi from "@pulumi/pulumi";
import type { DnsRecord } from "../runtime/domain.logic";
import { refusePlaintextApiKey } from "./api-key-guard";
import { resourceProps, runtimeShim, TYPE_MODULE } from "./shim";

export type { DnsRecord } from "../runtime/domain.logic";

/** Arguments of a {@link Domain}. Omitted settings take MailerSend's defaults for a new domain. */
export interface DomainArgs {
  /** The sending domain, e.g. `mail.example.com`. Lower-cased. Changing it replaces the domain. */
  name: pulumi.Input<string>;
  /** Return-path CNAME label (default `mta`). Set at create only: changing it replaces the domain. */
  returnPathSubdomain?: pulumi.Input<string>;
  /** Inbound-routing MX label (default `inbound`). Set at create only: changing it replaces the domain. */
  inboundRoutingSubdomain?: pulumi.Input<string>;
  /** Custom tracking CNAME label (default `email`). Updates in place. */
  customTrackingSubdomain?: pulumi.Input<string>;
  /** Pause all sending from the domain (default false). */
  sendPaused?: pulumi.Input<boolean>;
  /** Track link clicks (default true). */
  trackClicks?: pulumi.Input<boolean>;
  /** Track opens (default true). */
  trackOpens?: pulumi.Input<boolean>;
  /** Add an unsubscribe footer and track unsubscribes (default false). */
  trackUnsubscribe?: pulumi.Input<boolean>;
  /** HTML unsubscribe footer; must contain `{{unsubscribe}}`. */
  trackUnsubscribeHtml?: pulumi.Input<string>;
  /** Use the HTML footer (default false). */
  trackUnsubscribeHtmlEnabled?: pulumi.Input<boolean>;
  /** Plain-text unsubscribe footer; must contain `{{unsubscribe}}`. */
  trackUnsubscribePlain?: pulumi.Input<string>;
  /** Use the plain-text footer (default false). */
  trackUnsubscribePlainEnabled?: pulumi.Input<boolean>;
  /** Track content (default false). */
  trackContent?: pulumi.Input<boolean>;
  /** Use the custom tracking subdomain for links (default false); adds its CNAME to `dnsRecords`. */
  customTrackingEnabled?: pulumi.Input<boolean>;
  /** Add `Precedence: bulk` (default false). */
  precedenceBulk?: pulumi.Input<boolean>;
  /** Send once to a recipient listed twice (default false). */
  ignoreDuplicatedRecipients?: pulumi.Input<boolean>;
  /**
   * Take over a domain of this name that already exists in the account instead of failing
   * (`pulumi import` does not work for dynamic resources). Its settings are made to match.
   */
  adopt?: pulumi.Input<boolean>;
}

const provider = runtimeShim("Domain");

/** Every output; the inputs are echoed among them. */
const DOMAIN_OUTPUTS = [
  "name",
  "returnPathSubdomain",
  "inboundRoutingSubdomain",
  "customTrackingSubdomain",
  "sendPaused",
  "trackClicks",
  "trackOpens",
  "trackUnsubscribe",
  "trackUnsubscribeHtml",
  "trackUnsubscribeHtmlEnabled",
  "trackUnsubscribePlain",
  "trackUnsubscribePlainEnabled",
  "trackContent",
  "customTrackingEnabled",
  "precedenceBulk",
  "ignoreDuplicatedRecipients",
  "adopt",
  "verified",
  "dkimVerified",
  "spfVerified",
  "returnPathVerified",
  "trackingVerified",
  "inboundVerified",
  "dnsRecords",
  "pendingSteps",
  "stateVersion",
] as const;

/**
 * A MailerSend sending domain: the client's own authenticated domain (full SPF/DKIM/DMARC
 * alignment, per-domain activity, scoped tokens and user access). Publish `dnsRecords` in the
 * domain's DNS, then verify with a {@link DomainVerification}.
 */
export class Domain extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly returnPathSubdomain: pulumi.Output<string>;
  declare readonly inboundRoutingSubdomain: pulumi.Output<string>;
  declare readonly customTrackingSubdomain: pulumi.Output<string>;
  declare readonly sendPaused: pulumi.Output<boolean>;
  declare readonly trackClicks: pulumi.Output<boolean>;
  declare readonly trackOpens: pulumi.Output<boolean>;
  declare readonly trackUnsubscribe: pulumi.Output<boolean>;
  declare readonly trackUnsubscribeHtml: pulumi.Output<string>;
  declare readonly trackUnsubscribeHtmlEnabled: pulumi.Output<boolean>;
  declare readonly trackUnsubscribePlain: pulumi.Output<string>;
  declare readonly trackUnsubscribePlainEnabled: pulumi.Output<boolean>;
  declare readonly trackContent: pulumi.Output<boolean>;
  declare readonly customTrackingEnabled: pulumi.Output<boolean>;
  declare readonly precedenceBulk: pulumi.Output<boolean>;
  declare readonly ignoreDuplicatedRecipients: pulumi.Output<boolean>;
  declare readonly adopt: pulumi.Output<boolean>;
  /** MailerSend's verified flag for the domain. */
  declare readonly verified: pulumi.Output<boolean>;
  declare readonly dkimVerified: pulumi.Output<boolean>;
  declare readonly spfVerified: pulumi.Output<boolean>;
  declare readonly returnPathVerified: pulumi.Output<boolean>;
  declare readonly trackingVerified: pulumi.Output<boolean>;
  declare readonly inboundVerified: pulumi.Output<boolean>;
  /** The records to publish: `{purpose, type, name (fully qualified), value, priority?}`. */
  declare readonly dnsRecords: pulumi.Output<DnsRecord[]>;
  /** Steps a failed create could not finish (the next `up` finishes them). */
  declare readonly pendingSteps: pulumi.Output<string[]>;
  declare readonly stateVersion: pulumi.Output<number>;

  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextApiKey();
    super(provider, name, resourceProps(DOMAIN_OUTPUTS, args), opts, TYPE_MODULE, "Domain");
  }
}
