/**
 * Our resources register without the promise-leak detector's stack traces (provider/resources/
 * leak-traces.ts): while one registers, every stack trace taken is empty except the one the SDK
 * takes for the resource's source position, and the limit is back afterwards, also when the
 * registration throws. With PULUMI_DEBUG_PROMISE_LEAKS set, the traces are kept.
 * Under Pulumi's mocks, with the package loaded from dist/ by Node's own loader.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

const nodeRequire = createRequire(path.resolve(__dirname, "../../package.json"));
const pulumi = nodeRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
type Package = typeof import("../../provider/index");

let mailersend: Package;
beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => {
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    "leak-traces",
    "dev",
    true,
  );
  mailersend = nodeRequire("./dist/provider/index.js");
});

const originalPrepare = Error.prepareStackTrace;
const originalLimit = Error.stackTraceLimit;
afterEach(() => {
  Error.prepareStackTrace = originalPrepare;
  Error.stackTraceLimit = originalLimit;
  delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
});

/** The number of frames of every stack trace formatted while `body` runs. */
function framesOfTracesDuring(body: () => void): number[] {
  const frames: number[] = [];
  Error.prepareStackTrace = (error, callSites) => {
    frames.push(callSites.length);
    return [String(error), ...callSites.map((site) => `    at ${String(site)}`)].join("\n");
  };
  try {
    body();
  } finally {
    Error.prepareStackTrace = originalPrepare;
  }
  return frames;
}

describe("registering a resource of this package", () => {
  it("takes no leak-detector stack trace: only the source-position one has frames", () => {
    const frames = framesOfTracesDuring(
      () => new mailersend.Domain("quiet", { name: "quiet.example" }),
    );
    // Four promises per property (28 outputs and inputs of a Domain) and the URN and id.
    expect(frames.length).toBeGreaterThan(100);
    expect(frames.filter((count) => count > 0)).toHaveLength(1);
    expect(Error.stackTraceLimit).toBe(originalLimit);
  });

  it("keeps every trace with PULUMI_DEBUG_PROMISE_LEAKS set", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    const frames = framesOfTracesDuring(
      () => new mailersend.Domain("traced", { name: "traced.example" }),
    );
    expect(frames.length).toBeGreaterThan(100);
    expect(frames.every((count) => count > 0)).toBe(true);
  });

  it("restores the limit when the registration throws, and the error keeps a stack", () => {
    let thrown: unknown;
    try {
      new mailersend.SenderIdentity("", {
        domainId: "d1",
        email: "hello@quiet.example",
        name: "Quiet",
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toContain("Missing resource name argument");
    expect((thrown as Error).stack).toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(originalLimit);
  });
});
