import { describe, expect, it } from "vitest";
import { INVALID_CASES, LIMIT_CASES } from "./cases";
import { check, domains, expectCase, identities, rows } from "./support";

describe("the guide's limits, at both edges", () => {
  it.each(rows(LIMIT_CASES))("%s", (_name, c) => expectCase(c));
});

describe("messages name the clients over the limit", () => {
  it("domains, with add-ons and existing domains", () => {
    const r = check({ plan: "starter", extraDomains: 2, existing: { domains: 3 } }, [
      ...domains(9),
      { name: "acme", method: "domain" },
      { name: "beta", method: "domain" },
    ]);
    expect(r.errors).toEqual([
      {
        code: "domain-limit-exceeded",
        message:
          "The Starter plan allows 12 domains (10 plus 2 from domain space add-ons), but 14 are needed: 3 already in the account outside this stack and 11 for this stack's clients, 2 too many. Over the limit: acme (the 13th domain) and beta (the 14th domain). Reuse domains already verified in the account (domainsNeeded: 0), buy domain space add-ons (extraDomains), send some clients through sender identities, or move to the Professional plan (unlimited domains).",
      },
    ]);
    expect(r.usage.domains).toEqual({
      limit: 12,
      existing: 3,
      stack: 11,
      total: 14,
      over: 2,
      overClients: ["acme", "beta"],
    });
  });

  it("identities, a client partly over", () => {
    const r = check("starter", [
      ...identities(48),
      { name: "acme", method: "identity", identitiesNeeded: 3 },
      { name: "beta", method: "identity" },
    ]);
    expect(r.errors).toEqual([
      {
        code: "identity-limit-exceeded",
        message:
          "The Starter plan allows 50 sender identities, but this stack's clients need 52 sender identities, 2 too many. Over the limit: acme (the 51st sender identity) and beta (the 52nd sender identity). Give clients with several from-addresses a domain instead (it sends from any address on it), remove sender identities no longer used, or move to the Professional plan (unlimited sender identities).",
      },
    ]);
    expect(r.usage.identities.over).toBe(2);
  });

  it("a client with several objects over", () => {
    const r = check({ plan: "starter", existing: { identities: 50 } }, [
      { name: "acme", method: "identity", identitiesNeeded: 3 },
    ]);
    expect(r.errors[0].message).toContain(
      "but 53 are needed: 50 already in the account outside this stack and 3 for this stack's clients, 3 too many. Over the limit: acme (the 51st to 53rd sender identities).",
    );
  });

  it("Hobby, and limits given by hand", () => {
    expect(check("hobby", identities(1)).errors[0].message).toMatch(
      /^The Hobby plan allows 0 sender identities \(they need Starter or above\), but this stack's clients need 1 sender identity, 1 too many\. Over the limit: i1 \(the 1st sender identity\)\./,
    );
    expect(check("hobby", domains(2)).warnings).toEqual([
      {
        code: "limit-undocumented",
        message:
          "MailerSend does not document how many domains the Hobby plan allows, so the 2 domains this stack needs are not checked; set limits.domains to check them.",
      },
    ]);
    expect(check({ plan: "hobby", limits: { domains: 1 } }, domains(2)).errors[0].message).toMatch(
      /^This account allows 1 domain \(limits\.domains\), but this stack's clients need 2 domains, 1 too many\. Over the limit: d2 \(the 2nd domain\)\./,
    );
  });

  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [22, "22nd"],
    [101, "101st"],
    [111, "111th"],
    [112, "112th"],
  ])("ordinal of the %ith object: %s", (n, word) => {
    const r = check({ plan: "starter", limits: { domains: n - 1 } }, domains(n));
    expect(r.errors[0].message).toContain(`d${n} (the ${word} domain)`);
  });
});

describe("invalid inputs: an error, never a throw", () => {
  it.each(rows(INVALID_CASES))("%s", (_name, c) => expectCase(c));

  it.each([
    [
      "gold",
      [],
      "invalid-plan",
      'The plan must be one of "hobby", "starter", "professional" or "enterprise"; got "gold".',
    ],
    [
      { plan: "starter", extraDomain: 2 },
      [],
      "invalid-plan-settings",
      'The plan settings have no field "extraDomain"; the fields are plan, extraDomains, existing and limits.',
    ],
    [
      { plan: "starter", extraDomains: 2, limits: { domains: 20 } },
      [],
      "invalid-plan-settings",
      "Set either extraDomains (2) or limits.domains (20), not both: limits.domains is the whole allowance, add-ons included. limits.domains is used.",
    ],
    [
      "starter",
      [{ name: "a", method: "identity", domainsNeeded: 1 }],
      "invalid-client",
      'Client "a" is invalid: a sender identity client creates no domain, so domainsNeeded must be 0, got 1. It is left out of the count.',
    ],
    [
      "starter",
      [{ name: "", method: "smtp", domainsNeeded: 2 }],
      "invalid-client",
      'Client 1 is invalid: its name must be a non-empty string, got ""; its method must be "domain" or "identity", got "smtp"; a client creates at most one domain, so domainsNeeded must be 0 or 1, got 2. It is left out of the count.',
    ],
    [
      "starter",
      [
        { name: "a", method: "domain" },
        { name: "a", method: "domain" },
      ],
      "invalid-client",
      'Client "a" is invalid: its name is used by an earlier client. It is left out of the count.',
    ],
  ])("message for %j and %j: %s", (plan, clients, code, message) => {
    expect(check(plan, clients).errors).toEqual([{ code, message }]);
  });
});
