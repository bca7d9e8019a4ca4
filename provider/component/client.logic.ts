/**
 * The Client component's pure part: checking its arguments and planning which children to create
 * for a decision. No Pulumi imports: the plan is data, tested by tables; `client.ts` turns it into
 * resources.
 */
import {
  CLIENT_ATTRIBUTE_NAMES,
  type Decision,
  type DecisionPolicy,
  type DmarcPolicy,
  type SendingMethod,
} from "./decision";
import type { DmarcLookupOptions } from "./dmarc";
import {
  DOMAIN_PATTERN,
  FREE_EMAIL_DOMAINS,
  normaliseDomainName,
  splitEmailAddress,
} from "../facts/names";

/** Token scopes a client's own token gets unless told otherwise: sending only (least privilege). */
export const DEFAULT_CLIENT_TOKEN_SCOPES = ["email_full"] as const;
/** Read-only access to the client's own activity and analytics (least privilege). */
export const DEFAULT_CLIENT_USER_PERMISSIONS = ["read-activity", "read-analytics"] as const;

/** One of the client's people, invited with access to the client's domain only. */
export interface ClientUserSpec {
  /** The person's address; they are invited to the agency's account. */
  email: string;
  /** Default `Custom User`. */
  role?: string;
  /** Default read-only: `read-activity`, `read-analytics` (for `Custom User`). */
  permissions?: string[];
}

/**
 * The Client's plain arguments: everything the decision and the plan of children depend on. They
 * are plain values, not Outputs, so the decision is made while the program runs and `pulumi
 * preview` shows exactly the resources chosen.
 */
export interface ClientDecisionArgs {
  /** The client's domain (its sending domain if it gets one), e.g. `acme.com`. */
  domain: string;
  /** The addresses the client sends from, e.g. `["news@acme.com"]`: one sender identity each for an identity client. */
  fromAddresses?: string[];
  /**
   * Addresses of `fromAddresses` that are not on the client's `domain`, named on purpose. A sender
   * identity's confirmation email goes to its address, so an address on another domain is refused
   * unless it is listed here too (identity clients only; a domain client sends only from its domain).
   */
  foreignFromAddresses?: string[];
  /** The client's display name, used as the sender name of its identities (default: the resource name). */
  displayName?: string;
  /** Emails the client sends in a typical month. */
  monthlyVolume: number;
  /** The client's DNS can be changed now, by you or by them. */
  dnsAccess?: boolean;
  /** The client needs its own activity, analytics, suppressions and scoped tokens. */
  dataIsolation?: boolean;
  /** Client users must log in to see their own data. */
  clientAccess?: boolean;
  /** The client already sends consistently from its own domain. */
  domainReputation?: boolean;
  /** The client domain's DMARC policy now; `auto` reads `_dmarc.<domain>` while the program runs. */
  dmarcPolicy?: DmarcPolicy | "auto";
  /** The client wants to move to strict DMARC enforcement. */
  strictDmarcPlanned?: boolean;
  /** The client's domain is already verified in this account: reuse it (by `existingDomainId`, or by adopting it). */
  domainVerified?: boolean;
  /** With `domainVerified`: the id of that domain. Without it the domain is adopted by name. */
  existingDomainId?: string;
  /** Force a method; recorded as a reason. Cannot override a blocker. */
  method?: SendingMethod;
  /** The agency's thresholds (see `decideSendingMethod`). */
  policy?: Partial<Omit<DecisionPolicy, "override">>;
  /** How to look up DMARC for `dmarcPolicy: "auto"`. */
  dmarcLookup?: DmarcLookupOptions;
  /** People to invite with access to the client's domain (domain clients only). */
  users?: ClientUserSpec[];
  /** When a client moves from identities to a domain: keep the identities until `domainVerified` is set. */
  keepIdentitiesUntilVerified?: boolean;
}

/** What the plan needs besides the plain arguments. */
export interface ClientPlanInput extends ClientDecisionArgs {
  /** Whether an agency domain id was given (its value may not be known yet). */
  hasAgencyDomain?: boolean;
  token?: { create?: boolean; scopes?: string[]; allowForIdentity?: boolean };
}

export interface ClientProblem {
  /** The argument, as a property path (`fromAddresses[1]`). */
  property: string;
  reason: string;
}

/** Every problem with the arguments at once, before anything is created. */
export function checkClientArgs(args: ClientPlanInput): ClientProblem[] {
  const problems: ClientProblem[] = [];
  const domain = typeof args.domain === "string" ? normaliseDomainName(args.domain) : "";
  if (!DOMAIN_PATTERN.test(domain)) {
    problems.push({
      property: "domain",
      reason: `must be the client's domain name, such as acme.com; got ${JSON.stringify(args.domain)}`,
    });
  }
  const addresses = args.fromAddresses ?? [];
  if (!Array.isArray(addresses)) {
    problems.push({ property: "fromAddresses", reason: "must be a list of email addresses" });
  } else {
    const seen = new Set<string>();
    addresses.forEach((address, index) => {
      const parts = typeof address === "string" ? splitEmailAddress(address) : undefined;
      if (!parts) {
        problems.push({
          property: `fromAddresses[${index}]`,
          reason: `must be an email address such as news@acme.com; got ${JSON.stringify(address)}`,
        });
        return;
      }
      const normalised = address.trim().toLowerCase();
      if (seen.has(normalised)) {
        problems.push({ property: `fromAddresses[${index}]`, reason: `repeats ${normalised}` });
      }
      seen.add(normalised);
    });
  }
  checkForeignAddresses(args, domain, problems);
  if (args.existingDomainId !== undefined && !args.domainVerified) {
    problems.push({
      property: "existingDomainId",
      reason: "is only used with domainVerified: true (the domain already verified in the account)",
    });
  }
  checkUsers(args.users, problems);
  if (
    args.dmarcPolicy !== undefined &&
    !["none", "quarantine", "reject", "unknown", "auto"].includes(args.dmarcPolicy)
  ) {
    problems.push({
      property: "dmarcPolicy",
      reason: `must be one of none, quarantine, reject, unknown or auto; got ${JSON.stringify(args.dmarcPolicy)}`,
    });
  }
  checkShapes(args, problems);
  return problems;
}

/** `foreignFromAddresses`: a list of addresses of `fromAddresses` that are not on `domain`. */
function checkForeignAddresses(args: ClientPlanInput, domain: string, problems: ClientProblem[]) {
  const foreign: unknown = args.foreignFromAddresses;
  if (foreign === undefined) return;
  if (!isStringList(foreign)) {
    problems.push({
      property: "foreignFromAddresses",
      reason: `must be a list of email addresses from fromAddresses; got ${got(foreign)}`,
    });
    return;
  }
  const listed = new Set(
    (isStringList(args.fromAddresses) ? args.fromAddresses : []).map((a) => a.trim().toLowerCase()),
  );
  foreign.forEach((raw, index) => {
    const address = raw.trim().toLowerCase();
    if (!listed.has(address)) {
      problems.push({
        property: `foreignFromAddresses[${index}]`,
        reason: `must also be listed in fromAddresses; got ${address}`,
      });
    } else if (address.slice(address.lastIndexOf("@") + 1) === domain) {
      problems.push({
        property: `foreignFromAddresses[${index}]`,
        reason: `is on the client's domain ${domain}; list only addresses on other domains`,
      });
    }
  });
}

/** Every argument a Client takes (`hasAgencyDomain` is set by the component itself). */
export const CLIENT_ARG_NAMES: readonly string[] = [
  "domain",
  "fromAddresses",
  "foreignFromAddresses",
  "displayName",
  ...CLIENT_ATTRIBUTE_NAMES,
  "existingDomainId",
  "method",
  "policy",
  "dmarcLookup",
  "users",
  "keepIdentitiesUntilVerified",
  "agencyDomainId",
  "token",
  "domainSettings",
  "verification",
];

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const got = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function checkUsers(users: unknown, problems: ClientProblem[]): void {
  if (users === undefined) return;
  if (!Array.isArray(users)) {
    problems.push({
      property: "users",
      reason: `must be a list of { email, role?, permissions? }; got ${got(users)}`,
    });
    return;
  }
  const seen = new Map<string, number>();
  users.forEach((user: unknown, index) => {
    const entry = isPlainObject(user) ? user : {};
    const email = typeof entry.email === "string" ? entry.email.trim().toLowerCase() : "";
    if (!splitEmailAddress(email)) {
      problems.push({
        property: `users[${index}].email`,
        reason: `must be an email address; got ${JSON.stringify(entry.email)}`,
      });
    } else if (seen.has(email)) {
      problems.push({
        property: `users[${index}].email`,
        reason: `repeats users[${seen.get(email)}] (${email})`,
      });
    } else seen.set(email, index);
    if (entry.permissions !== undefined && !isStringList(entry.permissions)) {
      problems.push({
        property: `users[${index}].permissions`,
        reason: `must be a list of permission names such as ["read-activity"]; got ${got(entry.permissions)}`,
      });
    }
    if (entry.role !== undefined && typeof entry.role !== "string") {
      problems.push({
        property: `users[${index}].role`,
        reason: `must be a role name such as "Custom User"; got ${got(entry.role)}`,
      });
    }
  });
}

/** Types the decision does not check itself: a wrong type must never be read as something else. */
function checkShapes(args: ClientPlanInput, problems: ClientProblem[]): void {
  const bag = args as unknown as Record<string, unknown>;
  for (const key of Object.keys(bag)) {
    if (key !== "hasAgencyDomain" && !CLIENT_ARG_NAMES.includes(key)) {
      problems.push({
        property: key,
        reason: `is not an argument of Client; the arguments are: ${CLIENT_ARG_NAMES.join(", ")}`,
      });
    }
  }
  if (bag.method !== undefined && bag.method !== "domain" && bag.method !== "identity") {
    problems.push({
      property: "method",
      reason: `must be "domain" or "identity"; got ${got(bag.method)}`,
    });
  }
  if (
    bag.keepIdentitiesUntilVerified !== undefined &&
    typeof bag.keepIdentitiesUntilVerified !== "boolean"
  ) {
    problems.push({
      property: "keepIdentitiesUntilVerified",
      reason: `must be true or false; got ${got(bag.keepIdentitiesUntilVerified)}`,
    });
  }
  for (const key of ["displayName", "existingDomainId"]) {
    if (bag[key] !== undefined && typeof bag[key] !== "string") {
      problems.push({ property: key, reason: `must be text; got ${got(bag[key])}` });
    }
  }
  for (const key of ["domainSettings", "verification", "dmarcLookup", "policy"]) {
    if (bag[key] !== undefined && !isPlainObject(bag[key])) {
      problems.push({
        property: key,
        reason: `must be an object of settings; got ${got(bag[key])}`,
      });
    }
  }
  const token = bag.token;
  if (token === undefined) return;
  if (!isPlainObject(token)) {
    problems.push({
      property: "token",
      reason: `must be an object such as { scopes: ["email_full"] }; got ${got(token)}`,
    });
    return;
  }
  for (const key of ["create", "allowForIdentity"]) {
    if (token[key] !== undefined && typeof token[key] !== "boolean") {
      problems.push({
        property: `token.${key}`,
        reason: `must be true or false; got ${got(token[key])}`,
      });
    }
  }
  if (token.scopes !== undefined && !isStringList(token.scopes)) {
    problems.push({
      property: "token.scopes",
      reason: `must be a list of scopes such as ["email_full"]; got ${got(token.scopes)}`,
    });
  }
}

/** Problems that only show once the method is known. */
export function checkArgsForMethod(args: ClientPlanInput, method: SendingMethod): ClientProblem[] {
  const problems: ClientProblem[] = [];
  const domain = normaliseDomainName(args.domain);
  const addresses = (args.fromAddresses ?? []).map((a) => a.trim().toLowerCase());
  if (method === "identity") {
    if (addresses.length === 0) {
      problems.push({
        property: "fromAddresses",
        reason: "must list at least one address: a sender identity is one verified address",
      });
    }
    const foreign = new Set((args.foreignFromAddresses ?? []).map((a) => a.trim().toLowerCase()));
    addresses.forEach((address, index) => {
      const host = address.slice(address.lastIndexOf("@") + 1);
      if (FREE_EMAIL_DOMAINS.includes(host)) {
        problems.push({
          property: `fromAddresses[${index}]`,
          reason: `is on a free email provider (${host}); MailerSend allows sender identities only on custom domains`,
        });
      } else if (host !== domain && !foreign.has(address)) {
        // MailerSend emails the identity's confirmation link to the address itself.
        problems.push({
          property: `fromAddresses[${index}]`,
          reason:
            `must be on the client's domain ${domain}: MailerSend emails the confirmation link to ` +
            `the address; to send from an address on another domain on purpose, list it in ` +
            `foreignFromAddresses too; got ${address}`,
        });
      }
    });
    if (!args.hasAgencyDomain) {
      problems.push({
        property: "agencyDomainId",
        reason:
          "is required for a sender identity client: identities send through the agency's verified domain",
      });
    }
    if ((args.users ?? []).length > 0) {
      problems.push({
        property: "users",
        reason:
          "cannot be given to a sender identity client: MailerSend gives user access per domain, and an identity has none (set clientAccess: true to give the client a domain)",
      });
    }
  } else {
    if (
      args.keepIdentitiesUntilVerified &&
      !args.domainVerified &&
      addresses.length > 0 &&
      !args.hasAgencyDomain
    ) {
      problems.push({
        property: "agencyDomainId",
        reason:
          "is required with keepIdentitiesUntilVerified: the kept sender identities send through the agency's domain",
      });
    }
    addresses.forEach((address, index) => {
      const host = address.slice(address.lastIndexOf("@") + 1);
      if (host !== domain) {
        problems.push({
          property: `fromAddresses[${index}]`,
          reason: `must be on the client's sending domain ${domain} to send through it; got ${address}`,
        });
      }
    });
  }
  return problems;
}

export interface PlannedIdentity {
  /** Child resource name suffix, stable per address. */
  key: string;
  email: string;
}

export interface PlannedUser {
  key: string;
  email: string;
  role: string;
  permissions: string[];
}

/** What the component creates for one client. */
export interface ClientPlan {
  method: SendingMethod;
  /** A new Domain child (adopting an existing one when `adopt`), or none. */
  domain?: { name: string; adopt: boolean };
  /** Reuse this domain id instead of a Domain child. */
  reuseDomainId?: string;
  verification: boolean;
  identities: PlannedIdentity[];
  token?: { scopes: string[]; onAgencyDomain: boolean };
  users: PlannedUser[];
  /** A tag to put on the client's emails, for per-client reports (identity clients). */
  reportingTag?: string;
  /** Log lines the component adds to the decision's warnings. */
  extraWarnings: string[];
}

/** A stable child-name part for an address: `news@acme.com` → `news-at-acme-com`. */
export function addressKey(email: string): string {
  return email
    .trim()
    .toLowerCase()
    .replace("@", "-at-")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function planClient(name: string, args: ClientPlanInput, decision: Decision): ClientPlan {
  const method = decision.method;
  const domain = normaliseDomainName(args.domain);
  const addresses = (args.fromAddresses ?? []).map((a) => a.trim().toLowerCase());
  const extraWarnings: string[] = [];
  const reusing = method === "domain" && args.domainVerified === true;
  const plan: ClientPlan = {
    method,
    verification: method === "domain" && !reusing,
    identities: [],
    users: [],
    extraWarnings,
  };
  if (method === "domain") {
    if (reusing && args.existingDomainId) plan.reuseDomainId = args.existingDomainId;
    else plan.domain = { name: domain, adopt: reusing };
    if (args.token?.create !== false) {
      plan.token = {
        scopes: [...(args.token?.scopes ?? DEFAULT_CLIENT_TOKEN_SCOPES)],
        onAgencyDomain: false,
      };
    }
    plan.users = (args.users ?? []).map((user) => ({
      key: addressKey(user.email),
      email: user.email.trim().toLowerCase(),
      role: user.role ?? "Custom User",
      permissions: [
        ...(user.permissions ??
          (user.role && user.role.toLowerCase() !== "custom user"
            ? []
            : DEFAULT_CLIENT_USER_PERMISSIONS)),
      ],
    }));
    // Moving from sender identities to a domain: keep the identities until the domain is verified
    // (the client sets domainVerified), so there is no gap in sending.
    if (args.keepIdentitiesUntilVerified && !args.domainVerified) {
      plan.identities = addresses.map((email) => ({ key: addressKey(email), email }));
      if (plan.identities.length > 0) {
        extraWarnings.push(
          `${name}: keeping ${plan.identities.length} sender identit${plan.identities.length === 1 ? "y" : "ies"} (${addresses.join(", ")}) until the domain ${domain} is verified; set domainVerified: true afterwards to remove ${plan.identities.length === 1 ? "it" : "them"}.`,
        );
      }
    }
  } else {
    plan.identities = addresses.map((email) => ({ key: addressKey(email), email }));
    plan.reportingTag = `client-${addressKey(name)}`;
    if (args.token?.allowForIdentity) {
      plan.token = {
        scopes: [...(args.token.scopes ?? DEFAULT_CLIENT_TOKEN_SCOPES)],
        onAgencyDomain: true,
      };
      extraWarnings.push(
        `${name}: this token belongs to the agency's domain and cannot be restricted to the client's sender identity; the client can send as any address of the agency domain with it.`,
      );
    }
  }
  return plan;
}
