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
 *
 * The model (what changed and why) is in plan-types.ts, plan-steps.ts, plan-findings.ts and
 * plan-diagnostics.ts; the Markdown renderer in plan-markdown.ts; the command line in index.ts.
 * This module puts them together and is the package's `pulumi-mailersend/plan-summary` entry.
 */
import { diffByTable } from "../runtime/diff";
import {
  categoryOf,
  code,
  escapeMarkdown,
  clientChanged,
  render,
  type Category,
} from "./plan-markdown";
import {
  parsePreview,
  scrubText,
  secretValuesOf,
  urnName,
  urnType,
  type Preview,
  type PreviewStep,
} from "./preview";
import {
  CLIENT_COMPONENT_TYPE,
  AGENCY_COMPONENT_TYPE,
  DIFF_TABLES,
  FINDING_KINDS,
  type Finding,
  type FindingKind,
  type ClientSummary,
  type ResourceChange,
  type PlanSummaryOptions,
  type PlanSummary,
  DEFAULT_TITLE,
} from "./plan-types";
import {
  resourceKind,
  isProvider,
  withoutProvider,
  valueOf,
  shown,
  labelOf,
  analyseChange,
  parentOf,
  clientUrnOf,
  type ClientGroup,
  summariseClient,
} from "./plan-steps";
import { stepFindings } from "./plan-findings";
import { diagnosticFindings, switchReason } from "./plan-diagnostics";
export { PreviewInputError, parsePreview, type Preview, type PreviewStep } from "./preview";
export {
  AGENCY_COMPONENT_TYPE,
  CLIENT_COMPONENT_TYPE,
  DEFAULT_TITLE,
  FINDING_KINDS,
  RESOURCE_TYPE_PREFIX,
  type ClientChanges,
  type ClientSummary,
  type Finding,
  type FindingKind,
  type PlanSummary,
  type PlanSummaryOptions,
  type ResourceChange,
  type SendingMethod,
} from "./plan-types";
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

/** Finding kinds that are reminders of work to do, never a reason to fail a check. */
const REMINDER_KINDS = ["dns-records", "identity-pending"] as const;

/** What `--fail-on` accepts: a finding kind, or `any-replace` / `any-delete` (any resource). */
export type FailOn =
  Exclude<FindingKind, (typeof REMINDER_KINDS)[number]> | "any-replace" | "any-delete";

/** Every {@link FailOn}: the finding kinds in their order, then `any-replace` and `any-delete`. */
export const FAIL_ON_CHOICES: readonly FailOn[] = [
  ...FINDING_KINDS.filter(
    (kind): kind is Exclude<FindingKind, (typeof REMINDER_KINDS)[number]> =>
      !(REMINDER_KINDS as readonly string[]).includes(kind),
  ),
  "any-replace",
  "any-delete",
];

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
