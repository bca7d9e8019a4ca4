// Give a client a login to the agency's MailerSend account that sees only the client's domain
// ("invite clients with domain-level permissions").
//
// MailerSend emails an invite; `state` is `invited` until the person accepts it, then `active`
// (seen on the next `pulumi refresh`). Changing the access of a pending invite re-sends it (an
// invite cannot be edited); an accepted user is updated in place.
//
// Stack config (all optional):
//   domainName   the client's domain (default mail.client-five.example.com)
//   userEmail    the person to invite (default owner@client-five.example.com); a new address
//                invites someone else (the old invite or user is removed afterwards)
//   permissions  JSON list of permissions (default ["read-activity", "read-analytics"])
import * as pulumi from "@pulumi/pulumi";
import * as mailersend from "pulumi-mailersend";

const config = new pulumi.Config();

const domain = new mailersend.Domain("client-five", {
  name: config.get("domainName") ?? "mail.client-five.example.com",
});

const user = new mailersend.ClientUser("client-five-owner", {
  email: config.get("userEmail") ?? "owner@client-five.example.com",
  // A Custom User has exactly the permissions listed, on the domains listed.
  role: "Custom User",
  permissions: config.getObject<string[]>("permissions") ?? ["read-activity", "read-analytics"],
  domainIds: [domain.id],
});

export const domainId = domain.id;
/** `invited` until the person accepts, then `active`. */
export const userState = user.state;
export const inviteId = user.inviteId;
