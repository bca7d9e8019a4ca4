/**
 * No secret value is ever printed, even when the preview JSON holds it in plain text
 * (`pulumi preview --json --show-secrets`, a program logging a token, a hand-edited file): a secret
 * is injected into a copy of a recorded plan in every position and must not come out.
 */
import { describe, expect, it } from "vitest";
import { parsePreview, summarisePlan } from "../../provider/cli/plan-summary";
import { fixtureJson, runCli } from "./support";

/** A MailerSend token, recognisable by its shape wherever it appears. */
const TOKEN = `mlsn.${"0123456789abcdef".repeat(4)}`;
/** Secrets that look like nothing in particular: recognised by where they sit. */
const SIGNED = "signed-secret-S1gn3d-value";
const NAMED = "named-field-N4m3d-value";
const CONFIG_KEY = "config-key-C0nf1g-value";
const SIG = "4dabf18193072939515e22adb298388d";

const signed = (value: string) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

type Json = Record<string, unknown>;

/** token-rotation.json with the secrets put everywhere a preview can carry a value. */
function previewWithSecrets(): Json {
  const doc = fixtureJson("token-rotation");
  doc.config = { "mailersend:apiKey": CONFIG_KEY, "mailersend:apiUrl": "http://x/v1" };
  const byName = (name: string) =>
    doc.steps.find((s) => String(s.urn).endsWith(`::${name}`)) as Json & {
      oldState: Json & { inputs: Json; outputs: Json };
      newState: Json & { inputs: Json; outputs?: Json };
    };

  // Outputs: the token value as --show-secrets prints it, signed, and under other secret names.
  const token = byName("acme-shop-token");
  token.oldState.outputs.token = TOKEN;
  token.newState.outputs = { token: signed(SIGNED), accessToken: NAMED, name: "acme-shop sending" };
  const acme = byName("acme-shop");
  acme.oldState.outputs.token = TOKEN;
  acme.oldState.outputs.apiKey = NAMED;
  acme.oldState.outputs.reasons = [{ code: "x", message: `uses ${TOKEN}` }];

  // Inputs: a signed secret, a secret-named field, and a token pasted into a plain field.
  token.newState.inputs.rotationNonce = signed(SIGNED);
  token.newState.inputs.apiKey = NAMED;
  const identity = byName("bakery-identity-hello-at-corner-bakery-example");
  identity.oldState.inputs.personalNote = `call us, key ${TOKEN}`;
  identity.oldState.outputs.email = TOKEN; // shown in the Markdown if it leaked

  // The diff: reasons and detailed-diff paths.
  token.replaceReasons = ["rotationNonce", TOKEN, SIGNED];
  token.diffReasons = [NAMED, TOKEN];
  token.detailedDiff = { token: { kind: "update" }, [`scopes[${TOKEN}]`]: { kind: "add" } };

  // Diagnostics: a warning on the client and an error, holding each secret.
  const clientUrn = String(acme.urn);
  doc.diagnostics.push(
    {
      urn: clientUrn,
      severity: "warning",
      message: `warning: acme-shop: the token ${TOKEN} and ${SIGNED} and ${NAMED} leaked\n`,
    },
    {
      urn: clientUrn,
      severity: "error",
      message: `error: Error: request failed with key ${CONFIG_KEY} (${TOKEN}, ${NAMED})\n    at x (y.js:1:1)\n`,
    },
  );
  return doc;
}

function assertNoSecret(text: string): void {
  for (const secret of [TOKEN, TOKEN.slice(5), SIGNED, NAMED, CONFIG_KEY]) {
    expect(text).not.toContain(secret);
  }
}

describe("secrets", () => {
  it("are absent from the Markdown and the findings, wherever the preview holds them", () => {
    const doc = previewWithSecrets();
    // The fixture really carries them (the test would prove nothing otherwise).
    const raw = JSON.stringify(doc);
    for (const secret of [TOKEN, SIGNED, NAMED, CONFIG_KEY]) expect(raw).toContain(secret);

    const summary = summarisePlan(parsePreview(JSON.stringify(doc)));
    assertNoSecret(summary.markdown);
    assertNoSecret(JSON.stringify(summary.findings));
    assertNoSecret(JSON.stringify(summary.resources));
    // Still a useful summary, saying where a secret was.
    expect(summary.markdown).toContain("🛑 **Token replacement**");
    expect(summary.markdown).toContain("[secret]");
  });

  it("are absent from the parsed preview itself", () => {
    const preview = parsePreview(previewWithSecrets());
    assertNoSecret(JSON.stringify(preview));
  });

  it("are absent from the command's output and its --fail-on message", async () => {
    const run = await runCli(["plan-summary", "--fail-on", "blocker,token-replace,any-replace"], {
      stdin: JSON.stringify(previewWithSecrets()),
    });
    expect(run.code).toBe(2);
    assertNoSecret(run.stdout);
    assertNoSecret(run.stderr);
  });

  it("are scrubbed from the title too (a token pasted into --title)", async () => {
    const run = await runCli(["plan-summary", "--title", `Plan ${TOKEN}`], {
      stdin: JSON.stringify(previewWithSecrets()),
    });
    expect(run.stdout.split("\n")[0]).toBe("## Plan [secret]");
  });
});
