/**
 * What every resource of this package stores as `__provider`: a fixed module text that, when the
 * dynamic-provider host loads it, hands over the runtime of one resource type, required by package
 * name. The host loads `__provider` with `require-from-string` and calls its `handler()`
 * (docs/pulumi-dynamic-providers.md §0.2), so the text need not come from Pulumi's closure serializer.
 * So:
 * - no API key, client or schema can be captured into state: the text is a constant;
 * - `__provider` is about 80 bytes (it is stored twice per resource, and the file backend rewrites
 *   the whole state after every step, so its size is paid on every checkpoint) and byte-identical
 *   across releases, so no spurious `~__provider` diffs;
 * - a fixed runtime takes effect on the next refresh or delete, like a real provider plugin.
 * The host resolves `pulumi-mailersend/runtime` from its working directory, the user's project, so
 * the installed version of this package runs. States written by 0.1.0 hold a closure-serialized
 * shim that requires the same runtime; the runtime's diff ignores `__provider`, so they preview
 * with no changes and call no API (test/engine/provider-upgrade.engine.test.ts). They keep the old
 * text in each resource's outputs until its next update (the host answers a read with the prior
 * outputs' `__provider`), which no plan shows.
 */
import * as pulumi from "@pulumi/pulumi";
import { restoreStack, suspendLeakTraces } from "./leak-traces";

export type ResourceTypeName =
  "Domain" | "DomainVerification" | "SenderIdentity" | "ApiToken" | "ClientUser";

/** Type tokens are `pulumi-nodejs:dynamic/mailersend:<Type>`: a compatibility promise, never change them. */
export const TYPE_MODULE = "mailersend";

/** The `__provider` module text of a resource type. */
export function providerModuleText(type: ResourceTypeName): string {
  return `exports.handler = () => require("pulumi-mailersend/runtime")[${JSON.stringify(type)}];\n`;
}

/**
 * The base of every resource of this package: a custom resource of the Node.js dynamic provider
 * (`pulumi-nodejs`), exactly what `pulumi.dynamic.Resource` registers, with the constant
 * `__provider` text instead of a serialized closure.
 */
export abstract class MailerSendResource extends pulumi.CustomResource {
  protected constructor(
    type: ResourceTypeName,
    name: string,
    props: Record<string, unknown>,
    opts?: pulumi.CustomResourceOptions,
  ) {
    // Without the leak detector's stack traces: they were a third of a preview's program CPU.
    const resumeTraces = suspendLeakTraces();
    try {
      super(
        `pulumi-nodejs:dynamic/${TYPE_MODULE}:${type}`,
        name,
        { ...props, __provider: providerModuleText(type) },
        opts,
      );
    } catch (error) {
      resumeTraces();
      throw restoreStack(error);
    }
    resumeTraces();
  }
}

/**
 * The property bag for a resource: every output name present (as `undefined` when not an input) so
 * it becomes a property of the resource, then the arguments.
 */
export function resourceProps(
  outputNames: readonly string[],
  args: object,
): Record<string, unknown> {
  return { ...Object.fromEntries(outputNames.map((name) => [name, undefined])), ...args };
}
