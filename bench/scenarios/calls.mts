/**
 * calls: API calls per operation per resource (create, no-op preview, no-op up, refresh, update,
 * delete), counted in the emulator's request log, against the API minimum.
 */
import {
  SINGLE,
  UNPACED,
  print,
  ratio,
  results,
  stackFor,
  table,
  withEmulator,
} from "../harness.mts";

/** The fewest calls MailerSend's API allows for each operation, and why. */
const MINIMUM: Record<string, Record<string, [number, string]>> = {
  Domain: {
    create: [2, "POST /domains; its answer has no DNS records, so GET dns-records"],
    update: [1, "PUT settings"],
    refresh: [1, "GET /domains/{id} (deletion and settings drift)"],
    delete: [1, "DELETE"],
  },
  DomainVerification: {
    create: [2, "GET verify (per-record status), GET domain (its verified flag)"],
    update: [2, "as create (a new nonce re-runs the check)"],
    refresh: [1, "GET domain"],
    delete: [0, "nothing exists in MailerSend"],
  },
  SenderIdentity: {
    create: [1, "POST"],
    update: [1, "PUT"],
    refresh: [1, "GET"],
    delete: [1, "DELETE"],
  },
  ApiToken: {
    create: [1, "POST"],
    update: [1, "PUT (rename)"],
    refresh: [1, "GET"],
    delete: [1, "DELETE"],
  },
  ClientUser: {
    create: [1, "POST /users (an invite)"],
    update: [2, "an invite cannot be edited: DELETE it, POST again"],
    refresh: [1, "GET /invites/{id}"],
    delete: [1, "DELETE"],
  },
};

export async function callsSection(): Promise<void> {
  print("## API calls per operation (emulator request log)\n");
  const rows: (string | number)[][] = [];
  const data: Record<string, Record<string, number>> = {};
  for (const resource of Object.keys(MINIMUM)) {
    await withEmulator({ rateLimit: false }, async (emulator) => {
      const domain = emulator.store.domains.create({ name: "bench.test" });
      if (resource === "SenderIdentity") emulator.store.verifyDomain(domain.id);
      const ws = await stackFor(SINGLE, emulator, {
        resource,
        variant: "a",
        domainId: domain.id,
        ...UNPACED,
      });
      try {
        const count = async (args: string[]) => {
          emulator.requests.clear();
          await ws.run([...args, "--stack", ws.stack]);
          return emulator.requests.list().map((e) => `${e.method} ${e.path.replace(/^\/v1/, "")}`);
        };
        const calls: Record<string, string[]> = {};
        calls.create = await count(["up", "--yes", "--skip-preview"]);
        calls["no-op preview"] = await count(["preview"]);
        calls["no-op up"] = await count(["up", "--yes", "--skip-preview"]);
        calls.refresh = await count(["refresh", "--yes", "--skip-preview"]);
        await ws.setConfig({ variant: "b" });
        calls.update = await count(["up", "--yes", "--skip-preview"]);
        calls.delete = await count(["destroy", "--yes", "--skip-preview"]);
        data[resource] = Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, v.length]));
        for (const [op, list] of Object.entries(calls)) {
          const [minimum, why] = MINIMUM[resource][op] ?? [0, "nothing to ask MailerSend"];
          rows.push([
            resource,
            op,
            list.length,
            minimum,
            minimum === 0 && list.length === 0 ? "-" : ratio(list.length, minimum),
            list.length > 0
              ? list.map((c) => c.replace(/\/[a-z0-9]{16,}/g, "/{id}")).join(", ")
              : "-",
            why,
          ]);
        }
      } finally {
        ws.cleanup();
      }
    });
  }
  results.calls = data;
  print(
    table(
      ["resource", "operation", "calls", "API minimum", "ratio", "calls made", "minimum because"],
      rows,
    ),
  );
  print();
}
