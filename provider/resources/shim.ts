/**
 * The provider object handed to `pulumi.dynamic.Resource`, i.e. what gets serialized into state as
 * `__provider`. It captures nothing but the resource type name: every method requires the runtime
 * by package name when it runs (docs/pulumi-dynamic-providers.md §0.2). So:
 * - no API key, client or schema can be captured into state;
 * - `__provider` stays tiny (under 2 KB; it is stored twice per resource) and byte-identical across
 *   releases, so no spurious `~__provider` diffs;
 * - a fixed runtime takes effect on the next refresh or delete, like a real provider plugin.
 * The dynamic-provider host resolves `pulumi-mailersend/runtime` from its working directory, the
 * user's project, so the installed version of this package runs. The serializer wraps every
 * function in ~190 bytes, so the methods stay one-liners; the runtime's signatures document them.
 */
import type * as pulumi from "@pulumi/pulumi";

export type ResourceTypeName =
  "Domain" | "DomainVerification" | "SenderIdentity" | "ApiToken" | "ClientUser";

/** Type tokens are `pulumi-nodejs:dynamic/mailersend:<Type>`: a compatibility promise, never change them. */
export const TYPE_MODULE = "mailersend";

export function runtimeShim(type: ResourceTypeName): pulumi.dynamic.ResourceProvider {
  // One-letter names on purpose: each appears in every serialized method (see above).
  const t = type;
  const r = () => require("pulumi-mailersend/runtime")[t];
  return {
    configure: (...a) => r().configure(...a),
    check: (...a) => r().check(...a),
    diff: (...a) => r().diff(...a),
    create: (...a) => r().create(...a),
    read: (...a) => r().read(...a),
    update: (...a) => r().update(...a),
    delete: (...a) => r().delete(...a),
  };
}

/**
 * The property bag for a dynamic resource: every output name present (as `undefined` when not an
 * input) so it becomes a property of the resource, then the arguments. A fresh object each time:
 * `pulumi.dynamic.Resource` writes `__provider` into it.
 */
export function resourceProps(
  outputNames: readonly string[],
  args: object,
): Record<string, unknown> {
  return { ...Object.fromEntries(outputNames.map((name) => [name, undefined])), ...args };
}
