// Engine smoke test: the real Pulumi CLI, our Node.js language host and the dynamic-provider
// launcher run a one-resource TypeScript program (test/engine/fixtures/smoke) on a local file
// backend with passphrase secrets. No network. If the CLI is missing this FAILS (run
// scripts/ensure-pulumi.sh), it never skips.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { changedSteps, stepsOfType, urnName } from "../support/pulumi";
import { ENGINE_TEST_TIMEOUT, useWorkspace } from "../support/pulumi-vitest";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "smoke");
const RESOURCE_TYPE = "pulumi-nodejs:dynamic/smoke:StoredString";
const SECRET = "s3cr3t-smoke-token-7f1c";
const timeout = ENGINE_TEST_TIMEOUT;

describe("engine smoke test (pulumi CLI + dynamic provider)", () => {
  // The provider writes the value to this file (inside the workspace's temporary directory).
  let storeFile = "";
  const workspace = useWorkspace({ project: FIXTURE }, async (ws) => {
    storeFile = path.join(ws.dir, "store.txt");
    await ws.stackInit("dev");
    await ws.setConfig({
      path: storeFile,
      value: "hello",
      token: { value: SECRET, secret: true },
    });
  });

  it("creates the resource with `pulumi up`", { timeout }, async () => {
    const ws = workspace();
    const up = await ws.up();
    expect(up.summary?.result).toBe("succeeded");
    expect(up.summary?.resourceChanges).toEqual({ create: 2 }); // the stack and the resource
    expect(fs.readFileSync(storeFile, "utf8")).toBe("hello");
    // The program's console output arrives as an info diagnostic.
    expect(up.diagnostics.map((d) => d.message).join("")).toContain("smoke program: value=hello");

    const outputs = await ws.stackOutputs({ showSecrets: true });
    expect(outputs).toMatchObject({ storedValue: "hello", storedPath: storeFile });
    expect(outputs.storedNote).toBe(SECRET);
  });

  it("previews no changes when nothing changed", { timeout }, async () => {
    const ws = workspace();
    const { json } = await ws.preview();
    expect(changedSteps(json)).toEqual([]);
    expect(json.changeSummary).toEqual({ same: 2 });
    expect(stepsOfType(json, RESOURCE_TYPE).map((s) => [s.op, urnName(s.urn)])).toEqual([
      ["same", "greeting"],
    ]);
  });

  it("keeps the secret config encrypted in state", { timeout }, async () => {
    const ws = workspace();
    const exported = await ws.stackExport();
    expect(exported.raw).not.toContain(SECRET);
    const stored = exported.deployment.resources?.find((r) => r.type === RESOURCE_TYPE);
    expect(stored?.outputs?.note).toMatchObject({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: expect.any(String),
    });
    expect(exported.deployment.secrets_providers?.type).toBe("passphrase");
    expect(fs.readFileSync(path.join(ws.projectDir, "Pulumi.dev.yaml"), "utf8")).not.toContain(
      SECRET,
    );
  });

  it("previews and applies an update when an input changes", { timeout }, async () => {
    const ws = workspace();
    await ws.configSet("value", "world");
    const { json } = await ws.preview();
    expect(changedSteps(json).map((s) => [s.op, urnName(s.urn)])).toEqual([["update", "greeting"]]);
    expect(json.changeSummary).toEqual({ same: 1, update: 1 });
    expect(fs.readFileSync(storeFile, "utf8")).toBe("hello"); // preview changes nothing

    const up = await ws.up();
    expect(up.summary?.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(fs.readFileSync(storeFile, "utf8")).toBe("world");
  });

  it("removes the resource with `pulumi destroy`", { timeout }, async () => {
    const ws = workspace();
    const destroyed = await ws.destroy();
    expect(destroyed.summary?.result).toBe("succeeded");
    expect(destroyed.summary?.resourceChanges).toEqual({ delete: 2 });
    expect(fs.existsSync(storeFile)).toBe(false);
    const exported = await ws.stackExport();
    expect(exported.deployment.resources ?? []).toEqual([]);
  });

  it("reports a program error once and fails the command", { timeout }, async () => {
    const ws = workspace();
    await ws.configSet("fail", "true");
    const preview = await ws.preview({ allowFailure: true });
    expect(preview.exitCode).not.toBe(0);
    const errors = (preview.json.diagnostics ?? []).filter((d) => d.severity === "error");
    // The language host maps the SDK's "already reported" exit code to a bail: no second,
    // generic "Program exited with non-zero exit code" error.
    expect(errors.map((d) => d.message)).toEqual([
      expect.stringContaining("smoke program: failing on purpose"),
    ]);
    await ws.configRm("fail");
  });
});
