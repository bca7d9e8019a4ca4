// The README's "Using it in your own stack" program (examples/quickstart), word for word, through
// the real Pulumi CLI: the DMARC lookup goes to a DNS server on loopback (in-process), the API calls to the emulator.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/dynamic-provider-host";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import {
  EMPTY_ACCOUNT,
  changesIn,
  createEngineStack,
  printed,
  type EngineStack,
} from "../support/engine-stack";
import { ENGINE_TEST_TIMEOUT } from "../support/pulumi-vitest";

const timeout = ENGINE_TEST_TIMEOUT;
let dns: DnsServer;
let stack: EngineStack;

beforeAll(async () => {
  dns = await startDnsServer({ "_dmarc.acme.com": "v=DMARC1; p=quarantine" });
  stack = await createEngineStack({
    example: "quickstart",
    workspace: { env: { PULUMI_MAILERSEND_DNS_SERVERS: dns.address } },
    prepare(emulator) {
      // The agency's own domain is verified before the stack exists; the program adopts it.
      emulator.store.domains.create({ name: "mail.agency.com" });
      emulator.store.verifyDomain("mail.agency.com");
    },
  });
}, timeout);
afterAll(async () => {
  await stack?.cleanup();
  await dns?.stop();
});

describe("the README's quick program", () => {
  it("is examples/quickstart/index.ts, word for word", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Using it in your own stack"));
    const start = section.indexOf("```ts\n") + "```ts\n".length;
    const snippet = section.slice(start, section.indexOf("```\n", start));
    expect(snippet).toBe(
      fs.readFileSync(path.join(REPO_ROOT, "examples/quickstart/index.ts"), "utf8"),
    );
  });

  it("up gives acme its own domain, a scoped token and its user", { timeout }, async () => {
    const up = await stack.ws.up();
    expect(up.summary?.result).toBe("succeeded");
    const outputs = await stack.ws.stackOutputs({ showSecrets: true });
    expect(outputs.method).toBe("domain");
    expect(outputs.reasons).toEqual([
      expect.objectContaining({ code: "client-access" }),
      expect.objectContaining({ code: "high-volume" }),
    ]);
    expect((outputs.dnsRecords as { purpose: string }[]).map((r) => r.purpose)).toEqual([
      "spf",
      "dkim",
      "returnPath",
    ]);
    expect(outputs.token).toMatch(/^mlsn\.[0-9a-f]{64}$/);
    expect(stack.emulator.store.counts()).toEqual({
      domains: 2,
      identities: 0,
      tokens: 1,
      users: 0,
      invites: 1,
    });
    // The invite is accepted by the emulator as MailerSend was recorded: no `templates` key
    // (even `templates: []` is refused without read-own-templates, #MS42224).
    const invites = stack.calls().filter((c) => c.call === "POST /users");
    expect(invites.map((c) => c.status)).toEqual([201]);
    expect(invites[0]?.body).toMatchObject({ email: "owner@acme.com" });
    expect(invites[0]?.body).not.toHaveProperty("templates");
    // The token is a secret in the stack's outputs.
    expect((await stack.ws.stackOutputs()).token).toBe("[secret]");
  });

  it("preview shows no changes", { timeout }, async () => {
    const { json } = await stack.ws.preview();
    expect(changesIn(json)).toEqual([]);
  });

  it(
    "destroy deletes what the stack created and leaves the agency's domain",
    { timeout },
    async () => {
      stack.clearCalls();
      const destroy = await stack.ws.destroy();
      expect(stack.emulator.store.counts()).toEqual({ ...EMPTY_ACCOUNT, domains: 1 });
      const [agency] = stack.emulator.store.domains.list();
      expect(agency).toMatchObject({ name: "mail.agency.com", isVerified: true });
      expect(stack.callNames()).not.toContain(`DELETE /domains/${agency.id}`);
      expect(printed(destroy, "RETAINED: Domain mail.agency.com")).toHaveLength(1);
    },
  );
});
