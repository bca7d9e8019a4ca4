/**
 * The command: exit codes for each --fail-on choice, stdin, --output, --title, help, and the exact
 * messages for bad command lines and bad input. Most runs are in-process (`main`); the last test
 * runs the real bin/pulumi-mailersend.js on the built package.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FAIL_ON_CHOICES, type FailOn } from "../../provider/cli/plan-summary";
import { GOLDEN_DIR, fixturePath, fixtureText, runCli, type Scenario } from "./support";

const REPO = path.resolve(__dirname, "../..");
const USAGE_HINT = "Run `pulumi-mailersend plan-summary --help` for the usage.\n";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function golden(scenario: Scenario): string {
  return fs.readFileSync(path.join(GOLDEN_DIR, `${scenario}.md`), "utf8");
}

/** For each --fail-on choice: plans that have it (exit 2) and plans that do not (exit 0). */
const FAIL_ON_CASES: Record<FailOn, { fails: Scenario[]; passes: Scenario[] }> = {
  blocker: { fails: ["blocker", "plan-limit"], passes: ["no-changes", "domain-deletion"] },
  "domain-delete": { fails: ["domain-deletion"], passes: ["domain-replacement", "no-changes"] },
  "domain-replace": {
    fails: ["domain-replacement", "agency-domain-replacement"],
    passes: ["domain-deletion", "token-rotation"],
  },
  "token-replace": {
    fails: ["token-rotation", "domain-replacement"],
    passes: ["identity-to-domain", "domain-deletion"],
  },
  "token-delete": { fails: ["domain-deletion"], passes: ["token-rotation"] },
  "identity-delete": {
    fails: ["identity-to-domain", "identity-to-domain-plain"],
    passes: ["identity-to-domain-keep-identities", "agency-domain-replacement"],
  },
  "identity-replace": { fails: ["agency-domain-replacement"], passes: ["identity-to-domain"] },
  "method-switch": {
    fails: ["identity-to-domain", "identity-to-domain-keep-identities"],
    passes: ["token-rotation", "initial-creation", "domain-deletion"],
  },
  warning: { fails: ["no-changes", "identity-to-domain"], passes: ["plan-limit"] },
  "any-replace": {
    fails: ["token-rotation", "domain-replacement"],
    passes: ["domain-deletion", "identity-to-domain", "no-changes"],
  },
  "any-delete": {
    fails: ["domain-deletion", "identity-to-domain"],
    passes: ["token-rotation", "domain-replacement", "identity-to-domain-keep-identities"],
  },
};

describe("--fail-on", () => {
  it("covers every choice", () => {
    expect(Object.keys(FAIL_ON_CASES).sort()).toEqual([...FAIL_ON_CHOICES].sort());
  });

  for (const [choice, { fails, passes }] of Object.entries(FAIL_ON_CASES)) {
    for (const scenario of fails) {
      it(`${choice}: exit 2 on ${scenario}, the summary still written`, async () => {
        const run = await runCli(["plan-summary", fixturePath(scenario), "--fail-on", choice]);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe(golden(scenario));
        expect(run.stderr).toMatch(
          new RegExp(
            `^plan-summary: exit code 2 \\(--fail-on ${choice}\\):\\n(  - ${choice}: .+\\n)+$`,
          ),
        );
      });
    }
    for (const scenario of passes) {
      it(`${choice}: exit 0 on ${scenario}`, async () => {
        const run = await runCli(["plan-summary", fixturePath(scenario), `--fail-on=${choice}`]);
        expect(run).toEqual({ code: 0, stdout: golden(scenario), stderr: "" });
      });
    }
  }

  it("lists every reason, for several choices at once", async () => {
    const run = await runCli([
      "plan-summary",
      fixturePath("domain-deletion"),
      "--fail-on",
      "blocker,domain-delete,token-delete",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "plan-summary: exit code 2 (--fail-on blocker,domain-delete,token-delete):\n" +
        "  - domain-delete: acme-shop-domain\n" +
        "  - token-delete: acme-shop-token\n",
    );
  });

  it("names the blockers by client and code", async () => {
    const run = await runCli(["plan-summary", fixturePath("blocker"), "--fail-on", "blocker"]);
    expect(run.stderr).toBe(
      "plan-summary: exit code 2 (--fail-on blocker):\n" +
        "  - blocker: freight (domain-needs-dns-access)\n" +
        "  - blocker: freight (identity-blocked-by-dmarc-reject)\n",
    );
    const limit = await runCli(["plan-summary", fixturePath("plan-limit"), "--fail-on=blocker"]);
    expect(limit.stderr).toBe(
      "plan-summary: exit code 2 (--fail-on blocker):\n" +
        "  - blocker: agency (domain-limit-exceeded)\n",
    );
  });

  it("without --fail-on, exits 0 even on a blocker", async () => {
    const run = await runCli(["plan-summary", fixturePath("blocker")]);
    expect(run).toEqual({ code: 0, stdout: golden("blocker"), stderr: "" });
  });
});

describe("input and output", () => {
  it("reads stdin when no file is given", async () => {
    const run = await runCli(["plan-summary"], { stdin: fixtureText("domain-deletion") });
    expect(run).toEqual({ code: 0, stdout: golden("domain-deletion"), stderr: "" });
  });

  it("reads stdin for -", async () => {
    const run = await runCli(["plan-summary", "-", "--fail-on", "domain-delete"], {
      stdin: fixtureText("domain-deletion"),
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(golden("domain-deletion"));
  });

  it("resolves a relative file against the working directory", async () => {
    const run = await runCli(["plan-summary", "token-rotation.json"], {
      cwd: path.dirname(fixturePath("token-rotation")),
    });
    expect(run.stdout).toBe(golden("token-rotation"));
  });

  it("--output writes the file and nothing to stdout", async () => {
    const out = path.join(tmp, "summary.md");
    const run = await runCli(["plan-summary", fixturePath("no-changes"), "--output", out]);
    expect(run).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(fs.readFileSync(out, "utf8")).toBe(golden("no-changes"));
  });

  it("--title sets the heading", async () => {
    const run = await runCli(["plan-summary", fixturePath("no-changes"), "--title", "Plan: prod"]);
    expect(run.stdout).toBe(golden("no-changes").replace(/^## .*\n/, "## Plan: prod\n"));
  });

  it("--help prints the options and exits 0", async () => {
    const run = await runCli(["plan-summary", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: pulumi-mailersend plan-summary [<preview.json> | -]");
    for (const choice of FAIL_ON_CHOICES) expect(run.stdout).toContain(choice);
    expect((await runCli(["--help"])).stdout).toContain("plan-summary");
  });

  it("emulator --help hands over to the emulator's command line and exits 0", async () => {
    const run = await runCli(["emulator", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: pulumi-mailersend emulator \[options\]\n/);
    expect(run.stdout).toContain("--verified-domain NAME");
    expect((await runCli(["--help"])).stdout).toContain("emulator");
  });

  it("emulator with a bad option: exit 2, the message and the usage", async () => {
    const run = await runCli(["emulator", "--port", "http"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^--port must be a non-negative integer, got "http"\.\n\nUsage: pulumi-mailersend emulator/,
    );
  });
});

describe("bad command lines and input: exit 1 and say which and what is allowed", () => {
  const cases: [string, string[], { stdin?: string; tty?: boolean }, string][] = [
    [
      "an unknown option",
      ["plan-summary", "x.json", "--colour"],
      {},
      "plan-summary: unknown option --colour; the options are --fail-on, --output, --title and --help.\n",
    ],
    [
      "an unknown --fail-on value",
      ["plan-summary", "x.json", "--fail-on", "blocker,domain-deleted"],
      {},
      `plan-summary: unknown --fail-on value "domain-deleted"; allowed: ${FAIL_ON_CHOICES.join(", ")}.\n`,
    ],
    [
      "an option without its value",
      ["plan-summary", "x.json", "--output"],
      {},
      "plan-summary: --output needs a value.\n",
    ],
    [
      "two input files",
      ["plan-summary", "a.json", "b.json"],
      {},
      "plan-summary: expected one input file (or - for stdin), got 2: a.json, b.json.\n",
    ],
    [
      "a missing file",
      ["plan-summary", "/nonexistent/preview.json"],
      {},
      "plan-summary: cannot read /nonexistent/preview.json: no such file.\n",
    ],
    [
      "no input and a terminal on stdin",
      ["plan-summary"],
      { tty: true },
      "plan-summary: no input: give the file `pulumi preview --json` wrote, or pipe it in " +
        "(`pulumi preview --json | pulumi-mailersend plan-summary`).\n",
    ],
    [
      "empty input",
      ["plan-summary"],
      { stdin: " \n" },
      "plan-summary: stdin is empty: expected the output of `pulumi preview --json`.\n",
    ],
    [
      "input that is not JSON",
      ["plan-summary"],
      { stdin: "Previewing update (dev):\n+ 3 to create\n" },
      "plan-summary: stdin is not JSON: expected the output of `pulumi preview --json`.\n",
    ],
    [
      "JSON that is not a preview (an engine event stream line)",
      ["plan-summary"],
      { stdin: '{"sequence":1,"timestamp":2,"summaryEvent":{}}' },
      "plan-summary: stdin is not a `pulumi preview --json` document: expected an object with " +
        "`steps`, `changeSummary` or `diagnostics`, found an object with `sequence`, `timestamp`, " +
        "`summaryEvent`.\n",
    ],
    [
      "a JSON array",
      ["plan-summary"],
      { stdin: "[]" },
      "plan-summary: stdin is not a `pulumi preview --json` document: expected an object with " +
        "`steps`, `changeSummary` or `diagnostics`, found a JSON array.\n",
    ],
  ];
  for (const [what, args, options, message] of cases) {
    it(what, async () => {
      const run = await runCli(args, options);
      expect(run).toEqual({ code: 1, stdout: "", stderr: message + USAGE_HINT });
    });
  }

  it("names the file when it is not JSON", async () => {
    const file = path.join(tmp, "plan.txt");
    fs.writeFileSync(file, "not json");
    const run = await runCli(["plan-summary", file]);
    expect(run.stderr).toBe(
      `plan-summary: ${file} is not JSON: expected the output of \`pulumi preview --json\`.\n${USAGE_HINT}`,
    );
  });

  it("an unknown command", async () => {
    const run = await runCli(["plan-sumary"]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'pulumi-mailersend: unknown command "plan-sumary"; the commands are: emulator, plan-summary, recover.\n',
    });
  });

  it("no command: the usage on stderr", async () => {
    const run = await runCli([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Usage: pulumi-mailersend <command>/);
  });
});

describe("bin/pulumi-mailersend.js (the built package)", () => {
  it("runs plan-summary from stdin with the exit code for --fail-on", () => {
    const entry = path.join(REPO, "dist", "provider", "cli", "index.js");
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    const run = spawnSync(
      process.execPath,
      [path.join(REPO, "bin", "pulumi-mailersend.js"), "plan-summary", "--fail-on", "any-delete"],
      { input: fixtureText("domain-deletion"), encoding: "utf8" },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^## MailerSend plan summary\n/);
    expect(run.stdout).toContain("🛑 **Domain deletion**");
    expect(run.stderr).toContain("  - any-delete: acme-shop-domain\n");
  });
});

describe("recover (command line)", () => {
  it("--help prints its usage", async () => {
    const run = await runCli(["recover", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: pulumi-mailersend recover \[--stack <name>\]/);
  });

  it("an unknown option is refused with the options", async () => {
    const run = await runCli(["recover", "--stak", "dev"]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'recover: unknown or incomplete option "--stak"; the options are --stack <name>, --cwd <dir>, --dry-run.\n',
    });
  });
});
