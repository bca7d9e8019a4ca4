import { formatTimestamp } from "../clock";
import { uniqueId, type EmulatorContext } from "../context";
import { runDnsCheck } from "../dns";
import { fieldError } from "../errors";
import { domainAllowance, planFacts } from "../plans";
import type { DomainChecks, DomainRecord, DomainSettings } from "../state";
import {
  alphaNumeric,
  isBoolean,
  isString,
  maxLength,
  required,
  satisfies,
  toBoolean,
  Validation,
} from "../validation";
import { asObject, countOf } from "./input";

/** [REC] docs/mailersend-api.md §3.2: the server defaults of a new domain (2025 recording). */
export function defaultDomainSettings(): DomainSettings {
  return {
    send_paused: false,
    track_clicks: true,
    track_opens: true,
    track_opens_pixel_on_top: false,
    track_unsubscribe: false,
    track_unsubscribe_html: '<p>Click here to <a href="{{unsubscribe}}">unsubscribe</a></p>',
    track_unsubscribe_html_enabled: false,
    track_unsubscribe_plain: "Click here to unsubscribe: {{unsubscribe}}",
    track_unsubscribe_plain_enabled: false,
    track_content: false,
    custom_tracking_enabled: false,
    custom_tracking_subdomain: "email",
    return_path_subdomain: "mta",
    inbound_routing_enabled: false,
    inbound_routing_subdomain: "inbound",
    precedence_bulk: false,
    ignore_duplicated_recipients: false,
    show_dmarc: false,
  };
}

/** Letters, digits and inner hyphens per label; at least two labels; an alphabetic (or IDN) TLD. */
const DOMAIN_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const SUBDOMAIN_FIELDS = [
  "return_path_subdomain",
  "custom_tracking_subdomain",
  "inbound_routing_subdomain",
] as const;

/** `POST /domains` (docs/mailersend-api.md §3.2). */
export function createDomain(ctx: EmulatorContext, body: unknown): DomainRecord {
  const input = asObject(body);
  const { domains } = ctx.store.state;
  const validation = new Validation();
  validation.check("name", input.name, [
    required,
    isString,
    // [INF] docs/mailersend-api.md §3.2 "Must be unique and lowercase": Laravel's `lowercase` rule wording.
    satisfies(
      (name) => name === (name as string).toLowerCase(),
      "The name field must be lowercase.",
    ),
    // [INF] wording; the docs only say the name must be a valid, resolvable domain.
    satisfies(
      (name) => DOMAIN_NAME.test(name as string),
      "The name field must be a valid domain name.",
    ),
    // [INF] "resolvable": the emulator has no DNS, so only the reserved `.invalid` TLD (RFC 2606)
    // fails, giving tests a way to provoke the error.
    satisfies(
      (name) => !(name as string).endsWith(".invalid"),
      "The name field must be a resolvable domain name.",
    ),
    // [INF] docs/mailersend-api.md §3.2 wording (Laravel `unique`); names are unique across all MailerSend accounts.
    satisfies(
      (name) =>
        !domains.some((domain) => domain.name === name) &&
        !ctx.options.foreignDomains.includes(name as string),
      "The name has already been taken.",
    ),
  ]);
  // [INF] docs/mailersend-api.md §3.2 "Must be alphanumeric" -> Laravel `alpha_num`. An empty string counts as absent
  // (Laravel's ConvertEmptyStringsToNull), so the default applies. Max 63: one DNS label.
  for (const field of SUBDOMAIN_FIELDS) {
    const value = input[field] === "" ? undefined : input[field];
    validation.check(field, value, [isString, alphaNumeric, maxLength(63)], { optional: true });
  }
  validation.finish();

  const allowance = domainAllowance(ctx.options.plan, ctx.options.extraDomainSlots);
  if (domains.length >= allowance) {
    // [INF] docs/mailersend-api.md §2.4: the real limit error was never observed. A 422 on `name` so clients that map field
    // errors to inputs show it next to the domain.
    throw fieldError(
      "name",
      `The ${planFacts(ctx.options.plan).label} plan allows up to ${countOf(allowance, "domain")}. ` +
        "Delete a domain, add domain spaces or upgrade your plan to add more.",
    );
  }

  const now = formatTimestamp(ctx.now());
  const settings = defaultDomainSettings();
  for (const field of SUBDOMAIN_FIELDS) {
    const value = input[field];
    if (typeof value === "string" && value !== "") settings[field] = value;
  }
  const domain: DomainRecord = {
    id: uniqueId(ctx.ids.resourceId, domains),
    name: input.name as string,
    settings,
    checks: null,
    isVerified: false,
    publishedRecords: [],
    createdAt: now,
    updatedAt: now,
  };
  return ctx.store.mutate((state) => {
    state.domains.push(domain);
    return domain;
  });
}

type SettingKind = "boolean" | "string" | "subdomain";

/**
 * [SDK] docs/mailersend-api.md §3.4: the writable settings. Other keys (read-only ones such as `return_path_subdomain`, and
 * unknown ones) are ignored, as Laravel ignores unvalidated input ([INF]: no 422 was observed for them).
 */
const WRITABLE_SETTINGS: Readonly<Record<string, SettingKind>> = {
  send_paused: "boolean",
  track_clicks: "boolean",
  track_opens: "boolean",
  track_unsubscribe: "boolean",
  track_unsubscribe_html: "string",
  track_unsubscribe_html_enabled: "boolean",
  track_unsubscribe_plain: "string",
  track_unsubscribe_plain_enabled: "boolean",
  track_content: "boolean",
  custom_tracking_enabled: "boolean",
  custom_tracking_subdomain: "subdomain",
  precedence_bulk: "boolean",
  ignore_duplicated_recipients: "boolean",
};

/** `PUT /domains/{id}/settings`: partial update, only keys sent change [REC]; `updated_at` moves [REC]. */
export function updateDomainSettings(
  ctx: EmulatorContext,
  domain: DomainRecord,
  body: unknown,
): DomainRecord {
  const input = asObject(body);
  const validation = new Validation();
  const changes: Partial<Record<keyof DomainSettings, unknown>> = {};
  for (const [key, kind] of Object.entries(WRITABLE_SETTINGS)) {
    if (!(key in input)) continue;
    const value = input[key];
    const rules =
      kind === "boolean"
        ? [isBoolean]
        : kind === "string"
          ? // [INF] the unsubscribe texts' length limit is undocumented; 5000 is generous.
            [required, isString, maxLength(5000)]
          : [required, isString, alphaNumeric, maxLength(63)];
    if (validation.check(key, value, rules)) {
      changes[key as keyof DomainSettings] = kind === "boolean" ? toBoolean(value) : value;
    }
  }
  validation.finish();
  return ctx.store.mutate(() => {
    Object.assign(domain.settings, changes);
    domain.updatedAt = formatTimestamp(ctx.now());
    return domain;
  });
}

/**
 * `DELETE /domains/{id}`. Cascades: the domain's sender identities go with it; tokens bound to it
 * are deleted or unbound per `tokensOnDomainDelete` ([INF], undocumented); users and invites lose
 * access to it.
 */
export function deleteDomain(ctx: EmulatorContext, domain: DomainRecord): void {
  ctx.store.mutate((state) => {
    state.domains = state.domains.filter((d) => d.id !== domain.id);
    state.identities = state.identities.filter((identity) => identity.domainId !== domain.id);
    if (ctx.options.tokensOnDomainDelete === "delete") {
      state.tokens = state.tokens.filter((token) => token.domainId !== domain.id);
    } else {
      for (const token of state.tokens) if (token.domainId === domain.id) token.domainId = null;
    }
    for (const member of [...state.users, ...state.invites]) {
      member.domains = member.domains.filter((id) => id !== domain.id);
    }
  });
}

/** Runs the simulated DNS check and persists the result (GET /verify, admin door). */
export function checkDomainDns(ctx: EmulatorContext, domain: DomainRecord): DomainChecks {
  return ctx.store.mutate(() => runDnsCheck(domain, ctx.now()));
}
