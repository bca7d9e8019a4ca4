/** Case tables of the plan-limit check (run by limits.test.ts; the dead-code test runs both). */
import { domains, identities, type Case } from "./support";

/** The guide's limits, at both edges. */
export const LIMIT_CASES: Case[] = [
  { name: "Starter, 10 domains: fits", plan: "starter", clients: domains(10) },
  {
    name: "Starter, 11 domains: the 11th is named",
    plan: "starter",
    clients: domains(11),
    errors: ["domain-limit-exceeded"],
    domainsOver: ["d11"],
  },
  { name: "Starter, 50 identities: fits", plan: "starter", clients: identities(50) },
  {
    name: "Starter, 51 identities: the 51st is named",
    plan: "starter",
    clients: identities(51),
    errors: ["identity-limit-exceeded"],
    identitiesOver: ["i51"],
  },
  {
    name: "Starter, both over at once",
    plan: "starter",
    clients: [...domains(12), ...identities(51)],
    errors: ["domain-limit-exceeded", "identity-limit-exceeded"],
    domainsOver: ["d11", "d12"],
    identitiesOver: ["i51"],
  },
  {
    name: "Starter with 2 domain space add-ons: 12 fit",
    plan: { plan: "starter", extraDomains: 2 },
    clients: domains(12),
  },
  {
    name: "Starter with 2 domain space add-ons: the 13th is named",
    plan: { plan: "starter", extraDomains: 2 },
    clients: domains(13),
    errors: ["domain-limit-exceeded"],
    domainsOver: ["d13"],
  },
  {
    name: "domains already in the account count first",
    plan: { plan: "starter", existing: { domains: 9, identities: 50 } },
    clients: [...domains(2), ...identities(1)],
    errors: ["domain-limit-exceeded", "identity-limit-exceeded"],
    domainsOver: ["d2"],
    identitiesOver: ["i1"],
  },
  {
    name: "a client reusing a verified domain needs no slot",
    plan: "starter",
    clients: [...domains(10), { name: "reused", method: "domain", domainsNeeded: 0 }],
  },
  {
    name: "a client with several from-addresses needs one identity each",
    plan: { plan: "starter", existing: { identities: 48 } },
    clients: [{ name: "many", method: "identity", identitiesNeeded: 3 }],
    errors: ["identity-limit-exceeded"],
    identitiesOver: ["many"],
  },
  {
    name: "a client needing nothing is never named, even past the limit",
    plan: "starter",
    clients: [
      ...domains(11),
      { name: "nothing", method: "domain", domainsNeeded: 0 },
      { name: "ident", method: "identity" },
    ],
    errors: ["domain-limit-exceeded"],
    domainsOver: ["d11"],
  },
  {
    name: "Professional: unlimited",
    plan: "professional",
    clients: [...domains(500), ...identities(500)],
  },
  {
    name: "Enterprise: unlimited",
    plan: "enterprise",
    clients: [...domains(500), ...identities(500)],
  },
  {
    name: "Hobby: identities are Starter and above",
    plan: "hobby",
    clients: identities(1),
    errors: ["identity-limit-exceeded"],
    identitiesOver: ["i1"],
  },
  {
    name: "Hobby: domain count undocumented, not checked",
    plan: "hobby",
    clients: domains(3),
    warnings: ["limit-undocumented"],
  },
  {
    name: "Hobby with a known domain count: checked",
    plan: { plan: "hobby", limits: { domains: 1 } },
    clients: domains(2),
    errors: ["domain-limit-exceeded"],
    domainsOver: ["d2"],
  },
  {
    name: "Hobby with no clients: nothing to warn about",
    plan: "hobby",
    clients: [],
  },
  {
    name: "a custom contract lifts the limit",
    plan: { plan: "starter", limits: { domains: "unlimited", identities: 100 } },
    clients: [...domains(40), ...identities(100)],
  },
  {
    name: "a custom contract lowers the limit",
    plan: { plan: "enterprise", limits: { identities: 2 } },
    clients: identities(3),
    errors: ["identity-limit-exceeded"],
    identitiesOver: ["i3"],
  },
  {
    name: "existing objects over the limit do not fail a stack that adds none",
    plan: { plan: "starter", existing: { domains: 30 } },
    clients: identities(2),
  },
];

/** Invalid inputs: an error, never a throw. */
export const INVALID_CASES: Case[] = [
  { name: "an unknown plan", plan: "gold", clients: [], errors: ["invalid-plan"] },
  { name: "a capitalised plan", plan: "Starter", clients: [], errors: ["invalid-plan"] },
  { name: "no plan", plan: undefined, clients: [], errors: ["invalid-plan"] },
  { name: "settings without a plan", plan: {}, clients: [], errors: ["invalid-plan"] },
  {
    name: "a misspelt setting",
    plan: { plan: "starter", extraDomain: 2 },
    clients: [],
    errors: ["invalid-plan-settings"],
  },
  {
    name: "negative add-ons",
    plan: { plan: "starter", extraDomains: -1 },
    clients: [],
    errors: ["invalid-plan-settings"],
  },
  {
    name: "fractional existing count",
    plan: { plan: "starter", existing: { domains: 1.5 } },
    clients: [],
    errors: ["invalid-plan-settings"],
  },
  {
    name: "existing is not an object",
    plan: { plan: "starter", existing: 3 },
    clients: [],
    errors: ["invalid-plan-settings"],
  },
  {
    name: "a misspelt limit",
    plan: { plan: "starter", limits: { domain: 3 } },
    clients: [],
    errors: ["invalid-plan-settings"],
  },
  {
    name: "a limit that is not a count",
    plan: { plan: "starter", limits: { identities: "lots" } },
    clients: [],
    errors: ["invalid-plan-settings"],
  },
  {
    name: "add-ons and a domain limit together",
    plan: { plan: "starter", extraDomains: 2, limits: { domains: 20 } },
    clients: [],
    errors: ["invalid-plan-settings"],
  },
  { name: "clients not an array", plan: "starter", clients: {}, errors: ["invalid-client"] },
  {
    name: "a client that is not an object",
    plan: "starter",
    clients: [null],
    errors: ["invalid-client"],
  },
  {
    name: "a client without a name",
    plan: "starter",
    clients: [{ method: "domain" }],
    errors: ["invalid-client"],
  },
  {
    name: "a client with an unknown method",
    plan: "starter",
    clients: [{ name: "a", method: "smtp" }],
    errors: ["invalid-client"],
  },
  {
    name: "an identity client creating a domain",
    plan: "starter",
    clients: [{ name: "a", method: "identity", domainsNeeded: 1 }],
    errors: ["invalid-client"],
  },
  {
    name: "a domain client creating two domains",
    plan: "starter",
    clients: [{ name: "a", method: "domain", domainsNeeded: 2 }],
    errors: ["invalid-client"],
  },
  {
    name: "a negative count",
    plan: "starter",
    clients: [{ name: "a", method: "identity", identitiesNeeded: -1 }],
    errors: ["invalid-client"],
  },
  {
    name: "a misspelt client field",
    plan: "starter",
    clients: [{ name: "a", method: "domain", domainNeeded: 0 }],
    errors: ["invalid-client"],
  },
  {
    name: "two clients with one name",
    plan: "starter",
    clients: [
      { name: "a", method: "domain" },
      { name: "a", method: "identity" },
    ],
    errors: ["invalid-client"],
  },
  {
    name: "invalid clients are left out of the count",
    plan: "starter",
    clients: [...domains(10), { name: "bad", method: "domain", domainsNeeded: 7 }],
    errors: ["invalid-client"],
  },
];
