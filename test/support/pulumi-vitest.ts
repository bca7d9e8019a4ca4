// Vitest glue for engine tests: one Pulumi workspace shared by the tests of a describe block.
//
//   const workspace = useWorkspace({ project: FIXTURE }, async (ws) => {
//     await ws.stackInit();
//     await ws.setConfig({ value: "hello" });
//   });
//   it("creates", { timeout: ENGINE_TEST_TIMEOUT }, async () => {
//     const up = await workspace().up();
//   });
//
// If the CLI is missing or the setup fails, every test FAILS with that error (a failing beforeAll
// alone would only mark the tests as skipped).
import { afterAll, beforeAll } from "vitest";
import { createWorkspace, type PulumiWorkspace, type WorkspaceOptions } from "./pulumi";

/** A per-test timeout for engine tests: each `pulumi` command takes a few seconds. */
export const ENGINE_TEST_TIMEOUT = 120_000;

/**
 * Creates the workspace (and runs `setup` on it) in beforeAll, removes it in afterAll, and returns
 * a getter for the tests; the getter throws the setup error, if any.
 */
export function useWorkspace(
  options: WorkspaceOptions,
  setup?: (ws: PulumiWorkspace) => Promise<void>,
): () => PulumiWorkspace {
  let workspace: PulumiWorkspace | undefined;
  let setupError: unknown;

  beforeAll(async () => {
    try {
      workspace = await createWorkspace(options);
      await setup?.(workspace);
    } catch (error) {
      setupError = error;
    }
  }, ENGINE_TEST_TIMEOUT);

  afterAll(async () => {
    await workspace?.cleanup();
  });

  return () => {
    if (setupError !== undefined) throw setupError;
    if (!workspace) throw new Error("useWorkspace(): the workspace is used outside a test");
    return workspace;
  };
}
