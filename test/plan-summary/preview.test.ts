/**
 * parsePreview's tolerance of what `pulumi preview --json` can print, and summarisePlan on shapes
 * the recorded plans do not have: split replacement steps, no clients at all, argument errors,
 * other errors, a domain switching back to identities.
 */
import { describe, expect, it } from "vitest";
import { PreviewInputError, parsePreview, summarisePlan } from "../../provider/cli/plan-summary";
import { fixtureJson } from "./support";

const STACK = "urn:pulumi:prod::shop";
const CLIENT = `${STACK}::mailersend:index:Client::acme`;
const DOMAIN_TYPE = "pulumi-nodejs:dynamic/mailersend:Domain";
const IDENTITY_TYPE = "pulumi-nodejs:dynamic/mailersend:SenderIdentity";
const child = (type: string, name: string) => `${STACK}::mailersend:index:Client$${type}::${name}`;

describe("parsePreview", () => {
  it("accepts the text or the parsed value, with a byte-order mark or surrounding blanks", () => {
    const doc = { steps: [], changeSummary: { same: 1 } };
    expect(parsePreview(doc).changeSummary).toEqual({ same: 1 });
    expect(parsePreview(`\uFEFF\n ${JSON.stringify(doc)}\n\n`).changeSummary).toEqual({ same: 1 });
  });

  it("throws PreviewInputError naming the source", () => {
    expect(() => parsePreview("{", "plan.json")).toThrow(
      new PreviewInputError(
        "plan.json is not JSON: expected the output of `pulumi preview --json`.",
      ),
    );
    expect(() => parsePreview({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 })).toThrow(
      "the input is not a `pulumi preview --json` document: expected an object with `steps`, " +
        "`changeSummary` or `diagnostics`, found an object with `a`, `b`, `c`, `d`, `e`, ...",
    );
    expect(() => parsePreview("42")).toThrow("found a JSON number.");
    expect(() => parsePreview("null")).toThrow("found null.");
  });

  it("merges the parts of a replacement into one step and skips malformed steps", () => {
    const urn = child(DOMAIN_TYPE, "acme-domain");
    const preview = parsePreview({
      steps: [
        {
          op: "create-replacement",
          urn,
          newState: { type: DOMAIN_TYPE, inputs: { name: "a.io" } },
        },
        { op: "replace", urn, replaceReasons: ["returnPathSubdomain"] },
        { op: "delete-replaced", urn, oldState: { type: DOMAIN_TYPE, outputs: { name: "a.io" } } },
        { op: "create" },
        { urn: "urn:pulumi:prod::shop::x::y" },
        "garbage",
      ],
    });
    expect(preview.steps).toHaveLength(1);
    expect(preview.steps[0]).toMatchObject({
      op: "replace",
      name: "acme-domain",
      type: DOMAIN_TYPE,
      replaceReasons: ["returnPathSubdomain"],
      new: { inputs: { name: "a.io" } },
      old: { outputs: { name: "a.io" } },
    });
    expect(preview).toMatchObject({ stack: "prod", project: "shop", failed: false });
  });

  it("cleans diagnostics: colours and the severity prefix go", () => {
    const preview = parsePreview({
      diagnostics: [
        { severity: "warning", message: "warning: \u001b[33macme\u001b[39m: careful\n" },
        { severity: "error", message: "error: boom", urn: CLIENT },
        { message: 42 },
      ],
    });
    expect(preview.diagnostics).toEqual([
      { severity: "warning", message: "acme: careful" },
      { severity: "error", message: "boom", urn: CLIENT },
    ]);
    expect(preview.failed).toBe(true);
  });

  it("notices when unchanged resources were left out", () => {
    expect(parsePreview({ steps: [], changeSummary: { same: 3 } }).samesOmitted).toBe(true);
    expect(parsePreview(fixtureJson("no-changes")).samesOmitted).toBe(false);
    expect(parsePreview(fixtureJson("identity-to-domain-plain")).samesOmitted).toBe(true);
  });
});

describe("summarisePlan on other shapes", () => {
  it("a stack without clients: its resources are listed plainly, and still assessed", () => {
    const urn = `${STACK}::${DOMAIN_TYPE}::main`;
    const s = summarisePlan({
      steps: [
        {
          op: "delete",
          urn,
          oldState: { type: DOMAIN_TYPE, custom: true, outputs: { name: "shop.example" } },
        },
      ],
      changeSummary: { delete: 1 },
    });
    expect(s.clients).toEqual([]);
    expect(s.findings.map((f) => [f.kind, f.resource])).toEqual([["domain-delete", "main"]]);
    expect(s.markdown).not.toContain("### Clients");
    expect(s.markdown).toContain(
      "### Outside any client\n\n- `main`: domain `shop.example`: delete",
    );
    expect(s.markdown).toContain(
      "🛑 **Domain deletion** — The domain `shop.example` (`main`) is deleted:",
    );
  });

  it("a client moving back from its domain to identities", () => {
    const s = summarisePlan({
      steps: [
        {
          op: "same",
          urn: CLIENT,
          oldState: { type: "mailersend:index:Client", outputs: { method: "domain" } },
          newState: { type: "mailersend:index:Client" },
        },
        {
          op: "delete",
          urn: child(DOMAIN_TYPE, "acme-domain"),
          oldState: { type: DOMAIN_TYPE, parent: CLIENT, outputs: { name: "acme.example" } },
        },
        {
          op: "create",
          urn: child(IDENTITY_TYPE, "acme-identity-news"),
          newState: { type: IDENTITY_TYPE, parent: CLIENT, inputs: { email: "news@acme.example" } },
        },
      ],
      changeSummary: { same: 1, delete: 1, create: 1 },
    });
    expect(s.clients).toEqual([
      {
        name: "acme",
        before: "domain",
        after: "identity",
        switches: true,
        changes: { create: 1, update: 0, replace: 0, delete: 1, same: 0 },
      },
    ]);
    expect(s.findings.map((f) => f.kind)).toEqual([
      "domain-delete",
      "method-switch",
      "identity-pending",
    ]);
    expect(s.findings[1].message).toContain(
      "**acme** switches from its own domain `acme.example` to sender identities",
    );
  });

  it("a client with invalid arguments, and any other error, are blockers without stack traces", () => {
    const s = summarisePlan({
      steps: [],
      diagnostics: [
        {
          urn: CLIENT,
          severity: "error",
          message:
            "error: ResourceError: Client acme has invalid arguments:\n  - monthlyVolume: must be a number\n    at new Client (/x/client.ts:1:1)\n",
        },
        {
          severity: "error",
          message:
            "error: TypeError: Cannot read properties of undefined (reading 'x')\n    at Object.<anonymous> (/p/index.ts:3:5) {\n  resource: Client {\n",
        },
      ],
    });
    expect(s.failed).toBe(true);
    expect(s.findings.map((f) => [f.kind, f.client, f.message])).toEqual([
      [
        "blocker",
        undefined,
        "The preview failed: Cannot read properties of undefined (reading 'x')",
      ],
      ["blocker", "acme", "**acme** has invalid arguments: monthlyVolume: must be a number"],
    ]);
  });

  it("escapes Markdown in names and messages", () => {
    const s = summarisePlan({
      steps: [],
      diagnostics: [
        {
          urn: `${STACK}::mailersend:index:Client::a|b`,
          severity: "warning",
          message: "warning: a|b: see [this](http://evil) <img>",
        },
      ],
    });
    expect(s.markdown).toContain("| a\\|b |");
    expect(s.markdown).toContain("**a\\|b**: see \\[this\\](http://evil) \\<img\\>");
  });
});
