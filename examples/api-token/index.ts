// Scoped API tokens for a client's own domain: one the client's application sends with, one its
// reporting reads with. Neither can touch the agency's other clients' domains.
//
// MailerSend shows a token's value once, at creation. The provider keeps it in the stack's
// (encrypted) state as a secret output, so it survives refreshes; read it with
// `pulumi stack output sendingToken --show-secrets`, or hand it to a secret store resource.
//
// Scopes and the domain cannot change on an existing token: changing them issues a new token.
// The new one is always created before the old one is deleted, so clients never lose sending.
//
// Stack config (all optional):
//   domainName      the client's domain (default mail.client-four.example.com)
//   sendingScopes   JSON list of scopes for the sending token (default ["email_full"])
//   rotation        change it to rotate the sending token (new value, old one deleted)
//   reportingStatus active (default) | paused: a paused token is refused by MailerSend
import * as pulumi from "@pulumi/pulumi";
import * as mailersend from "pulumi-mailersend";

const config = new pulumi.Config();

const domain = new mailersend.Domain("client-four", {
  name: config.get("domainName") ?? "mail.client-four.example.com",
});

const sending = new mailersend.ApiToken("client-four-sending", {
  name: "client-four sending",
  domainId: domain.id,
  scopes: config.getObject<mailersend.TokenScope[]>("sendingScopes") ?? ["email_full"],
  rotationNonce: config.get("rotation"),
});

const reporting = new mailersend.ApiToken("client-four-reporting", {
  name: "client-four reporting",
  domainId: domain.id,
  scopes: ["activity_read", "analytics_read"],
  status: config.get<"active" | "paused">("reportingStatus"),
});

export const domainId = domain.id;
// `token` is always a secret output: these stay encrypted in the state and in `stack output`.
export const sendingToken = sending.token;
export const reportingToken = reporting.token;
export const sendingTokenId = sending.id;
