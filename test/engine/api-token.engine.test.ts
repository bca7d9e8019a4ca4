// examples/api-token through the real Pulumi CLI against the MailerSend emulator: a domain with two
// scoped tokens. Token values stay secret in the state; a rotation creates the new token before
// deleting the old one, so the client never loses sending.
import * as fs from "node:fs";
import * as path from "node:path";
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
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const DOMAIN = "Domain.client-four";
const SENDING = "ApiToken.client-four-sending";
const REPORTING = "ApiToken.client-four-reporting";

describe("examples/api-token", () => {
  const stack = useEngineStack({ example: "api-token" });
  /** Every token value seen so far (the rotated one included). */
  const tokenValues: string[] = [];
  let sendingId = "";

  const showSecrets = async () => stack().ws.stackOutputs({ showSecrets: true });

  it("up creates the domain and both tokens; the values work", { timeout }, async () => {
    const { ws, emulator } = stack();
    const up = await ws.up();
    expect(up.summary).toMatchObject({ result: "succeeded", resourceChanges: { create: 4 } });

    const outputs = await showSecrets();
    sendingId = outputs.sendingTokenId as string;
    const domainId = outputs.domainId as string;
    tokenValues.push(outputs.sendingToken as string, outputs.reportingToken as string);
    expect(tokenValues).toEqual([
      expect.stringMatching(/^mlsn\.[0-9a-f]{64}$/),
      expect.stringMatching(/^mlsn\.[0-9a-f]{64}$/),
    ]);
    const tokens = emulator.store.tokens.list();
    expect(tokens.map((t) => [t.name, [...t.scopes].sort(), t.domainId, t.status]).sort()).toEqual([
      ["client-four reporting", ["activity_read", "analytics_read"], domainId, "unpause"],
      ["client-four sending", ["email_full"], domainId, "unpause"],
    ]);
    // Both values authenticate; the sending token cannot manage domains (scopes).
    for (const token of tokenValues) {
      expect((await stack().api("GET", "/api-quota", { token })).status).toBe(200);
    }
    expect((await stack().api("GET", "/domains", { token: tokenValues[0] })).status).toBe(403);
  });

  it("preview shows no changes", { timeout }, async () => {
    const { json } = await stack().ws.preview();
    expect(changesIn(json)).toEqual([]);
    expect(planOf(json).sort()).toEqual(
      [
        ["same", DOMAIN],
        ["same", SENDING],
        ["same", REPORTING],
      ].sort(),
    );
  });

  it(
    "refresh finds nothing changed and keeps the values (MailerSend shows them only once)",
    { timeout },
    async () => {
      const before = await stack().snapshot();
      const refresh = await stack().ws.refresh();
      expect(refresh.summary?.resourceChanges).toEqual({ same: 4 });
      expect(await stack().snapshot()).toEqual(before);
      const outputs = await showSecrets();
      expect([outputs.sendingToken, outputs.reportingToken]).toEqual(tokenValues);
    },
  );

  it(
    "stack export: token values and the API key never in plaintext; tokens are secrets; __provider is small and shared",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      const exported = await ws.stackExport();
      for (const secret of [...tokenValues, emulator.apiKey]) {
        expect(exported.raw).not.toContain(secret);
      }
      // The key is encrypted in the stack's config file too.
      const stackConfig = fs.readFileSync(path.join(ws.projectDir, "Pulumi.dev.yaml"), "utf8");
      expect(stackConfig).toContain("mailersend:apiKey:\n    secure: ");
      expect(stackConfig).not.toContain(emulator.apiKey);

      const resources = exported.deployment.resources ?? [];
      const tokens = resources.filter((r) => r.type === mailersendType("ApiToken"));
      expect(tokens).toHaveLength(2);
      for (const token of tokens) {
        expect(token.outputs?.token).toEqual({
          [SECRET_SIG_KEY]: SECRET_SIG,
          ciphertext: expect.any(String),
        });
        expect(token.additionalSecretOutputs).toEqual(["token"]);
      }
      // The stack outputs holding the values are secrets too.
      const stackResource = resources.find((r) => r.type === "pulumi:pulumi:Stack");
      for (const name of ["sendingToken", "reportingToken"]) {
        expect(stackResource?.outputs?.[name]).toMatchObject({ [SECRET_SIG_KEY]: SECRET_SIG });
      }

      // __provider: the same small shim in the inputs and outputs of every token; the Domain's
      // differs only by the type name, so nothing else is captured.
      const providers = tokens.flatMap((t) => [t.inputs?.__provider, t.outputs?.__provider]);
      expect(new Set(providers).size).toBe(1);
      const tokenProvider = providers[0] as string;
      expect(Buffer.byteLength(tokenProvider)).toBeLessThan(2048);
      const domain = resources.find((r) => r.type === mailersendType("Domain"));
      expect(domain?.outputs?.__provider).toBe(tokenProvider.replaceAll('"ApiToken"', '"Domain"'));
    },
  );

  it("a rotation creates the new token before deleting the old one", { timeout }, async () => {
    const { ws, emulator } = stack();
    await ws.configSet("rotation", "2026-q1");

    // The default preview shows one `replace` step, without `pendingReplacement` (create first).
    const { json } = await ws.preview();
    expect(changesIn(json)).toEqual([["replace", SENDING]]);
    const replace = json.steps.find((s) => s.op === "replace");
    expect(replace?.replaceReasons).toEqual(["rotationNonce"]);
    expect(replace?.oldState?.pendingReplacement).toBeUndefined();

    const detailed = await ws.preview({ args: ["--show-replacement-steps"] });
    expect(planOf(detailed.json).filter(([, label]) => label === SENDING)).toEqual([
      ["create-replacement", SENDING],
      ["replace", SENDING],
      ["delete-replaced", SENDING],
    ]);

    stack().clearCalls();
    const up = await ws.up();
    expect(stepsDone(up).filter(([, label]) => label === SENDING)).toEqual([
      ["create-replacement", SENDING],
      ["replace", SENDING],
      ["delete-replaced", SENDING],
    ]);
    expect(up.summary?.resourceChanges).toEqual({ replace: 1, same: 3 });
    expect(stack().callNames()).toEqual(["POST /token", `DELETE /token/${sendingId}`]);

    const outputs = await showSecrets();
    const newValue = outputs.sendingToken as string;
    expect(newValue).not.toBe(tokenValues[0]);
    expect(outputs.sendingTokenId).not.toBe(sendingId);
    expect(outputs.reportingToken).toBe(tokenValues[1]);
    expect(emulator.store.tokens.get(sendingId)).toBeUndefined();
    // The old value no longer authenticates; the new one does.
    expect((await stack().api("GET", "/api-quota", { token: tokenValues[0] })).status).toBe(401);
    expect((await stack().api("GET", "/api-quota", { token: newValue })).status).toBe(200);
    tokenValues.push(newValue);
    sendingId = outputs.sendingTokenId as string;

    const exported = await ws.stackExport();
    for (const secret of tokenValues) expect(exported.raw).not.toContain(secret);
  });

  it(
    "destroy deletes the tokens and the domain, leaving the account empty",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      stack().clearCalls();
      const destroy = await ws.destroy();
      expect(destroy.summary).toMatchObject({
        result: "succeeded",
        resourceChanges: { delete: 4 },
      });
      // The tokens go before the domain they are bound to.
      const calls = stack()
        .callNames()
        .map((c) => c.replace(/\/[0-9a-z]+$/, "/<id>"));
      expect(calls).toEqual(["DELETE /token/<id>", "DELETE /token/<id>", "DELETE /domains/<id>"]);
      expect(emulator.store.counts()).toEqual(stack().baseline);
      expect(stack().baseline).toEqual(EMPTY_ACCOUNT);
    },
  );
});
