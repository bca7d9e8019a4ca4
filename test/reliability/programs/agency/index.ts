/**
 * An agency with `clients` generated clients (stack config), for the reliability tests and the
 * benchmarks. Client `cNNN` is a domain client (Domain, DomainVerification in trigger mode and an
 * ApiToken: 5 API calls to create) when NNN is a multiple of `domainEvery`, else a sender-identity
 * client on the agency's domain (1 SenderIdentity: 1 API call).
 *
 * Stack config:
 *   agencyDomainId  the agency's verified domain (created by the test, outside the stack); required
 *   clients         how many clients (default 10)
 *   domainEvery     every k-th client gets its own domain (default 2; 1 = all domain clients)
 *   users           invite one ClientUser per domain client (default false)
 *   start           number of the first client (default 1), to grow or shrink the stack
 */
import * as pulumi from "@pulumi/pulumi";
import * as mailersend from "pulumi-mailersend";

const config = new pulumi.Config();
const count = config.getNumber("clients") ?? 10;
const domainEvery = config.getNumber("domainEvery") ?? 2;
const withUsers = config.getBoolean("users") ?? false;
const start = config.getNumber("start") ?? 1;

type ClientSpec = mailersend.AgencyArgs["clients"][string];
const clients: Record<string, ClientSpec> = {};
for (let n = start; n < start + count; n++) {
  const name = `c${String(n).padStart(3, "0")}`;
  const domain = `${name}.clients.test`;
  clients[name] =
    n % domainEvery === 0
      ? {
          domain,
          monthlyVolume: 40_000,
          dnsAccess: true,
          dataIsolation: true,
          dmarcPolicy: "none",
          ...(withUsers ? { clientAccess: true, users: [{ email: `owner@${domain}` }] } : {}),
        }
      : {
          domain,
          displayName: `Client ${name}`,
          fromAddresses: [`hello@${domain}`],
          monthlyVolume: 300,
          dmarcPolicy: "none",
        };
}

const agency = new mailersend.Agency("agency", {
  plan: "professional",
  domainId: config.require("agencyDomainId"),
  clients,
});

export const methods = agency.methods;
