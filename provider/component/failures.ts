/**
 * How the components report a client that cannot be set up: every failing client at once, with no
 * stack trace. Each failure is logged as an error on its own component (the CLI shows it under that
 * resource, `pulumi preview --json` gives it that URN), the component creates no children, and the
 * program is failed once, after every client declared in the same turn has been checked, by a
 * `RunError` (which Pulumi prints without a stack) naming them all. Throwing from the constructor
 * instead would stop the program at the first failing client and print a stack trace into files
 * the package does not ship.
 */
import * as pulumi from "@pulumi/pulumi";

/** The first words of the error that fails the program; plan-summary recognises it by them. */
export const FAILURE_SUMMARY_PREFIX = "The program stopped:";

let pending: string[] = [];

/** The summary for the failing components `names` (`Client acme`, `Agency agency`). */
export function failureSummary(names: readonly string[]): string {
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return (
    `${FAILURE_SUMMARY_PREFIX} ${names.length === 1 ? "1 component" : `${names.length} components`} ` +
    `cannot be set up (${list}); ${names.length === 1 ? "its error is" : "each one's error is"} ` +
    "shown on it above, and nothing was created for " +
    `${names.length === 1 ? "it" : "them"}.`
  );
}

/**
 * Logs `text` as an error on `resource` and fails the program once this turn's components have all
 * been declared. `what` names the component in the summary, e.g. `Client acme`.
 */
export function reportComponentFailure(
  what: string,
  text: string,
  resource: pulumi.Resource,
): void {
  void pulumi.log.error(text, resource);
  pending.push(what);
  if (pending.length > 1) return;
  setImmediate(() => {
    const names = pending;
    pending = [];
    // Unhandled on purpose: that is how a Pulumi program fails; a RunError prints without a stack.
    void Promise.reject(new pulumi.RunError(failureSummary(names)));
  });
}
