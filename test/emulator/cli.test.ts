import { spawn } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, parseCliOptions } from "../../emulator/cli";
import { call } from "./support";

const REPO = resolve(__dirname, "../..");
const KEY = `mlsn.${"c".repeat(64)}`;

describe("parseCliOptions", () => {
  it("maps every flag to an emulator option", () => {
    expect(
      parseCliOptions([
        "--port",
        "4010",
        "--host",
        "127.0.0.1",
        "--api-key",
        KEY,
        "--plan",
        "starter",
        "--extra-domain-slots",
        "2",
        "--persist",
        "/tmp/a.json",
        "--rate-limit",
        "30",
        "--daily-quota",
        "500",
        "--creation-throttle",
        "3",
        "--no-retry-after",
        "--auto-verify-identities",
        "--foreign-domain",
        "a.com",
        "--foreign-domain",
        "b.com",
        "--seed",
        "7",
      ]),
    ).toEqual({
      port: 4010,
      host: "127.0.0.1",
      apiKey: KEY,
      plan: "starter",
      extraDomainSlots: 2,
      persistPath: "/tmp/a.json",
      rateLimit: { requests: 30 },
      dailyQuota: 500,
      creationThrottle: { creates: 3, windowMs: 60_000 },
      retryAfterHeader: false,
      autoVerifyIdentitiesOnVerifiedDomains: true,
      foreignDomains: ["a.com", "b.com"],
      seed: 7,
    });
    expect(
      parseCliOptions(["--verified-domain", "a.com", "--verified-domain", "b.com"]),
    ).toMatchObject({ verifiedDomains: ["a.com", "b.com"] });
  });

  it("turns the rate limit off with 'off' or 0", () => {
    expect(parseCliOptions(["--rate-limit", "off"])).toMatchObject({ rateLimit: false });
    expect(parseCliOptions(["--rate-limit", "0"])).toMatchObject({ rateLimit: false });
  });

  it("rejects bad input with a readable message", () => {
    expect(() => parseCliOptions(["--plan", "gold"])).toThrow(/--plan must be one of none, hobby/);
    expect(() => parseCliOptions(["--port", "http"])).toThrow(
      /--port must be a non-negative integer/,
    );
    expect(() => parseCliOptions(["--unknown"])).toThrow(/Unknown option/);
  });
});

describe("main", () => {
  it("starts the emulator and prints the URL, the key and the export lines", async () => {
    let printed = "";
    const emulator = await main(["--api-key", KEY, "--plan", "starter"], (text) => {
      printed += text;
    });
    try {
      expect(emulator).toBeDefined();
      expect(printed).toContain(`MailerSend emulator listening on ${emulator!.url}\n`);
      expect(printed).toContain(`API key: ${KEY}\n`);
      expect(printed).toContain(`export MAILERSEND_API_URL=${emulator!.url}\n`);
      expect(printed).toContain(`export MAILERSEND_API_KEY=${KEY}\n`);
      expect(emulator!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect((await call(emulator!, "GET", "/api-quota")).body).toMatchObject({ quota: 100000 });
    } finally {
      await emulator?.close();
    }
  });

  it("--verified-domain seeds verified domains and the output says how to point a stack", async () => {
    let printed = "";
    const emulator = await main(
      ["--api-key", KEY, "--verified-domain", "mail.agency.com", "--verified-domain", "b.com"],
      (text) => (printed += text),
    );
    try {
      expect(
        emulator!.store.domains.list().map((d) => ({ name: d.name, verified: d.isVerified })),
      ).toEqual([
        { name: "mail.agency.com", verified: true },
        { name: "b.com", verified: true },
      ]);
      expect(printed).toContain("Verified domains: mail.agency.com, b.com\n");
      expect(printed).toContain(`pulumi config set mailersend:apiUrl ${emulator!.url}\n`);
      expect(printed).toContain(`pulumi config set mailersend:apiKey --secret ${KEY}\n`);
    } finally {
      await emulator?.close();
    }
  });

  it("--verified-domain with a name MailerSend refuses: the field, the reason, no server", async () => {
    await expect(main(["--verified-domain", "Mail.Agency.com"], () => {})).rejects.toThrow(
      "--verified-domain Mail.Agency.com: The name field must be lowercase.",
    );
  });

  it("prints usage for --help and starts nothing", async () => {
    let printed = "";
    expect(await main(["--help"], (text) => (printed += text))).toBeUndefined();
    expect(printed).toMatch(/^Usage: pulumi-mailersend emulator \[options\]/);
  });
});

describe("as a process", () => {
  let outDir: string;

  // Transpile emulator/ to plain CommonJS (no type check: tsc covers that) so the test does not
  // depend on a build of the whole package. NODE_PATH lets it resolve fastify from this repo.
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : path.endsWith(".ts") ? [path] : [];
      });
    for (const source of walk(join(REPO, "emulator"))) {
      const { outputText } = ts.transpileModule(readFileSync(source, "utf8"), {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
        },
        fileName: source,
      });
      const target = join(outDir, relative(join(REPO, "emulator"), source)).replace(/\.ts$/, ".js");
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.each(["SIGINT", "SIGTERM"] as const)("serves until %s, then stops cleanly", async (signal) => {
    const child = spawn(
      process.execPath,
      [join(outDir, "cli.js"), "--port", "0", "--api-key", KEY, "--rate-limit", "60"],
      {
        env: { ...process.env, NODE_PATH: join(REPO, "node_modules") },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    await new Promise<void>((ready, fail) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("Press Ctrl-C")) ready();
      });
      child.on("exit", () => fail(new Error(`CLI exited early: ${stderr}`)));
    });

    const url = /export MAILERSEND_API_URL=(\S+)/.exec(stdout)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(stdout).toContain(`export MAILERSEND_API_KEY=${KEY}`);
    const response = await fetch(`${url}/domains`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-limit")).toBe("60");

    child.kill(signal);
    expect(await exited).toBe(0);
    expect(stdout).toContain(`Stopped (${signal}).`);
    expect(stderr).toBe("");
  });

  it("exits with 2 and the usage on bad arguments", async () => {
    const child = spawn(process.execPath, [join(outDir, "cli.js"), "--plan", "gold"], {
      env: { ...process.env, NODE_PATH: join(REPO, "node_modules") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on("exit", (c) => done(c)));
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--plan must be one of none, hobby, starter, professional, enterprise, got "gold".',
    );
    expect(stderr).toContain("Usage: pulumi-mailersend emulator [options]");
  });
});
