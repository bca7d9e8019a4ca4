/**
 * Wraps a resource's provider so that its state leaves out the inputs at their defaults
 * (the rule and why: state-defaults.ts). The resource's own operations always see every default
 * filled in, exactly as they did when the state recorded them all; only what goes back to the
 * engine (checked inputs, outputs) is trimmed. One wrapper for every resource, so the rule lives in
 * one place.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { schemaDefaults, withDefaults, withoutDefaults } from "./state-defaults";

type Bag = Record<string, unknown>;
/** The operations every resource's provider has (all but `configure`, which is shared). */
export type ProviderOperations = Required<
  Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">
>;

export function withDefaultsUnrecorded<P extends ProviderOperations>(
  provider: P,
  schema: z.ZodObject,
): P {
  const defaults = schemaDefaults(schema);
  const filled = (bag: Bag | undefined): Bag => withDefaults(defaults, bag ?? {});
  return {
    ...provider,
    async check(olds: Bag, news: Bag) {
      const result = await provider.check(olds, news);
      if (!result.inputs || (result.failures?.length ?? 0) > 0) return result;
      return { ...result, inputs: withoutDefaults(defaults, result.inputs, news, olds ?? {}) };
    },
    diff: (id: string, olds: Bag, news: Bag) => provider.diff(id, filled(olds), filled(news)),
    async create(inputs: Bag) {
      const result = await provider.create(filled(inputs));
      return { ...result, outs: result.outs && withoutDefaults(defaults, result.outs, inputs) };
    },
    async read(id: string, props?: Bag) {
      const result = await provider.read(id, props && filled(props));
      const kept = props ?? {};
      return {
        ...result,
        ...(result.props ? { props: withoutDefaults(defaults, result.props, kept) } : {}),
        ...(result.inputs ? { inputs: withoutDefaults(defaults, result.inputs, kept) } : {}),
      };
    },
    async update(id: string, olds: Bag, news: Bag) {
      const result = await provider.update(id, filled(olds), filled(news));
      return { ...result, outs: result.outs && withoutDefaults(defaults, result.outs, news, olds) };
    },
    delete: (id: string, props: Bag) => provider.delete(id, filled(props)),
  };
}
