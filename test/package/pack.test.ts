/**
 * The package as a user gets it from npm: `npm pack` the built package, install the tarball into a
 * new project (npm must print nothing on stderr), typecheck a program importing every subpath under
 * `moduleResolution` node, node16 and bundler, run the command from the installed package, and
 * check what the tarball holds. Needs `npm run build` first (the tests run after it); the pack runs
 * with --ignore-scripts so `prepack` does not rebuild dist/ under the other test files' feet.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FASTIFY_MISSING } from "../../emulator/load-fastify";

const REPO = path.resolve(__dirname, "../..");
const KEY = `mlsn.${"d".repeat(64)}`;
// npm installs from its cache when it can; it is slow all the same (@pulumi/pulumi's tree).
const INSTALL_TIMEOUT = 240_000;
// One full tsc run over @pulumi/pulumi's and this package's declarations: about 10 s on an idle
// 2-core machine.
const TSC_TIMEOUT = 120_000;

/** npm and npx on Node 24 (node_modules/.bin first), with nothing inherited from an outer `npm run`. */
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name))),
  PATH: `${path.join(REPO, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
};

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.error) throw result.error;
  return result;
}

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = run("npm", [...args, "--prefer-offline"], cwd);
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
  }
  return result;
}

let work: string;
let project: string;
let tarballFiles: string[];

beforeAll(() => {
  if (!fs.existsSync(path.join(REPO, "dist", "provider", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first");
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pack-test-"));
  const packed = npm(["pack", "--ignore-scripts", "--json", "--pack-destination", work], REPO);
  const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  tarballFiles = info.files.map((file) => file.path).sort();

  project = path.join(work, "consumer");
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({
      name: "consumer",
      version: "1.0.0",
      private: true,
      // @pulumi/pulumi's own dependency (any Pulumi project has it); not this package's.
      allowScripts: { protobufjs: true },
    }),
  );
  const installed = npm(["install", path.join(work, info.filename)], project);
  expect(installed.stderr).toBe(""); // no warning at all: not about scripts, engines or peers
}, INSTALL_TIMEOUT);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("the tarball", () => {
  it("holds the licence, the built code with its types and maps, and nothing else", () => {
    expect(tarballFiles).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "package.json",
        "bin/pulumi-mailersend.js",
        "dist/provider/index.js",
        "dist/provider/index.d.ts",
        "dist/emulator/index.d.ts",
        "dist/provider/cli/plan-summary.d.ts",
        "docs/mailersend-api.md",
        "docs/pulumi-dynamic-providers.md",
        "docs/resources/domain.md",
      ]),
    );
    const unexpected = tarballFiles.filter(
      (file) =>
        ![
          "LICENSE",
          "README.md",
          "CHANGELOG.md",
          "package.json",
          "bin/pulumi-mailersend.js",
        ].includes(file) &&
        !/^dist\/(provider|emulator)\/.+\.(js|d\.ts|js\.map)$/.test(file) &&
        !/^docs\/(resources\/)?[\w-]+\.md$/.test(file), // the pages the README and comments cite
    );
    expect(unexpected).toEqual([]); // no tests, bench, scripts, examples, Go tools, TS sources, docs/api
    expect(fs.readFileSync(path.join(REPO, "LICENSE"), "utf8")).toContain(
      "Apache License\n                           Version 2.0, January 2004",
    );
  });

  it("ships every source map with its sources", () => {
    const maps = tarballFiles.filter((file) => file.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(0);
    const withoutSources = maps.filter((file) => {
      const map = JSON.parse(
        fs.readFileSync(path.join(project, "node_modules", "pulumi-mailersend", file), "utf8"),
      ) as { sources: string[]; sourcesContent?: (string | null)[] };
      return map.sourcesContent?.length !== map.sources.length || map.sourcesContent.includes(null);
    });
    expect(withoutSources).toEqual([]);
  });

  it("does not install a web server for users who only declare resources", () => {
    expect(fs.existsSync(path.join(project, "node_modules", "fastify"))).toBe(false);
    expect(fs.existsSync(path.join(project, "node_modules", "@pulumi", "pulumi"))).toBe(true);
  });
});

describe("a program importing every subpath typechecks", () => {
  const program = `import * as pulumi from "@pulumi/pulumi";
import * as mailersend from "pulumi-mailersend";
import * as runtime from "pulumi-mailersend/runtime";
import { startEmulator, type Emulator } from "pulumi-mailersend/emulator";
import { parsePreview, summarisePlan, type PlanSummary } from "pulumi-mailersend/plan-summary";

const agencyDomain = new mailersend.Domain("agency", { name: "mail.agency.com", adopt: true });
const acme = new mailersend.Client("acme", {
  domain: "acme.com",
  fromAddresses: ["orders@acme.com"],
  monthlyVolume: 40_000,
  dnsAccess: true,
  clientAccess: true,
  users: [{ email: "owner@acme.com" }],
  agencyDomainId: agencyDomain.id,
});
export const method: pulumi.Output<string> = acme.method;
export const provider: typeof runtime.Domain.configure = runtime.Domain.configure;

export async function tryIt(preview: string): Promise<PlanSummary> {
  const emulator: Emulator = await startEmulator({ plan: "starter" });
  await emulator.close();
  return summarisePlan(parsePreview(preview, "preview.json"));
}

// The types are real, not \`any\`: a number where a domain name goes is an error.
// @ts-expect-error name is a string
new mailersend.Domain("bad", { name: 42 });
`;

  it.each([
    ["node", { module: "commonjs", moduleResolution: "node" }],
    ["node16", { module: "node16", moduleResolution: "node16" }],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }],
  ])("under moduleResolution %s", { timeout: TSC_TIMEOUT }, (name, options) => {
    fs.writeFileSync(path.join(project, "index.ts"), program);
    fs.writeFileSync(
      path.join(project, `tsconfig.${name}.json`),
      JSON.stringify({
        compilerOptions: {
          ...options,
          target: "ES2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false, // the package's own .d.ts files are checked too
          // zod's .d.cts files need it under moduleResolution node (TS1259 without it): zod's
          // limitation, reached through our runtime types; `tsc --init` turns it on.
          esModuleInterop: true,
          types: ["node"],
          typeRoots: [path.join(REPO, "node_modules", "@types")],
        },
        files: ["index.ts"],
      }),
    );
    const tsc = run(
      process.execPath,
      [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", `tsconfig.${name}.json`],
      project,
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
  // The tsconfig `pulumi new typescript` writes: moduleResolution node, and neither
  // `esModuleInterop` nor `skipLibCheck`. A program that only declares resources must typecheck
  // under it, so nothing the main entry's declarations reach may import zod (its declarations fail
  // there with TS1259); provider/facts holds the public types the runtime shares.
  it("the main entry under the `pulumi new typescript` tsconfig", { timeout: TSC_TIMEOUT }, () => {
    fs.writeFileSync(
      path.join(project, "template.ts"),
      `import * as mailersend from "pulumi-mailersend";
const agency = mailersend.Domain.name;
const domain = new mailersend.Domain("acme", { name: "acme.example" });
export const records: unknown = domain.dnsRecords;
export const client = new mailersend.Client("acme", {
  domain: "acme.example",
  fromAddresses: ["orders@acme.example"],
  monthlyVolume: 40_000,
  dnsAccess: true,
});
export { agency };
`,
    );
    fs.writeFileSync(
      path.join(project, "tsconfig.template.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          outDir: "bin",
          target: "es2020",
          module: "commonjs",
          moduleResolution: "node",
          sourceMap: true,
          experimentalDecorators: true,
          pretty: true,
          noFallthroughCasesInSwitch: true,
          noImplicitReturns: true,
          forceConsistentCasingInFileNames: true,
          noEmit: true,
          types: ["node"],
          typeRoots: [path.join(REPO, "node_modules", "@types")],
        },
        files: ["template.ts"],
      }),
    );
    const tsc = run(
      process.execPath,
      [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.template.json"],
      project,
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});

describe("npx pulumi-mailersend from the installed package", () => {
  it("plan-summary --help", () => {
    const help = run("npx", ["--no", "pulumi-mailersend", "plan-summary", "--help"], project);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pulumi-mailersend plan-summary \[<preview.json> \| -\]/);
  });

  it("emulator --help, without fastify installed", () => {
    const help = run("npx", ["--no", "pulumi-mailersend", "emulator", "--help"], project);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pulumi-mailersend emulator \[options\]/);
  });

  it("emulator without fastify: exit 2 and how to install it", () => {
    const started = run("npx", ["--no", "pulumi-mailersend", "emulator"], project);
    expect(started.status).toBe(2);
    expect(started.stderr).toBe(`${FASTIFY_MISSING}\n`);
  });

  it(
    "emulator with fastify: serves, prints the two pulumi config set commands, stops on Ctrl-C",
    { timeout: INSTALL_TIMEOUT },
    async () => {
      const installed = npm(["install", "--save-dev", "fastify@^5"], project);
      expect(installed.stderr).toBe("");
      const bin = path.join(project, "node_modules", ".bin", "pulumi-mailersend");
      const child = spawn(
        process.execPath,
        [bin, "emulator", "--api-key", KEY, "--verified-domain", "mail.agency.com"],
        { cwd: project, env, stdio: ["ignore", "pipe", "pipe"] },
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
        child.on("exit", () => fail(new Error(`the emulator exited early: ${stderr}`)));
      });
      const url = /^MailerSend emulator listening on (http:\/\/127\.0\.0\.1:\d+\/v1)$/m.exec(
        stdout,
      )?.[1];
      expect(url).toBeDefined();
      expect(stdout).toContain(`pulumi config set mailersend:apiUrl ${url}\n`);
      expect(stdout).toContain(`pulumi config set mailersend:apiKey --secret ${KEY}\n`);
      const domains = await fetch(`${url}/domains`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(
        ((await domains.json()) as { data: { name: string; is_verified: boolean }[] }).data,
      ).toMatchObject([{ name: "mail.agency.com", is_verified: true }]);

      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(stderr).toBe("");
    },
  );
});
