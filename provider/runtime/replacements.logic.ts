/**
 * What the provider says while the plan is made about a replacement of each resource: the order
 * the Pulumi engine will really follow and what it means for sending. docs/replacements.md explains
 * each path; test/engine/replacements.engine.test.ts compares these sentences with the order of
 * the API calls of the `up`.
 *
 * The engine's rule behind the dependents: when a resource is replaced delete-first, every
 * resource whose inputs come from it and whose own diff then asks for a replacement (for ours: any
 * `domainId` input) is deleted BEFORE it, and created again after it, whatever its own diff says
 * about order (pulumi/pulumi `calculateDependentReplacements`; docs/replacements.md).
 */

/**
 * MailerSend refuses a sender identity on a domain that is not verified ("You can only add a sender
 * identity on a verified domain", the emulator's identities rule): identities re-created on a new
 * domain fail until it is verified, after the engine has deleted the old ones.
 */
export const IDENTITIES_WAIT =
  "The sender identities on it cannot be created again until the new domain is verified " +
  "(MailerSend refuses an identity on an unverified domain): `pulumi up` fails at them, and they " +
  "cannot send until the domain is verified, `pulumi up` is run again and their owners confirm them.";

/** A domain replaced keeping its name (a new return-path or inbound subdomain). */
export const DOMAIN_DELETE_FIRST =
  "Pulumi first deletes what in the stack is bound to it (its API tokens, the sender identities " +
  "on it and its domain verification), then the domain; then it creates the new domain and those " +
  "again. The old tokens are refused from the start of `pulumi up` and the new ones are new " +
  "values; no mail is sent from the domain until its new DNS records are published and it is " +
  `verified again; its sending history does not carry over. ${IDENTITIES_WAIT}`;

/** A domain replaced by another name: the new one exists before the old one goes. */
export const DOMAIN_CREATE_FIRST =
  "What is bound to it moves to the new domain: API tokens are issued anew (the old values are " +
  "refused once the old tokens are deleted at the end of `pulumi up`) and the sender identities on " +
  "it are deleted and created again. The new domain's DNS records must be published and it must " +
  `be verified; its sending history does not carry over. ${IDENTITIES_WAIT}`;

export const TOKEN_CONSEQUENCE =
  "Switch its users to the new token value (a secret output): the old value is refused once the " +
  "old token is deleted.";

export const IDENTITY_CONSEQUENCE =
  "Its owner must confirm the new identity from MailerSend's email before it can send.";

/** An identity moving to another domain: that domain may be new, and so not verified yet. */
export const IDENTITY_MOVE_CONSEQUENCE =
  `${IDENTITY_CONSEQUENCE} If its new domain is not verified yet, MailerSend refuses the ` +
  "identity: `pulumi up` fails at it, and it is created once the domain is verified and " +
  "`pulumi up` is run again.";

/**
 * The order of a create-first replacement whose `domainId` changes: if that is because its domain
 * is replaced delete-first, the engine deletes this resource first instead. The provider cannot
 * tell which (it sees only an unknown or new `domainId`), so it says both, truthfully.
 */
export const ORDER_FOLLOWS_DOMAIN =
  "the new one is created first and the old one deleted at the end, unless its domain is " +
  "replaced deleting the old one first: then Pulumi deletes this one FIRST, at the start of " +
  "`pulumi up`, before the domain";
