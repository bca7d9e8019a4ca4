// A client's own sending domain in MailerSend.
//
// MailerSend answers with the DNS records that authenticate the domain (SPF, DKIM and the
// return-path CNAME); publish them with your DNS provider's record resource, then verify the domain
// (see examples/domain-verification). Settings you leave out take MailerSend's defaults for a new
// domain, and the provider keeps them at those values: a change made in the MailerSend app shows up
// as drift in the next `pulumi refresh` / `pulumi preview`.
//
// Stack config (all optional):
//   domainName           the domain to add (default mail.client-one.example.com)
//   returnPathSubdomain  return-path CNAME label (default mta); changing it replaces the domain
//   trackClicks          track link clicks (default true); changes in place
//   trackOpens           track opens (default true); changes in place
import * as pulumi from "@pulumi/pulumi";
import * as mailersend from "pulumi-mailersend";

const config = new pulumi.Config();

const domain = new mailersend.Domain("client-one", {
  name: config.get("domainName") ?? "mail.client-one.example.com",
  // Set at creation only. The domain name is unique across all of MailerSend, so a replacement
  // that keeps the name deletes the old domain first (and sending stops until the new one is
  // verified): the preview shows it as a replacement, review it carefully.
  returnPathSubdomain: config.get("returnPathSubdomain"),
  trackClicks: config.getBoolean("trackClicks"),
  trackOpens: config.getBoolean("trackOpens"),
});

export const domainId = domain.id;
export const domainName = domain.name;
/** `{purpose, type, name, value, priority?}` for each record to publish. */
export const dnsRecords = domain.dnsRecords;
export const verified = domain.verified;
