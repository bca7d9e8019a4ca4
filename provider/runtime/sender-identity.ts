/**
 * SenderIdentity: the provider operations. Rules in `sender-identity.logic.ts`.
 *
 * API calls: create 1 (+1 update when adopting an identity that differs); update 1 per kind of
 * change (fields, resend); refresh 1; delete 1 (none for an adopted or shared identity, see
 * `adoption.ts`); check none, except `GET /identities/email/{email}` for a new identity with `adopt`.
 *
 * Domain and SenderIdentity are the two resources that can adopt an existing object: they import
 * the same steps from adoption.ts and call each at the same point of check, diff, create, update
 * and delete, so those lines repeat between domain.ts and sender-identity.ts on purpose. The steps
 * themselves are shared; a generic "adoptable resource" would only hide where each one runs.
 */
import type { MailerSendApiError } from "../api/errors";
import type { MailerSendClient } from "../api/client";
import type { ApiIdentity } from "../api/schemas";
import { alreadyExistsMessage, requiredButMissing } from "./adoption.logic";
import {
  checkAdoption,
  keepDiffed,
  keepObject,
  keptOutputsChanged,
  refuseAdoptingHeld,
  skipDelete,
} from "./adoption";
import { inputsFromOutputs, withNewInputs } from "./check";
import {
  apiClient,
  PartialFailureError,
  withoutProvider,
  parseInputs,
  announceReplacement,
  isTakenError,
} from "./context";
import {
  checkSenderIdentity,
  diffSenderIdentity,
  identityChanges,
  liveIdentity,
  senderIdentityInputsSchema,
  senderIdentityOutputs,
  type SenderIdentityInputs,
  type SenderIdentityOutputs,
} from "./sender-identity.logic";
import {
  IDENTITY_CONSEQUENCE,
  IDENTITY_MOVE_CONSEQUENCE,
  ORDER_FOLLOWS_DOMAIN,
} from "./replacements.logic";

async function adoptOrExplain(
  api: MailerSendClient,
  inputs: SenderIdentityInputs,
  conflict: MailerSendApiError,
): Promise<ApiIdentity> {
  const existing = await api.identities.getByEmail(inputs.email);
  if (!existing) throw conflict;
  if (!inputs.adopt) {
    throw new Error(
      alreadyExistsMessage("SenderIdentity", inputs.email, existing.id, "SenderIdentity"),
    );
  }
  return adoptable(inputs, existing);
}

/** The existing identity, if no other resource holds it and it sends through the program's domain. */
function adoptable(inputs: SenderIdentityInputs, existing: ApiIdentity): ApiIdentity {
  refuseAdoptingHeld("SenderIdentity", inputs.email, existing.id);
  if (existing.domain?.id && existing.domain.id !== inputs.domainId) {
    throw new Error(
      `Sender identity ${inputs.email} cannot be adopted: it sends through domain ` +
        `${existing.domain.name ?? existing.domain.id} (id ${existing.domain.id}), not ${inputs.domainId}, ` +
        "and an identity's domain cannot be changed. Declare that domain id, or delete the identity first.",
    );
  }
  return existing;
}

export const senderIdentityProvider = {
  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkAdoption("SenderIdentity", "email", olds, checkSenderIdentity(news), (email) =>
      apiClient().identities.getByEmail(email),
    );
  },

  async diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const diff = diffSenderIdentity(olds, news);
    if (diff.replaces.length === 0) {
      keepDiffed("SenderIdentity", id, olds, "a SenderIdentity the program keeps");
    }
    return announceReplacement(
      diff,
      `Sender identity ${String(olds.email)}`,
      diff.replaces.includes("domainId") ? IDENTITY_MOVE_CONSEQUENCE : IDENTITY_CONSEQUENCE,
      { inputs: ["domainId"], order: ORDER_FOLLOWS_DOMAIN },
    );
  },

  async create(bag: Record<string, unknown>) {
    const inputs = parseInputs(senderIdentityInputsSchema, bag);
    const api = apiClient();
    let identity: ApiIdentity;
    let adopted = false;
    try {
      if (inputs.adopt === "require") {
        // Never create what the program says must exist (it may have gone since the preview).
        const existing = await api.identities.getByEmail(inputs.email);
        if (!existing) throw new Error(requiredButMissing("SenderIdentity", inputs.email));
        identity = adoptable(inputs, existing);
        adopted = true;
      } else {
        identity = (
          await api.identities.create({
            domain_id: inputs.domainId,
            email: inputs.email,
            name: inputs.name,
            reply_to_email: inputs.replyToEmail,
            reply_to_name: inputs.replyToName,
            add_note: inputs.addNote,
            personal_note: inputs.personalNote,
          })
        ).value;
      }
    } catch (error) {
      if (!isTakenError(error, "email")) throw error;
      identity = await adoptOrExplain(api, inputs, error);
      adopted = true;
    }
    if (adopted) {
      const changes = identityChanges(inputs, liveIdentity(identity));
      if (Object.keys(changes).length > 0) {
        try {
          identity = await api.identities.update(identity.id, changes);
        } catch (updateError) {
          const outputs = senderIdentityOutputs(inputs, identity, adopted);
          throw new PartialFailureError(
            `Sender identity ${inputs.email}`,
            identity.id,
            { ...outputs },
            updateError,
          );
        }
      }
    }
    const outputs = senderIdentityOutputs(inputs, identity, adopted);
    // Another resource of the state may hold it (a rename without aliases): see adoption.ts.
    if (adopted) {
      keepObject(
        "SenderIdentity",
        identity.id,
        outputs,
        "the SenderIdentity that adopted it in this update",
      );
    }
    return { id: identity.id, outs: outputs };
  },

  async read(id: string, props: Record<string, unknown>) {
    const identity = await apiClient().identities.get(id);
    if (!identity) return {}; // deleted outside Pulumi
    const previous = senderIdentityInputsSchema.parse(
      inputsFromOutputs(senderIdentityInputsSchema, props),
    );
    const stored = props.adopted === undefined ? undefined : props.adopted === true;
    const outputs = senderIdentityOutputs(previous, identity, stored);
    return { id, props: outputs, inputs: inputsFromOutputs(senderIdentityInputsSchema, outputs) };
  },

  async update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const inputs = parseInputs(senderIdentityInputsSchema, news);
    const previous = withoutProvider(olds) as unknown as SenderIdentityOutputs;
    const api = apiClient();
    const changes = identityChanges(inputs, previous);
    let identity: ApiIdentity | undefined;
    if (Object.keys(changes).length > 0) identity = await api.identities.update(id, changes);
    if (inputs.resendNonce !== previous.resendNonce && inputs.resendNonce !== undefined) {
      // A new nonce asks MailerSend to send the confirmation email again.
      identity = await api.identities.resend(id);
    }
    const outputs = identity
      ? senderIdentityOutputs(inputs, identity, previous.adopted)
      : withNewInputs<SenderIdentityOutputs>(senderIdentityInputsSchema, previous, inputs);
    keptOutputsChanged("SenderIdentity", id, outputs);
    return { outs: outputs };
  },

  async delete(id: string, props: Record<string, unknown> = {}) {
    if (skipDelete("SenderIdentity", id, String(props.email ?? id), props)) {
      return;
    }
    await apiClient().identities.delete(id);
  },
};
