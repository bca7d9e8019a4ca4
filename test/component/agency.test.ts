/** The Agency, and the warnings several Clients share, under Pulumi's mocks (harness: support.ts). */
import { beforeEach, describe, expect, it } from "vitest";
import {
  DOMAIN,
  IDENTITY,
  VERIFICATION,
  mailersend,
  mockPulumi,
  settledOf,
  value,
  type Registration,
} from "./support";

let registrations: Registration[] = [];
mockPulumi((registration) => registrations.push(registration));
const settled = () => settledOf(() => registrations);
beforeEach(async () => {
  await settled(); // nothing from the previous test may leak into this one
  registrations = [];
});

describe("warnings several clients share", () => {
  const SHARED =
    "The client's mail is sent through the agency's authenticated domain, so its bounces and spam complaints affect that domain's reputation and every other client sending from it: audit the client's sending practices, oversee the emails it will send and monitor their performance.";

  /** The warnings logged while `build` runs and its turn ends (Pulumi's mock prints them). */
  async function warningsOf(build: () => void): Promise<string[]> {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...parts: unknown[]) => {
      const text = parts.map(String).join(" ");
      if (text.startsWith("warning: [runtime] ")) warnings.push(text.slice(19));
      else original(...parts);
    };
    try {
      build();
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      console.warn = original;
    }
    return warnings;
  }

  const identityClient = (name: string) =>
    new mailersend.Client(name, {
      domain: `${name}.test`,
      fromAddresses: [`hello@${name}.test`],
      monthlyVolume: 300,
      dmarcPolicy: "none",
      agencyDomainId: "agency-domain-id",
    });

  it("one client: logged on it, with its name", async () => {
    expect(await warningsOf(() => identityClient("solo"))).toEqual([`solo: ${SHARED}`]);
  });

  it("three clients declared together: logged once, naming them", async () => {
    const warnings = await warningsOf(() => {
      identityClient("a");
      identityClient("b");
      identityClient("c");
    });
    expect(warnings).toEqual([`${SHARED} (3 clients: a, b, c)`]);
  });
});

describe("Agency", () => {
  const clients = (count: number) =>
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        `client${i + 1}`,
        {
          domain: `client${i + 1}.test`,
          monthlyVolume: 50_000,
          dnsAccess: true,
          token: { create: false },
        },
      ]),
    );

  it("creates each client under the agency and passes the agency domain to identities", async () => {
    const agency = new mailersend.Agency("agency", {
      plan: "starter",
      domainId: "agency-domain-id",
      clients: {
        big: {
          domain: "big.test",
          monthlyVolume: 50_000,
          dnsAccess: true,
          token: { create: false },
        },
        small: {
          domain: "small.test",
          fromAddresses: ["hi@small.test"],
          monthlyVolume: 100,
          dmarcPolicy: "none",
        },
      },
    });
    expect(await value(agency.methods)).toEqual({ big: "domain", small: "identity" });
    expect((await settled()).map((r) => [r.type, r.name])).toEqual([
      ["mailersend:index:Agency", "agency"],
      ["mailersend:index:Client", "big"],
      [DOMAIN, "big-domain"],
      [VERIFICATION, "big-verification"],
      ["mailersend:index:Client", "small"],
      [IDENTITY, "small-identity-hi-at-small-test"],
    ]);
    expect(await value(agency.clients.small.urn)).toBe(
      "urn:pulumi:dev::agency-project::mailersend:index:Agency$mailersend:index:Client::small",
    );
    expect(registrations.find((r) => r.type === IDENTITY)?.inputs.domainId).toBe(
      "agency-domain-id",
    );
  });

  it("fails before creating any client when the plan cannot hold them all, naming the clients over", async () => {
    expect(
      () => new mailersend.Agency("agency", { plan: "starter", clients: clients(12) }),
    ).toThrow(
      /^Agency agency: the clients do not fit the MailerSend plan:\n {2}- \[domain-limit-exceeded\] .*Over the limit: client11 \(the 11th domain\) and client12 \(the 12th domain\)/,
    );
    expect((await settled()).map((r) => r.type)).toEqual(["mailersend:index:Agency"]);
  });

  it("counts domains already in the account and add-on domain spaces", () => {
    expect(
      () => new mailersend.Agency("a", { plan: "starter", extraDomains: 2, clients: clients(12) }),
    ).not.toThrow();
    registrations = [];
    expect(
      () =>
        new mailersend.Agency("b", {
          plan: "starter",
          existing: { domains: 9 },
          clients: clients(2),
        }),
    ).toThrow(/Over the limit: client2 \(the 11th domain\)/);
  });
});
