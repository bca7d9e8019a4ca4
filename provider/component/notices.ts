/**
 * Warnings that clients share. A warning of a client's decision is the same sentence for every
 * client it applies to (each identity client's shared-reputation warning, for one): logged once per
 * client it was about 330 bytes a client on every preview and `up`, printed twice (inline and in
 * the diagnostics summary), and buried what a reader needs. So the clients declared in the same turn
 * (an Agency's, or a program's top-level ones) are collected, and each sentence is logged once:
 * on the client when only one client has it (`acme: <sentence>`), else on the stack, naming them
 * all (`<sentence> (3 clients: a, b, c)`). plan-summary reads the names back (`parseSharedWarning`).
 */
import * as pulumi from "@pulumi/pulumi";
import { sharedWarning } from "../facts/decision-line";

interface Shared {
  clients: string[];
  resources: pulumi.Resource[];
}

let pending = new Map<string, Shared>();

/** Logs `message` for `client` (on `resource` when no other client of this turn shares it). */
export function warnForClient(client: string, message: string, resource: pulumi.Resource): void {
  const shared = pending.get(message) ?? { clients: [], resources: [] };
  shared.clients.push(client);
  shared.resources.push(resource);
  pending.set(message, shared);
  if (pending.size > 1 || shared.clients.length > 1) return;
  setImmediate(() => {
    const turn = pending;
    pending = new Map();
    for (const [text, { clients, resources }] of turn) {
      if (clients.length === 1) void pulumi.log.warn(`${clients[0]}: ${text}`, resources[0]);
      else void pulumi.log.warn(sharedWarning(text, clients));
    }
  });
}
