/**
 * DomainVerification: the provider operations. Rules in `domain-verification.logic.ts`.
 *
 * API calls: mode none 1 (the domain); trigger 2 (verify, then the domain's verified flag); wait 1
 * per poll + 1 at success (the domain) or 2 at failure (the domain's name, the records to publish);
 * refresh 1; delete none
 * (nothing to delete in MailerSend).
 *
 * Layout shared by every runtime here: `check` and `diff` call the pure rules, then create, read,
 * update and delete make the calls. The methods are the `pulumi.dynamic.ResourceProvider`
 * interface, spelt out per resource so each file reads on its own; their bodies differ, and the
 * steps they share are in context.ts and check.ts.
 */
import type { MailerSendClient } from "../api/client";
import { logLine } from "../api/log";
import { inputsFromOutputs, withNewInputs } from "./check";
import { apiClient, withoutProvider, parseInputs } from "./context";
import {
  DOMAIN_VERIFICATION_STATE_VERSION,
  QUOTA_RESERVE,
  checkDomainVerification,
  diffDomainVerification,
  domainVerificationInputsSchema,
  failingRecords,
  nextPollDelayMs,
  recordsFromDomain,
  recordsFromVerification,
  verificationTimeoutMessage,
  type DomainVerificationInputs,
  type DomainVerificationOutputs,
  type RecordStatus,
} from "./domain-verification.logic";
import { dnsRecordsToPublish } from "./domain.logic";

function outputs(
  inputs: DomainVerificationInputs,
  verified: boolean,
  records: RecordStatus[],
  checked: boolean,
): DomainVerificationOutputs {
  return {
    ...inputs,
    verified,
    // MailerSend's own flag decides; `requiredRecords` only decides when `wait` may stop.
    status: verified ? "verified" : checked ? "pending" : "unchecked",
    records,
    stateVersion: DOMAIN_VERIFICATION_STATE_VERSION,
  };
}

async function domainOrFail(api: MailerSendClient, domainId: string) {
  const domain = await api.domains.get(domainId);
  if (!domain) {
    throw new Error(
      `Domain ${domainId} does not exist in this MailerSend account; check domainId.`,
    );
  }
  return domain;
}

async function run(inputs: DomainVerificationInputs): Promise<DomainVerificationOutputs> {
  const api = apiClient();
  if (inputs.mode === "none") {
    const domain = await domainOrFail(api, inputs.domainId);
    return outputs(inputs, domain.is_verified === true, recordsFromDomain(domain), false);
  }
  if (inputs.mode === "trigger") {
    const records = recordsFromVerification(await api.domains.verify(inputs.domainId));
    const domain = await domainOrFail(api, inputs.domainId);
    return outputs(inputs, domain.is_verified === true, records, true);
  }
  return waitForVerification(api, inputs);
}

async function waitForVerification(
  api: MailerSendClient,
  inputs: DomainVerificationInputs,
): Promise<DomainVerificationOutputs> {
  const started = Date.now();
  const deadline = started + inputs.timeoutSeconds * 1000;
  let delayMs = inputs.pollIntervalSeconds * 1000;
  let stoppedBecause: string | undefined;
  let records: RecordStatus[] = [];
  for (let poll = 1; ; poll++) {
    records = recordsFromVerification(await api.domains.verify(inputs.domainId));
    const failing = failingRecords(records, inputs.requiredRecords);
    if (failing.length === 0) {
      const domain = await domainOrFail(api, inputs.domainId);
      if (domain.is_verified === true) return outputs(inputs, true, records, true);
    }
    const remaining = api.transport.quota.remaining;
    if (remaining !== undefined && remaining >= 0 && remaining < QUOTA_RESERVE) {
      stoppedBecause = `stopped early: only ${remaining} requests of today's API quota are left`;
      break;
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    // The last wait is cut short so the final check happens at the deadline, not before it.
    const waitMs = Math.min(delayMs, left);
    logLine(
      `domain ${inputs.domainId}: ${failing.length > 0 ? `${failing.join(", ")} not verified yet` : "waiting for MailerSend to mark the domain verified"}` +
        `; checking again in ${Math.round(waitMs / 1000)}s (check ${poll}, ${Math.round(left / 1000)}s left)`,
    );
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    delayMs = nextPollDelayMs(delayMs, inputs.pollIntervalSeconds);
  }
  const domain = await domainOrFail(api, inputs.domainId);
  const expected = dnsRecordsToPublish(await api.domains.dnsRecords(inputs.domainId), {
    customTrackingEnabled: true,
    inboundRoutingEnabled: true,
  });
  const failing = failingRecords(records, inputs.requiredRecords);
  throw new Error(
    verificationTimeoutMessage(
      domain.name,
      inputs.domainId,
      Math.round((Date.now() - started) / 1000),
      failing.length > 0 ? failing : inputs.requiredRecords,
      expected,
      stoppedBecause,
    ),
  );
}

export const domainVerificationProvider = {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkDomainVerification(news);
  },

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return diffDomainVerification(olds, news);
  },

  async create(bag: Record<string, unknown>) {
    const inputs = parseInputs(domainVerificationInputsSchema, bag);
    // No object in MailerSend: the id only has to be unique and stable.
    return { id: `${inputs.domainId}-verification`, outs: await run(inputs) };
  },

  async read(id: string, props: Record<string, unknown>) {
    const previous = withoutProvider(props) as unknown as DomainVerificationOutputs;
    const domain = await apiClient().domains.get(previous.domainId);
    if (!domain) return {}; // the domain is gone, and its verification with it
    const known = new Map((previous.records ?? []).map((r) => [r.purpose, r.verified]));
    for (const record of recordsFromDomain(domain)) known.set(record.purpose, record.verified);
    const records = [...known].map(([purpose, verified]) => ({ purpose, verified }));
    const inputs = domainVerificationInputsSchema.parse(
      inputsFromOutputs(domainVerificationInputsSchema, previous),
    );
    const refreshed = outputs(
      inputs,
      domain.is_verified === true,
      records,
      previous.status !== "unchecked",
    );
    return {
      id,
      props: refreshed,
      inputs: inputsFromOutputs(domainVerificationInputsSchema, refreshed),
    };
  },

  async update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const inputs = parseInputs(domainVerificationInputsSchema, news);
    const previous = withoutProvider(olds) as unknown as DomainVerificationOutputs;
    const rerun =
      previous.mode !== inputs.mode ||
      previous.nonce !== inputs.nonce ||
      JSON.stringify(previous.requiredRecords) !== JSON.stringify(inputs.requiredRecords);
    if (!rerun)
      return {
        outs: withNewInputs<DomainVerificationOutputs>(
          domainVerificationInputsSchema,
          previous,
          inputs,
        ),
      };
    return { outs: await run(inputs) };
  },

  async delete() {
    // Nothing to delete: verification is a check, not an object.
  },
};
