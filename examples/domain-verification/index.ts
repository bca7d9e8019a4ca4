// A client's sending domain and its verification.
//
// A domain sends only once MailerSend has verified its DNS records (SPF, DKIM and the return-path
// CNAME). Publish `domain.dnsRecords` with your DNS provider. Their names and values are known only
// once the domain exists, but their purposes are fixed, so declare one record resource per purpose,
// e.g. for DKIM (`dns.Record` stands for your DNS provider's record resource):
//
//   const dkim = domain.dnsRecords.apply((records) => records.find((r) => r.purpose === "dkim")!);
//   const dkimRecord = new dns.Record("dkim", { type: dkim.type, name: dkim.name, value: dkim.value });
//
// and give the verification `{ dependsOn: [dkimRecord, ...] }`, so MailerSend checks after the
// records exist (with mode "wait", `pulumi up` then ends only once the domain is verified).
// Verification is a check, not an object in MailerSend: deleting it deletes nothing.
//
// Stack config (all optional):
//   domainName        the domain to add (default mail.client-two.example.com)
//   verificationMode  none | trigger (default: ask MailerSend to check once, never fail) |
//                     wait (poll until verified, fail after the timeout naming the records still wrong)
//   verifyNonce       change it to check again (e.g. after fixing a record)
import * as pulumi from "@pulumi/pulumi";
import * as mailersend from "pulumi-mailersend";

const config = new pulumi.Config();

const domain = new mailersend.Domain("client-two", {
  name: config.get("domainName") ?? "mail.client-two.example.com",
});

const verification = new mailersend.DomainVerification("client-two", {
  domainId: domain.id,
  mode: config.get<"none" | "trigger" | "wait">("verificationMode"),
  // What `wait` waits for, and for how long (DNS changes can take a while to propagate).
  requiredRecords: ["dkim", "spf", "returnPath"],
  timeoutSeconds: 900,
  nonce: config.get("verifyNonce"),
});

export const domainId = domain.id;
export const dnsRecords = domain.dnsRecords;
/** `verified`, `pending` (some record still fails) or `unchecked`. */
export const verificationStatus = verification.status;
/** Each record MailerSend checked: `{purpose, verified}`. */
export const recordStatus = verification.records;
