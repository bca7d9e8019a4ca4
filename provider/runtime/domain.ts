/**
 * Domain: the provider operations (I/O). The rules live in `domain.logic.ts`.
 *
 * API calls per operation: create 2 (POST, dns-records) + 1 settings call when a setting differs
 * from MailerSend's defaults; update 1 (settings) + 1 when the records change; refresh 3 (domain,
 * verify and dns-records only when needed, see `refreshNeeds`); delete 1 (none for an adopted or
 * shared domain, see `adoption.ts`); diff none; check none, except `GET /domains` (one page per
 * 100 domains) for a new Domain with `adopt`, so the preview says whether it exists.
 *
 * Domain and SenderIdentity are the two resources that can adopt an existing object: they import
 * the same steps from adoption.ts and call each at the same point of check, diff, create, update
 * and delete, so those lines repeat between domain.ts and sender-identity.ts on purpose. The steps
 * themselves are shared; a generic "adoptable resource" would only hide where each one runs.
 */
import type { ApiDomain } from "../api/schemas";
import type { MailerSendApiError } from "../api/errors";
import type { MailerSendClient } from "../api/client";
import { logLine } from "../api/log";
import { alreadyExistsMessage, requiredButMissing, retainedAsAdopted } from "./adoption.logic";
import {
  checkAdoption,
  keepDiffed,
  keepObject,
  keptOutputsChanged,
  refuseAdoptingHeld,
  skipDelete,
} from "./adoption";
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
  if (!inputs.adopt)
    throw new Error(alreadyExistsMessage("Domain", inputs.name, existing.id, "Domain"));
  return adoptable(inputs, existing);
}

/** The existing domain, if no other resource holds it and its create-only settings match. */
function adoptable(inputs: DomainInputs, existing: ApiDomain): ApiDomain {
  refuseAdoptingHeld("Domain", inputs.name, existing.id);
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

/**
 * Creates the domain, or takes over the existing one: `adopt: "require"` looks it up first and
 * never creates; otherwise a taken name (422) is looked up and adopted when `adopt` allows it.
 */
async function createOrAdopt(
  api: MailerSendClient,
  inputs: DomainInputs,
): Promise<{ domain: ApiDomain; adopted: boolean }> {
  if (inputs.adopt === "require") {
    const existing = await api.domains.findByName(inputs.name);
    if (!existing) throw new Error(requiredButMissing("Domain", inputs.name));
    return { domain: adoptable(inputs, existing), adopted: true };
  }
  try {
    const created = await api.domains.create({
      name: inputs.name,
      return_path_subdomain: inputs.returnPathSubdomain,
      custom_tracking_subdomain: inputs.customTrackingSubdomain,
      inbound_routing_subdomain: inputs.inboundRoutingSubdomain,
    });
    return { domain: created.value, adopted: false };
  } catch (error) {
    if (!isTakenError(error, "name")) throw error;
    return { domain: await adoptOrExplain(api, inputs, error), adopted: true };
  }
}

export const domainProvider = {
  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkAdoption("Domain", "name", olds, checkDomain(news), (name) =>
      apiClient().domains.findByName(name),
    );
  },

  async diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const diff = diffDomain(olds, news);
    if (diff.replaces.length === 0) keepDiffed("Domain", id, olds, "a Domain the program keeps");
    if (diff.replaces.length > 0 && retainedAsAdopted(olds)) {
      logLine(
        `WARNING: Domain ${String(olds.name)} was adopted, so its replacement leaves the old domain in ` +
          "MailerSend; a new domain of the same name cannot be created while it exists. Set " +
          "`deleteAdoptedOnDestroy: true` first (one `up`), or keep the create-only settings.",
      );
    }
    return announceReplacement(
      diff,
      `Domain ${String(olds.name)}`,
      diff.deleteBeforeReplace ? DOMAIN_DELETE_FIRST : DOMAIN_CREATE_FIRST,
    );
  },

  async create(bag: Record<string, unknown>) {
    const inputs = parseInputs(domainInputsSchema, bag);
    const api = apiClient();
    const made = await createOrAdopt(api, inputs);
    let domain = made.domain;
    const adopted = made.adopted;

    // The domain exists from here on: a failure must leave it recorded, never leaked.
    let outputs: DomainOutputs = domainOutputs(inputs, domain, {
      pendingSteps: ["settings", "dnsRecords"],
      adopted,
    });
    try {
      const body = settingsToSend(inputs, liveSettings(domain));
      if (Object.keys(body).length > 0) domain = await api.domains.updateSettings(domain.id, body);
      outputs = domainOutputs(inputs, domain, { pendingSteps: ["dnsRecords"], adopted });
      const verification = adopted ? await api.domains.verify(domain.id) : undefined;
      const dnsRecords = await api.domains.dnsRecords(domain.id);
      outputs = domainOutputs(inputs, domain, { verification, dnsRecords, adopted });
    } catch (error) {
      throw new PartialFailureError(`Domain ${inputs.name}`, domain.id, { ...outputs }, error);
    }
    // Another resource of the state may hold it (a rename without aliases): see adoption.ts.
    if (adopted)
      keepObject("Domain", domain.id, outputs, "the Domain that adopted it in this update");
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
      adopted: stored.adopted,
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
    const outputs = updatedDomainOutputs(inputs, previous, domain, dnsRecords);
    keptOutputsChanged("Domain", id, outputs);
    return { outs: outputs };
  },

  async delete(id: string, props: Record<string, unknown> = {}) {
    if (skipDelete("Domain", id, String(props.name ?? id), props)) return;
    await apiClient().domains.delete(id); // false when already gone: done either way
  },
};
