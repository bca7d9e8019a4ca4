/**
 * An agency with five clients on one MailerSend account. For each client the `Client` component
 * (through `Agency`) decides between the client's own authenticated domain and sender identities on
 * the agency's domain, following MailerSend's guide, creates exactly that, and says why.
 *
 *   pulumi config set --secret mailersend:apiKey <key>
 *   pulumi up
 */
import * as pulumi from "@pulumi/pulumi";
import * as mailersend from "pulumi-mailersend";

const config = new pulumi.Config();

// The agency's own sending domain already exists and is verified in the account: adopt it, so the
// stack manages it without creating a second one. Identity clients send through it.
const agencyDomain = new mailersend.Domain("agency-domain", {
  name: config.get("agencyDomain") ?? "agency.example",
  adopt: true,
});

const agency = new mailersend.Agency("agency", {
  plan: (config.get("plan") ?? "starter") as mailersend.Plan,
  domainId: agencyDomain.id,
  clients: {
    // High volume, its own data and users, and the agency can edit its DNS: its own domain.
    "acme-shop": {
      domain: "acme-shop.example",
      displayName: "Acme Shop",
      fromAddresses: ["orders@acme-shop.example"],
      monthlyVolume: 40_000,
      dnsAccess: true,
      dataIsolation: true,
      clientAccess: true,
      dmarcPolicy: "quarantine",
      users: [{ email: "owner@acme-shop.example" }],
      domainSettings: { trackOpens: false },
    },
    // A few hundred emails a month and nothing else needed: a sender identity is enough. Its volume
    // comes from config so a stack can show what happens when it grows past the band.
    bakery: {
      domain: "corner-bakery.example",
      displayName: "Corner Bakery",
      fromAddresses: ["hello@corner-bakery.example"],
      monthlyVolume: config.getNumber("bakeryVolume") ?? 300,
      dnsAccess: config.getBoolean("bakeryDnsAccess") ?? false,
      dmarcPolicy: "none",
      keepIdentitiesUntilVerified: config.getBoolean("bakeryKeepIdentities") ?? false,
    },
    // Low volume, two addresses: two sender identities, each confirmed separately.
    dentist: {
      domain: "smile-dental.example",
      displayName: "Smile Dental",
      fromAddresses: ["appointments@smile-dental.example", "billing@smile-dental.example"],
      monthlyVolume: 1_200,
      dmarcPolicy: "none",
    },
    // High volume but nobody can change its DNS yet: a sender identity for now, with a warning.
    freight: {
      domain: "fastfreight.example",
      displayName: "Fast Freight",
      fromAddresses: ["tracking@fastfreight.example"],
      monthlyVolume: 6_000,
      dnsAccess: false,
      dmarcPolicy: "none",
    },
    // Its domain is already verified in the account: reused (adopted), never created twice.
    "law-firm": {
      domain: "lawfirm.example",
      fromAddresses: ["office@lawfirm.example"],
      monthlyVolume: 2_500,
      domainVerified: true,
      dmarcPolicy: "reject",
    },
  },
});

/** Each client's method, reasons, warnings, records to publish and what needs a human. */
export const clients = Object.fromEntries(
  Object.entries(agency.clients).map(([name, client]) => [
    name,
    {
      method: client.method,
      reasons: client.reasons.apply((notes) => notes.map((n) => n.message)),
      warnings: client.warnings.apply((notes) => notes.map((n) => n.message)),
      fromAddresses: client.fromAddresses,
      dnsRecords: client.dnsRecords,
      actions: client.actions,
      hasToken: client.hasToken,
    },
  ]),
);
/** The clients' API tokens (secrets). */
export const tokens = pulumi.secret(
  Object.fromEntries(Object.entries(agency.clients).map(([name, client]) => [name, client.token])),
);
export const agencyDomainId = agencyDomain.id;
