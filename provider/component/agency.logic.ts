/**
 * The Agency component's pure part: checking its own arguments (each client's are the Client's to
 * check, client.logic.ts) and finding objects two clients of one stack would both create.
 */
import { got, isPlainObject, type ClientPlan, type ClientProblem } from "./client.logic";

/** Every argument an Agency takes. */
export const AGENCY_ARG_NAMES = [
  "plan",
  "extraDomains",
  "existing",
  "domainId",
  "policy",
  "dmarcLookup",
  "clients",
  "renamedClients",
] as const;

/** The Agency's own arguments (each client's are the Client's to check). */
export function checkAgencyArgs(args: unknown): ClientProblem[] {
  const bag = isPlainObject(args) ? args : {};
  const problems: ClientProblem[] = [];
  for (const key of Object.keys(bag)) {
    if (!(AGENCY_ARG_NAMES as readonly string[]).includes(key)) {
      problems.push({
        property: key,
        reason: `is not an argument of Agency; the arguments are: ${AGENCY_ARG_NAMES.join(", ")}`,
      });
    }
  }
  if (!isPlainObject(bag.clients)) {
    problems.push({
      property: "clients",
      reason: `must be an object of clients by name, such as { acme: { domain: "acme.com", monthlyVolume: 5000 } }; got ${got(bag.clients)}`,
    });
  } else {
    for (const [name, client] of Object.entries(bag.clients)) {
      if (!isPlainObject(client)) {
        problems.push({
          property: `clients.${name}`,
          reason: `must be a Client's arguments; got ${got(client)}`,
        });
      }
    }
  }
  return problems;
}

/**
 * Objects two clients of one stack would both create: a domain name is unique across MailerSend
 * and a sender identity's email per account, so the second create would fail half-way.
 */
export function sharedKeys(plans: ReadonlyMap<string, ClientPlan>): string[] {
  const owners = new Map<string, string[]>();
  const add = (key: string, client: string) =>
    owners.set(key, [...(owners.get(key) ?? []), client]);
  for (const [client, plan] of plans) {
    if (plan.domain) add(`the domain ${plan.domain.name}`, client);
    for (const identity of plan.identities) add(`the sender identity ${identity.email}`, client);
  }
  return [...owners]
    .filter(([, clients]) => clients.length > 1)
    .map(([key, clients]) => `${key}: clients ${clients.join(" and ")}`);
}
