import * as pulumi from "@pulumi/pulumi";
import { formatDecisionLine, LOG_DECISIONS_ENV, UNSET_ATTRIBUTE } from "../facts/decision-line";
import { normaliseDomainName } from "../facts/names";
import { ApiToken, type TokenScope } from "../resources/api-token";
import { ClientUser, type UserRole } from "../resources/client-user";
import { Domain, type DnsRecord, type DomainArgs } from "../resources/domain";
import { DomainVerification, type DomainVerificationArgs } from "../resources/domain-verification";
import { SenderIdentity } from "../resources/sender-identity";
import {
  checkArgsForMethod,
  checkClientArgs,
  planClient,
  type ClientDecisionArgs,
  type ClientPlan,
  type ClientProblem,
} from "./client.logic";
import {
  decideSendingMethod,
  type Decision,
  type DecisionNote,
  type DmarcPolicy,
  type SendingMethod,
} from "./decision";
import { lookupDmarcPolicy } from "./dmarc";
import { reportComponentFailure } from "./failures";
import { warnForClient } from "./notices";

export type { ClientDecisionArgs, ClientUserSpec } from "./client.logic";

/** The component's type token: a compatibility promise, like the resources' tokens. */
export const CLIENT_TYPE = "mailersend:index:Client";

/**
 * Arguments of a {@link Client}: the plain decision arguments ({@link ClientDecisionArgs}) plus
 * the ones that may be Outputs.
 */
export interface ClientArgs extends ClientDecisionArgs {
  /** The agency's verified domain, which identities send through. Required for identity clients. */
  agencyDomainId?: pulumi.Input<string>;
  /** The client's token. Domain clients get one scoped to their domain (`email_full` only) unless `create: false`. */
  token?: {
    create?: boolean;
    scopes?: TokenScope[];
    name?: pulumi.Input<string>;
    rotationNonce?: pulumi.Input<string | number>;
    /** Identity clients get no token: it could not be restricted to the identity. Set to accept that. */
    allowForIdentity?: boolean;
  };
  /** Settings of the client's Domain (tracking and so on). */
  domainSettings?: Omit<DomainArgs, "name" | "adopt">;
  /** How to verify the client's new domain (default: one trigger). */
  verification?: Omit<DomainVerificationArgs, "domainId">;
}

/** A failure of the Client's arguments or decision, raised before any resource is created. */
function problemsText(name: string, problems: ClientProblem[]): string {
  return (
    `Client ${name} has invalid arguments:\n` +
    problems.map((p) => `  - ${p.property}: ${p.reason}`).join("\n")
  );
}

/** The codes of a decision's notes: what the component records of its reasons. */
function noteCodes(notes: DecisionNote[]): string[] {
  return notes.map((note) => note.code);
}

/** The decision's attributes without those the program left unset; none for a failed client. */
function setAttributes(
  attributes: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (attributes === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(attributes).filter(([, value]) => value !== UNSET_ATTRIBUTE),
  );
}
/**
 * One agency client, sent for either through its own authenticated domain or through sender
 * identities on the agency's domain. It decides which from the client's attributes (MailerSend's
 * guide "domains vs. sender identities", see `decideSendingMethod`), creates exactly the chosen
 * children, and exports the decision so reviewers see why.
 */
export class Client extends pulumi.ComponentResource {
  /** `domain` or `identity`. */
  declare readonly method: pulumi.Output<SendingMethod>;
  /** Why this method, as `{code, message}`. */
  declare readonly reasons: pulumi.Output<DecisionNote[]>;
  /** Risks to act on (also logged as warnings on the component). */
  declare readonly warnings: pulumi.Output<DecisionNote[]>;
  /** Facts about running this method. */
  declare readonly notes: pulumi.Output<DecisionNote[]>;
  /** The DMARC policy the decision used (after an `auto` lookup). */
  declare readonly dmarcPolicy: pulumi.Output<DmarcPolicy>;
  /** The client's domain id (domain clients). */
  declare readonly domainId: pulumi.Output<string | undefined>;
  /** DNS records to publish for the client's domain (empty for identity clients). */
  declare readonly dnsRecords: pulumi.Output<DnsRecord[]>;
  /** The client's token value (secret), if it has one. */
  declare readonly token: pulumi.Output<string | undefined>;
  /** Whether the client has a token (not secret: the value is). */
  declare readonly hasToken: pulumi.Output<boolean>;
  /** The addresses the client sends from. */
  declare readonly fromAddresses: pulumi.Output<string[]>;
  /** The tag to put on an identity client's emails for per-client activity reports. */
  declare readonly reportingTag: pulumi.Output<string | undefined>;
  /** What needs a human: DNS to publish, confirmation emails to click, invites to accept. */
  declare readonly actions: pulumi.Output<string[]>;
  /** The attributes the decision was made from (what plan-summary compares on a method switch). */
  declare readonly decisionInputs: pulumi.Output<Record<string, string>>;

  /** The children, for wiring (e.g. a DNS provider's records from `domain.dnsRecords`). */
  domain?: Domain;
  /** The `DomainVerification` of the client's domain (domain method only). */
  verification?: DomainVerification;
  /** The client's `ApiToken`, when it gets one. */
  apiToken?: ApiToken;
  /**
   * One `SenderIdentity` per address in `fromAddresses` (identity method only; kept during a move to
   * a domain with `keepIdentitiesUntilVerified`).
   */
  identities: SenderIdentity[] = [];
  /** One `ClientUser` per entry of `users` (domain method only). */
  users: ClientUser[] = [];

  constructor(name: string, args: ClientArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CLIENT_TYPE, name, {}, opts);
    const problems = checkClientArgs({
      ...args,
      hasAgencyDomain: args.agencyDomainId !== undefined,
    });
    const built: Built | undefined | Promise<Built | undefined> =
      problems.length > 0
        ? this.fail(name, problemsText(name, problems))
        : args.dmarcPolicy === "auto"
          ? lookupDmarcPolicy(normaliseDomainName(args.domain), args.dmarcLookup).then((lookup) => {
              if (lookup.warning) pulumi.log.warn(`${name}: ${lookup.warning}`, this);
              return this.build(name, args, lookup.policy);
            })
          : this.build(name, args, args.dmarcPolicy ?? "unknown");
    // A failed client's outputs are empty (the program fails once every client is checked, see
    // failures.ts); lists stay lists, so a program's `apply` over them does not crash meanwhile.
    const value = <T>(pick: (b: Built) => T, failed?: T) =>
      pulumi.output(Promise.resolve(built).then((b) => (b === undefined ? failed : pick(b))));
    this.method = value((b) => b.decision.method) as pulumi.Output<SendingMethod>;
    this.reasons = value((b) => b.decision.reasons, []) as pulumi.Output<DecisionNote[]>;
    this.warnings = value((b) => b.decision.warnings, []) as pulumi.Output<DecisionNote[]>;
    this.notes = value((b) => b.decision.notes, []) as pulumi.Output<DecisionNote[]>;
    this.dmarcPolicy = value((b) => b.dmarcPolicy) as pulumi.Output<DmarcPolicy>;
    this.fromAddresses = pulumi.output(
      (args.fromAddresses ?? []).map((a) => a.trim().toLowerCase()),
    );
    this.reportingTag = value((b) => b.plan.reportingTag) as pulumi.Output<string | undefined>;
    this.domainId = value((b) => b.domainId) as pulumi.Output<string | undefined>;
    this.dnsRecords = value((b) => b.dnsRecords, pulumi.output([] as DnsRecord[])) as pulumi.Output<
      DnsRecord[]
    >;
    this.token = pulumi.secret(value((b) => b.token)) as pulumi.Output<string | undefined>;
    this.hasToken = value((b) => b.plan.token !== undefined, false) as pulumi.Output<boolean>;
    this.actions = value((b) => b.actions, pulumi.output([] as string[])) as pulumi.Output<
      string[]
    >;
    this.decisionInputs = value((b) => decisionAttributes(args, b.dmarcPolicy)) as pulumi.Output<
      Record<string, string>
    >;
    // The state records what `plan-summary` reads of the last decision, and no more: the method,
    // the reasons as codes, the warnings (plan-summary matches the preview's warnings against their
    // text) and the attributes the program set. The engine serializes the whole state after every
    // step, even in a preview, and the file backend writes it, so each recorded property is paid
    // once per step (docs/performance.md); the program has every output in full. Outputs that come
    // from the children (`domainId`, `dnsRecords`, `token`, `actions`) must not be registered here
    // at all: that made this call wait on the children, and after a failed `up` it reached an
    // engine that had shut down ("Channel has been shut down" under the real failure).
    this.registerOutputs({
      method: this.method,
      reasons: this.reasons.apply(noteCodes),
      warnings: this.warnings,
      decisionInputs: this.decisionInputs.apply(setAttributes),
    });
  }

  /** Reports why the client cannot be set up (with every other failing client); creates nothing. */
  private fail(name: string, text: string): undefined {
    reportComponentFailure(`Client ${name}`, text, this);
    return undefined;
  }

  /** Decides, checks and creates the children. Runs synchronously unless DMARC was looked up. */
  private build(name: string, args: ClientArgs, dmarcPolicy: DmarcPolicy): Built | undefined {
    const decision = decideClient(args, dmarcPolicy);
    for (const warning of decision.warnings) warnForClient(name, warning.message, this);
    if (decision.blockers.length > 0) {
      return this.fail(
        name,
        `Client ${name} cannot be set up:\n` +
          decision.blockers.map((b) => `  - [${b.code}] ${b.message}`).join("\n"),
      );
    }
    const input = { ...args, hasAgencyDomain: args.agencyDomainId !== undefined, dmarcPolicy };
    const problems = checkArgsForMethod(input, decision.method);
    if (problems.length > 0) return this.fail(name, problemsText(name, problems));
    const plan = planClient(name, input, decision);
    for (const warning of plan.extraWarnings) pulumi.log.warn(warning, this);
    // For plan-summary, on request only (see provider/facts/decision-line.ts).
    if (pulumi.runtime.isDryRun() && process.env[LOG_DECISIONS_ENV] === "1") {
      void pulumi.log.info(decisionLine(decision, decisionAttributes(args, dmarcPolicy)), this);
    }
    return { decision, dmarcPolicy, plan, ...this.createChildren(name, args, plan) };
  }

  private createChildren(name: string, args: ClientArgs, plan: ClientPlan) {
    const parent = { parent: this };
    let domainId: pulumi.Input<string> | undefined = plan.reuseDomainId;
    if (plan.domain) {
      this.domain = new Domain(
        `${name}-domain`,
        // `adopt` only when set: an input at its default is not recorded (state-defaults.ts).
        {
          ...args.domainSettings,
          name: plan.domain.name,
          ...(plan.domain.adopt ? { adopt: true } : {}),
        },
        parent,
      );
      domainId = this.domain.id;
    }
    if (plan.verification && this.domain) {
      this.verification = new DomainVerification(
        `${name}-verification`,
        { ...args.verification, domainId: this.domain.id },
        parent,
      );
    }
    const displayName = args.displayName ?? name;
    for (const identity of plan.identities) {
      this.identities.push(
        new SenderIdentity(
          `${name}-identity-${identity.key}`,
          { domainId: args.agencyDomainId!, email: identity.email, name: displayName },
          parent,
        ),
      );
    }
    if (plan.token) {
      this.apiToken = new ApiToken(
        `${name}-token`,
        {
          name: args.token?.name ?? `${name} sending`.slice(0, 50),
          scopes: plan.token.scopes as TokenScope[],
          domainId: plan.token.onAgencyDomain ? args.agencyDomainId : domainId,
          rotationNonce: args.token?.rotationNonce,
        },
        parent,
      );
    }
    for (const user of plan.users) {
      this.users.push(
        new ClientUser(
          `${name}-user-${user.key}`,
          {
            email: user.email,
            // Any spelling of a role ("custom user"): the ClientUser's check names a wrong one.
            role: user.role as UserRole,
            permissions: user.permissions,
            domainIds: domainId ? [domainId] : [],
          },
          parent,
        ),
      );
    }
    return {
      domainId: domainId === undefined ? undefined : pulumi.output(domainId),
      dnsRecords: this.domain ? this.domain.dnsRecords : pulumi.output([] as DnsRecord[]),
      token: this.apiToken?.token,
      actions: this.humanActions(plan),
    };
  }

  private humanActions(plan: ClientPlan): pulumi.Output<string[]> {
    const parts: pulumi.Output<string[]>[] = [];
    if (this.domain) {
      const domain = this.domain;
      parts.push(
        pulumi
          .all([domain.name, domain.verified, domain.dnsRecords])
          .apply(([name, verified, records]) =>
            verified
              ? []
              : [
                  `Publish ${records.length} DNS records for ${name} (see dnsRecords), then verify the domain.`,
                ],
          ),
      );
    }
    for (const identity of this.identities) {
      parts.push(
        pulumi
          .all([identity.email, identity.verified])
          .apply(([email, verified]) =>
            verified ? [] : [`${email} must click the confirmation link MailerSend emailed to it.`],
          ),
      );
    }
    for (const user of this.users) {
      parts.push(
        pulumi
          .all([user.email, user.state])
          .apply(([email, state]) =>
            state === "active" ? [] : [`${email} must accept the MailerSend invite.`],
          ),
      );
    }
    if (plan.reportingTag) {
      parts.push(
        pulumi.output([
          `Tag the client's emails with "${plan.reportingTag}" to report its activity.`,
        ]),
      );
    }
    return pulumi.all(parts).apply((lists) => lists.flat());
  }
}

interface Built {
  decision: Decision;
  dmarcPolicy: DmarcPolicy;
  plan: ClientPlan;
  domainId: pulumi.Output<string> | undefined;
  dnsRecords: pulumi.Output<DnsRecord[]>;
  token: pulumi.Output<string> | undefined;
  actions: pulumi.Output<string[]>;
}

/** The decision's attributes as text, by name (unset ones read `unset`). */
export function decisionAttributes(
  args: ClientArgs,
  dmarcPolicy: DmarcPolicy,
): Record<string, string> {
  const text = (value: unknown) => (value === undefined ? UNSET_ATTRIBUTE : String(value));
  return {
    monthlyVolume: text(args.monthlyVolume),
    dnsAccess: text(args.dnsAccess),
    dataIsolation: text(args.dataIsolation),
    clientAccess: text(args.clientAccess),
    domainReputation: text(args.domainReputation),
    dmarcPolicy: text(dmarcPolicy),
    strictDmarcPlanned: text(args.strictDmarcPlanned),
    domainVerified: text(args.domainVerified),
    method: text(args.method),
  };
}

/** `decision: domain (high-volume, dns-access); monthlyVolume=5000, dnsAccess=true, ...` */
export function decisionLine(decision: Decision, attributes: Record<string, string>): string {
  return formatDecisionLine(
    decision.method,
    decision.reasons.map((r) => r.code),
    attributes,
  );
}

/** The decision for a client's arguments (the component's own call to `decideSendingMethod`). */
export function decideClient(args: ClientArgs, dmarcPolicy: DmarcPolicy): Decision {
  return decideSendingMethod(
    {
      monthlyVolume: args.monthlyVolume,
      dnsAccess: args.dnsAccess,
      dataIsolation: args.dataIsolation,
      clientAccess: args.clientAccess,
      domainReputation: args.domainReputation,
      dmarcPolicy,
      strictDmarcPlanned: args.strictDmarcPlanned,
      domainVerified: args.domainVerified,
    },
    { ...args.policy, ...(args.method ? { override: args.method } : {}) },
  );
}
