// examples/domain-verification through the real Pulumi CLI against the MailerSend emulator: a
// domain and its verification. Publishing the records (in the emulator's simulated DNS) shows on
// refresh; a new nonce checks again, in place.
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
const DOMAIN = "Domain.client-two";
const VERIFICATION = "DomainVerification.client-two";

const allRecords = (verified: boolean) =>
  ["dkim", "spf", "returnPath", "customTracking", "inboundRouting"].map((purpose) => ({
    purpose,
    verified,
  }));

describe("examples/domain-verification", () => {
  // A persistent account, so the emulator can be restarted mid-way.
  const stack = useEngineStack({ example: "domain-verification", persist: true });
  let domainId = "";

  it(
    "up creates the domain and asks MailerSend to check it once: pending",
    { timeout },
    async () => {
      const { ws } = stack();
      const up = await ws.up();
      expect(up.summary).toMatchObject({ result: "succeeded", resourceChanges: { create: 3 } });
      const outputs = await ws.stackOutputs();
      domainId = outputs.domainId as string;
      expect(outputs.verificationStatus).toBe("pending");
      expect(outputs.recordStatus).toEqual(allRecords(false));
      // The verification runs after the domain exists (it takes the domain's id).
      expect(stack().callNames()).toEqual([
        "POST /domains",
        `GET /domains/${domainId}/dns-records`,
        `GET /domains/${domainId}/verify`,
        `GET /domains/${domainId}`,
      ]);
    },
  );

  it("preview shows no changes", { timeout }, async () => {
    const { json } = await stack().ws.preview();
    expect(changesIn(json)).toEqual([]);
    expect(planOf(json)).toEqual([
      ["same", DOMAIN],
      ["same", VERIFICATION],
    ]);
  });

  it("refresh finds nothing changed", { timeout }, async () => {
    const before = await stack().snapshot();
    const refresh = await stack().ws.refresh();
    expect(refresh.summary?.resourceChanges).toEqual({ same: 3 });
    expect(await stack().snapshot()).toEqual(before);
  });

  it("the account survives an emulator restart on the same URL", { timeout }, async () => {
    const before = stack().emulator.store.snapshot();
    const restarted = await stack().restartEmulator();
    expect(restarted.url).toBe(stack().config["mailersend:apiUrl"]);
    expect(restarted.store.snapshot().domains).toEqual(before.domains);
  });

  it(
    "records published in DNS show as verified after refresh, with nothing to change",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      emulator.store.verifyDomain(domainId);
      const refresh = await ws.refresh();
      expect(refresh.summary?.result).toBe("succeeded");
      const state = await stack().snapshot();
      expect(state[DOMAIN].outputs).toMatchObject({
        verified: true,
        dkimVerified: true,
        spfVerified: true,
        returnPathVerified: true,
      });
      expect(state[VERIFICATION].outputs).toMatchObject({ verified: true, status: "verified" });
      expect(changesIn((await ws.preview()).json)).toEqual([]);
    },
  );

  it("a new nonce checks again, in place", { timeout }, async () => {
    const { ws } = stack();
    await ws.configSet("verifyNonce", "after-dns-fix");
    const { json } = await ws.preview();
    expect(changesIn(json)).toEqual([["update", VERIFICATION]]);

    stack().clearCalls();
    const up = await ws.up();
    expect(stepsDone(up)).toEqual([
      ["same", DOMAIN],
      ["update", VERIFICATION],
    ]);
    expect(stack().callNames()).toEqual([
      `GET /domains/${domainId}/verify`,
      `GET /domains/${domainId}`,
    ]);
    const outputs = await ws.stackOutputs();
    expect(outputs.verificationStatus).toBe("verified");
    // Custom tracking is not enabled on the domain, so MailerSend does not count its CNAME.
    expect(outputs.recordStatus).toEqual(
      allRecords(true).map((r) => (r.purpose === "customTracking" ? { ...r, verified: false } : r)),
    );
  });

  it(
    "destroy deletes the domain (the verification is no object) and leaves the account empty",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      stack().clearCalls();
      const destroy = await ws.destroy();
      expect(destroy.summary).toMatchObject({
        result: "succeeded",
        resourceChanges: { delete: 3 },
      });
      expect(stack().callNames()).toEqual([`DELETE /domains/${domainId}`]);
      expect(emulator.store.counts()).toEqual(stack().baseline);
      expect(stack().baseline).toEqual(EMPTY_ACCOUNT);
    },
  );
});
