// Issue 16: renaming a Client must never delete its verified domain. The fixture program
// (fixtures/adoption) declares the agency's domain and Client <clientName> (acme.test: its own
// domain, a scoped token, a user), so a test renames the Client between two runs, with or without
// `aliases`, through the real Pulumi CLI against the emulator.
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  changesIn,
  mailersendType,
  printed,
  stepsDone,
  useEngineStack,
  type EngineStack,
} from "../support/engine-stack";
import { urnName, type Diagnostic } from "../support/pulumi";
import { ENGINE_TEST_TIMEOUT } from "../support/pulumi-vitest";

const timeout = ENGINE_TEST_TIMEOUT;
const PROJECT = path.join(__dirname, "fixtures", "adoption");

function prepare(emulator: EngineStack["emulator"]) {
  emulator.store.domains.create({ name: "mail.agency.test" });
  emulator.store.verifyDomain("mail.agency.test");
  return { clientName: "acme" };
}

function errorsOf(result: { diagnostics?: Diagnostic[] }): string[] {
  return (result.diagnostics ?? [])
    .filter((d) => d.severity === "error")
    .map((d) => d.message.trim());
}

/**
 * The invariant after every step: acme.test exists and is verified, a token bound to it and the
 * user's invite exist, and every MailerSend object the state names exists (the state matches).
 */
async function expectAcmeIntact(stack: EngineStack, options: { user: boolean }) {
  const store = stack.emulator.store;
  const domain = store.domains.list().find((d) => d.name === "acme.test");
  expect(domain?.isVerified).toBe(true);
  const tokens = store.tokens.list();
  expect(tokens.some((t) => t.domainId === domain!.id)).toBe(true);
  expect(store.invites.list().some((i) => i.email === "owner@acme.test")).toBe(options.user);

  const resources = await stack.resources();
  const ofType = (type: string) => resources.filter((r) => r.type === mailersendType(type));
  const domains = ofType("Domain").filter((r) => r.outputs?.name === "acme.test");
  expect(domains.length).toBeGreaterThan(0);
  for (const r of domains) expect(r.id).toBe(domain!.id);
  for (const r of ofType("ApiToken")) expect(tokens.map((t) => t.id)).toContain(r.id);
  for (const r of ofType("ClientUser")) {
    expect(store.invites.list().map((i) => i.email)).toContain(r.id);
  }
  return { domainId: domain!.id, resources };
}

describe("renaming a Client without aliases (issue 16), with a user", () => {
  const stack = useEngineStack({ project: PROJECT, prepare });

  it("acme is set up and its domain verified", { timeout }, async () => {
    const { ws, emulator } = stack();
    await ws.up();
    emulator.store.verifyDomain("acme.test");
    await ws.refresh();
    await expectAcmeIntact(stack(), { user: true });
  });

  it("the rename fails safely and recommends aliases, not adopt", { timeout }, async () => {
    const { ws } = stack();
    await ws.setConfig({ clientName: "acme-co" });
    const domainId = stack()
      .emulator.store.domains.list()
      .find((d) => d.name === "acme.test")!.id;
    const up = await ws.up({ allowFailure: true });
    expect(up.summary?.result).toBe("failed");
    expect(errorsOf(up)).toContain(
      `Domain acme.test already exists in this MailerSend account (id ${domainId}). If this stack ` +
        "already manages it under another resource name (you renamed this resource or its Client), " +
        'do not adopt it: add `aliases: [{ name: "<the old name>" }]` to the renamed resource or ' +
        "Client's options (docs/adoption-and-renames.md). If it was made outside this stack, set " +
        "`adopt: true` on this Domain to take it over (`pulumi import` does not work for dynamic " +
        "resources); the stack then leaves it in MailerSend when the resource is removed.",
    );
    const { resources } = await expectAcmeIntact(stack(), { user: true });
    expect(resources.map((r) => urnName(r.urn)).sort()).toEqual([
      "acme-domain",
      "acme-token",
      "acme-user-owner-at-acme-test",
      "acme-verification",
      "agency",
    ]);
  });

  it(
    "adopting instead (domainVerified) is flagged in the preview and deletes nothing",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.setConfig({ domainVerified: "true" });
      const preview = await ws.preview();
      expect(printed(preview.json, "ADOPT: Domain acme.test exists")).toHaveLength(1);
      expect(printed(preview.json, "use `aliases` instead")).toHaveLength(1);
      stack().clearCalls();
      // The new user's invite is refused (the email is taken by the old one), so the up stops
      // before the engine's deletes: two Domain resources now hold the same domain.
      const up = await ws.up({ allowFailure: true });
      expect(up.summary?.result).toBe("failed");
      expect(
        stack()
          .callNames()
          .filter((c) => c.startsWith("DELETE")),
      ).toEqual([]);
      const { resources } = await expectAcmeIntact(stack(), { user: true });
      expect(
        resources
          .filter((r) => r.outputs?.name === "acme.test")
          .map((r) => urnName(r.urn))
          .sort(),
      ).toEqual(["acme-co-domain", "acme-domain"]);
    },
  );

  it(
    "reverting the rename deletes the new resources but not the shared domain",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.configRm("domainVerified");
      await ws.setConfig({ clientName: "acme" });
      stack().clearCalls();
      const up = await ws.up();
      expect(up.summary?.result).toBe("succeeded");
      expect(
        stack()
          .callNames()
          .filter((c) => c.startsWith("DELETE /domains")),
      ).toEqual([]);
      expect(printed(up, "NOT DELETED: Domain acme.test")).toHaveLength(1);
      await expectAcmeIntact(stack(), { user: true });
      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([]);
    },
  );
});

describe("renaming a Client without aliases (issue 16): the old resource's delete", () => {
  const stack = useEngineStack({
    project: PROJECT,
    prepare: (emulator) => ({ ...prepare(emulator), withUser: "false" }),
  });

  it("acme is set up and its domain verified", { timeout }, async () => {
    const { ws, emulator } = stack();
    await ws.up();
    emulator.store.verifyDomain("acme.test");
    await ws.refresh();
    await expectAcmeIntact(stack(), { user: false });
  });

  it("rename + adopt: the old Domain's delete is a no-op with a warning", { timeout }, async () => {
    const { ws } = stack();
    await ws.setConfig({ clientName: "acme-co", domainVerified: "true" });
    const domainId = stack()
      .emulator.store.domains.list()
      .find((d) => d.name === "acme.test")!.id;
    stack().clearCalls();
    const up = await ws.up();
    expect(up.summary?.result).toBe("succeeded");
    expect(stepsDone(up)).toContainEqual(["delete", "Domain.acme-domain"]);
    expect(stack().callNames()).not.toContain(`DELETE /domains/${domainId}`);
    expect(printed(up, "NOT DELETED")).toEqual([
      expect.stringContaining(
        `[mailersend] NOT DELETED: Domain acme.test (id ${domainId}) is removed from the stack but ` +
          "left in MailerSend: another resource of this deployment (the Domain that adopted it in " +
          "this update) holds the same object.",
      ),
    ]);
    const { resources } = await expectAcmeIntact(stack(), { user: false });
    expect(resources.map((r) => urnName(r.urn)).sort()).toEqual([
      "acme-co-domain",
      "acme-co-token",
      "agency",
    ]);
    // The state says what MailerSend holds: a refresh changes nothing, a preview plans nothing.
    const before = await stack().snapshot();
    await ws.refresh();
    expect(await stack().snapshot()).toEqual(before);
    const { json } = await ws.preview();
    expect(changesIn(json)).toEqual([]);
  });
});

describe("renaming a Client with aliases", () => {
  const stack = useEngineStack({ project: PROJECT, prepare });

  it("acme is set up and its domain verified", { timeout }, async () => {
    const { ws, emulator } = stack();
    await ws.up();
    emulator.store.verifyDomain("acme.test");
    await ws.refresh();
    await expectAcmeIntact(stack(), { user: true });
  });

  it(
    "preview changes only the token's name; up sends no create and no delete",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.setConfig({ clientName: "acme-co", clientAlias: "acme" });
      const before = await expectAcmeIntact(stack(), { user: true });
      stack().clearCalls();
      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([["update", "ApiToken.acme-co-token"]]);
      expect(stack().callNames()).toEqual([]);
      const up = await ws.up();
      expect(up.summary?.result).toBe("succeeded");
      const calls = stack().callNames();
      expect(calls.filter((c) => c.startsWith("POST") || c.startsWith("DELETE"))).toEqual([]);
      const after = await expectAcmeIntact(stack(), { user: true });
      expect(after.resources.map((r) => r.id).sort()).toEqual(
        before.resources.map((r) => r.id).sort(),
      );
      expect(
        stack()
          .emulator.store.tokens.list()
          .map((t) => t.name),
      ).toContain("acme-co sending");
    },
  );
});

describe("renaming an Agency and its client", () => {
  const stack = useEngineStack({
    project: PROJECT,
    prepare: (emulator) => ({ ...prepare(emulator), inAgency: "true" }),
  });

  it(
    "preview changes only the token's name; up sends no create and no delete",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      await ws.up();
      emulator.store.verifyDomain("acme.test");
      await ws.refresh();
      const before = await expectAcmeIntact(stack(), { user: true });
      await ws.setConfig({ clientName: "acme-co", clientAlias: "acme" });
      stack().clearCalls();
      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([["update", "ApiToken.acme-co-token"]]);
      const up = await ws.up();
      expect(up.summary?.result).toBe("succeeded");
      expect(
        stack()
          .callNames()
          .filter((c) => c.startsWith("POST") || c.startsWith("DELETE")),
      ).toEqual([]);
      const after = await expectAcmeIntact(stack(), { user: true });
      expect(after.resources.map((r) => r.id).sort()).toEqual(
        before.resources.map((r) => r.id).sort(),
      );
    },
  );

  it(
    "the Agency renamed with aliases: the preview plans nothing, up makes no call",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.setConfig({ agencyName: "agency-group-eu", agencyAlias: "agency-group" });
      stack().clearCalls();
      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([]);
      await ws.up();
      expect(stack().callNames()).toEqual([]);
      await expectAcmeIntact(stack(), { user: true });
    },
  );
});
