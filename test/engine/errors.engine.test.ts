// What an author reads when a program cannot go ahead, through the real Pulumi CLI (plain
// `pulumi preview` / `pulumi up`, as typed in a terminal): the exact text, no stack trace, every
// failing client at once, a refused connection named as such, a missing API key at preview.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engine-stack";
import { ENGINE_TEST_TIMEOUT } from "../support/pulumi-vitest";

const timeout = ENGINE_TEST_TIMEOUT;

/**
 * The `Diagnostics:` section of the CLI's output, by resource (`mailersend:index:Client (strict)`),
 * each one's lines without the indentation and trailing spaces. The CLI's order of the resources
 * varies from run to run; the lines under each do not.
 */
function diagnostics(stdout: string): Record<string, string> {
  const start = stdout.indexOf("\nDiagnostics:\n");
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = stdout.slice(start + "\nDiagnostics:\n".length);
  const end = rest.search(/^\S/m);
  const blocks: Record<string, string> = {};
  let current: string[] | undefined;
  for (const line of (end >= 0 ? rest.slice(0, end) : rest).split("\n")) {
    const header = /^ {2}(\S.*):$/.exec(line);
    if (header) blocks[header[1]] = "";
    if (header) current = [];
    else if (current) current.push(line.replace(/^ {4}/, "").trimEnd());
    const name = Object.keys(blocks).at(-1);
    if (name && current) blocks[name] = current.join("\n").trim();
  }
  return blocks;
}

const STRICT_BLOCKER = [
  "error: Client strict cannot be set up:",
  "  - [domain-needs-dns-access] A domain cannot be verified: its SPF and DKIM records must be published in the client's DNS, and no one can change the client's DNS records now (dnsAccess: false). Get DNS access, for the agency or the client, and set dnsAccess to true.",
  "  - [identity-blocked-by-dmarc-reject] A sender identity cannot be used: the client's domain publishes p=reject, and identity mail is sent through the agency's domain without SPF or DKIM alignment with the client's domain, so receivers may reject it.",
].join("\n");
const STACK = "pulumi:pulumi:Stack (mailersend-errors-dev)";

describe("errors through the CLI", () => {
  const stack = useEngineStack({
    project: path.join(__dirname, "fixtures", "errors"),
    config: { scenario: "blocker" },
    // The key must come from the stack config only in these tests.
    // Nor are the Clients' decision lines asked for (LOG_DECISIONS_ENV), as in a plain preview.
    workspace: {
      env: {
        MAILERSEND_API_KEY: undefined,
        MAILERSEND_API_URL: undefined,
        MAILERSEND_LOG_DECISIONS: undefined,
      },
    },
  });

  it(
    "a Client blocker: the reasons, on the client, without a stack trace",
    { timeout },
    async () => {
      const { ws } = stack();
      const run = await ws.run(["preview"], { allowFailure: true });
      expect(run.exitCode).not.toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(/^\s+at |\.ts:\d+/m);
      expect(diagnostics(run.stdout)).toEqual({
        "mailersend:index:Client (strict)": STRICT_BLOCKER,
        [STACK]:
          "error: The program stopped: 1 component cannot be set up (Client strict); its error is " +
          "shown on it above, and nothing was created for it.",
      });
      expect(stack().callNames()).toEqual([]);
    },
  );

  it(
    "two failing clients: both, at once, and the healthy one still planned",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.configSet("scenario", "two-failing");
      const run = await ws.run(["preview"], { allowFailure: true });
      expect(run.exitCode).not.toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(/^\s+at |\.ts:\d+/m);
      expect(diagnostics(run.stdout)).toEqual({
        "mailersend:index:Client (strict)": STRICT_BLOCKER,
        // The healthy client says nothing: its decision line is logged only for plan-summary
        // (MAILERSEND_LOG_DECISIONS=1), not on every preview.
        // The decision's warnings are logged at the end of the turn (provider/component/notices.ts).
        "mailersend:index:Client (lonely)": [
          "error: Client lonely has invalid arguments:",
          "  - fromAddresses[0]: is on a free email provider (gmail.com); MailerSend allows sender identities only on custom domains",
          "  - agencyDomainId: is required for a sender identity client: identities send through the agency's verified domain",
          "warning: lonely: The client's mail is sent through the agency's authenticated domain, so its bounces and spam complaints affect that domain's reputation and every other client sending from it: audit the client's sending practices, oversee the emails it will send and monitor their performance.",
        ].join("\n"),
        [STACK]:
          "error: The program stopped: 2 components cannot be set up (Client strict and Client " +
          "lonely); each one's error is shown on it above, and nothing was created for them.",
      });
      // The healthy client is planned all the same: its domain is in the preview.
      expect(run.stdout).toMatch(
        /\+ {2}pulumi-nodejs:dynamic\/mailersend:Domain healthy-domain create/,
      );
    },
  );

  it(
    "a missing API key is reported by preview, naming the config key and the variable",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.configSet("scenario", "domain");
      await ws.configRm("mailersend:apiKey");
      const run = await ws.run(["preview"], { allowFailure: true });
      expect(run.exitCode).not.toBe(0);
      expect(diagnostics(run.stdout)).toEqual({
        "pulumi-nodejs:dynamic/mailersend:Domain (errors)":
          "error: pulumi-nodejs:dynamic/mailersend:Domain resource 'errors' has a problem: The " +
          "MailerSend API key is not set. Run `pulumi config set mailersend:apiKey --secret <key>` " +
          "in the stack, or set the MAILERSEND_API_KEY environment variable.",
      });
      expect(stack().callNames()).toEqual([]);
    },
  );

  it(
    "a refused connection names mailersend:apiUrl, the host and the cause, and gives up quickly",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      await ws.setConfig({ "mailersend:apiKey": { value: emulator.apiKey, secret: true } });
      // A port nothing listens on: the emulator's own, once it is closed.
      const url = emulator.url;
      await emulator.close();
      const started = Date.now();
      const run = await ws.run(["up", "--yes", "--skip-preview"], { allowFailure: true });
      expect(run.exitCode).not.toBe(0);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(run.stdout).not.toMatch(/answer lost|deleting any/);
      const host = new URL(url).host;
      const blocks = diagnostics(run.stdout);
      expect(blocks["pulumi-nodejs:dynamic/mailersend:Domain (errors)"]).toBe(
        `error: MailerSend API POST /domains failed: cannot connect to ${host} (connection refused, ` +
          "ECONNREFUSED); nothing was sent. Check mailersend:apiUrl (or MAILERSEND_API_URL), now " +
          `${url} [after 3 attempts]`,
      );
      // Two retries, each wait at most a second (the jitter makes the first one vary); the CLI
      // prints these lines and the final error in either order.
      expect(blocks[STACK].split("\n").filter(Boolean).sort()).toEqual([
        expect.stringMatching(
          /^\[mailersend\] POST \/domains: cannot connect \(ECONNREFUSED\); retrying in (0\.[5-9]|1\.0)s \(attempt 2 of 3\)$/,
        ),
        "[mailersend] POST /domains: cannot connect (ECONNREFUSED); retrying in 1.0s (attempt 3 of 3)",
        "error: update failed",
      ]);
    },
  );
});
