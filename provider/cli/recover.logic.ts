/**
 * What `pulumi-mailersend recover` deletes after a killed `pulumi up` (docs/recovery.md): the pure
 * decision, from the stack's export and the account's listings.
 *
 * A killed run leaves each create it had started as a *pending create* in the state. MailerSend may
 * have carried it out; the object is then in the account but not in the state (an orphan), and a
 * token's value is lost for good. An orphan is an object that
 * - has the unique key the pending create asked for (domain name, identity email, invite email) or,
 *   for a token (no unique key), its name;
 * - is held by no resource of the stack (its id is not in the state);
 * - was created after the killed run began, when MailerSend says when it was created (domains,
 *   tokens, invites; identities carry no timestamp);
 * - and is not one the program takes over (`adopt: true` on the Domain or SenderIdentity): the
 *   next `pulumi up` adopts it again instead.
 */
export interface PendingCreate {
  urn: string;
  /** `Domain`, `SenderIdentity`, `ApiToken`, `ClientUser`, `DomainVerification`. */
  type: string;
  inputs: Record<string, unknown>;
}

export interface AccountObject {
  id: string;
  /** Domain or token name, identity or invite email. */
  key: string;
  createdAt?: string | null;
}

export interface Account {
  domains: AccountObject[];
  identities: AccountObject[];
  tokens: AccountObject[];
  invites: AccountObject[];
}

export type OrphanKind = "domain" | "identity" | "token" | "invite";

export interface Orphan {
  kind: OrphanKind;
  id: string;
  key: string;
  /** The pending create it belongs to. */
  urn: string;
}

/** Server timestamps have whole seconds, and our clock may differ a little from MailerSend's. */
const CLOCK_SKEW_MS = 5_000;

interface StackExportLike {
  deployment: {
    resources?: { id?: string; outputs?: Record<string, unknown> }[];
    pending_operations?: {
      type: string;
      resource: { urn: string; type: string; inputs?: Record<string, unknown> };
    }[];
  };
}

/** The pending creates in a `pulumi stack export`. */
export function pendingCreatesOf(exported: StackExportLike): PendingCreate[] {
  return (exported.deployment.pending_operations ?? [])
    .filter((op) => op.type === "creating")
    .map((op) => ({
      urn: op.resource.urn,
      type: op.resource.type.slice(op.resource.type.lastIndexOf(":") + 1),
      inputs: op.resource.inputs ?? {},
    }));
}

/** Every MailerSend id the stack holds: resource ids and the ids in their outputs (invites, users). */
export function idsInState(exported: StackExportLike): Set<string> {
  const ids = new Set<string>();
  for (const resource of exported.deployment.resources ?? []) {
    if (resource.id) ids.add(resource.id);
    for (const key of ["inviteId", "userId", "domainId"]) {
      const value = resource.outputs?.[key];
      if (typeof value === "string") ids.add(value);
    }
  }
  return ids;
}

/** What which pending type looks for, and by which input. */
const LOOKUP: Record<string, { kind: OrphanKind; input: string; caseless: boolean } | undefined> = {
  Domain: { kind: "domain", input: "name", caseless: true },
  SenderIdentity: { kind: "identity", input: "email", caseless: true },
  ApiToken: { kind: "token", input: "name", caseless: false },
  ClientUser: { kind: "invite", input: "email", caseless: true },
};

const LISTING: Record<OrphanKind, keyof Account> = {
  domain: "domains",
  identity: "identities",
  token: "tokens",
  invite: "invites",
};

/** The kinds of object the pending creates need listed. */
export function kindsToList(pending: readonly PendingCreate[]): Set<OrphanKind> {
  return new Set(pending.flatMap((p) => (LOOKUP[p.type] ? [LOOKUP[p.type]!.kind] : [])));
}

/**
 * The orphans of the pending creates. `runStartedAt` (ms) is when the killed run began, when
 * known: objects MailerSend dates earlier existed before it and are never orphans.
 */
export function findOrphans(
  pending: readonly PendingCreate[],
  account: Account,
  inState: ReadonlySet<string>,
  runStartedAt?: number,
): Orphan[] {
  const orphans: Orphan[] = [];
  const seen = new Set<string>();
  for (const create of pending) {
    const lookup = LOOKUP[create.type];
    if (!lookup || create.inputs.adopt === true) continue;
    const raw = create.inputs[lookup.input];
    if (typeof raw !== "string" || raw === "") continue;
    const wanted = lookup.caseless ? raw.toLowerCase() : raw;
    for (const object of account[LISTING[lookup.kind]]) {
      const key = lookup.caseless ? object.key.toLowerCase() : object.key;
      if (key !== wanted || inState.has(object.id) || seen.has(object.id)) continue;
      if (runStartedAt !== undefined && object.createdAt) {
        if (Date.parse(object.createdAt) < runStartedAt - CLOCK_SKEW_MS) continue;
      }
      seen.add(object.id);
      orphans.push({ kind: lookup.kind, id: object.id, key: object.key, urn: create.urn });
    }
  }
  return orphans;
}
