// examples/agency (the demo's stack) through the real Pulumi CLI against the emulator: the whole
// agency's life, and a client whose volume rises past the band moving from a sender identity to its
// own domain without ever having neither. The tests of a file share one stack and run in order.
import { describe, expect, it } from "vitest";
import {
  EMPTY_ACCOUNT,
  changesIn,
  planOf,
  stepsDone,
  useEngineStack,
} from "../support/engine-stack";
import { ENGINE_TEST_TIMEOUT } from "../support/pulumi-vitest";

const timeout = ENGINE_TEST_TIMEOUT;
const PRE_EXISTING = ["agency.example", "lawfirm.example"];

describe("examples/agency", () => {
  const stack = useEngineStack({
    example: "agency",
    emulator: { plan: "starter" },
    prepare(emulator) {
      // The agency's domain and the law firm's are verified in the account before the stack exists.
      for (const name of PRE_EXISTING) {
        emulator.store.domains.create({ name });
        emulator.store.verifyDomain(name);
      }
    },
  });

  it(
    "up creates each client's chosen resources, adopting the two existing domains",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      const up = await ws.up();
      expect(up.summary?.result).toBe("succeeded");
      expect(emulator.store.counts()).toEqual({
        domains: 3,
        identities: 4,
        tokens: 2,
        users: 0,
        invites: 1,
      });
      const outputs = await ws.stackOutputs();
      const clients = outputs.clients as Record<string, { method: string; hasToken: boolean }>;
      expect(
        Object.fromEntries(
          Object.entries(clients).map(([name, c]) => [name, [c.method, c.hasToken]]),
        ),
      ).toEqual({
        "acme-shop": ["domain", true],
        bakery: ["identity", false],
        dentist: ["identity", false],
        freight: ["identity", false],
        "law-firm": ["domain", true],
      });
      // Adopted, not created twice: the pre-existing domains kept their ids.
      expect(
        stack()
          .calls()
          .filter((c) => c.call === "POST /domains")
          .map((c) => c.status),
      ).toEqual(expect.arrayContaining([201, 422, 422]));
    },
  );

  it("each Client records only what plan-summary reads of its decision in the state", async () => {
    const exported = await stack().ws.stackExport();
    const bakery = exported.deployment.resources?.find((r) =>
      String(r.urn).endsWith("mailersend:index:Client::bakery"),
    );
    expect(bakery?.outputs).toEqual({
      method: "identity",
      reasons: ["low-volume"],
      warnings: [{ code: "shared-reputation", message: expect.stringContaining("reputation") }],
      decisionInputs: { monthlyVolume: "300", dnsAccess: "false", dmarcPolicy: "none" },
    });
  });

  it("preview shows no changes, and makes no API call", { timeout }, async () => {
    stack().clearCalls();
    const { json } = await stack().ws.preview();
    expect(changesIn(json)).toEqual([]);
    expect(stack().calls()).toEqual([]);
  });

  it("refresh finds nothing changed", { timeout }, async () => {
    const before = await stack().snapshot();
    const refresh = await stack().ws.refresh();
    expect(stepsDone(refresh).filter(([op]) => op !== "same")).toEqual([]);
    expect(await stack().snapshot()).toEqual(before);
  });

  it(
    "the bakery's volume rising past the band plans its own domain and the identity's removal",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.setConfig({ bakeryVolume: "8000", bakeryDnsAccess: "true" });
      const { json } = await ws.preview();
      expect(changesIn(json).sort()).toEqual(
        [
          ["create", "ApiToken.bakery-token"],
          ["create", "Domain.bakery-domain"],
          ["create", "DomainVerification.bakery-verification"],
          ["delete", "SenderIdentity.bakery-identity-hello-at-corner-bakery-example"],
        ].sort(),
      );
      // The other 10 resources (3 domains, a verification, 3 identities, 2 tokens, a user) stay.
      expect(planOf(json).filter(([op]) => op === "same")).toHaveLength(10);
    },
  );

  it(
    "up performs the switch: the domain exists before the identity is deleted",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      const identity = emulator.store.identities.get("hello@corner-bakery.example")!;
      stack().clearCalls();
      const up = await ws.up();
      expect(up.summary?.result).toBe("succeeded");
      const calls = stack().callNames();
      const domainCreated = calls.indexOf("POST /domains");
      const identityDeleted = calls.indexOf(`DELETE /identities/${identity.id}`);
      expect(domainCreated).toBeGreaterThanOrEqual(0);
      expect(identityDeleted).toBeGreaterThan(domainCreated);
      expect(emulator.store.domains.get("corner-bakery.example")).toBeDefined();
      expect(emulator.store.identities.get("hello@corner-bakery.example")).toBeUndefined();
      const clients = (await ws.stackOutputs()).clients as Record<string, { method: string }>;
      expect(clients.bakery.method).toBe("domain");
    },
  );

  it(
    "with keepIdentitiesUntilVerified, the identity stays until the domain is declared verified",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      // Back to an identity, then the switch again, this time keeping it.
      await ws.setConfig({ bakeryVolume: "300", bakeryDnsAccess: "false" });
      await ws.up();
      await ws.setConfig({
        bakeryVolume: "8000",
        bakeryDnsAccess: "true",
        bakeryKeepIdentities: "true",
      });
      const { json } = await ws.preview();
      expect(changesIn(json).sort()).toEqual(
        [
          ["create", "ApiToken.bakery-token"],
          ["create", "Domain.bakery-domain"],
          ["create", "DomainVerification.bakery-verification"],
        ].sort(),
      );
      await ws.up();
      expect(emulator.store.identities.get("hello@corner-bakery.example")).toBeDefined();
    },
  );

  it(
    "destroy deletes what the stack created and leaves the two adopted domains",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      const destroy = await ws.destroy();
      expect(destroy.summary?.result).toBe("succeeded");
      expect(emulator.store.counts()).toEqual({ ...EMPTY_ACCOUNT, domains: 2 });
      expect(
        emulator.store.domains
          .list()
          .map((d) => d.name)
          .sort(),
      ).toEqual(PRE_EXISTING);
    },
  );
});
