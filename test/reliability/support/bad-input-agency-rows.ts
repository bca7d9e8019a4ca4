/** The bad-input matrix: the Agency's rows (bad-input.component.test.ts). */
import { agency, child, component, invalidArgs, type Row } from "./bad-input";

export const AGENCY_ROWS: Row[] = [
  {
    name: "plan: missing",
    build: agency({ plan: undefined }),
    expected: component(/\[invalid-plan\] The plan must be one of .*; got nothing/),
  },
  {
    name: "plan: wrong type",
    build: agency({ plan: 3 }),
    expected: component(/\[invalid-plan\] The plan must be one of .*; got 3/),
  },
  {
    name: "plan: bad value",
    build: agency({ plan: "gold" }),
    expected: component(/\[invalid-plan\] The plan must be one of .*; got "gold"/),
  },
  {
    name: "extraDomains: negative",
    build: agency({ extraDomains: -1 }),
    expected: component(/\[invalid-plan-settings\] extraDomains must be a whole number/),
  },
  {
    name: "extraDomains: wrong type",
    build: agency({ extraDomains: "2" }),
    expected: component(/\[invalid-plan-settings\] extraDomains must be a whole number/),
  },
  {
    name: "existing: wrong type",
    build: agency({ existing: "x" }),
    expected: component(/\[invalid-plan-settings\] existing must be an object/),
  },
  {
    name: "existing.domains: negative",
    build: agency({ existing: { domains: -3 } }),
    expected: component(/\[invalid-plan-settings\] existing\.domains must be a whole number/),
  },
  {
    name: "policy.withinBand: bad value",
    build: agency({ policy: { withinBand: "both" } }),
    expected: component(/policy\.withinBand must be "domain" or "identity"; got "both"/),
  },
  {
    name: "clients: a client's argument",
    build: agency({ clients: { a: { domain: "x", monthlyVolume: 10 } } }),
    expected: component(invalidArgs('domain: .*got "x"')),
  },
  {
    name: "clients: an empty name",
    build: agency({
      clients: { "": { domain: "acme.test", monthlyVolume: 40_000, dnsAccess: true } },
    }),
    expected: component(
      /\[invalid-client\] Client 1 is invalid: its name must be a non-empty string/,
    ),
  },
  {
    name: "clients: more domains than the plan allows",
    build: agency({
      clients: Object.fromEntries(
        Array.from({ length: 11 }, (_, i) => [
          `c${i}`,
          { domain: `c${i}.test`, monthlyVolume: 40_000, dnsAccess: true },
        ]),
      ),
    }),
    expected: component(
      /\[domain-limit-exceeded\] The Starter plan allows 10 domains.*Over the limit: c10/,
    ),
  },
  {
    name: "domainId: wrong type",
    build: agency({
      domainId: 5,
      clients: { a: { domain: "shop.test", fromAddresses: ["hi@shop.test"], monthlyVolume: 10 } },
    }),
    expected: child("SenderIdentity", "domainId"),
  },
  {
    name: "clients: missing",
    build: agency({ clients: undefined }),
    expected: component(/clients/),
  },
  {
    name: "clients: two with one domain",
    build: agency({
      clients: {
        a: { domain: "acme.test", monthlyVolume: 40_000, dnsAccess: true },
        b: { domain: "acme.test", monthlyVolume: 40_000, dnsAccess: true },
      },
    }),
    expected: component(/acme\.test/),
  },
  {
    name: "clients: one address in two identity clients",
    build: agency({
      domainId: "agencydomain0001",
      clients: {
        a: { domain: "shop.test", fromAddresses: ["hi@shop.test"], monthlyVolume: 10 },
        b: { domain: "shop.test", fromAddresses: ["hi@shop.test"], monthlyVolume: 10 },
      },
    }),
    expected: component(/hi@shop\.test/),
  },
  {
    name: "an unknown argument",
    build: agency({ clientz: {} }),
    expected: component(/clientz/),
  },
];
