/**
 * `pulumi-mailersend plan-summary`: a Markdown summary of a `pulumi preview --json` document for
 * the reviewers of a stack's pull request, MailerSend's risks first.
 *
 *   const preview = parsePreview(fs.readFileSync("preview.json", "utf8"));
 *   const { markdown, findings } = summarisePlan(preview, { title: "Plan for prod" });
 *
 * Resources are grouped by the `Client` component they belong to (the parent chain of their URN).
 * A client's method is inferred from its children: before the plan from the Client's recorded
 * `method` output (or the children in the old state), after it from the children the plan keeps or
 * creates. Whether a replacement deletes first is decided by the same field tables the provider's
 * `diff` uses (provider/runtime/*.logic.ts). Nothing printed ever holds a secret: the preview is
 * redacted when parsed, and the Markdown is scrubbed once more at the end.
 */
import { retainedAsAdopted } from "../runtime/adoption.logic";
import { API_TOKEN_DIFF_TABLE } from "../runtime/api-token.logic";
import { CLIENT_USER_DIFF_TABLE } from "../runtime/client-user.logic";
import { changedFields, diffByTable, type DiffTable } from "../runtime/diff";
import { DOMAIN_VERIFICATION_DIFF_TABLE } from "../runtime/domain-verification.logic";
import { DOMAIN_DIFF_TABLE } from "../runtime/domain.logic";
import { IDENTITIES_WAIT } from "../runtime/replacements.logic";
import { SENDER_IDENTITY_DIFF_TABLE } from "../runtime/sender-identity.logic";
import {
  bold,
  because,
  capitalise,
  categoryOf,
  code,
  escapeMarkdown,
  clientChanged,
  render,
  type Category,
} from "./plan-markdown";
import {
  SECRET_PLACEHOLDER,
  UNKNOWN_VALUE,
  parsePreview,
  scrubText,
  secretValuesOf,
  urnName,
  urnType,
  type Preview,
  type PreviewStep,
} from "./preview";

export { PreviewInputError, parsePreview, type Preview, type PreviewStep } from "./preview";

/** The type token prefix of this package's resources. */
export const RESOURCE_TYPE_PREFIX = "pulumi-nodejs:dynamic/mailersend:";
/** `CLIENT_TYPE` of provider/component/client.ts (not imported: that module loads @pulumi/pulumi). */
export const CLIENT_COMPONENT_TYPE = "mailersend:index:Client";
/** `AGENCY_TYPE` of provider/component/agency.ts. */
export const AGENCY_COMPONENT_TYPE = "mailersend:index:Agency";

type ResourceKind = "Domain" | "DomainVerification" | "SenderIdentity" | "ApiToken" | "ClientUser";

const DIFF_TABLES: Record<ResourceKind, DiffTable> = {
  Domain: DOMAIN_DIFF_TABLE as DiffTable,
  DomainVerification: DOMAIN_VERIFICATION_DIFF_TABLE as DiffTable,
  SenderIdentity: SENDER_IDENTITY_DIFF_TABLE as DiffTable,
  ApiToken: API_TOKEN_DIFF_TABLE as DiffTable,
  ClientUser: CLIENT_USER_DIFF_TABLE as DiffTable,
};

const KIND_WORDS: Record<ResourceKind, string> = {
  Domain: "domain",
  DomainVerification: "domain verification",
  SenderIdentity: "sender identity",
  ApiToken: "API token",
  ClientUser: "client user",
};

/** Each finding kind, most dangerous first: the order of the "Needs attention" list. */
export const FINDING_KINDS = [
  "blocker",
  "domain-delete",
  "domain-replace",
  "token-replace",
  "token-delete",
  "identity-delete",
  "identity-replace",
  "method-switch",
  "dns-records",
  "identity-pending",
  "warning",
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

/** One thing a reviewer should look at. */
export interface Finding {
  kind: FindingKind;
  /** The client it is about (the Client component's name). */
  client?: string;
  /** The resource it is about (its Pulumi name). */
  resource?: string;
  /** The decision or plan-limit code of a blocker or warning, e.g. `domain-needs-dns-access`. */
  code?: string;
  /** A sentence for the reviewer (Markdown). */
  message: string;
  /** Lines shown under the message (the DNS records to publish). */
  details?: string[];
  /**
   * After this plan some mail can no longer be sent (at least for a while): the summary's first
   * section, at its most severe level.
   */
  stopsSending: boolean;
  /** Pending or warned about before this plan, and unchanged by it: folded with the others. */
  standing: boolean;
  /** Standing reminders with the same key are shown as one line: `groupText`, then each `groupItem`. */
  groupKey?: string;
  groupText?: string;
  groupItem?: string;
}

export type SendingMethod = "domain" | "identity";

export interface ClientChanges {
  create: number;
  update: number;
  replace: number;
  delete: number;
  same: number;
}

export interface ClientSummary {
  name: string;
  /** The method before the plan: `new` when the plan creates the client. */
  before: SendingMethod | "new" | "unknown";
  /** The method after the plan: `removed` when the plan deletes the client. */
  after: SendingMethod | "removed" | "unknown";
  /** Both methods are known and differ. */
  switches: boolean;
  /** Changes of the client's resources (the component itself is not counted). */
  changes: ClientChanges;
}

export interface ResourceChange {
  client?: string;
  /** The resource's Pulumi name. */
  name: string;
  type: string;
  /** `create`, `update`, `replace`, `delete`, `same`, or another engine step kind. */
  op: string;
  /** What it is, e.g. ``domain `acme.example` ``. */
  label: string;
  /** The inputs that cause the change. */
  fields: string[];
  /** A replacement that deletes the old object before creating the new one. */
  deleteFirst?: boolean;
}

export interface PlanSummaryOptions {
  /** The heading (default "MailerSend plan summary"). */
  title?: string;
}

export interface PlanSummary {
  markdown: string;
  /** Most dangerous first. */
  findings: Finding[];
  clients: ClientSummary[];
  /** Every resource of the plan except the stack, providers and the Client/Agency components. */
  resources: ResourceChange[];
  /** The preview failed (an error diagnostic): the plan is incomplete and `up` would stop. */
  failed: boolean;
}

export const DEFAULT_TITLE = "MailerSend plan summary";

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

function resourceKind(type: string): ResourceKind | undefined {
  if (!type.startsWith(RESOURCE_TYPE_PREFIX)) return undefined;
  const kind = type.slice(RESOURCE_TYPE_PREFIX.length);
  return kind in DIFF_TABLES ? (kind as ResourceKind) : undefined;
}

function isProvider(type: string): boolean {
  return type.startsWith("pulumi:providers:");
}

function withoutProvider(inputs: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _ignored, ...rest } = inputs;
  return rest;
}

/** The value of an input or output after the plan (else before it). */
function valueOf(step: PreviewStep, key: string): unknown {
  const candidates = [
    step.new?.outputs[key],
    step.new?.inputs[key],
    step.old?.outputs[key],
    step.old?.inputs[key],
  ];
  return candidates.find((v) => v !== undefined);
}

/** How a value reads in the summary: secrets and values known only after `up` say so. */
function shown(value: unknown): string | undefined {
  if (value === SECRET_PLACEHOLDER) return SECRET_PLACEHOLDER;
  if (value === UNKNOWN_VALUE) return "(known after `pulumi up`)";
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The value of an input or output before the plan (else after it). */
function valueBefore(step: PreviewStep, key: string): unknown {
  const candidates = [
    step.old?.outputs[key],
    step.old?.inputs[key],
    step.new?.outputs[key],
    step.new?.inputs[key],
  ];
  return candidates.find((v) => v !== undefined);
}

/** The field that names a resource of this package (a domain's name, an identity's email, ...). */
const NAMING_FIELD: Record<ResourceKind, string | undefined> = {
  Domain: "name",
  DomainVerification: undefined,
  SenderIdentity: "email",
  ApiToken: "name",
  ClientUser: "email",
};

/**
 * What a resource is, e.g. ``domain `acme.example` ``: with `when: "both"`, a renamed resource reads
 * ``domain `old.example` → `new.example` ``.
 */
function labelOf(step: PreviewStep, when: "before" | "after" | "both" = "both"): string {
  const kind = resourceKind(step.type);
  if (!kind) return code(step.type);
  const key = NAMING_FIELD[kind];
  if (!key) return KIND_WORDS[kind];
  const before = shown(valueBefore(step, key));
  const after = shown(valueOf(step, key));
  const value = when === "before" ? before : after;
  if (when === "both" && before && after && before !== after && step.old && step.new) {
    return `${KIND_WORDS[kind]} ${code(before)} → ${code(after)}`;
  }
  return value ? `${KIND_WORDS[kind]} ${code(value)}` : KIND_WORDS[kind];
}

/**
 * Which inputs change and whether a replacement deletes first. The engine's own mark wins: the old
 * state of a replacement it will delete first is `pendingReplacement`, which also covers a
 * resource replaced because something it depends on is replaced delete-first (the engine deletes
 * such dependents before it, whatever their own diff says). Without the mark (a document from
 * another Pulumi version), the provider's own tables decide.
 */
function analyseChange(step: PreviewStep): { fields: string[]; deleteFirst?: boolean } {
  const kind = resourceKind(step.type);
  const olds = step.old ? { ...step.old.inputs, ...step.old.outputs } : undefined;
  const news = step.new ? withoutProvider(step.new.inputs) : undefined;
  let computed: string[] = [];
  let deleteFirst: boolean | undefined;
  if (kind && olds && news) {
    const table = DIFF_TABLES[kind];
    computed = changedFields(table, olds, news);
    if (step.op === "replace") {
      deleteFirst =
        step.old?.pendingReplacement === true || diffByTable(table, olds, news).deleteBeforeReplace;
    }
  } else if (olds && news) {
    computed = Object.keys(news).filter((k) => JSON.stringify(news[k]) !== JSON.stringify(olds[k]));
  }
  const reported =
    step.op === "replace" && step.replaceReasons.length > 0
      ? step.replaceReasons
      : step.diffReasons.length > 0
        ? step.diffReasons
        : step.detailedDiff;
  const replacing =
    kind && step.op === "replace"
      ? computed.filter((field) => DIFF_TABLES[kind].fields[field] === "replace")
      : [];
  const fields =
    reported.length > 0 ? reported : replacing.length > 0 ? replacing : computed.sort();
  return { fields: [...new Set(fields)], ...(deleteFirst === undefined ? {} : { deleteFirst }) };
}

// ---------------------------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------------------------

function parentOf(step: PreviewStep): string | undefined {
  return step.new?.parent ?? step.old?.parent;
}

/** The URN of the Client a resource belongs to, from its parent chain. */
function clientUrnOf(
  urn: string,
  parents: Map<string, string | undefined>,
  steps: Map<string, PreviewStep>,
): string | undefined {
  let current = parents.get(urn) ?? (steps.get(urn) ? parentOf(steps.get(urn)!) : undefined);
  for (let depth = 0; current && depth < 64; depth++) {
    if (urnType(current) === CLIENT_COMPONENT_TYPE) return current;
    current = parents.get(current);
  }
  return undefined;
}

function methodOf(kinds: ResourceKind[]): SendingMethod | undefined {
  if (kinds.includes("Domain")) return "domain";
  if (kinds.includes("SenderIdentity")) return "identity";
  // A token, users or a verification without identities: a client reusing a verified domain.
  return kinds.length > 0 ? "domain" : undefined;
}

function isMethod(value: unknown): value is SendingMethod {
  return value === "domain" || value === "identity";
}

interface ClientGroup {
  urn: string;
  name: string;
  component?: PreviewStep;
  children: PreviewStep[];
}

function summariseClient(group: ClientGroup, preview: Preview): ClientSummary {
  const changes: ClientChanges = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const child of group.children) {
    const category = categoryOf(child.op);
    if (category) changes[category]++;
  }
  const kindsOf = (steps: PreviewStep[]) =>
    steps.map((s) => resourceKind(s.type)).filter((k): k is ResourceKind => k !== undefined);

  let before: ClientSummary["before"];
  const recorded = group.component?.old?.outputs.method;
  if (group.component && categoryOf(group.component.op) === "create") before = "new";
  else if (isMethod(recorded)) before = recorded;
  else before = methodOf(kindsOf(group.children.filter((s) => s.old))) ?? "unknown";

  let after: ClientSummary["after"];
  if (group.component && categoryOf(group.component.op) === "delete") {
    after = "removed";
  } else {
    const kept = group.children.filter((s) => categoryOf(s.op) !== "delete" && s.op !== "discard");
    after = methodOf(kindsOf(kept)) ?? "unknown";
    // A failed preview stops the program: a client whose children were never declared is unknown.
    if (preview.failed && kept.length === 0) after = "unknown";
    // Without --show-sames an unchanged client has no step; the decision it logged says its method.
    const decided = decisionOf(group, preview)?.method;
    if (after === "unknown" && decided && kept.length === 0 && !group.component) {
      after = decided;
      if (before === "unknown" && group.children.length === 0) before = decided;
    }
  }
  return {
    name: group.name,
    before,
    after,
    switches: isMethod(before) && isMethod(after) && before !== after,
    changes,
  };
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

interface StepContext {
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

function dnsRecordLines(records: unknown): string[] {
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
function listOf(steps: PreviewStep[]): string {
  const items = steps.map((s) => `the ${labelOf(s, "before")} (${code(s.name)})`);
  return items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function stepFindings(ctx: StepContext): Finding[] {
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
const BLOCKER_HEADERS: { pattern: RegExp; client: boolean; lead: (name: string) => string }[] = [
  {
    pattern: /Client (\S+) cannot be set up:/,
    client: true,
    lead: (name) => `${bold(name)} cannot be set up: `,
  },
  {
    pattern: /Client (\S+) has invalid arguments:/,
    client: true,
    lead: (name) => `${bold(name)} has invalid arguments: `,
  },
  {
    pattern: /Agency (\S+): the clients do not fit the MailerSend plan:/,
    client: false,
    lead: (name) => `the clients of the Agency ${bold(name)} do not fit the MailerSend plan: `,
  },
];

/** The message of an error diagnostic without the stack trace and the dumped objects. */
function errorText(message: string): string {
  const lines: string[] = [];
  for (const line of message.split("\n")) {
    if (/^\s+at /.test(line) || /\s\{$/.test(line)) break;
    lines.push(line);
  }
  return lines
    .join("\n")
    .replace(/^(\w*Error: )+/, "")
    .trim();
}

/** The first words of the error a program fails with after its components reported theirs (provider/component/failures.ts). */
const FAILURE_SUMMARY_PREFIX = "The program stopped:";

/** Blockers and warnings from the preview's diagnostics; `unchanged` are the clients the plan leaves alone. */
function diagnosticFindings(preview: Preview, unchanged: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (finding: Finding) => {
    const key = `${finding.kind}|${finding.client ?? ""}|${finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };
  const components = new Map(preview.steps.map((s) => [s.urn, s]));
  for (const diagnostic of preview.diagnostics) {
    const urnClient =
      diagnostic.urn && urnType(diagnostic.urn) === CLIENT_COMPONENT_TYPE
        ? urnName(diagnostic.urn)
        : undefined;
    if (diagnostic.severity === "error") {
      const text = errorText(diagnostic.message);
      // Says only that the failures above stopped the program: they are the blockers.
      if (text.startsWith(FAILURE_SUMMARY_PREFIX)) continue;
      const header = BLOCKER_HEADERS.map((h) => ({ h, match: h.pattern.exec(text) })).find(
        (m) => m.match !== null,
      );
      const items = [...text.matchAll(/^\s*- (?:\[([a-z0-9-]+)\] )?(.+)$/gm)];
      if (header?.match && items.length > 0) {
        const client = header.h.client ? header.match[1] : urnClient;
        const lead = header.h.lead(header.match[1]);
        for (const [, itemCode, itemText] of items) {
          add({
            kind: "blocker",
            stopsSending: false,
            standing: false,
            ...(client ? { client } : { resource: header.match[1] }),
            ...(itemCode ? { code: itemCode } : {}),
            message: capitalise(
              `${lead}${itemCode ? `${code(itemCode)} ` : ""}${escapeMarkdown(itemText.trim())}`,
            ),
          });
        }
      } else {
        add({
          kind: "blocker",
          stopsSending: false,
          standing: false,
          ...(urnClient ? { client: urnClient } : {}),
          message:
            `The preview failed${urnClient ? ` at ${bold(urnClient)}` : ""}: ` +
            escapeMarkdown(text.replace(/\s+/g, " ")),
        });
      }
    } else if (diagnostic.severity === "warning") {
      let text = diagnostic.message.trim().replace(/\s*\n\s*/g, " ");
      if (urnClient && text.startsWith(`${urnClient}: `)) text = text.slice(urnClient.length + 2);
      // The code, when the Client recorded this warning at the last update.
      const recorded = diagnostic.urn ? components.get(diagnostic.urn)?.old?.outputs.warnings : [];
      const match = Array.isArray(recorded)
        ? recorded.find(
            (w): w is { code: string } =>
              typeof w === "object" &&
              w !== null &&
              (w as { message?: unknown }).message === text &&
              typeof (w as { code?: unknown }).code === "string",
          )
        : undefined;
      // A client the plan leaves alone warned the same at the last update: a standing reminder.
      const standing = urnClient !== undefined && unchanged.has(urnClient);
      add({
        kind: "warning",
        stopsSending: false,
        standing,
        ...(urnClient ? { client: urnClient } : {}),
        ...(match ? { code: match.code } : {}),
        message: `${urnClient ? `${bold(urnClient)}: ` : ""}${escapeMarkdown(text)}`,
        ...(standing
          ? {
              groupKey: `warning|${text}`,
              groupText: `${escapeMarkdown(text)} Clients:`,
              groupItem: bold(urnClient),
            }
          : {}),
      });
    }
  }
  return findings;
}

/** The decision line a Client logs at preview (provider/component/client.ts `decisionLine`). */
const DECISION_LINE = /^decision: (domain|identity) \(([^)]*)\); (.*)$/;

function codesOf(notes: unknown): string[] {
  return Array.isArray(notes)
    ? notes
        .map((n) =>
          typeof n === "object" && n !== null ? (n as { code?: unknown }).code : undefined,
        )
        .filter((c): c is string => typeof c === "string")
    : [];
}

/**
 * Why a client's method switches: the decision codes before (its recorded `reasons`) and after (the
 * decision line it logged in this preview), and the attributes whose values moved (its recorded
 * `decisionInputs` against the line's).
 */
/** The decision line the client logged in this preview, parsed. */
function decisionOf(
  group: ClientGroup,
  preview: Preview,
): { method: SendingMethod; codes: string[]; attributes: Record<string, string> } | undefined {
  const line = preview.diagnostics
    .filter((d) => d.urn === group.urn && d.severity.startsWith("info"))
    .map((d) => DECISION_LINE.exec(d.message.trim()))
    .find((m) => m !== null);
  if (!line) return undefined;
  const attributes = Object.fromEntries(
    line[3].split(", ").map((pair) => {
      const at = pair.indexOf("=");
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  return {
    method: line[1] as SendingMethod,
    codes: line[2].split(", ").filter(Boolean),
    attributes,
  };
}

function switchReason(group: ClientGroup, preview: Preview): string {
  const decision = decisionOf(group, preview);
  if (!group.component) {
    return decision
      ? ` Why: the decision is now ${decision.codes.map(code).join(", ")} (${decision.method}); ` +
          "the previous one is not in this preview (run `pulumi preview` with `--show-sames`)."
      : "";
  }
  const oldOutputs = group.component.old?.outputs ?? {};
  const oldCodes = codesOf(oldOutputs.reasons);
  const codes = (list: string[]) => list.map(code).join(", ");
  const parts: string[] = [];
  if (decision) {
    parts.push(
      `the decision was ${oldCodes.length > 0 ? codes(oldCodes) : "not recorded"}, now ` +
        `${codes(decision.codes)} (${decision.method})`,
    );
    const before = oldOutputs.decisionInputs;
    const after = decision.attributes;
    if (typeof before === "object" && before !== null) {
      const moved = Object.entries(after)
        .filter(([key, value]) => (before as Record<string, unknown>)[key] !== value)
        .map(
          ([key, value]) =>
            `${code(key)} ${String((before as Record<string, unknown>)[key] ?? "unset")} → ${value}`,
        );
      if (moved.length > 0) parts.push(`moved: ${moved.join(", ")}`);
    } else {
      parts.push("the attributes of the last decision were not recorded (an older release)");
    }
  } else if (oldCodes.length > 0) {
    parts.push(
      `the decision was ${codes(oldCodes)}; the new one is in the Client's \`reasons\` output after \`pulumi up\``,
    );
  }
  return parts.length > 0 ? ` Why: ${parts.join("; ")}.` : "";
}

// ---------------------------------------------------------------------------------------------
// The summary
// ---------------------------------------------------------------------------------------------

function compareFindings(a: Finding, b: Finding): number {
  const byKind = FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind);
  if (byKind !== 0) return byKind;
  // Findings about no client (the agency, the stack) first: they concern everyone.
  const ac = a.client ?? "";
  const bc = b.client ?? "";
  if (ac !== bc) return ac < bc ? -1 : 1;
  const ar = a.resource ?? "";
  const br = b.resource ?? "";
  return ar < br ? -1 : ar > br ? 1 : 0;
}

/**
 * Summarises a parsed preview (or the raw `pulumi preview --json` text or value, parsed first):
 * the Markdown for reviewers and the findings, most dangerous first.
 */
export function summarisePlan(
  preview: Preview | string | object,
  options: PlanSummaryOptions = {},
): PlanSummary {
  const parsed = isParsed(preview) ? preview : parsePreview(preview);
  const stepsByUrn = new Map(parsed.steps.map((s) => [s.urn, s]));
  const parents = new Map<string, string | undefined>(
    parsed.steps.map((s) => [s.urn, parentOf(s)]),
  );

  // The clients: every Client component seen in a step, a parent link or a diagnostic.
  const groups = new Map<string, ClientGroup>();
  const group = (urn: string): ClientGroup => {
    let g = groups.get(urn);
    if (!g) {
      g = { urn, name: urnName(urn), children: [] };
      groups.set(urn, g);
    }
    return g;
  };
  const resources: ResourceChange[] = [];
  const clientOfStep = new Map<string, string>();
  for (const step of parsed.steps) {
    if (step.type === CLIENT_COMPONENT_TYPE) {
      group(step.urn).component = step;
      continue;
    }
    const clientUrn = clientUrnOf(step.urn, parents, stepsByUrn);
    if (clientUrn) {
      clientOfStep.set(step.urn, clientUrn);
      group(clientUrn).children.push(step);
    }
  }
  for (const diagnostic of parsed.diagnostics) {
    if (diagnostic.urn && urnType(diagnostic.urn) === CLIENT_COMPONENT_TYPE) group(diagnostic.urn);
  }
  const clientSummaries = new Map<string, ClientSummary>();
  for (const g of groups.values()) clientSummaries.set(g.urn, summariseClient(g, parsed));

  // Delete-first replacements, and who depends on each (the engine deletes those first too).
  const changes = new Map<string, { fields: string[]; deleteFirst?: boolean }>();
  for (const step of parsed.steps) {
    if (categoryOf(step.op) !== "same") changes.set(step.urn, analyseChange(step));
  }
  const dependenciesOf = (step: PreviewStep) => [
    ...new Set([...(step.old?.dependencies ?? []), ...(step.new?.dependencies ?? [])]),
  ];
  const deletedFirst = (step: PreviewStep) =>
    step.op === "replace" && changes.get(step.urn)?.deleteFirst === true;

  const findings: Finding[] = [];
  for (const step of parsed.steps) {
    if (
      step.type === CLIENT_COMPONENT_TYPE ||
      step.type === AGENCY_COMPONENT_TYPE ||
      step.type === "pulumi:pulumi:Stack" ||
      isProvider(step.type)
    ) {
      continue;
    }
    const clientUrn = clientOfStep.get(step.urn);
    const client = clientUrn ? urnName(clientUrn) : undefined;
    const change = changes.get(step.urn) ?? { fields: [] as string[] };
    resources.push({
      ...(client ? { client } : {}),
      name: step.name,
      type: step.type,
      op: step.op,
      label: labelOf(step),
      fields: change.fields,
      ...(change.deleteFirst === undefined ? {} : { deleteFirst: change.deleteFirst }),
    });
    const siblings = clientUrn ? groups.get(clientUrn)!.children : [];
    const clientDomain = siblings.find((s) => resourceKind(s.type) === "Domain");
    const ownRule = (() => {
      const kind = resourceKind(step.type);
      if (!kind || !step.old || !step.new) return undefined;
      const olds = { ...step.old.inputs, ...step.old.outputs };
      return diffByTable(DIFF_TABLES[kind], olds, withoutProvider(step.new.inputs))
        .deleteBeforeReplace;
    })();
    // Deleted first although its own rule creates first: a dependency is replaced delete-first.
    const deletedFirstFor =
      deletedFirst(step) && ownRule === false
        ? dependenciesOf(step)
            .map((urn) => stepsByUrn.get(urn))
            .find((s): s is PreviewStep => s !== undefined && deletedFirst(s))
        : undefined;
    const dependents = deletedFirst(step)
      ? parsed.steps
          .filter(
            (other) =>
              other.urn !== step.urn &&
              deletedFirst(other) &&
              dependenciesOf(other).includes(step.urn),
          )
          // By name: the engine's order of the steps varies from run to run.
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      : [];
    const newDomain = dependenciesOf(step)
      .map((urn) => stepsByUrn.get(urn))
      .find(
        (s): s is PreviewStep =>
          s !== undefined &&
          resourceKind(s.type) === "Domain" &&
          (categoryOf(s.op) === "create" || categoryOf(s.op) === "replace"),
      );
    findings.push(
      ...stepFindings({
        step,
        client,
        ...(newDomain ? { newDomain } : {}),
        clientSummary: clientUrn ? clientSummaries.get(clientUrn) : undefined,
        clientDomain,
        change,
        ...(deletedFirstFor ? { deletedFirstFor } : {}),
        dependents,
        clientDomainVerified:
          clientDomain !== undefined &&
          (categoryOf(clientDomain.op) === "same" || categoryOf(clientDomain.op) === "update") &&
          clientDomain.old?.outputs.verified === true,
      }),
    );
  }

  const clients = [...clientSummaries.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const client of clients) {
    if (!client.switches) continue;
    const clientGroup = [...groups.values()].find((g) => g.name === client.name);
    const domainStep = clientGroup?.children.find((s) => resourceKind(s.type) === "Domain");
    const domain = domainStep ? shown(valueOf(domainStep, "name")) : undefined;
    const why = clientGroup ? switchReason(clientGroup, parsed) : "";
    findings.push({
      kind: "method-switch",
      client: client.name,
      stopsSending: false,
      standing: false,
      message:
        (client.after === "domain"
          ? `**${escapeMarkdown(client.name)}** switches from sender identities on the agency's ` +
            `domain to its own domain${domain ? ` ${code(domain)}` : ""}: its mail is authenticated ` +
            `(SPF, DKIM) once the domain's DNS records are published and verified.`
          : `**${escapeMarkdown(client.name)}** switches from its own domain${domain ? ` ${code(domain)}` : ""} ` +
            `to sender identities on the agency's domain: its mail is no longer aligned with its ` +
            `own domain, and its bounces and complaints now count against the agency's domain.`) +
        why,
    });
  }
  const unchanged = new Set(clients.filter((c) => !clientChanged(c)).map((c) => c.name));
  findings.push(...diagnosticFindings(parsed, unchanged));
  findings.sort(compareFindings);

  resources.sort((a, b) => {
    const ac = a.client ?? "\uffff";
    const bc = b.client ?? "\uffff";
    if (ac !== bc) return ac < bc ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });

  const secrets = secretValuesOf(parsed);
  const markdown = scrubText(
    render(parsed, options.title ?? DEFAULT_TITLE, findings, clients, resources),
    secrets,
  );
  const scrub = (text: string) => scrubText(text, secrets);
  return {
    markdown,
    findings: findings.map((f) => ({
      ...f,
      message: scrub(f.message),
      ...(f.details ? { details: f.details.map(scrub) } : {}),
    })),
    clients,
    resources,
    failed: parsed.failed,
  };
}

function isParsed(value: unknown): value is Preview {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<Preview>;
  return (
    Array.isArray(v.steps) &&
    Array.isArray(v.diagnostics) &&
    typeof v.failed === "boolean" &&
    typeof v.samesOmitted === "boolean"
  );
}

// ---------------------------------------------------------------------------------------------
// --fail-on
// ---------------------------------------------------------------------------------------------

/** What `--fail-on` accepts: a finding kind, or `any-replace` / `any-delete` (any resource). */
export const FAIL_ON_CHOICES = [
  "blocker",
  "domain-delete",
  "domain-replace",
  "token-replace",
  "token-delete",
  "identity-delete",
  "identity-replace",
  "method-switch",
  "warning",
  "any-replace",
  "any-delete",
] as const;

export type FailOn = (typeof FAIL_ON_CHOICES)[number];

/** The reasons to fail for `failOn`, as short lines (`domain-delete: acme-shop-domain`); none: pass. */
export function failureReasons(summary: PlanSummary, failOn: readonly FailOn[]): string[] {
  const reasons: string[] = [];
  for (const choice of failOn) {
    if (choice === "any-replace" || choice === "any-delete") {
      const category: Category = choice === "any-replace" ? "replace" : "delete";
      for (const r of summary.resources) {
        if (categoryOf(r.op) === category) reasons.push(`${choice}: ${r.name}`);
      }
      continue;
    }
    for (const f of summary.findings) {
      if (f.kind !== choice) continue;
      const what = f.resource ?? f.client ?? "the stack";
      reasons.push(`${choice}: ${what}${f.code ? ` (${f.code})` : ""}`);
    }
  }
  return [...new Set(reasons)];
}
