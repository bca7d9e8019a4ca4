/**
 * SenderIdentity: the provider operations. Rules in `sender-identity.logic.ts`.
 *
 * API calls: create 1 (+1 update when adopting an identity that differs); update 1 per kind of
 * change (fields, resend); refresh 1; delete 1.
 */
import type { MailerSendApiError } from "../api/errors";
import type { MailerSendClient } from "../api/client";
import type { ApiIdentity } from "../api/schemas";
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
      `Sender identity ${inputs.email} already exists in this MailerSend account (id ${existing.id}). ` +
        "Dynamic resources cannot be imported with `pulumi import`; set `adopt: true` on this " +
        "SenderIdentity to take it over (its name, reply-to and note are then made to match).",
    );
  }
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
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkSenderIdentity(news);
  },

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const diff = diffSenderIdentity(olds, news);
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
    try {
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
    } catch (error) {
      if (!isTakenError(error, "email")) throw error;
      identity = await adoptOrExplain(api, inputs, error);
      const changes = identityChanges(inputs, liveIdentity(identity));
      if (Object.keys(changes).length > 0) {
        try {
          identity = await api.identities.update(identity.id, changes);
        } catch (updateError) {
          const outputs = senderIdentityOutputs(inputs, identity);
          throw new PartialFailureError(
            `Sender identity ${inputs.email}`,
            identity.id,
            { ...outputs },
            updateError,
          );
        }
      }
    }
    return { id: identity.id, outs: senderIdentityOutputs(inputs, identity) };
  },

  async read(id: string, props: Record<string, unknown>) {
    const identity = await apiClient().identities.get(id);
    if (!identity) return {}; // deleted outside Pulumi
    const previous = senderIdentityInputsSchema.parse(
      inputsFromOutputs(senderIdentityInputsSchema, props),
    );
    const outputs = senderIdentityOutputs(previous, identity);
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
    if (!identity) {
      return {
        outs: withNewInputs<SenderIdentityOutputs>(senderIdentityInputsSchema, previous, inputs),
      };
    }
    return { outs: senderIdentityOutputs(inputs, identity) };
  },

  async delete(id: string) {
    await apiClient().identities.delete(id);
  },
};
