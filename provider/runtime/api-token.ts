/**
 * ApiToken: the provider operations. Rules in `api-token.logic.ts`.
 *
 * API calls: create 1 (+1 when created paused); update 1; refresh 1; delete 1. A lost create answer
 * costs a token list and the deletion of what the lost attempt made (see `MailerSendClient`).
 *
 * Layout shared by every runtime here: `check` and `diff` call the pure rules, then create, read,
 * update and delete make the calls. The methods are the `pulumi.dynamic.ResourceProvider`
 * interface, spelt out per resource so each file reads on its own; their bodies differ, and the
 * steps they share are in context.ts and check.ts.
 */
import { registerSecret } from "../api/redact";
import { inputsFromOutputs } from "./check";
import {
  apiClient,
  PartialFailureError,
  withoutProvider,
  parseInputs,
  announceReplacement,
} from "./context";
import {
  apiTokenInputsSchema,
  apiTokenOutputs,
  checkApiToken,
  diffApiToken,
  toApiStatus,
  type ApiTokenOutputs,
} from "./api-token.logic";
import { ORDER_FOLLOWS_DOMAIN, TOKEN_CONSEQUENCE } from "./replacements.logic";

export const apiTokenProvider = {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkApiToken(news);
  },

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return announceReplacement(
      diffApiToken(olds, news),
      `API token "${String(olds.name)}"`,
      TOKEN_CONSEQUENCE,
      {
        inputs: ["domainId"],
        order: ORDER_FOLLOWS_DOMAIN,
      },
    );
  },

  async create(bag: Record<string, unknown>) {
    const inputs = parseInputs(apiTokenInputsSchema, bag);
    const api = apiClient();
    const created = await api.tokens.create({
      name: inputs.name,
      scopes: inputs.scopes,
      ...(inputs.domainId ? { domain_id: inputs.domainId } : {}),
    });
    registerSecret(created.accessToken);
    const carried = { token: created.accessToken, createdAt: created.created_at ?? undefined };
    let outputs = apiTokenOutputs(inputs, { ...created, status: "unpause" }, carried);
    if (inputs.status === "paused") {
      // New tokens start active; pausing is a second call (docs/mailersend-api.md §5.1).
      try {
        outputs = apiTokenOutputs(
          inputs,
          await api.tokens.update(created.id, { status: "pause" }),
          carried,
        );
      } catch (error) {
        throw new PartialFailureError(
          `API token ${inputs.name}`,
          created.id,
          { ...outputs },
          error,
        );
      }
    }
    return { id: created.id, outs: outputs };
  },

  async read(id: string, props: Record<string, unknown>) {
    const previous = withoutProvider(props) as unknown as ApiTokenOutputs;
    const live = await apiClient().tokens.get(id);
    if (!live) return {}; // deleted outside Pulumi
    const inputs = apiTokenInputsSchema.parse(inputsFromOutputs(apiTokenInputsSchema, previous));
    const outputs = apiTokenOutputs(inputs, live, {
      token: previous.token,
      createdAt: previous.createdAt,
    });
    return { id, props: outputs, inputs: inputsFromOutputs(apiTokenInputsSchema, outputs) };
  },

  async update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const inputs = parseInputs(apiTokenInputsSchema, news);
    const previous = withoutProvider(olds) as unknown as ApiTokenOutputs;
    const body: { name?: string; status?: "pause" | "unpause" } = {};
    if (inputs.name !== previous.name) body.name = inputs.name;
    if (inputs.status !== previous.status) body.status = toApiStatus(inputs.status);
    const carried = { token: previous.token, createdAt: previous.createdAt };
    if (Object.keys(body).length === 0) {
      return { outs: { ...previous, ...inputs } };
    }
    const live = await apiClient().tokens.update(id, body);
    return { outs: apiTokenOutputs(inputs, { scopes: previous.scopes, ...live }, carried) };
  },

  async delete(id: string) {
    await apiClient().tokens.delete(id);
  },
};
