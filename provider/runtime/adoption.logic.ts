/**
 * Adoption and shared objects, the pure rules and their messages: what the stack may delete
 * (docs/adoption-and-renames.md). adoption.ts keeps what this deployment holds.
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
import type { CheckFailure } from "./check";

export type AdoptMode = boolean | "require";

/** The kinds of object that can be adopted or held twice, with how each is named in messages. */
export type SharedKind = "Domain" | "SenderIdentity";

export const KIND_WORDS: Record<SharedKind, string> = {
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
