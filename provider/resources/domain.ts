/**
 * The Domain resource (a client's own sending domain): what a program declares. Its operations run
 * in the provider host (provider/runtime/domain.ts). Every file here has the same layout on
 * purpose, one file per resource: the `DomainArgs` interface, the registered output names, and the
 * class with its outputs declared as typed, documented members; the repeated shape is data, not
 * logic.
 */
import * as pulumi from "@pulumi/pulumi";
import type { DnsRecord } from "../facts/dns-record";
import { MailerSendResource, resourceProps } from "./shim";
import { refusePlaintextApiKey } from "./api-key-guard";

export type { DnsRecord } from "../facts/dns-record";

/** Arguments of a {@link Domain}. Omitted settings take MailerSend's defaults for a new domain. */
export interface DomainArgs {
  /** The sending domain, e.g. `mail.example.com`: trimmed, lower-cased, trailing dot removed. */
  name: pulumi.Input<string>;
  /**
   * Return-path CNAME label (letters and digits; default `mta`). MailerSend takes it at creation
   * only.
   */
  returnPathSubdomain?: pulumi.Input<string>;
  /**
   * Inbound-routing MX label (letters and digits, or empty; default `inbound`). MailerSend takes it
   * at creation only.
   */
  inboundRoutingSubdomain?: pulumi.Input<string>;
  /** Custom tracking CNAME label (letters and digits; default `email`). */
  customTrackingSubdomain?: pulumi.Input<string>;
  /** Pause all sending from the domain (default false). */
  sendPaused?: pulumi.Input<boolean>;
  /** Track link clicks (default true). */
  trackClicks?: pulumi.Input<boolean>;
  /** Track opens (default true). */
  trackOpens?: pulumi.Input<boolean>;
  /** Add an unsubscribe footer and track unsubscribes (default false). */
  trackUnsubscribe?: pulumi.Input<boolean>;
  /** HTML unsubscribe footer, up to 10,000 characters; must contain `{{unsubscribe}}`. */
  trackUnsubscribeHtml?: pulumi.Input<string>;
  /** Use the HTML footer (default false). */
  trackUnsubscribeHtmlEnabled?: pulumi.Input<boolean>;
  /** Plain-text unsubscribe footer, up to 10,000 characters; must contain `{{unsubscribe}}`. */
  trackUnsubscribePlain?: pulumi.Input<string>;
  /** Use the plain-text footer (default false). */
  trackUnsubscribePlainEnabled?: pulumi.Input<boolean>;
  /** Track content (default false). */
  trackContent?: pulumi.Input<boolean>;
  /** Use the custom tracking subdomain for links (default false); adds its CNAME to `dnsRecords`. */
  customTrackingEnabled?: pulumi.Input<boolean>;
  /** Add the `Precedence: bulk` header (default false). */
  precedenceBulk?: pulumi.Input<boolean>;
  /** Send once to a recipient listed twice (default false). */
  ignoreDuplicatedRecipients?: pulumi.Input<boolean>;
  /**
   * Take over a domain of this name that already exists in the account instead of failing
   * (`pulumi import` does not work for dynamic resources). Its settings are made to match.
   * `true`: adopt it if it exists, else create it (the preview warns). `"require"`: it must exist
   * (the preview fails otherwise); use this for a domain the stack did not create, such as the
   * agency's. An adopted domain is left in MailerSend when the resource is removed or destroyed
   * (see `deleteAdoptedOnDestroy`, docs/adoption-and-renames.md). Its return-path and inbound subdomains must already match.
   */
  adopt?: pulumi.Input<boolean | "require">;
  /**
   * Delete the domain with the resource even if `adopt` took it over (default false: an adopted
   * domain stays in MailerSend). Takes effect once an `up` has recorded it.
   */
  deleteAdoptedOnDestroy?: pulumi.Input<boolean>;
}

/**
 * The names registered as this resource's outputs (provider/resources/shim.ts, `resourceProps`):
 * the `declare`d members below are the same names, typed and documented, and exist only for
 * TypeScript, so the list is written out; test/unit/resource-outputs.test.ts checks the two agree.
 */
export const DOMAIN_OUTPUTS = [
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
  "deleteAdoptedOnDestroy",
  "adopted",
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
export class Domain extends MailerSendResource {
  /** The domain name, lower-cased. */
  declare readonly name: pulumi.Output<string>;
  /** The `returnPathSubdomain` input as set; undefined while it is left at its default (`mta`). */
  declare readonly returnPathSubdomain: pulumi.Output<string>;
  /** The `inboundRoutingSubdomain` input as set; undefined while it is left at its default (`inbound`). */
  declare readonly inboundRoutingSubdomain: pulumi.Output<string>;
  /** The `customTrackingSubdomain` input as set; undefined while it is left at its default (`email`). */
  declare readonly customTrackingSubdomain: pulumi.Output<string>;
  /** The `sendPaused` input as set; undefined while it is left at its default (false). */
  declare readonly sendPaused: pulumi.Output<boolean>;
  /** The `trackClicks` input as set; undefined while it is left at its default (true). */
  declare readonly trackClicks: pulumi.Output<boolean>;
  /** The `trackOpens` input as set; undefined while it is left at its default (true). */
  declare readonly trackOpens: pulumi.Output<boolean>;
  /** The `trackUnsubscribe` input as set; undefined while it is left at its default (false). */
  declare readonly trackUnsubscribe: pulumi.Output<boolean>;
  /** The `trackUnsubscribeHtml` input as set; undefined while it is MailerSend's default footer. */
  declare readonly trackUnsubscribeHtml: pulumi.Output<string>;
  /** The `trackUnsubscribeHtmlEnabled` input as set; undefined while it is left at its default (false). */
  declare readonly trackUnsubscribeHtmlEnabled: pulumi.Output<boolean>;
  /** The `trackUnsubscribePlain` input as set; undefined while it is MailerSend's default footer. */
  declare readonly trackUnsubscribePlain: pulumi.Output<string>;
  /** The `trackUnsubscribePlainEnabled` input as set; undefined while it is left at its default (false). */
  declare readonly trackUnsubscribePlainEnabled: pulumi.Output<boolean>;
  /** The `trackContent` input as set; undefined while it is left at its default (false). */
  declare readonly trackContent: pulumi.Output<boolean>;
  /** The `customTrackingEnabled` input as set; undefined while it is left at its default (false). */
  declare readonly customTrackingEnabled: pulumi.Output<boolean>;
  /** The `precedenceBulk` input as set; undefined while it is left at its default (false). */
  declare readonly precedenceBulk: pulumi.Output<boolean>;
  /** The `ignoreDuplicatedRecipients` input as set; undefined while it is left at its default (false). */
  declare readonly ignoreDuplicatedRecipients: pulumi.Output<boolean>;
  /** The `adopt` input as set; undefined while it is left at its default (false). */
  declare readonly adopt: pulumi.Output<boolean | "require">;
  /** The `deleteAdoptedOnDestroy` input as set (undefined when not set). */
  declare readonly deleteAdoptedOnDestroy: pulumi.Output<boolean | undefined>;
  /**
   * True when the create took over a domain that already existed (so the stack leaves it in
   * MailerSend on delete); undefined in states written before this output existed.
   */
  declare readonly adopted: pulumi.Output<boolean | undefined>;
  /** MailerSend's verified flag for the domain. */
  declare readonly verified: pulumi.Output<boolean>;
  /** MailerSend found the DKIM record (as of the last create, update, refresh or verification). */
  declare readonly dkimVerified: pulumi.Output<boolean>;
  /** MailerSend found the SPF record (as of the last create, update, refresh or verification). */
  declare readonly spfVerified: pulumi.Output<boolean>;
  /**
   * MailerSend found the return-path CNAME (as of the last create, update, refresh or verification).
   */
  declare readonly returnPathVerified: pulumi.Output<boolean>;
  /**
   * MailerSend found the custom tracking CNAME (as of the last create, update, refresh or
   * verification).
   */
  declare readonly trackingVerified: pulumi.Output<boolean>;
  /**
   * MailerSend found the inbound-routing MX record (as of the last create, update, refresh or
   * verification).
   */
  declare readonly inboundVerified: pulumi.Output<boolean>;
  /**
   * The records to publish, in this order: `spf`, `dkim`, `returnPath`, then `customTracking` (only
   * with `customTrackingEnabled`) and `inboundRouting` (only when inbound routing is enabled in
   * MailerSend). Each is `{purpose, type, name, value, priority?}`, `name` fully qualified, lower
   * case, without the trailing dot.
   */
  declare readonly dnsRecords: pulumi.Output<DnsRecord[]>;
  /**
   * Steps a failed create could not finish (`settings`, `dnsRecords`); the next `up` finishes them
   * with an update. Normally empty.
   */
  declare readonly pendingSteps: pulumi.Output<string[]>;
  /**
   * The version of this resource's state layout (1 today), for reading older state after an upgrade.
   */
  declare readonly stateVersion: pulumi.Output<number>;

  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextApiKey();
    super("Domain", name, resourceProps(DOMAIN_OUTPUTS, args), opts);
  }
}
