/**
 * ClientUser: the provider operations. Rules in `client-user.logic.ts`. The resource id is the
 * email address: it stays the same while the invite becomes a user.
 *
 * API calls: create 1; update 1 (a pending invite: 2, delete and re-invite); refresh 1 (2 when
 * the invite has just been accepted: the invite, then the user list); delete 1.
 *
 * Layout shared by every runtime here: `check` and `diff` call the pure rules, then create, read,
 * update and delete make the calls. The methods are the `pulumi.dynamic.ResourceProvider`
 * interface, spelt out per resource so each file reads on its own; their bodies differ, and the
 * steps they share are in context.ts and check.ts.
 */
import { inputsFromOutputs } from "./check";
import { apiClient, withoutProvider, parseInputs } from "./context";
import {
  activeOutputs,
  checkClientUser,
  clientUserInputsSchema,
  diffClientUser,
  inviteBody,
  invitedOutputs,
  userUpdateBody,
  type ClientUserOutputs,
} from "./client-user.logic";

export const clientUserProvider = {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkClientUser(news);
  },

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return diffClientUser(olds, news);
  },

  async create(bag: Record<string, unknown>) {
    const inputs = parseInputs(clientUserInputsSchema, bag);
    const { value: invite } = await apiClient().users.invite(inviteBody(inputs));
    return { id: inputs.email, outs: invitedOutputs(inputs, invite) };
  },

  async read(id: string, props: Record<string, unknown>) {
    const previous = withoutProvider(props) as unknown as ClientUserOutputs;
    const inputs = clientUserInputsSchema.parse(
      inputsFromOutputs(clientUserInputsSchema, previous),
    );
    const api = apiClient();
    let outputs: ClientUserOutputs | undefined;
    if (previous.state === "active" && previous.userId) {
      const user = await api.users.get(previous.userId);
      outputs = user && activeOutputs(inputs, user, previous.inviteId);
    } else {
      const invite = await api.invites.get(previous.inviteId);
      if (invite) outputs = invitedOutputs(inputs, invite);
      else {
        // The invite is gone: accepted (now a user) or withdrawn outside Pulumi.
        const user = (await api.users.list()).find((u) => u.email.toLowerCase() === inputs.email);
        outputs = user && activeOutputs(inputs, user, previous.inviteId);
      }
    }
    if (!outputs) return {}; // deleted outside Pulumi
    return { id, props: outputs, inputs: inputsFromOutputs(clientUserInputsSchema, outputs) };
  },

  async update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const inputs = parseInputs(clientUserInputsSchema, news);
    const previous = withoutProvider(olds) as unknown as ClientUserOutputs;
    const api = apiClient();
    if (previous.state === "active" && previous.userId) {
      const user = await api.users.update(previous.userId, userUpdateBody(inputs, previous));
      return { outs: activeOutputs(inputs, user, previous.inviteId) };
    }
    // An invite cannot be edited: withdraw it and invite again with the new access.
    await api.invites.delete(previous.inviteId);
    const { value: invite } = await api.users.invite(inviteBody(inputs));
    return { outs: invitedOutputs(inputs, invite) };
  },

  async delete(_id: string, props: Record<string, unknown>) {
    const previous = withoutProvider(props) as unknown as ClientUserOutputs;
    const api = apiClient();
    if (previous.state === "active" && previous.userId) await api.users.delete(previous.userId);
    else if (!(await api.invites.delete(previous.inviteId))) {
      // The invite may have been accepted since the last refresh: remove the user then.
      const user = (await api.users.list()).find((u) => u.email.toLowerCase() === previous.email);
      if (user) await api.users.delete(user.id);
    }
  },
};
