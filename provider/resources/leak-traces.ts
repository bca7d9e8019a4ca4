/**
 * Registering a resource without the promise-leak detector's stack traces.
 *
 * `@pulumi/pulumi` gives every property of a resource four promises (value, known, secret,
 * dependencies) and records `new Error().stack` on each, for the report it prints when a program
 * exits with promises still pending (`runtime/debuggable.ts`). The Node.js language host installs
 * `source-map-support`, so each of those traces is also source-mapped: profiled at 200 clients,
 * they were about 2.9 s of the program's 7.7 s of CPU in a preview. Our resources have 8 to 28
 * properties each, so we register them with `Error.stackTraceLimit` at 0: the traces are empty and
 * nothing else changes. The resource's own source position and stack trace, which the engine
 * stores in the state, are taken with an unlimited trace by the SDK (`Resource.callsites`) and are
 * unaffected. With `PULUMI_DEBUG_PROMISE_LEAKS` set (debugging a leak), traces are kept.
 * docs/pulumi-dynamic-providers.md §0.4.
 */

/** The environment variable with which `@pulumi/pulumi` reports leaked promises in detail. */
export const DEBUG_PROMISE_LEAKS_ENV = "PULUMI_DEBUG_PROMISE_LEAKS";

/**
 * Lowers `Error.stackTraceLimit` to 0 until the returned function is called (in a `finally`).
 * An error thrown meanwhile gets its stack back from `restoreStack`.
 */
export function suspendLeakTraces(): () => void {
  if (process.env[DEBUG_PROMISE_LEAKS_ENV]) return () => undefined;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = limit;
  };
}

/** Gives an error thrown while traces were suspended the stack of the place that catches it. */
export function restoreStack(error: unknown): unknown {
  if (error instanceof Error && !/\n\s+at /.test(error.stack ?? "")) {
    Error.captureStackTrace(error, restoreStack);
  }
  return error;
}
