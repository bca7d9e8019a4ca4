/**
 * Domain: the provider operations (I/O). The rules live in `domain.logic.ts`.
 *
 * API calls per operation: create 2 (POST, dns-records) + 1 settings call when a setting differs
 * from MailerSend's defaults; update 1 (settings) + 1 when the records change; refresh 3 (domain,
 * verify and dns-records only when needed, see `refreshNeeds`); delete 1; check and diff none.
 */
import type { ApiDomain } from "../api/schemas";
import type { MailerSendApiError } from "../api/errors";
import type { MailerSendClient } from "../api/client";
import { inputsFromOutputs } from "./check";
import {
  apiClient,
  PartialFailureError,
  withoutProvider,
  parseInputs,
  announceReplacement,
  isTakenError,
} from "./context";
import {
  checkDomain,
  diffDomain,
  domainInputsSchema,
  domainOutputs,
  liveSettings,
  refreshNeeds,
  settingsToSend,
  updatedDomainOutputs,
  type DomainInputs,
  type DomainOutputs,
} from "./domain.logic";
import { DOMAIN_CREATE_FIRST, DOMAIN_DELETE_FIRST } from "./replacements.logic";

/** Finds the domain a create could not make because the name is taken, and decides whether to take it over. */
async function adoptOrExplain(
  api: MailerSendClient,
  inputs: DomainInputs,
  conflict: MailerSendApiError,
): Promise<ApiDomain> {
  const existing = await api.domains.findByName(inputs.name);
  if (!existing) {
    throw new Error(
      `Domain ${inputs.name} cannot be created: ${conflict.apiMessage ?? "the name is taken"}. ` +
        "A domain name is unique across all of MailerSend; it is not in this account, so another " +
        "MailerSend account holds it (or the name is not resolvable).",
    );
  }
  if (!inputs.adopt) {
    throw new Error(
      `Domain ${inputs.name} already exists in this MailerSend account (id ${existing.id}). ` +
        "Dynamic resources cannot be imported with `pulumi import`; set `adopt: true` on this " +
        "Domain to take the existing domain over (its settings are then made to match the program).",
    );
  }
  const settings = existing.domain_settings;
  const mismatches: string[] = [];
  if ((settings.return_path_subdomain ?? "mta") !== inputs.returnPathSubdomain) {
    mismatches.push(
      `returnPathSubdomain is "${settings.return_path_subdomain}" in MailerSend, "${inputs.returnPathSubdomain}" in the program`,
    );
  }
  if ((settings.inbound_routing_subdomain ?? "inbound") !== inputs.inboundRoutingSubdomain) {
    mismatches.push(
      `inboundRoutingSubdomain is "${settings.inbound_routing_subdomain}" in MailerSend, "${inputs.inboundRoutingSubdomain}" in the program`,
    );
  }
  if (mismatches.length > 0) {
    throw new Error(
      `Domain ${inputs.name} cannot be adopted: ${mismatches.join("; ")}. These cannot be ` +
        "changed after creation; declare the existing values, or delete the domain in MailerSend first.",
    );
  }
  return existing;
}

export const domainProvider = {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkDomain(news);
  },

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const diff = diffDomain(olds, news);
    return announceReplacement(
      diff,
      `Domain ${String(olds.name)}`,
      diff.deleteBeforeReplace ? DOMAIN_DELETE_FIRST : DOMAIN_CREATE_FIRST,
    );
  },

  async create(bag: Record<string, unknown>) {
    const inputs = parseInputs(domainInputsSchema, bag);
    const api = apiClient();
    let domain: ApiDomain;
    let adopted = false;
    try {
      domain = (
        await api.domains.create({
          name: inputs.name,
          return_path_subdomain: inputs.returnPathSubdomain,
          custom_tracking_subdomain: inputs.customTrackingSubdomain,
          inbound_routing_subdomain: inputs.inboundRoutingSubdomain,
        })
      ).value;
    } catch (error) {
      if (!isTakenError(error, "name")) throw error;
      domain = await adoptOrExplain(api, inputs, error);
      adopted = true;
    }

    // The domain exists from here on: a failure must leave it recorded, never leaked.
    let outputs: DomainOutputs = domainOutputs(inputs, domain, {
      pendingSteps: ["settings", "dnsRecords"],
    });
    try {
      const body = settingsToSend(inputs, liveSettings(domain));
      if (Object.keys(body).length > 0) domain = await api.domains.updateSettings(domain.id, body);
      outputs = domainOutputs(inputs, domain, { pendingSteps: ["dnsRecords"] });
      const verification = adopted ? await api.domains.verify(domain.id) : undefined;
      const dnsRecords = await api.domains.dnsRecords(domain.id);
      outputs = domainOutputs(inputs, domain, { verification, dnsRecords });
    } catch (error) {
      throw new PartialFailureError(`Domain ${inputs.name}`, domain.id, { ...outputs }, error);
    }
    return { id: domain.id, outs: outputs };
  },

  async read(id: string, props: Record<string, unknown>) {
    const api = apiClient();
    const domain = await api.domains.get(id);
    if (!domain) return {}; // deleted outside Pulumi: the engine drops it from state
    const stored = withoutProvider(props) as unknown as Partial<DomainOutputs>;
    const needs = refreshNeeds(stored, domain);
    const verification = needs.verification ? await api.domains.verify(id) : undefined;
    const dnsRecords = needs.dnsRecords ? await api.domains.dnsRecords(id) : undefined;
    const previous = domainInputsSchema.parse(inputsFromOutputs(domainInputsSchema, props));
    const outputs = domainOutputs(previous, domain, {
      verification,
      dnsRecords,
      previousDnsRecords: stored.dnsRecords,
    });
    if (!verification) {
      // Only the verify endpoint reports these two (docs/mailersend-api.md §3.3): keep what it said last.
      outputs.returnPathVerified = stored.returnPathVerified === true;
      outputs.inboundVerified = stored.inboundVerified === true;
    }
    return { id, props: outputs, inputs: inputsFromOutputs(domainInputsSchema, outputs) };
  },

  async update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const inputs = parseInputs(domainInputsSchema, news);
    const previous = withoutProvider(olds) as unknown as DomainOutputs;
    const api = apiClient();
    // Stored outputs carry the live settings, so this is exactly what differs in MailerSend.
    const body = settingsToSend(inputs, previous as unknown as Record<string, unknown>);
    const domain =
      Object.keys(body).length > 0 ? await api.domains.updateSettings(id, body) : undefined;
    const recordsChanged =
      (previous.pendingSteps ?? []).includes("dnsRecords") ||
      previous.customTrackingEnabled !== inputs.customTrackingEnabled ||
      previous.customTrackingSubdomain !== inputs.customTrackingSubdomain;
    const dnsRecords = recordsChanged ? await api.domains.dnsRecords(id) : undefined;
    return { outs: updatedDomainOutputs(inputs, previous, domain, dnsRecords) };
  },

  async delete(id: string) {
    await apiClient().domains.delete(id); // false when already gone: done either way
  },
};
