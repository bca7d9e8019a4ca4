/** The Client component under Pulumi's mocks (the harness is test/component/support.ts). */
import { beforeEach, describe, expect, it } from "vitest";
import { componentFailures } from "../support/component-failures";
import {
  DOMAIN,
  IDENTITY,
  OUTPUTS_BY_TYPE,
  TOKEN,
  USER,
  VERIFICATION,
  byName,
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

/** The blocker of a client that cannot publish DNS records but whose domain has p=reject. */
const STRICT_BLOCKER =
  "Client strict cannot be set up:\n" +
  "  - [domain-needs-dns-access] A domain cannot be verified: its SPF and DKIM records must be published in the client's DNS, and no one can change the client's DNS records now (dnsAccess: false). Get DNS access, for the agency or the client, and set dnsAccess to true.\n" +
  "  - [identity-blocked-by-dmarc-reject] A sender identity cannot be used: the client's domain publishes p=reject, and identity mail is sent through the agency's domain without SPF or DKIM alignment with the client's domain, so receivers may reject it.";

describe("Client", () => {
  it("a low-volume client gets one sender identity per address on the agency domain, nothing else", async () => {
    const client = new mailersend.Client("bakery", {
      domain: "bakery.test",
      fromAddresses: ["orders@bakery.test", "News@Bakery.test"],
      displayName: "The Bakery",
      monthlyVolume: 300,
      dmarcPolicy: "none",
      agencyDomainId: "agency-domain-id",
    });
    expect(await value(client.method)).toBe("identity");
    expect(await settled()).toEqual(
      byName([
        { type: "mailersend:index:Client", name: "bakery", inputs: {} },
        {
          type: IDENTITY,
          name: "bakery-identity-orders-at-bakery-test",
          inputs: { domainId: "agency-domain-id", email: "orders@bakery.test", name: "The Bakery" },
        },
        {
          type: IDENTITY,
          name: "bakery-identity-news-at-bakery-test",
          inputs: { domainId: "agency-domain-id", email: "news@bakery.test", name: "The Bakery" },
        },
      ]),
    );
    expect(await value(client.identities[0].urn)).toBe(
      "urn:pulumi:dev::agency-project::mailersend:index:Client$pulumi-nodejs:dynamic/mailersend:SenderIdentity::bakery-identity-orders-at-bakery-test",
    );
    expect((await value(client.reasons)).map((r) => r.code)).toEqual(["low-volume"]);
    expect((await value(client.warnings)).map((w) => w.code)).toEqual(["shared-reputation"]);
    expect(await value(client.reportingTag)).toBe("client-bakery");
    expect(await value(client.token)).toBeUndefined();
    expect(await value(client.dnsRecords)).toEqual([]);
    expect(await value(client.actions)).toEqual([
      "orders@bakery.test must click the confirmation link MailerSend emailed to it.",
      "news@bakery.test must click the confirmation link MailerSend emailed to it.",
      'Tag the client\'s emails with "client-bakery" to report its activity.',
    ]);
  });

  it("an address on another domain becomes an identity only when named in foreignFromAddresses", async () => {
    new mailersend.Client("bakery", {
      domain: "bakery.test",
      fromAddresses: ["orders@bakery.test", "bakery@partner.test"],
      foreignFromAddresses: ["Bakery@Partner.test"],
      monthlyVolume: 300,
      dmarcPolicy: "none",
      agencyDomainId: "agency-domain-id",
    });
    const identities = (await settled()).filter((r) => r.type === IDENTITY);
    expect(identities.map((r) => r.inputs.email).sort()).toEqual([
      "bakery@partner.test",
      "orders@bakery.test",
    ]);
  });

  it('accepts "Acme.example." as Domain does, and creates the domain acme.example', async () => {
    new mailersend.Client("acme", {
      domain: "Acme.example.",
      fromAddresses: ["news@acme.example"],
      monthlyVolume: 45_000,
      dnsAccess: true,
      dataIsolation: true,
      dmarcPolicy: "none",
    });
    const domains = (await settled()).filter((r) => r.type.endsWith(":Domain"));
    expect(domains.map((r) => r.inputs.name)).toEqual(["acme.example"]);
  });

  it("a high-volume client with DNS access gets a domain, its verification, a scoped token and its users", async () => {
    const client = new mailersend.Client("acme", {
      domain: "acme.test",
      fromAddresses: ["news@acme.test"],
      monthlyVolume: 45_000,
      dnsAccess: true,
      clientAccess: true,
      dmarcPolicy: "quarantine",
      users: [{ email: "Owner@Acme.test" }, { email: "cfo@acme.test", role: "Accountant" }],
      domainSettings: { trackOpens: false },
      verification: { mode: "wait", timeoutSeconds: 60 },
    });
    expect(await value(client.method)).toBe("domain");
    expect(await settled()).toEqual(
      byName([
        { type: "mailersend:index:Client", name: "acme", inputs: {} },
        {
          type: DOMAIN,
          name: "acme-domain",
          inputs: { trackOpens: false, name: "acme.test" },
        },
        {
          type: VERIFICATION,
          name: "acme-verification",
          inputs: { mode: "wait", timeoutSeconds: 60, domainId: "acme-domain-id" },
        },
        {
          type: TOKEN,
          name: "acme-token",
          inputs: { name: "acme sending", scopes: ["email_full"], domainId: "acme-domain-id" },
        },
        {
          type: USER,
          name: "acme-user-owner-at-acme-test",
          inputs: {
            email: "owner@acme.test",
            role: "Custom User",
            permissions: ["read-activity", "read-analytics"],
            domainIds: ["acme-domain-id"],
          },
        },
        {
          type: USER,
          name: "acme-user-cfo-at-acme-test",
          inputs: {
            email: "cfo@acme.test",
            role: "Accountant",
            permissions: [],
            domainIds: ["acme-domain-id"],
          },
        },
      ]),
    );
    expect((await value(client.reasons)).map((r) => r.code)).toEqual([
      "client-access",
      "high-volume",
    ]);
    expect(await value(client.domainId)).toBe("acme-domain-id");
    expect(await value(client.token)).toBe("mlsn.mocked");
    expect(await value(client.dnsRecords)).toEqual(OUTPUTS_BY_TYPE[DOMAIN].dnsRecords);
    expect(await value(client.actions)).toEqual([
      "Publish 1 DNS records for acme.test (see dnsRecords), then verify the domain.",
      "owner@acme.test must accept the MailerSend invite.",
      "cfo@acme.test must accept the MailerSend invite.",
    ]);
  });

  it("reuses a domain already verified in the account: by id, or by adopting it; never a second one", async () => {
    const byId = new mailersend.Client("reuse", {
      domain: "reuse.test",
      monthlyVolume: 100,
      domainVerified: true,
      existingDomainId: "existing-id",
    });
    expect(await value(byId.method)).toBe("domain");
    expect((await settled()).map((r) => [r.type, r.name, r.inputs])).toEqual([
      ["mailersend:index:Client", "reuse", {}],
      [
        TOKEN,
        "reuse-token",
        { name: "reuse sending", scopes: ["email_full"], domainId: "existing-id" },
      ],
    ]);
    registrations = [];
    const adopted = new mailersend.Client("adopt", {
      domain: "adopt.test",
      monthlyVolume: 100,
      domainVerified: true,
    });
    await value(adopted.method);
    expect((await settled()).map((r) => [r.type, r.name, r.inputs])).toEqual([
      ["mailersend:index:Client", "adopt", {}],
      [DOMAIN, "adopt-domain", { name: "adopt.test", adopt: true }],
      [
        TOKEN,
        "adopt-token",
        { name: "adopt sending", scopes: ["email_full"], domainId: "adopt-domain-id" },
      ],
    ]);
    expect((await value(adopted.reasons)).map((r) => r.code)).toEqual(["domain-already-verified"]);
  });

  it("passes deleteAdoptedOnDestroy in domainSettings to its adopted Domain", async () => {
    const client = new mailersend.Client("owned", {
      domain: "owned.test",
      monthlyVolume: 100,
      domainVerified: true,
      domainSettings: { deleteAdoptedOnDestroy: true },
    });
    await value(client.method);
    expect((await settled()).find((r) => r.type === DOMAIN)?.inputs).toEqual({
      name: "owned.test",
      adopt: true,
      deleteAdoptedOnDestroy: true,
    });
  });

  it("keeps the identities while moving to a domain, until the domain is verified", async () => {
    const client = new mailersend.Client("growing", {
      domain: "growing.test",
      fromAddresses: ["hello@growing.test"],
      monthlyVolume: 9000,
      dnsAccess: true,
      agencyDomainId: "agency-domain-id",
      keepIdentitiesUntilVerified: true,
    });
    await value(client.method);
    expect((await settled()).map((r) => r.name)).toEqual(
      byName([
        "growing",
        "growing-domain",
        "growing-verification",
        "growing-identity-hello-at-growing-test",
        "growing-token",
      ]),
    );
  });

  it("gives an identity client a token only when asked, on the agency domain", async () => {
    const client = new mailersend.Client("small", {
      domain: "small.test",
      fromAddresses: ["hi@small.test"],
      monthlyVolume: 10,
      dmarcPolicy: "none",
      agencyDomainId: "agency-domain-id",
      token: { allowForIdentity: true, scopes: ["email_full"] },
    });
    await value(client.method);
    expect((await settled()).find((r) => r.type === TOKEN)).toEqual({
      type: TOKEN,
      name: "small-token",
      inputs: { name: "small sending", scopes: ["email_full"], domainId: "agency-domain-id" },
    });
  });

  it("an explicit method is recorded as a reason", async () => {
    const client = new mailersend.Client("forced", {
      domain: "forced.test",
      fromAddresses: ["a@forced.test"],
      monthlyVolume: 10,
      dnsAccess: true,
      dmarcPolicy: "none",
      method: "domain",
    });
    expect(await value(client.method)).toBe("domain");
    expect((await value(client.reasons))[0].code).toBe("method-override");
    expect((await value(client.warnings)).map((w) => w.code)).toContain(
      "override-against-recommendation",
    );
  });

  it("reports the blocker on the client, without a stack, and creates nothing", async () => {
    const failure = await componentFailures(
      () =>
        new mailersend.Client("strict", {
          domain: "strict.test",
          fromAddresses: ["a@strict.test"],
          monthlyVolume: 10,
          dmarcPolicy: "reject",
          agencyDomainId: "agency-domain-id",
        }),
    );
    expect(failure).toEqual({
      errors: [STRICT_BLOCKER],
      summary:
        "The program stopped: 1 component cannot be set up (Client strict); its error is shown " +
        "on it above, and nothing was created for it.",
    });
    expect((await settled()).map((r) => r.type)).toEqual(["mailersend:index:Client"]);
  });

  it("reports every failing client at once, then fails the program once", async () => {
    const failure = await componentFailures(() => {
      new mailersend.Client("strict", {
        domain: "strict.test",
        fromAddresses: ["a@strict.test"],
        monthlyVolume: 10,
        dmarcPolicy: "reject",
        agencyDomainId: "agency-domain-id",
      });
      new mailersend.Client("fine", {
        domain: "fine.test",
        monthlyVolume: 50_000,
        dnsAccess: true,
        dmarcPolicy: "none",
        token: { create: false },
      });
      new mailersend.Client("lonely", {
        domain: "lonely.test",
        fromAddresses: ["me@gmail.com"],
        monthlyVolume: 10,
        dmarcPolicy: "none",
      });
    });
    expect(failure).toEqual({
      errors: [
        STRICT_BLOCKER,
        "Client lonely has invalid arguments:\n" +
          "  - fromAddresses[0]: is on a free email provider (gmail.com); MailerSend allows sender identities only on custom domains\n" +
          "  - agencyDomainId: is required for a sender identity client: identities send through the agency's verified domain",
      ],
      summary:
        "The program stopped: 2 components cannot be set up (Client strict and Client lonely); " +
        "each one's error is shown on it above, and nothing was created for them.",
    });
    // The healthy client between them is still declared, and its children with it.
    expect((await settled()).map((r) => r.name)).toEqual([
      "fine",
      "fine-domain",
      "fine-verification",
      "lonely",
      "strict",
    ]);
  });

  it("names every bad argument at once, before creating anything", async () => {
    const failure = await componentFailures(
      () =>
        new mailersend.Client("broken", {
          domain: "not a domain",
          fromAddresses: ["ok@x.test", "nope", "ok@x.test"],
          monthlyVolume: 10,
          existingDomainId: "x",
          users: [{ email: "" }],
          dmarcPolicy: "maybe" as never,
        }),
    );
    expect(failure.errors).toEqual([
      "Client broken has invalid arguments:\n" +
        '  - domain: must be the client\'s domain name, such as acme.com; got "not a domain"\n' +
        '  - fromAddresses[1]: must be an email address such as news@acme.com; got "nope"\n' +
        "  - fromAddresses[2]: repeats ok@x.test\n" +
        "  - existingDomainId: is only used with domainVerified: true (the domain already verified in the account)\n" +
        '  - users[0].email: must be an email address; got ""\n' +
        '  - dmarcPolicy: must be one of none, quarantine, reject, unknown or auto; got "maybe"',
    ]);
    expect((await settled()).filter((r) => r.type !== "mailersend:index:Client")).toEqual([]);
  });

  it("says what an identity client is missing", async () => {
    const failure = await componentFailures(
      () =>
        new mailersend.Client("lonely", {
          domain: "lonely.test",
          fromAddresses: ["me@gmail.com"],
          monthlyVolume: 10,
          dmarcPolicy: "none",
          users: [{ email: "boss@lonely.test" }],
        }),
    );
    expect(failure.errors).toEqual([
      "Client lonely has invalid arguments:\n" +
        "  - fromAddresses[0]: is on a free email provider (gmail.com); MailerSend allows sender identities only on custom domains\n" +
        "  - agencyDomainId: is required for a sender identity client: identities send through the agency's verified domain\n" +
        "  - users: cannot be given to a sender identity client: MailerSend gives user access per domain, and an identity has none (set clientAccess: true to give the client a domain)",
    ]);
  });

  it("dmarcPolicy auto: a failed lookup is unknown with a warning, not a crash", async () => {
    const client = new mailersend.Client("lookup", {
      domain: "lookup.test",
      fromAddresses: ["a@lookup.test"],
      monthlyVolume: 10,
      dmarcPolicy: "auto",
      dmarcLookup: { servers: ["127.0.0.1:9"], timeoutMs: 200 },
      agencyDomainId: "agency-domain-id",
    });
    expect(await value(client.dmarcPolicy)).toBe("unknown");
    expect((await value(client.warnings)).map((w) => w.code)).toContain("dmarc-policy-unknown");
    expect((await settled()).map((r) => r.name)).toEqual([
      "lookup",
      "lookup-identity-a-at-lookup-test",
    ]);
  });
});
