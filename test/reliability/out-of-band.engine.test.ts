/**
 * Changes made outside Pulumi (in the MailerSend app, or by another tool through the API) are
 * detected by `pulumi refresh` and undone by the next `up`: an object deleted (a sender identity),
 * a setting changed (a domain's open tracking) and a token paused. The token keeps its value
 * throughout (MailerSend shows it only once, so it can never be read back).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changesIn, stepsDone } from "../support/engine-stack";
import {
  createAgencyStack,
  expectedAccount,
  expectStateMatchesAccount,
  plaintext,
  type AgencyStack,
} from "./support/agency-stack";

// c001: a sender identity; c002: a domain with its verification, token and one user.
const SHAPE = { clients: 2, domainEvery: 2, users: true };
const IDENTITY = "SenderIdentity.c001-identity-hello-at-c001-clients-test";
const DOMAIN = "Domain.c002-domain";
const TOKEN = "ApiToken.c002-token";

describe("changes made outside Pulumi", () => {
  let stack: AgencyStack;
  let before: Record<string, { id?: string; outputs?: unknown }>;

  beforeAll(async () => {
    stack = await createAgencyStack(SHAPE);
    await stack.ws.up();
    before = await stack.snapshot();
  }, 120_000);
  afterAll(() => stack?.cleanup());

  const outputs = (snapshot: typeof before, label: string) =>
    snapshot[label]?.outputs as Record<string, unknown>;

  it("refresh detects a deleted identity, a changed setting and a paused token", async () => {
    const id = (label: string) => before[label].id!;
    // What someone does in the MailerSend app (through the API, with the account key).
    expect((await stack.api("DELETE", `/identities/${id(IDENTITY)}`)).status).toBe(204);
    expect(
      (
        await stack.api("PUT", `/domains/${id(DOMAIN)}/settings`, {
          body: { track_opens: false },
        })
      ).status,
    ).toBe(200);
    expect(
      (await stack.api("PUT", `/token/${id(TOKEN)}`, { body: { status: "pause" } })).status,
    ).toBe(200);

    const refresh = await stack.ws.refresh();
    expect(refresh.summary?.result).toBe("succeeded");
    expect(stepsDone(refresh)).toContainEqual(["delete", IDENTITY]);
    const after = await stack.snapshot();
    expect(after[IDENTITY]).toBeUndefined();
    expect(outputs(after, DOMAIN).trackOpens).toBe(false);
    expect(outputs(after, TOKEN).status).toBe("paused");
    expect(plaintext(outputs(after, TOKEN).token)).toBe(plaintext(outputs(before, TOKEN).token));
  });

  it("preview shows exactly what the next up will undo", async () => {
    const { json } = await stack.ws.preview();
    expect(changesIn(json).sort()).toEqual(
      [
        ["create", IDENTITY],
        ["update", DOMAIN],
        ["update", TOKEN],
      ].sort(),
    );
  });

  it("up restores the program's intent; the token keeps its value and works again", async () => {
    const up = await stack.ws.up();
    expect(up.summary?.result).toBe("succeeded");
    const store = stack.emulator.store;
    expect(store.counts()).toEqual(expectedAccount(SHAPE));
    expect(store.domains.get("c002.clients.test")?.settings.track_opens).toBe(true);
    expect(store.tokens.get(before[TOKEN].id!)?.status).toBe("unpause");
    await expectStateMatchesAccount(stack);

    stack.clearCalls();
    const { json } = await stack.ws.preview();
    expect(changesIn(json)).toEqual([]);
    expect(stack.callNames()).toEqual([]);
  });
});
