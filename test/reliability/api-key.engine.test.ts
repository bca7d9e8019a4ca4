/**
 * Where the MailerSend API key ends up (issue 13, point 4). Pulumi stores the whole stack config on
 * the `pulumi-nodejs` provider resource, so the key must never be plaintext stack config:
 * - `pulumi config set --secret mailersend:apiKey`: stored there, encrypted;
 * - the MAILERSEND_API_KEY environment variable: not in the state at all;
 * - plaintext `pulumi config set mailersend:apiKey`: refused, with the fix, before anything is
 *   registered or sent.
 * In every case `pulumi stack export` holds no plaintext key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineStack, type EngineStack } from "../support/engine-stack";
import type { StackExport } from "../support/pulumi";
import { PLAINTEXT_API_KEY_MESSAGE } from "../../provider/resources/api-key-guard";

function useApiTokenStack(): () => EngineStack {
  let stack: EngineStack | undefined;
  beforeAll(async () => {
    stack = await createEngineStack({ example: "api-token" });
  }, 120_000);
  afterAll(() => stack?.cleanup());
  return () => stack!;
}

async function exportedText(stack: EngineStack): Promise<string> {
  return (await stack.ws.stackExport()).raw;
}

describe("the API key as secret stack config", () => {
  const stack = useApiTokenStack();

  it("works, and the state holds the key only encrypted", async () => {
    const { ws, emulator } = stack();
    const up = await ws.up();
    expect(up.summary?.result).toBe("succeeded");
    const exported = await exportedText(stack());
    expect(exported).not.toContain(emulator.apiKey);
    // It is there, encrypted, on the provider resource (inputs and outputs).
    const providers = (JSON.parse(exported) as StackExport).deployment.resources!.filter((r) =>
      r.type.startsWith("pulumi:providers:pulumi-nodejs"),
    );
    expect(providers).toHaveLength(1);
    for (const bag of [providers[0]!.inputs, providers[0]!.outputs]) {
      expect(bag?.["mailersend:apiKey"]).toMatchObject({ ciphertext: expect.any(String) });
    }
  });
});

describe("the API key in the MAILERSEND_API_KEY environment variable", () => {
  const stack = useApiTokenStack();

  it("works, and the state does not hold the key at all", async () => {
    const { ws, emulator } = stack();
    await ws.configRm("mailersend:apiKey");
    const env = { MAILERSEND_API_KEY: emulator.apiKey };
    const up = await ws.up({ env });
    expect(up.summary?.result).toBe("succeeded");
    expect(emulator.store.counts().tokens).toBe(2);
    const exported = await exportedText(stack());
    expect(exported).not.toContain(emulator.apiKey);
    expect(exported).not.toContain("mailersend:apiKey");
    const withSecrets = (await ws.stackExport({ args: ["--show-secrets"], env })).raw;
    expect(withSecrets).not.toContain(emulator.apiKey);
  });
});

describe("the API key as plaintext stack config", () => {
  const stack = useApiTokenStack();

  it("is refused with the fix, before anything is registered or sent", async () => {
    const { ws, emulator } = stack();
    await ws.configSet("mailersend:apiKey", emulator.apiKey);
    stack().clearCalls();
    const up = await ws.up({ allowFailure: true });
    expect(up.exitCode).not.toBe(0);
    expect(up.stdout + up.stderr).toContain(PLAINTEXT_API_KEY_MESSAGE);
    expect(stack().callNames()).toEqual([]);
    const exported = await exportedText(stack());
    expect(exported).not.toContain(emulator.apiKey);
  });
});
