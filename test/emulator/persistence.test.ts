import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { call, start } from "./support";

let directory: string;
let file: string;
const running: Emulator[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "mailersend-emulator-"));
  file = join(directory, "account.json");
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  rmSync(directory, { recursive: true, force: true });
});

async function open(apiKey = `mlsn.${"1".repeat(64)}`): Promise<Emulator> {
  const emulator = await start({ persistPath: file, apiKey, seed: undefined });
  running.push(emulator);
  return emulator;
}

describe("persistPath", () => {
  it("a second instance on the same file sees the account, and tokens keep working", async () => {
    const first = await open();
    const domain = await call(first, "POST", "/domains", { body: { name: "example.com" } });
    const domainId = (domain.body as { data: { id: string } }).data.id;
    const token = await call(first, "POST", "/token", {
      body: { name: "ci", scopes: ["domains_read"] },
    });
    const secret = (token.body as { data: { accessToken: string } }).data.accessToken;
    await first.close();

    const second = await open();
    const read = await call(second, "GET", `/domains/${domainId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ data: { id: domainId, name: "example.com" } });
    expect((await call(second, "GET", "/domains", { key: secret })).status).toBe(200);
  });

  it("two running instances share one account: each request re-reads what the other wrote", async () => {
    const left = await open();
    const right = await open();
    await call(left, "POST", "/domains", { body: { name: "left.com" } });
    await call(right, "POST", "/domains", { body: { name: "right.com" } });
    const names = async (emulator: Emulator) =>
      ((await call(emulator, "GET", "/domains")).body as { data: { name: string }[] }).data.map(
        (d) => d.name,
      );
    expect(await names(left)).toEqual(["left.com", "right.com"]);
    expect(await names(right)).toEqual(["left.com", "right.com"]);
    // Global name uniqueness holds across both.
    expect((await call(left, "POST", "/domains", { body: { name: "right.com" } })).status).toBe(
      422,
    );
    // Store handles see the other process's writes too.
    expect(right.store.counts().domains).toBe(2);
  });

  it("writes atomically (no temp files left) and never stores a token secret", async () => {
    const emulator = await open();
    const { accessToken } = emulator.store.tokens.create({ name: "ci", scopes: ["email_full"] });
    await call(emulator, "POST", "/domains", { body: { name: "example.com" } });
    expect(readdirSync(directory)).toEqual(["account.json"]);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(emulator.apiKey);
    const stored = JSON.parse(text) as { version: number; domains: unknown[]; tokens: unknown[] };
    expect(stored.version).toBe(1);
    expect(stored.domains).toHaveLength(1);
    expect(stored.tokens).toHaveLength(1);
  });

  it("reset() empties the file too", async () => {
    const emulator = await open();
    emulator.store.domains.create({ name: "example.com" });
    emulator.reset();
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({
      version: 1,
      domains: [],
      identities: [],
      tokens: [],
      invites: [],
      users: [],
    });
  });

  it("without persistPath, instances are independent", async () => {
    const a = await start();
    const b = await start();
    running.push(a, b);
    a.store.domains.create({ name: "example.com" });
    expect(b.store.counts().domains).toBe(0);
  });
});
