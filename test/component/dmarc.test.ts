/**
 * `dmarcPolicy: "auto"` against a real DNS server on loopback (test/support/dns-server.ts, in-process): the lookup itself, and a
 * Client whose decision depends on it.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { componentFailures } from "../support/component-failures";
import { lookupDmarcPolicy, parseDmarcRecord } from "../../provider/component/dmarc";
import { startDnsServer, type DnsServer } from "../support/dns-server";

let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer({
    "_dmarc.reject.test": "v=DMARC1; p=reject; rua=mailto:dmarc@reject.test",
    "_dmarc.quarantine.test": "v=DMARC1;p=quarantine;pct=100",
    "_dmarc.relaxed.test": "v=DMARC1; p=none",
    "_dmarc.twice.test": ["v=DMARC1; p=none", "v=DMARC1; p=reject"],
    "_dmarc.junk.test": "google-site-verification=abc",
  });
});
afterAll(() => dns?.stop());

describe("parseDmarcRecord", () => {
  it.each([
    ["v=DMARC1; p=reject", "reject"],
    ["V=dmarc1;P=Quarantine", "quarantine"],
    ["v=DMARC1; p=none; sp=reject", "none"],
    ["v=DMARC1; sp=reject", undefined],
    ["p=reject; v=DMARC1", undefined], // v= must come first (RFC 7489 §6.3)
    ["v=spf1 -all", undefined],
  ])("%s → %s", (text, policy) => {
    expect(parseDmarcRecord(text)).toBe(policy);
  });
});

describe("lookupDmarcPolicy against a DNS server", () => {
  const lookup = (domain: string) =>
    lookupDmarcPolicy(domain, { servers: [dns.address], timeoutMs: 500 });

  it("reads the published policy", async () => {
    expect(await lookup("reject.test")).toEqual({
      policy: "reject",
      record: "v=DMARC1; p=reject; rua=mailto:dmarc@reject.test",
    });
    expect((await lookup("quarantine.test")).policy).toBe("quarantine");
    expect((await lookup("relaxed.test")).policy).toBe("none");
    expect(dns.questions).toContain("TXT _dmarc.reject.test"); // asked our server, not the system's
  });

  it("treats a missing record as p=none, and says so", async () => {
    expect(await lookup("nodmarc.test")).toEqual({
      policy: "none",
      warning: "_dmarc.nodmarc.test has no DMARC record; treated as p=none.",
    });
  });

  it("gives unknown with a warning for two records, junk, or a failed lookup", async () => {
    expect(await lookup("twice.test")).toEqual({
      policy: "unknown",
      warning:
        "_dmarc.twice.test has 2 DMARC records, which receivers ignore (RFC 7489 §6.6.3); the policy is treated as unknown.",
    });
    expect((await lookup("junk.test")).warning).toBe(
      "_dmarc.junk.test has TXT records but none is a valid DMARC record; the policy is treated as unknown.",
    );
    const unreachable = await lookupDmarcPolicy("reject.test", {
      servers: ["127.0.0.1:9"],
      timeoutMs: 200,
    });
    expect(unreachable.policy).toBe("unknown");
    expect(unreachable.warning).toMatch(
      /^The DMARC lookup of _dmarc\.reject\.test failed \(E[A-Z]+\); the policy is treated as unknown\.$/,
    );
  });
});

describe("a Client with dmarcPolicy auto", () => {
  const nodeRequire = createRequire(path.resolve(__dirname, "../../package.json"));
  const pulumi = nodeRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  let mailersend: typeof import("../../provider/index");
  const created: string[] = [];
  beforeAll(() => {
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          created.push(args.name);
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: (args) => {
          throw new Error(`unexpected invoke ${args.token}`);
        },
      },
      "project",
      "dev",
      true,
    );
    mailersend = nodeRequire("./dist/provider/index.js");
  });
  const value = <T>(output: import("@pulumi/pulumi").Output<T>) =>
    new Promise<T>((resolve, reject) => {
      output.apply((v) => resolve(v));
      setTimeout(() => reject(new Error("output never resolved")), 5000);
    });

  it("uses the looked-up policy: quarantine keeps an identity, with a warning", async () => {
    const client = new mailersend.Client("q", {
      domain: "quarantine.test",
      fromAddresses: ["hi@quarantine.test"],
      monthlyVolume: 50,
      dmarcPolicy: "auto",
      dmarcLookup: { servers: [dns.address] },
      agencyDomainId: "agency",
    });
    expect(await value(client.dmarcPolicy)).toBe("quarantine");
    expect(await value(client.method)).toBe("identity");
    expect((await value(client.warnings)).map((w) => w.code)).toContain("dmarc-quarantine");
  });

  it("blocks a p=reject domain without DNS access, creating no child", async () => {
    // The decision waits for the lookup, so the blocker is reported then, and fails the program.
    const failure = await componentFailures(
      () =>
        new mailersend.Client("r", {
          domain: "reject.test",
          fromAddresses: ["hi@reject.test"],
          monthlyVolume: 50,
          dmarcPolicy: "auto",
          dmarcLookup: { servers: [dns.address] },
          agencyDomainId: "agency",
        }),
      5000,
    );
    expect(failure.errors).toEqual([
      expect.stringMatching(/^Client r cannot be set up:\n {2}- \[domain-needs-dns-access\]/),
    ]);
    expect(failure.summary).toMatch(
      /^The program stopped: 1 component cannot be set up \(Client r\)/,
    );
    expect(created.filter((name) => name.startsWith("r-"))).toEqual([]);
  });
});
