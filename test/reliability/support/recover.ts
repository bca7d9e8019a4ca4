/**
 * The recovery after a killed `pulumi up`, step by step as docs/reliability.md ("Recovering from a killed `pulumi up`") tells users to do
 * it, using only the Pulumi CLI and the MailerSend API (never the emulator's back door), so the
 * test proves the documented procedure, not a shortcut.
 *
 *   1. `pulumi cancel --yes`: the killed run still holds the stack's lock.
 *   2. `pulumi stack export`: note the pending creates (`pending_operations`, type `creating`).
 *   3. `pulumi refresh --yes --clear-pending-creates`: Pulumi 3.274.1 will not run `up` while
 *      pending creates remain, and its `--import-pending-creates` drops them without importing.
 *   4. For each pending create, look the object up in MailerSend by its unique key (domain name,
 *      identity email, invite email, token name) and delete it when the stack does not hold it: the
 *      killed run may have created it, and a token's value would be lost anyway.
 *   5. `pulumi up`.
 */
import type { EngineStack } from "../../support/engine-stack";

export interface PendingCreate {
  urn: string;
  /** `Domain`, `SenderIdentity`, ... */
  type: string;
  inputs: Record<string, unknown>;
}

/** Step 2: the pending creates the killed run left in the state. */
export async function pendingCreates(stack: EngineStack): Promise<PendingCreate[]> {
  const exported = await stack.ws.stackExport();
  const pending = (exported.deployment.pending_operations ?? []) as {
    type: string;
    resource: { urn: string; type: string; inputs?: Record<string, unknown> };
  }[];
  return pending
    .filter((op) => op.type === "creating")
    .map((op) => ({
      urn: op.resource.urn,
      type: op.resource.type.slice(op.resource.type.lastIndexOf(":") + 1),
      inputs: op.resource.inputs ?? {},
    }));
}

/** One MailerSend call; a 429 (the account's rate limit, shared with Pulumi) waits its Retry-After. */
async function api(
  stack: EngineStack,
  method: string,
  path: string,
): Promise<{ status: number; body: unknown }> {
  for (;;) {
    const response = await fetch(`${stack.emulator.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.emulator.apiKey}`, accept: "application/json" },
    });
    const text = await response.text();
    if (response.status !== 429) {
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    }
    const seconds = Number(response.headers.get("retry-after") ?? "60");
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}

interface Listed {
  id: string;
  name?: string;
  email?: string;
}

/** Every page of a MailerSend list endpoint. */
async function listAll(stack: EngineStack, path: string): Promise<Listed[]> {
  const all: Listed[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await api(stack, "GET", `${path}?page=${page}&limit=100`);
    if (status !== 200) throw new Error(`GET ${path}: ${status}`);
    const { data, meta } = body as { data: Listed[]; meta?: { last_page?: number } };
    all.push(...data);
    if (data.length < 100 || (meta?.last_page !== undefined && page >= meta.last_page)) return all;
  }
}

/** Step 4: deletes what the killed run created but the state does not hold. Returns what it deleted. */
export async function deleteOrphansOf(
  stack: EngineStack,
  pending: PendingCreate[],
): Promise<string[]> {
  const inState = new Set((await stack.resources()).map((r) => r.id));
  const deleted: string[] = [];
  const remove = async (what: string, path: string) => {
    const { status } = await api(stack, "DELETE", path);
    if (status !== 204 && status !== 200 && status !== 404) {
      throw new Error(`DELETE ${path}: ${status}`);
    }
    deleted.push(what);
  };
  const kinds = new Set(pending.map((p) => p.type));
  const domains = kinds.has("Domain") ? await listAll(stack, "/domains") : [];
  const tokens = kinds.has("ApiToken") ? await listAll(stack, "/token") : [];
  const invites = kinds.has("ClientUser") ? await listAll(stack, "/invites") : [];
  for (const { type, inputs } of pending) {
    switch (type) {
      case "Domain": {
        const name = String(inputs.name).toLowerCase();
        for (const d of domains.filter((d) => d.name === name && !inState.has(d.id))) {
          await remove(`domain ${name}`, `/domains/${d.id}`);
        }
        break;
      }
      case "SenderIdentity": {
        const email = String(inputs.email).toLowerCase();
        const { status, body } = await api(stack, "GET", `/identities/email/${email}`);
        const found = status === 200 ? (body as { data: Listed }).data : undefined;
        if (found && !inState.has(found.id)) {
          await remove(`identity ${email}`, `/identities/${found.id}`);
        }
        break;
      }
      case "ApiToken": {
        const name = String(inputs.name);
        for (const t of tokens.filter((t) => t.name === name && !inState.has(t.id))) {
          await remove(`token ${name}`, `/token/${t.id}`);
        }
        break;
      }
      case "ClientUser": {
        const email = String(inputs.email).toLowerCase();
        for (const i of invites.filter((i) => i.email?.toLowerCase() === email)) {
          await remove(`invite ${email}`, `/invites/${i.id}`);
        }
        break;
      }
      default:
        // DomainVerification: nothing of its own in MailerSend.
        break;
    }
  }
  return deleted;
}
