// examples/client-user through the real Pulumi CLI against the MailerSend emulator: a client's
// domain and a user invited with access to that domain only. The invite accepted in MailerSend
// shows as `active` on refresh; a permission change then updates the user in place.
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
const DOMAIN = "Domain.client-five";
const USER = "ClientUser.client-five-owner";
const EMAIL = "owner@client-five.example.com";

describe("examples/client-user", () => {
  const stack = useEngineStack({ example: "client-user" });
  let domainId = "";
  let inviteId = "";

  it("up creates the domain and invites the user to it only", { timeout }, async () => {
    const { ws, emulator } = stack();
    const up = await ws.up();
    expect(up.summary).toMatchObject({ result: "succeeded", resourceChanges: { create: 3 } });
    const outputs = await ws.stackOutputs();
    domainId = outputs.domainId as string;
    inviteId = outputs.inviteId as string;
    expect(outputs.userState).toBe("invited");
    expect(stack().calls().at(-1)).toEqual({
      call: "POST /users",
      body: {
        email: EMAIL,
        role: "Custom User",
        permissions: ["read-activity", "read-analytics"],
        domains: [domainId],
        // No `templates` key: MailerSend refuses even `templates: []` without read-own-templates.
        requires_periodic_password_change: false,
      },
      status: 201,
    });
    expect(emulator.store.invites.list()).toEqual([
      expect.objectContaining({ id: inviteId, email: EMAIL, domains: [domainId] }),
    ]);
  });

  it("preview shows no changes", { timeout }, async () => {
    const { json } = await stack().ws.preview();
    expect(changesIn(json)).toEqual([]);
    expect(planOf(json)).toEqual([
      ["same", DOMAIN],
      ["same", USER],
    ]);
  });

  it("refresh finds nothing changed", { timeout }, async () => {
    const before = await stack().snapshot();
    const refresh = await stack().ws.refresh();
    expect(refresh.summary?.resourceChanges).toEqual({ same: 3 });
    expect(await stack().snapshot()).toEqual(before);
  });

  it(
    "the accepted invite shows as an active user after refresh, with nothing to change",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      const user = emulator.store.acceptInvite(inviteId);
      await ws.refresh();
      const state = await stack().snapshot();
      expect(state[USER].id).toBe(EMAIL); // the id stays the email address
      expect(state[USER].outputs).toMatchObject({ state: "active", userId: user.id, inviteId });
      expect(changesIn((await ws.preview()).json)).toEqual([]);
    },
  );

  it("a permission change updates the active user in place", { timeout }, async () => {
    const { ws, emulator } = stack();
    await ws.configSet(
      "permissions",
      JSON.stringify(["read-activity", "read-analytics", "manage-domain"]),
    );
    const { json } = await ws.preview();
    expect(changesIn(json)).toEqual([["update", USER]]);

    stack().clearCalls();
    const up = await ws.up();
    expect(stepsDone(up)).toEqual([
      ["same", DOMAIN],
      ["update", USER],
    ]);
    const userId = emulator.store.users.list()[0]?.id;
    expect(stack().calls()).toEqual([
      {
        call: `PUT /users/${userId}`,
        body: expect.objectContaining({
          permissions: ["manage-domain", "read-activity", "read-analytics"],
          domains: [domainId],
        }),
        status: 200,
      },
    ]);
    expect(emulator.store.users.list()).toEqual([
      expect.objectContaining({
        email: EMAIL,
        permissions: ["manage-domain", "read-activity", "read-analytics"],
      }),
    ]);
    expect((await ws.stackOutputs()).userState).toBe("active");
  });

  it(
    "destroy removes the user and the domain, leaving the account empty",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      const destroy = await ws.destroy();
      expect(destroy.summary).toMatchObject({
        result: "succeeded",
        resourceChanges: { delete: 3 },
      });
      expect(emulator.store.counts()).toEqual(stack().baseline);
      expect(stack().baseline).toEqual(EMPTY_ACCOUNT);
    },
  );
});
