import * as pulumi from "@pulumi/pulumi";
import { normaliseDomainName } from "../facts/names";
import { Client, decideClient, type ClientArgs } from "./client";
import { checkClientArgs, planClient, type ClientPlan } from "./client.logic";
import { checkAgencyArgs, sharedKeys } from "./agency.logic";
import type { DecisionPolicy, DmarcPolicy, SendingMethod } from "./decision";
import { lookupDmarcPolicy, type DmarcLookupOptions } from "./dmarc";
import { checkPlanLimits, type Plan, type PlannedClient } from "./plan-limits";

export const AGENCY_TYPE = "mailersend:index:Agency";

/** Arguments of an {@link Agency}. */
export interface AgencyArgs {
  /** The MailerSend plan: Starter allows 10 domains and 50 sender identities; Professional is unlimited. */
  plan: Plan;
  /** Domain space add-ons bought on top of the plan. */
  extraDomains?: number;
  /** Domains and identities already in the account that this stack does not manage. */
  existing?: { domains?: number; identities?: number };
  /** The agency's own verified domain, which identity clients send through. */
  domainId?: pulumi.Input<string>;
  /** The agency's thresholds for every client (a client's own `policy` wins). */
  policy?: Partial<Omit<DecisionPolicy, "override">>;
  /** DMARC lookups for clients with `dmarcPolicy: "auto"`. */
  dmarcLookup?: DmarcLookupOptions;
  /** The clients, by name (the name becomes the child's resource name). */
  clients: Record<string, Omit<ClientArgs, "agencyDomainId">>;
  /**
   * Clients renamed in `clients`: new name → former name. The Client gets the former name as a
   * Pulumi alias, so its domain, token and users stay as they are (docs/adoption-and-renames.md).
   */
  renamedClients?: Record<string, string>;
}

/** `renamedClients` must map a client of `clients` to a former name that is not a client any more. */
function renamedClientsProblems(args: AgencyArgs): { property: string; reason: string }[] {
  const problems: { property: string; reason: string }[] = [];
  for (const [name, former] of Object.entries(args.renamedClients ?? {})) {
    if (!(name in args.clients)) {
      problems.push({
        property: `renamedClients.${name}`,
        reason: `must name a client of \`clients\` (its new name); "${name}" is not one`,
      });
    } else if (typeof former !== "string" || former === "" || former in args.clients) {
      problems.push({
        property: `renamedClients.${name}`,
        reason: `must be the client's former name, which is no longer in \`clients\`; got ${JSON.stringify(former)}`,
      });
    }
  }
  return problems;
}

/**
 * The agency's MailerSend account and its clients. Declares every client as a {@link Client} child
 * and checks the plan's limits across all of them while the program runs, so a preview fails,
 * naming the clients over the limit, before anything is created.
 */
export class Agency extends pulumi.ComponentResource {
  /** Each client's method, by name. */
  declare readonly methods: pulumi.Output<Record<string, SendingMethod>>;
  /** The Client children, by name. */
  readonly clients: Record<string, Client> = {};

  constructor(name: string, args: AgencyArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AGENCY_TYPE, name, {}, opts);
    const problems = checkAgencyArgs(args);
    if (problems.length === 0) problems.push(...renamedClientsProblems(args));
    if (problems.length > 0) {
      throw new pulumi.ResourceError(
        `Agency ${name} has invalid arguments:\n` +
          problems.map((p) => `  - ${p.property}: ${p.reason}`).join("\n"),
        this,
        true, // the message says it all: no stack trace into the package's sources
      );
    }
    const entries = Object.entries(args.clients);
    const needsLookup = entries.some(([, client]) => client.dmarcPolicy === "auto");
    const ready = needsLookup
      ? Promise.all(entries.map(([, client]) => resolveDmarc(client, args.dmarcLookup))).then(
          (policies) => this.build(name, args, entries, policies),
        )
      : this.build(
          name,
          args,
          entries,
          entries.map(([, client]) => (client.dmarcPolicy ?? "unknown") as DmarcPolicy),
        );
    this.methods = pulumi.output(Promise.resolve(ready)) as pulumi.Output<
      Record<string, SendingMethod>
    >;
    // `methods` is not recorded in the state: each Client records its own method, and a property
    // recorded on the Agency is paid on every step of every `up` (docs/performance.md).
    this.registerOutputs({});
  }

  private build(
    name: string,
    args: AgencyArgs,
    entries: [string, Omit<ClientArgs, "agencyDomainId">][],
    policies: DmarcPolicy[],
  ): Record<string, SendingMethod> {
    const planned: PlannedClient[] = [];
    const plans = new Map<string, ClientPlan>();
    entries.forEach(([clientName, client], index) => {
      const full = { ...client, policy: { ...args.policy, ...client.policy } };
      if (checkClientArgs(full).length > 0) return; // the Client reports its own argument errors
      const decision = decideClient(full, policies[index]);
      if (decision.blockers.length > 0) return; // and its own blockers
      const plan = planClient(
        clientName,
        { ...full, hasAgencyDomain: args.domainId !== undefined },
        decision,
      );
      plans.set(clientName, plan);
      planned.push({
        name: clientName,
        method: decision.method,
        domainsNeeded: plan.domain && !plan.domain.adopt ? 1 : 0,
        identitiesNeeded: plan.identities.length,
      });
    });
    const clashes = sharedKeys(plans);
    if (clashes.length > 0) {
      // MailerSend would refuse the second of each with a 422, after the rest was created.
      throw new pulumi.ResourceError(
        `Agency ${name}: two clients would create the same MailerSend object:\n` +
          clashes.map((clash) => `  - ${clash}`).join("\n"),
        this,
        true, // the message says it all: no stack trace into the package's sources
      );
    }
    const check = checkPlanLimits(
      { plan: args.plan, extraDomains: args.extraDomains, existing: args.existing },
      planned,
    );
    for (const warning of check.warnings) pulumi.log.warn(warning.message, this);
    if (!check.ok) {
      throw new pulumi.ResourceError(
        `Agency ${name}: the clients do not fit the MailerSend plan:\n` +
          check.errors.map((e) => `  - [${e.code}] ${e.message}`).join("\n"),
        this,
        true, // the message says it all: no stack trace into the package's sources
      );
    }
    const methods: Record<string, SendingMethod> = {};
    entries.forEach(([clientName, client], index) => {
      const resolved = client.dmarcPolicy === "auto" ? policies[index] : client.dmarcPolicy;
      this.clients[clientName] = new Client(
        clientName,
        {
          ...client,
          dmarcPolicy: resolved,
          policy: { ...args.policy, ...client.policy },
          agencyDomainId: args.domainId,
        },
        {
          parent: this,
          ...(args.renamedClients?.[clientName]
            ? { aliases: [{ name: args.renamedClients[clientName] }] }
            : {}),
        },
      );
      const planEntry = planned.find((p) => p.name === clientName);
      if (planEntry) methods[clientName] = planEntry.method;
    });
    return methods;
  }
}

async function resolveDmarc(
  client: Omit<ClientArgs, "agencyDomainId">,
  defaults?: DmarcLookupOptions,
): Promise<DmarcPolicy> {
  if (client.dmarcPolicy !== "auto") return client.dmarcPolicy ?? "unknown";
  const lookup = await lookupDmarcPolicy(
    normaliseDomainName(client.domain),
    client.dmarcLookup ?? defaults,
  );
  if (lookup.warning) pulumi.log.warn(`${client.domain}: ${lookup.warning}`);
  return lookup.policy;
}
