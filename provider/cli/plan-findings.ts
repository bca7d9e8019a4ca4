/** The findings of one resource step: what a reviewer must look at in that change and why. */
import { retainedAsAdopted } from "../runtime/adoption.logic";
import { IDENTITIES_WAIT } from "../runtime/replacements.logic";
import { bold, because, categoryOf, code, escapeMarkdown } from "./plan-markdown";
import { type PreviewStep } from "./preview";
import { type Finding, type ClientSummary } from "./plan-types";
import { resourceKind, valueOf, shown, valueBefore, labelOf } from "./plan-steps";

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

export interface StepContext {
  step: PreviewStep;
  client?: string;
  clientSummary?: ClientSummary;
  /** The client's Domain step, if any (for an identity deletion during a switch). */
  clientDomain?: PreviewStep;
  change: { fields: string[]; deleteFirst?: boolean };
  /** The replaced-delete-first resource this one depends on, if that is why it goes first. */
  deletedFirstFor?: PreviewStep;
  /** The resources replaced delete-first because they depend on this one. */
  dependents: PreviewStep[];
  /** The client's Domain is verified and kept by this plan. */
  clientDomainVerified: boolean;
  /** A domain this resource depends on that the plan creates or replaces (so not verified yet). */
  newDomain?: PreviewStep;
}

export function dnsRecordLines(records: unknown): string[] {
  if (!Array.isArray(records)) return [];
  return records.flatMap((record) => {
    if (typeof record !== "object" || record === null) return [];
    const r = record as Record<string, unknown>;
    if (typeof r.type !== "string" || typeof r.name !== "string" || typeof r.value !== "string") {
      return [];
    }
    const priority = typeof r.priority === "number" ? `, priority ${r.priority}` : "";
    const purpose =
      typeof r.purpose === "string" ? ` (${escapeMarkdown(r.purpose)}${priority})` : "";
    return [`${code(r.type)} ${code(r.name)} → ${code(r.value)}${purpose}`];
  });
}

/** "the API token `x` (`acme-shop-token`) and the domain verification (`acme-shop-verification`)" */
export function listOf(steps: PreviewStep[]): string {
  const items = steps.map((s) => `the ${labelOf(s, "before")} (${code(s.name)})`);
  return items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function stepFindings(ctx: StepContext): Finding[] {
  const { step, client, change } = ctx;
  const kind = resourceKind(step.type);
  const category = categoryOf(step.op);
  if (!kind || !category) return [];
  const about = { ...(client ? { client } : {}), resource: step.name };
  // "**acme-shop**'s domain `acme.example` (`acme-shop-domain`)" or "The domain ... (...)".
  const described = `${labelOf(step, category === "create" ? "after" : "before")} (${code(step.name)})`;
  const whose = client ? `${bold(client)}'s ${described}` : `The ${described}`;
  const forClient = client ? ` (${bold(client)})` : "";
  const adopt = valueOf(step, "adopt") === true || valueOf(step, "adopt") === "require";
  const findings: Finding[] = [];
  const flags = (stopsSending: boolean, standing = false) => ({ stopsSending, standing });
  if (category === "delete" && step.old && retainedAsAdopted(step.old.outputs)) {
    // The provider leaves an adopted object in MailerSend (docs/adoption-and-renames.md).
    return [
      {
        kind: "warning",
        ...about,
        ...flags(false),
        message:
          `${whose} leaves the stack but stays in MailerSend: it was adopted and ` +
          "`deleteAdoptedOnDestroy` is not set, so nothing is deleted.",
      },
    ];
  }

  if (kind === "Domain") {
    const name = shown(valueOf(step, "name")) ?? step.name;
    if (category === "delete") {
      findings.push({
        kind: "domain-delete",
        ...about,
        ...flags(true),
        message:
          `${whose} is deleted: mail can no longer be sent from ${code(name)}, a new domain ` +
          `would need its DNS records published again, and the sending reputation history ` +
          `MailerSend built for it is lost.`,
      });
    } else if (category === "replace") {
      const before = shown(valueBefore(step, "name")) ?? name;
      const bound =
        ctx.dependents.length > 0
          ? ` Pulumi first deletes what is bound to it, ${listOf(ctx.dependents)}, then the ` +
            `domain; it creates them all again after the new domain` +
            (ctx.dependents.some((d) => resourceKind(d.type) === "ApiToken")
              ? ": the old token is refused from the start of `pulumi up`, and the new token is a new value."
              : ".") +
            (ctx.dependents.some((d) => resourceKind(d.type) === "SenderIdentity")
              ? ` ${IDENTITIES_WAIT}`
              : "")
          : "";
      const how = change.deleteFirst
        ? `is deleted, then created again${because(change.fields)}: no mail can be sent from ` +
          `${code(name)} from the start of \`pulumi up\` until the new domain's DNS records are ` +
          `published and it is verified again, and its sending reputation history starts over.${bound}`
        : `is replaced by ${before === name ? "a new domain" : `the domain ${code(name)}`}` +
          `${because(change.fields)}, created before the old one is deleted at the end of ` +
          `\`pulumi up\`: the new domain cannot send until its DNS records are published and it ` +
          `is verified, and it starts without the old domain's sending reputation history.`;
      findings.push({
        kind: "domain-replace",
        ...about,
        ...flags(true),
        message: `${whose} ${how}`,
      });
    }
    if (!adopt && (category === "create" || category === "replace")) {
      findings.push({
        kind: "dns-records",
        ...about,
        ...flags(false),
        message:
          `Publish the DNS records of the ${category === "create" ? "new" : "replaced"} domain ` +
          `${code(name)}${forClient} once \`pulumi up\` has created it (MailerSend issues them ` +
          `then: the ${client ? "Client's" : "Domain's"} \`dnsRecords\` output), then verify it.`,
      });
    } else if (
      (category === "same" || category === "update") &&
      step.old?.outputs.verified === false
    ) {
      const records = dnsRecordLines(step.old.outputs.dnsRecords);
      // The same shape as the identity's standing reminder below, on purpose: one standing
      // reminder per kind, its own words, grouped by `groupKey` when the summary is rendered.
      findings.push({
        kind: "dns-records",
        ...about,
        ...flags(false, true),
        message:
          `The domain ${code(name)}${forClient} is not verified yet: publish its ` +
          `${records.length > 0 ? `${records.length} ` : ""}DNS records, then verify it.`,
        ...(records.length > 0 ? { details: records } : {}),
        groupKey: "dns-records|standing",
        groupText:
          "Not verified yet: publish their DNS records (each Client's `dnsRecords` output), then " +
          "verify them:",
        groupItem: `${code(name)}${forClient}`,
      });
    }
  } else if (kind === "SenderIdentity") {
    const email = shown(valueOf(step, "email")) ?? step.name;
    if (category === "delete") {
      const domain = ctx.clientDomain;
      const domainPending =
        ctx.clientSummary?.after === "domain" &&
        domain !== undefined &&
        (categoryOf(domain.op) === "create" ||
          categoryOf(domain.op) === "replace" ||
          domain.old?.outputs.verified === false);
      findings.push({
        kind: "identity-delete",
        ...about,
        ...flags(!ctx.clientDomainVerified),
        message:
          `${whose} is deleted at the end of \`pulumi up\`: mail can no longer be sent from ` +
          `${code(email)} through the agency's domain` +
          (domainPending
            ? `, and the client's new domain is not verified yet, so nothing can be sent from ` +
              `${code(email)} until it is (\`keepIdentitiesUntilVerified\` keeps the identity ` +
              `meanwhile).`
            : ctx.clientDomainVerified
              ? `; the client's verified domain sends for it.`
              : "."),
      });
    } else if (category === "replace") {
      const why = ctx.deletedFirstFor
        ? `, before ${listOf([ctx.deletedFirstFor])}, which is replaced deleting the old one first`
        : "";
      findings.push({
        kind: "identity-replace",
        ...about,
        ...flags(true),
        message:
          `${whose} is ${change.deleteFirst ? "deleted, then created again" : "replaced"}` +
          `${because(change.fields)}${why}: ${code(email)} cannot send from then until its owner ` +
          `confirms the new identity.` +
          (ctx.newDomain
            ? ` Its domain ${code(shown(valueOf(ctx.newDomain, "name")) ?? ctx.newDomain.name)} is ` +
              `new in this plan and not verified yet, and MailerSend refuses an identity on an ` +
              `unverified domain: \`pulumi up\` fails when it creates the identity again; verify ` +
              `the domain, then run \`pulumi up\` again.`
            : ""),
      });
    }
    if (!adopt && (category === "create" || category === "replace")) {
      findings.push({
        kind: "identity-pending",
        ...about,
        ...flags(false),
        message:
          `MailerSend emails a confirmation link to ${code(email)}${forClient} when ` +
          `\`pulumi up\` creates the identity: the address cannot send until its owner clicks it.`,
      });
    } else if (
      (category === "same" || category === "update") &&
      step.old?.outputs.verified === false
    ) {
      // The same shape as the domain's standing reminder above, on purpose: one standing reminder
      // per kind, its own words, grouped by `groupKey` when the summary is rendered.
      findings.push({
        kind: "identity-pending",
        ...about,
        ...flags(false, true),
        message:
          `${code(email)}${forClient} is not confirmed yet: it cannot send until its owner ` +
          `clicks the link MailerSend emailed to it.`,
        groupKey: "identity-pending|standing",
        groupText:
          "Not confirmed yet: each cannot send until its owner clicks the link MailerSend " +
          "emailed to it:",
        groupItem: `${code(email)}${forClient}`,
      });
    }
  } else if (kind === "ApiToken") {
    const user = client ? bold(client) : "whoever uses it";
    const output = `the ${client ? "Client's" : "ApiToken's"} \`token\` output`;
    if (category === "replace") {
      findings.push({
        kind: "token-replace",
        ...about,
        ...flags(true),
        message: change.deleteFirst
          ? `${whose} is deleted at the start of \`pulumi up\`${because(change.fields)}` +
            (ctx.deletedFirstFor
              ? `, before ${listOf([ctx.deletedFirstFor])}, which is replaced deleting the old one first`
              : "") +
            `, and a new token is issued later in the same \`up\`: anything using the old token ` +
            `is refused from the start, and ${user} must switch to the new token (${output}).`
          : `${whose} is replaced${because(change.fields)}: \`pulumi up\` issues a new token ` +
            `first and deletes the old one at its end, so ${user} must switch to the new token ` +
            `(${output}); anything still using the old token is refused from then on.`,
      });
    } else if (category === "delete") {
      findings.push({
        kind: "token-delete",
        ...about,
        ...flags(true),
        message: `${whose} is deleted: anything still sending with it is refused.`,
      });
    }
  }
  return findings;
}

/** The failures the components raise, and how each item's sentence starts. */
