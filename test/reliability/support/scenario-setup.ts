/** Setup steps the scenarios of the fault matrix share (scenarios-domains.ts, scenarios-access.ts). */
import type { Props } from "../../support/dynamic-provider-host";
import type { HostFixture } from "../../support/host-fixture";
import type { Prepared, ResourceType, Scenario } from "./scenarios";

/** The delete of an existing object: only what MailerSend holds afterwards differs by resource. */
export function deleteScenario(
  type: ResourceType,
  objects: Scenario["objects"],
  prepare: Scenario["prepare"],
  afterSuccess: (f: HostFixture) => Promise<void>,
): Scenario {
  return {
    type,
    op: "delete",
    objects,
    prepare,
    run: async (f, p) => {
      await f.host.delete(p.id!, p.outs!);
      return {};
    },
    afterSuccess,
  };
}

export const DOMAIN = "client.test";

export function domainOnly(f: HostFixture): string {
  return f.emulator.store.domains.create({ name: DOMAIN }).id;
}

export function verifiedAgencyDomain(f: HostFixture): string {
  const { id } = f.emulator.store.domains.create({ name: DOMAIN });
  f.emulator.store.verifyDomain(id);
  return id;
}

export async function created(f: HostFixture, inputs: Props): Promise<Prepared> {
  const { id, outs } = await f.host.create(inputs);
  return { inputs, id, outs };
}

/** A token value really works: MailerSend accepts it (after unpausing it, outside the test's view). */
export async function tokenWorks(f: HostFixture, id: string, value: string): Promise<boolean> {
  if (f.emulator.store.tokens.get(id)?.status === "pause") {
    f.emulator.store.tokens.update(id, { status: "unpause" });
  }
  const response = await fetch(`${f.emulator.url}/api-quota`, {
    headers: { authorization: `Bearer ${value}` },
  });
  return response.status === 200;
}
