/**
 * Adoption and shared objects: what the stack may delete (docs/adoption-and-renames.md).
 *
 * - An object `adopt` took over existed before the stack: its delete leaves it in MailerSend
 *   unless the program set `deleteAdoptedOnDestroy: true` (issue 11).
 * - A delete never removes an object that another resource of the same deployment holds (same
 *   type and id), e.g. the domain a renamed Client adopted from its old name (issue 16). The
 *   dynamic-provider host passes no URN and no state to the provider methods (`@pulumi/pulumi`
 *   cmd/dynamic-provider), so this provider process's own memory is all it can know: the engine
 *   runs the creates, the diffs of the resources the program keeps, and the deletes of the removed
 *   ones at the end, of one `up` in one provider process. Recorded: an object a create adopted
 *   (a created one is new: nobody else holds it) and the object of every resource the engine
 *   diffs without a replacement, each with the holder's outputs, so a delete of the holder itself
 *   (which a test harness can do in one process) is still carried out.
 */
import { logLine } from "../api/log";
import type { CheckFailure } from "./check";
import { canonical } from "./diff";

export type AdoptMode = boolean | "require";

/** The kinds of object that can be adopted or held twice, with how each is named in messages. */
export type SharedKind = "Domain" | "SenderIdentity";

const KIND_WORDS: Record<SharedKind, string> = {
  Domain: "Domain",
  SenderIdentity: "Sender identity",
};

/**
 * Whether a delete must leave the object in MailerSend because the stack adopted it. States written
 * before `adopted` existed (no such output) count as adopted whenever `adopt` was set: a leaked
 * object can be deleted by hand, a deleted one cannot be brought back.
 */
export function retainedAsAdopted(props: Record<string, unknown>): boolean {
  if (props.deleteAdoptedOnDestroy === true) return false;
  if (props.adopted === true) return true;
  return props.adopted === undefined && (props.adopt === true || props.adopt === "require");
}

export function retainedMessage(kind: SharedKind, key: string, id: string): string {
  return (
    `RETAINED: ${KIND_WORDS[kind]} ${key} (id ${id}) was adopted (it existed before this stack), ` +
    "so it is removed from the stack but left in MailerSend. To delete adopted objects, set " +
    "`deleteAdoptedOnDestroy: true` on the resource and run `pulumi up` before removing it."
  );
}

/**
 * What the preview says about an `adopt` of a new resource, from a read-only lookup of `key`: a
 * failure when `"require"` finds nothing, a warning when `true` finds nothing (the `up` creates a
 * new object), a note when it finds one.
 */
export function adoptionPreview(
  kind: SharedKind,
  key: string,
  mode: AdoptMode,
  existingId: string | undefined,
  property: string,
): { failure?: CheckFailure; message?: string } {
  const what = KIND_WORDS[kind];
  if (existingId === undefined) {
    if (mode === "require") {
      return {
        failure: {
          property: "adopt",
          reason:
            `no ${what.toLowerCase()} with ${property} ${key} exists in this MailerSend account, ` +
            'and "require" means it must; create it first, or set adopt: true to create it when missing',
        },
      };
    }
    return {
      message:
        `WARNING: ${what} ${key} has adopt: true but does not exist in this MailerSend account: ` +
        `\`up\` will CREATE a new one (unverified), not adopt one. Set adopt: "require" to fail instead.`,
    };
  }
  return {
    message:
      `ADOPT: ${what} ${key} exists in this MailerSend account (id ${existingId}) and will be ` +
      "adopted; the stack leaves it in MailerSend when the resource is removed. If another resource " +
      "of this stack already manages it (a renamed resource or Client), use `aliases` instead: see " +
      "docs/adoption-and-renames.md.",
  };
}

export function requiredButMissing(kind: SharedKind, key: string): string {
  return (
    `${KIND_WORDS[kind]} ${key} does not exist in this MailerSend account, and adopt is ` +
    '"require": nothing was created. Create it first, or set adopt: true to create it when missing.'
  );
}

/** The create error when the object exists and `adopt` is not set: aliases first, then adopt. */
export function alreadyExistsMessage(
  kind: SharedKind,
  key: string,
  id: string,
  resourceType: string,
): string {
  return (
    `${KIND_WORDS[kind]} ${key} already exists in this MailerSend account (id ${id}). ` +
    "If this stack already manages it under another resource name (you renamed this resource or " +
    'its Client), do not adopt it: add `aliases: [{ name: "<the old name>" }]` to the renamed ' +
    "resource or Client's options (docs/adoption-and-renames.md). If it was made outside this " +
    `stack, set \`adopt: true\` on this ${resourceType} to take it over (\`pulumi import\` does ` +
    "not work for dynamic resources); the stack then leaves it in MailerSend when the resource is removed."
  );
}

// ---------------------------------------------------------------------------------------------
// What this deployment keeps
// ---------------------------------------------------------------------------------------------

interface Holder {
  /** How the holder is named in the warning. */
  description: string;
  /** The holder's outputs (canonical JSON): a delete with these outputs is the holder's own. */
  outputs: string;
}

/** `Domain:<id>` → its holder. Lives as long as the provider process, i.e. one deployment. */
const kept = new Map<string, Holder>();

/** The outputs of a resource as compared here: canonical JSON without `__provider`. */
function fingerprint(props: object): string {
  const { __provider: _ignored, ...rest } = props as Record<string, unknown>;
  return canonical(rest);
}

/**
 * Records that a create of this deployment adopted the object; `outputs` are the ones the create
 * returned, so a delete of that very resource is recognised.
 */
export function keepObject(
  kind: SharedKind,
  id: string,
  outputs: object,
  description: string,
): void {
  if (id) kept.set(`${kind}:${id}`, { description, outputs: fingerprint(outputs) });
}

/** After an update of a holder: its outputs are now these. */
export function keptOutputsChanged(kind: SharedKind, id: string, outputs: object): void {
  const holder = kept.get(`${kind}:${id}`);
  if (holder) holder.outputs = fingerprint(outputs);
}

/** Records that a resource the program keeps (a diff without replacement) holds the object. */
export function keepDiffed(
  kind: SharedKind,
  id: string,
  olds: Record<string, unknown>,
  description: string,
): void {
  if (id && !kept.has(`${kind}:${id}`)) {
    kept.set(`${kind}:${id}`, { description, outputs: fingerprint(olds) });
  }
}

/** The holder of this object other than the resource with these outputs, if any. */
export function keptBy(
  kind: SharedKind,
  id: string,
  props: Record<string, unknown> = {},
): string | undefined {
  const holder = kept.get(`${kind}:${id}`);
  if (!holder) return undefined;
  if (holder.outputs === fingerprint(props)) return undefined;
  return holder.description;
}

/**
 * Refuses to adopt an object a resource the program keeps already holds (same deployment): two
 * resources would then manage one object. Only what this process has seen can be known (see above).
 */
export function refuseAdoptingHeld(kind: SharedKind, key: string, id: string): void {
  const holder = kept.get(`${kind}:${id}`);
  if (!holder) return;
  throw new Error(
    `${KIND_WORDS[kind]} ${key} (id ${id}) cannot be adopted: another resource of this stack ` +
      `(${holder.description}) already manages it, and two resources must not manage one object. ` +
      "Remove one of them; to rename a resource, use `aliases` (docs/adoption-and-renames.md).",
  );
}

export function sharedDeleteMessage(
  kind: SharedKind,
  key: string,
  id: string,
  holder: string,
): string {
  return (
    `NOT DELETED: ${KIND_WORDS[kind]} ${key} (id ${id}) is removed from the stack but left in ` +
    `MailerSend: another resource of this deployment (${holder}) holds the same object. This ` +
    "happens when a resource or Client is renamed without `aliases` and the new one adopted the " +
    "object; add `aliases` next time (docs/adoption-and-renames.md)."
  );
}

/**
 * The delete rule shared by the resources: returns true (and says why) when the object must stay
 * in MailerSend. `key` is its name or email, for the message.
 */
export function skipDelete(
  kind: SharedKind,
  id: string,
  key: string,
  props: Record<string, unknown>,
): boolean {
  const holder = keptBy(kind, id, props);
  if (holder !== undefined) {
    logLine(sharedDeleteMessage(kind, key, id, holder));
    return true;
  }
  if (retainedAsAdopted(props)) {
    logLine(retainedMessage(kind, key, id));
    return true;
  }
  return false;
}
