import * as mailersend from "pulumi-mailersend";

// The agency's own verified sending domain: it must already exist, and the stack never deletes it
// (docs/adoption-and-renames.md; dynamic resources cannot `pulumi import`).
const agencyDomain = new mailersend.Domain("agency", { name: "mail.agency.com", adopt: "require" });

const acme = new mailersend.Client("acme", {
  domain: "acme.com",
  fromAddresses: ["orders@acme.com"],
  monthlyVolume: 40_000,
  dnsAccess: true,
  clientAccess: true,
  dmarcPolicy: "auto", // reads _dmarc.acme.com while the program runs
  users: [{ email: "owner@acme.com" }],
  agencyDomainId: agencyDomain.id,
});

export const method = acme.method; // "domain"
export const reasons = acme.reasons; // why, in words a reviewer understands
export const dnsRecords = acme.dnsRecords; // publish these (wire them to any DNS provider)
export const token = acme.token; // secret
