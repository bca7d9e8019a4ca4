// A client's address sent through the agency's own, already verified domain.
//
// No DNS changes for the client: MailerSend emails the address a confirmation link, and the
// identity sends once its owner clicks it (`verified` turns true on the next `pulumi refresh`).
// Mail goes out under the agency domain's reputation, with no per-client data isolation; for a
// client that needs those, use its own domain (examples/domain).
//
// Stack config:
//   agencyDomainId  (required) the id of the agency's verified MailerSend domain
//   email           the client's address (default hello@client-three.example.com); not free-mail
//   senderName      the name recipients see (default "Client Three"); changes in place
//   replyToEmail    optional reply-to address; changes in place
import * as pulumi from "@pulumi/pulumi";
import * as mailersend from "pulumi-mailersend";

const config = new pulumi.Config();

// The email is unique in the account, so moving the identity to another domain while keeping the
// email deletes the old identity first, and its owner has to confirm the new one again.
const identity = new mailersend.SenderIdentity("client-three", {
  domainId: config.require("agencyDomainId"),
  email: config.get("email") ?? "hello@client-three.example.com",
  name: config.get("senderName") ?? "Client Three",
  replyToEmail: config.get("replyToEmail"),
  // Shown in MailerSend's confirmation email, so the owner knows why it arrives.
  personalNote: "We are setting up your newsletter sending. Please confirm this address.",
  addNote: true,
});

export const identityId = identity.id;
export const senderEmail = identity.email;
/** True once the owner clicked the confirmation link (after a refresh). */
export const verified = identity.verified;
/** The agency domain the identity sends through. */
export const sendsThrough = identity.domainName;
