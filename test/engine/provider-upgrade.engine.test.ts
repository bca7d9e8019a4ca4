// A new release of pulumi-mailersend takes effect on the next command, without an `update` of every
// resource: the state's `__provider` is only a shim that requires `pulumi-mailersend/runtime` by
// name (docs/pulumi-dynamic-providers.md §0.2), so refresh and destroy, which do not run the program, use the
// installed package's runtime, not code frozen in the state.
//
// The "new release" is a copy of the built package, installed as the project's
// node_modules/pulumi-mailersend (the repository's own dist/ is not touched), whose runtime logs
// each call it serves. The stack is first written by "release 0.1.0": the same copy with 0.1.0's
// resource base (fixtures/release-0.1.0/shim.js), whose `__provider` is a ~2 KB serialized closure
// instead of today's constant module text.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { changesIn, printed, useEngineStack } from "../support/engine-stack";
import { REPO_ROOT } from "../support/pulumi";
import { ENGINE_TEST_TIMEOUT } from "../support/pulumi-vitest";

const timeout = ENGINE_TEST_TIMEOUT;
const MARKER = "pulumi-mailersend 0.1.1-upgrade-test";
const RUNTIME_INDEX = path.join("dist", "provider", "runtime", "index.js");
const RELEASE_010_SHIM = path.join(__dirname, "fixtures", "release-0.1.0", "shim.js");

/**
 * Makes the copied package write state as 0.1.0 did: resources registered through its resource
 * base, and every input recorded with its default filled in (0.1.0 had no state-defaults.ts).
 */
function asRelease010(packageDir: string): void {
  fs.copyFileSync(
    RELEASE_010_SHIM,
    path.join(packageDir, "dist", "provider", "resources", "shim.js"),
  );
  fs.appendFileSync(
    path.join(packageDir, "dist", "provider", "runtime", "state-defaults.js"),
    "\n// Added by test/engine/provider-upgrade.engine.test.ts: record every default, as 0.1.0 did.\n" +
      "exports.withoutDefaults = (_defaults, values) => values;\n",
  );
}

/** The Domain's recorded inputs and outputs hold every setting, defaults included. */
function expectEveryDefaultRecorded(
  resources: { type: string; inputs?: object; outputs?: object }[],
) {
  const domain = resources.find((r) => r.type.endsWith(":Domain"));
  for (const bag of [domain?.inputs, domain?.outputs]) {
    expect(bag).toMatchObject({ trackOpens: true, trackClicks: true, returnPathSubdomain: "mta" });
  }
}

/** Makes the copied package the "next release": a new version whose runtime logs its calls. */
function patchRelease(packageDir: string): void {
  const manifest = path.join(packageDir, "package.json");
  const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string };
  fs.writeFileSync(manifest, JSON.stringify({ ...pkg, version: "0.1.1" }, null, 2));
  fs.appendFileSync(
    path.join(packageDir, RUNTIME_INDEX),
    `
// Added by test/engine/provider-upgrade.engine.test.ts.
for (const type of ["Domain", "DomainVerification", "SenderIdentity", "ApiToken", "ClientUser"]) {
  for (const method of ["diff", "read", "delete"]) {
    const original = exports[type][method];
    exports[type][method] = (id, ...rest) => {
      console.log(${JSON.stringify(MARKER)} + ": " + type + "." + method + " " + id);
      return original(id, ...rest);
    };
  }
}
`,
  );
}

type Snapshot = Record<string, { id?: string; inputs?: unknown; outputs?: unknown }>;

/** A state snapshot without `__provider` in the inputs and outputs. */
function withoutProvider(snapshot: Snapshot): Snapshot {
  const strip = (bag: unknown) => {
    const { __provider: _provider, ...rest } = (bag ?? {}) as Record<string, unknown>;
    return rest;
  };
  return Object.fromEntries(
    Object.entries(snapshot).map(([name, resource]) => [
      name,
      { ...resource, inputs: strip(resource.inputs), outputs: strip(resource.outputs) },
    ]),
  );
}

/** The logged calls, without ids: `ApiToken.read`, ... sorted. */
function callsLogged(result: { diagnostics?: { message: string; severity: string }[] }) {
  return printed(result, MARKER)
    .map((line) => line.slice(line.indexOf(MARKER) + MARKER.length + 2).split(" ")[0])
    .sort();
}

describe("upgrading the provider between runs", () => {
  const stack = useEngineStack({ example: "api-token" });
  let before: Awaited<ReturnType<ReturnType<typeof stack>["snapshot"]>> = {};
  const repoRuntime = fs.readFileSync(path.join(REPO_ROOT, RUNTIME_INDEX), "utf8");

  it("up with release 0.1.0: __provider is a serialized closure", { timeout }, async () => {
    stack().installPackageCopy(asRelease010);
    const up = await stack().ws.up();
    expect(up.summary).toMatchObject({ result: "succeeded", resourceChanges: { create: 4 } });
    expectEveryDefaultRecorded(await stack().resources());
    for (const resource of await stack().resources()) {
      if (!resource.type.startsWith("pulumi-nodejs:dynamic/")) continue;
      const provider = String(resource.inputs?.__provider);
      expect(Buffer.byteLength(provider)).toBeGreaterThan(1000);
      expect(provider).toContain("function __f0(");
    }
  });

  it(
    "after upgrading to this release, preview shows no changes and calls no API",
    { timeout },
    async () => {
      stack().installPackageCopy(); // this release, unmodified
      stack().clearCalls();
      const { json } = await stack().ws.preview();
      expect(changesIn(json)).toEqual([]);
      expect(stack().callNames()).toEqual([]);
    },
  );

  it("and the next up changes nothing in MailerSend", { timeout }, async () => {
    const up = await stack().ws.up();
    expect(up.summary).toMatchObject({ result: "succeeded", resourceChanges: { same: 4 } });
    expect(stack().callNames()).toEqual([]);
    // The settings 0.1.0 recorded at their defaults stay recorded (provider/runtime/state-defaults.ts).
    expectEveryDefaultRecorded(await stack().resources());
    // The state now records this release's constant text as each resource's input.
    for (const resource of await stack().resources()) {
      if (!resource.type.startsWith("pulumi-nodejs:dynamic/")) continue;
      expect(resource.inputs?.__provider).toBe(
        `exports.handler = () => require("pulumi-mailersend/runtime")["${resource.type.split(":").pop()}"];\n`,
      );
    }
    before = await stack().snapshot();
  });

  it("refresh runs the new release's read, changing nothing", { timeout }, async () => {
    const { ws } = stack();
    const installed = stack().installPackageCopy(patchRelease);
    expect(fs.realpathSync(path.join(ws.projectDir, "node_modules", "pulumi-mailersend"))).toBe(
      installed,
    );
    expect(fs.readFileSync(path.join(REPO_ROOT, RUNTIME_INDEX), "utf8")).toBe(repoRuntime);

    // The engine asks the provider's diff after each read to decide whether the refresh changed
    // the resource; both come from the new release.
    const refresh = await ws.refresh();
    expect(callsLogged(refresh)).toEqual([
      "ApiToken.diff",
      "ApiToken.diff",
      "ApiToken.read",
      "ApiToken.read",
      "Domain.diff",
      "Domain.read",
    ]);
    expect(refresh.summary?.resourceChanges).toEqual({ same: 4 });
    // Nothing changed but `__provider`: the dynamic-provider host answers a read with the prior
    // outputs' `__provider`, still 0.1.0's closure (outputs are only rewritten by an update), so
    // the inputs get it back. No plan shows it: the runtime's diff ignores `__provider`.
    const after = await stack().snapshot();
    expect(withoutProvider(after)).toEqual(withoutProvider(before));
    for (const resource of Object.values(after)) {
      const inputs = resource.inputs as Record<string, unknown> | undefined;
      if (inputs?.__provider === undefined) continue;
      expect(inputs.__provider).toContain("function __f0(");
    }
  });

  it(
    "preview runs the new release's diff and shows no changes: __provider is unchanged",
    { timeout },
    async () => {
      const { json } = await stack().ws.preview();
      expect(callsLogged(json)).toEqual(["ApiToken.diff", "ApiToken.diff", "Domain.diff"]);
      expect(changesIn(json)).toEqual([]);
    },
  );

  it("destroy runs the new release's delete and empties the account", { timeout }, async () => {
    const { ws, emulator } = stack();
    const destroy = await ws.destroy();
    expect(callsLogged(destroy)).toEqual(["ApiToken.delete", "ApiToken.delete", "Domain.delete"]);
    expect(destroy.summary).toMatchObject({ result: "succeeded", resourceChanges: { delete: 4 } });
    expect(emulator.store.counts()).toEqual(stack().baseline);
    expect(fs.readFileSync(path.join(REPO_ROOT, RUNTIME_INDEX), "utf8")).toBe(repoRuntime);
  });
});
