// examples/sender-identity through the real Pulumi CLI against the MailerSend emulator. The agency's
// verified domains are prerequisites the test creates in the emulator (a program cannot verify a
// domain by itself); the identity moves from one to the other with a delete-first replacement,
// since its email is unique in the account.
import { describe, expect, it } from "vitest";
import { changesIn, planOf, stepsDone, useEngineStack } from "../support/engine-stack";
import { ENGINE_TEST_TIMEOUT } from "../support/pulumi-vitest";

const timeout = ENGINE_TEST_TIMEOUT;
const IDENTITY = "SenderIdentity.client-three";
const EMAIL = "hello@client-three.example.com";

describe("examples/sender-identity", () => {
  const agency = { id: "", name: "agency.example.com" };
  const agencyEu = { id: "", name: "agency-eu.example.com" };
  const stack = useEngineStack({
    example: "sender-identity",
    prepare: (emulator) => {
      for (const domain of [agency, agencyEu]) {
        domain.id = emulator.store.domains.create({ name: domain.name }).id;
        emulator.store.verifyDomain(domain.id);
      }
      return { agencyDomainId: agency.id };
    },
  });
  let identityId = "";

  it("up creates the identity on the agency's domain, unconfirmed", { timeout }, async () => {
    const { ws, emulator } = stack();
    const up = await ws.up();
    expect(up.summary).toMatchObject({ result: "succeeded", resourceChanges: { create: 2 } });
    const outputs = await ws.stackOutputs();
    identityId = outputs.identityId as string;
    expect(outputs).toMatchObject({
      senderEmail: EMAIL,
      verified: false,
      sendsThrough: agency.name,
    });
    expect(stack().calls()).toEqual([
      {
        call: "POST /identities",
        body: {
          domain_id: agency.id,
          email: EMAIL,
          name: "Client Three",
          add_note: true,
          personal_note: "We are setting up your newsletter sending. Please confirm this address.",
        },
        status: 201,
      },
    ]);
    expect(emulator.store.identities.get(identityId)).toMatchObject({
      email: EMAIL,
      domainId: agency.id,
      isVerified: false,
    });
  });

  it("preview shows no changes", { timeout }, async () => {
    const { json } = await stack().ws.preview();
    expect(changesIn(json)).toEqual([]);
    expect(planOf(json)).toEqual([["same", IDENTITY]]);
  });

  it("refresh finds nothing changed", { timeout }, async () => {
    const before = await stack().snapshot();
    const refresh = await stack().ws.refresh();
    expect(refresh.summary?.resourceChanges).toEqual({ same: 2 });
    expect(await stack().snapshot()).toEqual(before);
  });

  it(
    "the owner's confirmation shows as verified after refresh, with nothing to change",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      emulator.store.verifyIdentity(identityId);
      const refresh = await ws.refresh();
      // After each read the engine asks the provider's diff whether the resource changed, and reports
      // `update` only if it did. Only an output changed here, so it says `same`, yet the state has
      // the new value.
      expect(stepsDone(refresh)).toEqual([["same", IDENTITY]]);
      expect((await stack().resource("client-three"))?.outputs?.verified).toBe(true);
      // Stack outputs are the program's: refresh does not run it, the next preview/up does.
      expect((await ws.stackOutputs()).verified).toBe(false);
      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([]);
    },
  );

  it("a new sender name updates in place with one call", { timeout }, async () => {
    const { ws, emulator } = stack();
    await ws.configSet("senderName", "Client Three Newsletter");
    const { json } = await ws.preview();
    expect(changesIn(json)).toEqual([["update", IDENTITY]]);

    stack().clearCalls();
    await ws.up();
    expect(stack().calls()).toEqual([
      {
        call: `PUT /identities/${identityId}`,
        body: { name: "Client Three Newsletter" },
        status: 200,
      },
    ]);
    expect(emulator.store.identities.get(identityId)).toMatchObject({
      name: "Client Three Newsletter",
      isVerified: true,
    });
  });

  it(
    "moving to another agency domain replaces the identity, deleting the old one first (the email is unique)",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      await ws.configSet("agencyDomainId", agencyEu.id);

      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([["replace", IDENTITY]]);
      const replace = json.steps.find((s) => s.op === "replace");
      expect(replace?.replaceReasons).toEqual(["domainId"]);
      expect(replace?.oldState?.pendingReplacement).toBe(true);
      const detailed = await ws.preview({ args: ["--show-replacement-steps"] });
      expect(planOf(detailed.json)).toEqual([
        ["delete-replaced", IDENTITY],
        ["replace", IDENTITY],
        ["create-replacement", IDENTITY],
      ]);

      stack().clearCalls();
      const up = await ws.up();
      expect(stepsDone(up)).toEqual([
        ["delete-replaced", IDENTITY],
        ["replace", IDENTITY],
        ["create-replacement", IDENTITY],
      ]);
      expect(stack().callNames()).toEqual([`DELETE /identities/${identityId}`, "POST /identities"]);
      expect(stack().calls()[1].body).toMatchObject({ domain_id: agencyEu.id, email: EMAIL });

      // A new identity: its owner has to confirm it again.
      const outputs = await ws.stackOutputs();
      expect(outputs.identityId).not.toBe(identityId);
      expect(outputs).toMatchObject({ verified: false, sendsThrough: agencyEu.name });
      expect(emulator.store.identities.list().map((i) => [i.email, i.domainId])).toEqual([
        [EMAIL, agencyEu.id],
      ]);
    },
  );

  it("destroy deletes the identity and leaves only the agency's domains", { timeout }, async () => {
    const { ws, emulator } = stack();
    const destroy = await ws.destroy();
    expect(destroy.summary).toMatchObject({ result: "succeeded", resourceChanges: { delete: 2 } });
    expect(emulator.store.counts()).toEqual(stack().baseline);
    expect(stack().baseline).toEqual({
      domains: 2,
      identities: 0,
      tokens: 0,
      users: 0,
      invites: 0,
    });
  });
});
