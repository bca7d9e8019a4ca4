// examples/domain through the real Pulumi CLI against the MailerSend emulator: the whole life of a
// Domain (up, a quiet preview and refresh, drift, an in-place update, a delete-first replacement,
// deletion outside Pulumi, destroy). The tests of a file share one stack and run in order.
import { describe, expect, it } from "vitest";
import {
  EMPTY_ACCOUNT,
  changesIn,
  mailersendType,
  planOf,
  stepsDone,
  useEngineStack,
} from "../support/engine-stack";
import { ENGINE_TEST_TIMEOUT } from "../support/pulumi-vitest";

const timeout = ENGINE_TEST_TIMEOUT;
const DOMAIN = "Domain.client-one";
const NAME = "mail.client-one.example.com";

describe("examples/domain", () => {
  const stack = useEngineStack({ example: "domain" });
  let domainId = "";

  it(
    "up creates the domain with MailerSend's defaults and exports the records to publish",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      const up = await ws.up();
      expect(up.summary).toMatchObject({ result: "succeeded", resourceChanges: { create: 2 } });

      const outputs = await ws.stackOutputs();
      domainId = outputs.domainId as string;
      // All settings are MailerSend's defaults: no settings call.
      expect(stack().callNames()).toEqual([
        "POST /domains",
        `GET /domains/${domainId}/dns-records`,
      ]);
      expect(outputs).toMatchObject({ domainName: NAME, verified: false });
      // Custom tracking and inbound routing are off, so only these three are listed.
      const records = outputs.dnsRecords as { purpose: string; type: string; name: string }[];
      expect(records.map((r) => r.purpose)).toEqual(["spf", "dkim", "returnPath"]);
      expect(records.find((r) => r.purpose === "returnPath")).toMatchObject({
        type: "CNAME",
        name: `mta.${NAME}`,
      });
      expect(emulator.store.domains.get(domainId)).toMatchObject({ name: NAME });
    },
  );

  it("preview shows no changes", { timeout }, async () => {
    const { json } = await stack().ws.preview();
    expect(changesIn(json)).toEqual([]);
    expect(planOf(json)).toEqual([["same", DOMAIN]]);
  });

  it("refresh finds nothing changed", { timeout }, async () => {
    const before = await stack().snapshot();
    const refresh = await stack().ws.refresh();
    expect(refresh.summary?.resourceChanges).toEqual({ same: 2 });
    expect(stepsDone(refresh)).toEqual([["same", DOMAIN]]);
    expect(await stack().snapshot()).toEqual(before);
  });

  it("keeps the API key out of the state; __provider is the small shim", { timeout }, async () => {
    const { ws, emulator } = stack();
    const exported = await ws.stackExport();
    expect(exported.raw).not.toContain(emulator.apiKey);
    const domain = (await stack().resources()).find((r) => r.type === mailersendType("Domain"));
    const provider = domain?.outputs?.__provider as string;
    expect(Buffer.byteLength(provider)).toBeLessThan(2048);
    expect(domain?.inputs?.__provider).toBe(provider);
    expect(provider).toContain('require("pulumi-mailersend/runtime")');
  });

  it(
    "a setting changed in MailerSend shows as drift after refresh; up puts it back",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      // Someone turns click tracking off in the MailerSend app (the API, with the account key).
      const changed = await stack().api("PUT", `/domains/${domainId}/settings`, {
        body: { track_clicks: false },
      });
      expect(changed.status).toBe(200);
      expect(emulator.store.domains.get(domainId)?.settings.track_clicks).toBe(false);

      // Without a refresh the state does not know yet.
      expect(changesIn((await ws.preview()).json)).toEqual([]);

      const refresh = await ws.refresh();
      expect(stepsDone(refresh)).toEqual([["update", DOMAIN]]);
      expect((await stack().resource("client-one"))?.outputs?.trackClicks).toBe(false);

      // The program still says "default" (true): the plan is an in-place update back.
      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([["update", DOMAIN]]);

      stack().clearCalls();
      const up = await ws.up();
      expect(up.summary?.resourceChanges).toEqual({ same: 1, update: 1 });
      expect(stack().calls()).toEqual([
        {
          call: `PUT /domains/${domainId}/settings`,
          body: { track_clicks: true },
          status: 200,
        },
      ]);
      expect(emulator.store.domains.get(domainId)?.settings.track_clicks).toBe(true);
    },
  );

  it("a settings change in the program updates in place with one call", { timeout }, async () => {
    const { ws, emulator } = stack();
    await ws.configSet("trackClicks", "false");
    const { json } = await ws.preview();
    expect(changesIn(json)).toEqual([["update", DOMAIN]]);
    // A dynamic provider cannot name the changed fields (no detailed diff, no diffReasons): the
    // old outputs and new inputs in the step are what reviewers' diffs are computed from.
    const step = json.steps.find((s) => s.op === "update");
    expect(step?.diffReasons).toBeUndefined();
    expect(step?.oldState?.outputs?.trackClicks).toBe(true);
    expect(step?.newState?.inputs?.trackClicks).toBe(false);

    stack().clearCalls();
    const up = await ws.up();
    expect(stepsDone(up)).toEqual([["update", DOMAIN]]);
    expect(stack().calls()).toEqual([
      {
        call: `PUT /domains/${domainId}/settings`,
        body: { track_clicks: false },
        status: 200,
      },
    ]);
    expect(emulator.store.domains.get(domainId)?.settings.track_clicks).toBe(false);
    expect((await ws.stackOutputs()).domainId).toBe(domainId); // same domain
  });

  it(
    "a new return-path subdomain replaces the domain, deleting the old one first (the name is unique)",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      await ws.configSet("returnPathSubdomain", "bounce");

      // The default preview shows one `replace` step; a delete-first replacement is the one whose
      // old state is marked `pendingReplacement`.
      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([["replace", DOMAIN]]);
      const replace = json.steps.find((s) => s.op === "replace");
      expect(replace?.replaceReasons).toEqual(["returnPathSubdomain"]);
      expect(replace?.oldState?.pendingReplacement).toBe(true);

      // --show-replacement-steps spells the order out.
      const detailed = await ws.preview({ args: ["--show-replacement-steps"] });
      expect(planOf(detailed.json)).toEqual([
        ["delete-replaced", DOMAIN],
        ["replace", DOMAIN],
        ["create-replacement", DOMAIN],
      ]);

      stack().clearCalls();
      const up = await ws.up();
      expect(stepsDone(up)).toEqual([
        ["delete-replaced", DOMAIN],
        ["replace", DOMAIN],
        ["create-replacement", DOMAIN],
      ]);
      const newId = (await ws.stackOutputs()).domainId as string;
      expect(newId).not.toBe(domainId);
      expect(stack().callNames()).toEqual([
        `DELETE /domains/${domainId}`,
        "POST /domains",
        `PUT /domains/${newId}/settings`, // trackClicks: false is not MailerSend's default
        `GET /domains/${newId}/dns-records`,
      ]);
      expect(stack().calls()[1].body).toMatchObject({
        name: NAME,
        return_path_subdomain: "bounce",
      });
      expect(emulator.store.domains.list().map((d) => d.id)).toEqual([newId]);
      domainId = newId;
    },
  );

  it(
    "a domain deleted in MailerSend is gone after refresh, and up creates it again",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      expect(emulator.store.domains.delete(domainId)).toBe(true);

      const refresh = await ws.refresh();
      expect(stepsDone(refresh)).toEqual([["delete", DOMAIN]]);
      expect(refresh.summary?.resourceChanges).toEqual({ delete: 1, same: 1 });
      expect(await stack().resources()).toEqual([]);

      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([["create", DOMAIN]]);
      const up = await ws.up();
      expect(stepsDone(up)).toEqual([["create", DOMAIN]]);
      const recreated = (await ws.stackOutputs()).domainId as string;
      expect(emulator.store.domains.list().map((d) => [d.id, d.name])).toEqual([[recreated, NAME]]);
    },
  );

  it("destroy deletes the domain and leaves the account empty", { timeout }, async () => {
    const { ws, emulator } = stack();
    const destroy = await ws.destroy();
    expect(destroy.summary).toMatchObject({ result: "succeeded", resourceChanges: { delete: 2 } });
    expect(emulator.store.counts()).toEqual(stack().baseline);
    expect(stack().baseline).toEqual(EMPTY_ACCOUNT);
    expect(await stack().resources()).toEqual([]);
  });
});
