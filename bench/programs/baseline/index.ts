/**
 * The engine-cost baseline for the benchmarks: the agency program's resource graph (a root
 * component, one component per client, and the same custom resources with the same dependencies)
 * made of trivial dynamic resources whose provider answers at once and calls no API.
 *
 * Client `cNNN` is a "domain client" when NNN is a multiple of `domainEvery`: three resources, the
 * second and third depending on the first's id (like Domain → DomainVerification and ApiToken);
 * otherwise one resource (like a SenderIdentity). Stack config: `clients` (default 10),
 * `domainEvery` (default 2).
 */
import * as pulumi from "@pulumi/pulumi";

// Provider methods require what they need at call time (the provider is serialized into state).
const trivialProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    const { randomUUID }: typeof import("node:crypto") = require("node:crypto");
    return { id: randomUUID(), outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(olds.value) !== JSON.stringify(news.value) };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete() {},
};

class Trivial extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;
  constructor(name: string, value: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions) {
    super(trivialProvider, name, { value }, opts, "bench", "Trivial");
  }
}

const config = new pulumi.Config();
const count = config.getNumber("clients") ?? 10;
const domainEvery = config.getNumber("domainEvery") ?? 2;

const root = new pulumi.ComponentResource("bench:index:Agency", "agency");
for (let n = 1; n <= count; n++) {
  const name = `c${String(n).padStart(3, "0")}`;
  const client = new pulumi.ComponentResource("bench:index:Client", name, {}, { parent: root });
  const parent = { parent: client };
  if (n % domainEvery === 0) {
    const first = new Trivial(`${name}-domain`, `${name}.clients.test`, parent);
    new Trivial(`${name}-verification`, first.id, parent);
    new Trivial(`${name}-token`, first.id, parent);
  } else {
    new Trivial(`${name}-identity`, `hello@${name}.clients.test`, parent);
  }
}
