// Issue 11, point 1: what existed before the stack is not deleted by it unless the program says
// so. The fixture program (fixtures/adoption) declares the agency's pre-existing domain with
// `adopt: "require"` (or `true`), and a test removes that line or opts in to deleting it between
// two runs, through the real Pulumi CLI against the emulator.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { changesIn, printed, stepsDone, useEngineStack } from "../support/engine-stack";
import { ENGINE_TEST_TIMEOUT } from "../support/pulumi-vitest";

const timeout = ENGINE_TEST_TIMEOUT;
const PROJECT = path.join(__dirname, "fixtures", "adoption");

describe("the agency's adopted domain", () => {
  let agencyId = "";
  const stack = useEngineStack({
    project: PROJECT,
    prepare(emulator) {
      agencyId = emulator.store.domains.create({ name: "mail.agency.test" }).id;
      emulator.store.verifyDomain(agencyId);
    },
  });

  it(
    "up adopts it and records it as adopted; a preview then makes no API call",
    { timeout },
    async () => {
      const { ws } = stack();
      const up = await ws.up();
      expect(stepsDone(up)).toEqual([["create", "Domain.agency"]]);
      expect((await stack().resource("agency"))?.outputs).toMatchObject({
        adopt: "require",
        adopted: true,
      });
      stack().clearCalls();
      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([]);
      expect(stack().callNames()).toEqual([]);
    },
  );

  it("removing its line removes it from the stack, not from MailerSend", { timeout }, async () => {
    const { ws } = stack();
    await ws.setConfig({ agencyDomain: "absent" });
    const { json } = await ws.preview();
    expect(changesIn(json)).toEqual([["delete", "Domain.agency"]]);
    stack().clearCalls();
    const up = await ws.up();
    expect(stepsDone(up)).toEqual([["delete", "Domain.agency"]]);
    expect(stack().callNames()).toEqual([]);
    expect(printed(up, "RETAINED")).toEqual([
      expect.stringContaining(
        `[mailersend] RETAINED: Domain mail.agency.test (id ${agencyId}) was adopted (it existed ` +
          "before this stack), so it is removed from the stack but left in MailerSend. To delete " +
          "adopted objects, set `deleteAdoptedOnDestroy: true` on the resource and run `pulumi up` " +
          "before removing it.",
      ),
    ]);
    expect(
      stack()
        .emulator.store.domains.list()
        .find((d) => d.id === agencyId)?.isVerified,
    ).toBe(true);
    expect(await stack().resource("agency")).toBeUndefined();
  });

  it("with deleteAdoptedOnDestroy recorded, removing it deletes it", { timeout }, async () => {
    const { ws } = stack();
    await ws.setConfig({ agencyDomain: "require", deleteAdopted: "true" });
    await ws.up();
    expect((await stack().resource("agency"))?.outputs).toMatchObject({
      adopted: true,
      deleteAdoptedOnDestroy: true,
    });
    await ws.setConfig({ agencyDomain: "absent" });
    stack().clearCalls();
    await ws.up();
    expect(stack().callNames()).toEqual([`DELETE /domains/${agencyId}`]);
    expect(
      stack()
        .emulator.store.domains.list()
        .find((d) => d.id === agencyId),
    ).toBeUndefined();
  });
});

describe("adopt of a name that does not exist", () => {
  const stack = useEngineStack({
    project: PROJECT,
    config: { agencyDomainName: "missing.agency.test" },
  });

  it(
    'adopt: "require" fails the preview, naming the domain, after one read-only call',
    { timeout },
    async () => {
      const { ws } = stack();
      stack().clearCalls();
      const preview = await ws.preview({ allowFailure: true });
      expect(preview.exitCode).not.toBe(0);
      expect(preview.json.diagnostics?.map((d) => d.message.trim())).toContain(
        "error: pulumi-nodejs:dynamic/mailersend:Domain resource 'agency': property adopt value " +
          "{require} has a problem: no domain with name missing.agency.test exists in this " +
          'MailerSend account, and "require" means it must; create it first, or set adopt: true to ' +
          "create it when missing",
      );
      expect(stack().callNames()).toEqual(["GET /domains"]);
    },
  );

  it("adopt: true warns in the preview that up will create a new domain", { timeout }, async () => {
    const { ws } = stack();
    await ws.setConfig({ agencyDomain: "true" });
    const preview = await ws.preview();
    expect(changesIn(preview.json)).toContainEqual(["create", "Domain.agency"]);
    expect(printed(preview.json, "WARNING: Domain missing.agency.test")).toEqual([
      expect.stringContaining(
        "[mailersend] WARNING: Domain missing.agency.test has adopt: true but does not exist in this " +
          "MailerSend account: `up` will CREATE a new one (unverified), not adopt one. Set adopt: " +
          '"require" to fail instead.',
      ),
    ]);
    expect(stack().emulator.store.counts().domains).toBe(0);
  });
});

describe("a state written before `adopted` existed (the previous release)", () => {
  let agencyId = "";
  const stack = useEngineStack({
    project: PROJECT,
    config: { agencyDomain: "true" },
    prepare(emulator) {
      agencyId = emulator.store.domains.create({ name: "mail.agency.test" }).id;
      emulator.store.verifyDomain(agencyId);
    },
  });

  it(
    "previews no change, refreshes without adding it, and destroy leaves the domain",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.up();
      // What the previous release wrote: the same resource without the `adopted` output.
      const exported = await ws.stackExport();
      for (const resource of exported.deployment.resources ?? []) {
        if (resource.outputs) delete resource.outputs.adopted;
      }
      const file = path.join(ws.dir, "old-state.json");
      fs.writeFileSync(file, JSON.stringify(exported));
      await ws.run(["stack", "import", "--file", file, "--stack", ws.stack!]);
      expect((await stack().resource("agency"))?.outputs?.adopted).toBeUndefined();

      stack().clearCalls();
      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([]);
      expect(stack().callNames()).toEqual([]);
      await ws.refresh();
      expect((await stack().resource("agency"))?.outputs?.adopted).toBeUndefined();

      stack().clearCalls();
      const destroy = await ws.destroy();
      expect(destroy.summary?.result).toBe("succeeded");
      expect(
        stack()
          .callNames()
          .filter((c) => c.startsWith("DELETE")),
      ).toEqual([]);
      expect(
        stack()
          .emulator.store.domains.list()
          .map((d) => d.id),
      ).toEqual([agencyId]);
    },
  );
});

describe("a second resource adopting what the stack already manages", () => {
  let agencyId = "";
  const stack = useEngineStack({
    project: PROJECT,
    prepare(emulator) {
      agencyId = emulator.store.domains.create({ name: "mail.agency.test" }).id;
      emulator.store.verifyDomain(agencyId);
    },
  });

  it("is refused, naming the domain, and nothing changes", { timeout }, async () => {
    const { ws } = stack();
    await ws.up();
    await ws.setConfig({ agencyDomainCopy: "true" });
    stack().clearCalls();
    const up = await ws.up({ allowFailure: true });
    expect(up.summary?.result).toBe("failed");
    expect(up.diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringContaining(
        `Domain mail.agency.test (id ${agencyId}) cannot be adopted: another resource of this ` +
          "stack (a Domain the program keeps) already manages it, and two resources must not " +
          "manage one object.",
      ),
    );
    // The preview's lookup, the refused create (422: the name is taken), the lookup; no change.
    expect(
      stack()
        .calls()
        .map((c) => [c.call, c.status]),
    ).toEqual([
      ["GET /domains", 200],
      ["POST /domains", 422],
      ["GET /domains", 200],
    ]);
    expect(stack().emulator.store.counts().domains).toBe(1);
    expect((await stack().resources()).map((r) => r.id)).toEqual([agencyId]);
  });
});
