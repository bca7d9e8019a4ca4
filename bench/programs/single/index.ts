/**
 * Exactly one resource of this package, so every API call of a `pulumi` command belongs to it.
 * Stack config: `resource` (Domain, DomainVerification, SenderIdentity, ApiToken or ClientUser),
 * `variant` (`a`, or `b` to change one updatable input), `domainId` (a domain made outside the
 * stack: verified for SenderIdentity).
 */
import * as pulumi from "@pulumi/pulumi";
import * as mailersend from "pulumi-mailersend";

const config = new pulumi.Config();
const b = config.get("variant") === "b";
const domainId = config.get("domainId") ?? "";

switch (config.require("resource")) {
  case "Domain":
    // Default settings in variant a (the API minimum for a create); one setting changed in b.
    new mailersend.Domain("bench", { name: "bench-domain.test", trackOpens: !b });
    break;
  case "DomainVerification":
    new mailersend.DomainVerification("bench", { domainId, mode: "trigger", nonce: b ? "2" : "1" });
    break;
  case "SenderIdentity":
    new mailersend.SenderIdentity("bench", {
      domainId,
      email: "news@bench.test",
      name: b ? "Bench News" : "Bench",
    });
    break;
  case "ApiToken":
    new mailersend.ApiToken("bench", {
      name: b ? "bench sending v2" : "bench sending",
      scopes: ["email_full"],
      domainId,
    });
    break;
  case "ClientUser":
    new mailersend.ClientUser("bench", {
      email: "owner@bench.test",
      role: "Custom User",
      permissions: b ? ["read-activity", "read-analytics"] : ["read-activity"],
      domainIds: [domainId],
    });
    break;
  default:
    throw new Error(`unknown resource ${config.require("resource")}`);
}
