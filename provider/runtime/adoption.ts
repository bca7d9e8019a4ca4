/**
 * What this deployment holds, so that a delete never removes an object another resource of the
 * same deployment holds (docs/adoption-and-renames.md). The pure rules and messages are in
 * adoption.logic.ts.
 *
 * The dynamic-provider host passes no URN and no state to the provider methods (`@pulumi/pulumi`
 * cmd/dynamic-provider), so this provider process's own memory is all it can know: the engine
 * runs the creates, the diffs of the resources the program keeps, and the deletes of the removed
 * ones at the end, of one `up` in one provider process. Recorded: an object a create adopted (a
 * created one is new: nobody else holds it) and the object of every resource the engine diffs
 * without a replacement, each with the holder's outputs, so a delete of the holder itself (which a
 * test harness can do in one process) is still carried out.
 */
import { logLine } from "../api/log";
import {
  adoptionPreview,
  KIND_WORDS,
  retainedAsAdopted,
  retainedMessage,
  type AdoptMode,
  type SharedKind,
} from "./adoption.logic";
import { containsUnknown, type CheckFailure } from "./check";
import { isInState } from "./context";
import { canonical } from "./diff";

/**
 * The check of an adoptable resource: a new resource (none in the state) with `adopt` set and a
 * known key is looked up once, read-only, and the preview says what `adopt` will do (a failure for
 * `"require"` that finds nothing). A resource already in the state is not looked up, so a no-op
 * preview makes no call.
 */
export async function checkAdoption<R extends { inputs?: Record<string, unknown> }>(
  kind: SharedKind,
  keyProperty: "name" | "email",
  olds: Record<string, unknown>,
  result: R,
  find: (key: string) => Promise<{ id: string } | undefined>,
): Promise<R | { failures: CheckFailure[] }> {
  const inputs = result.inputs;
  if (!inputs || !inputs.adopt || isInState(olds) || containsUnknown(inputs[keyProperty])) {
    return result;
  }
  const key = String(inputs[keyProperty]);
  const existing = await find(key);
  const said = adoptionPreview(kind, key, inputs.adopt as AdoptMode, existing?.id, keyProperty);
  if (said.failure) return { failures: [said.failure] };
  if (said.message) logLine(said.message);
  return result;
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
