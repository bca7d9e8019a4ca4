/**
 * The parts of scripts/record-plan-fixtures.ts that run without the engine: the patch that adds the
 * scenario knobs to a copy of examples/agency (so a change of the example that breaks it fails
 * here, not at the next recording), and the normalisation of a recorded document.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ALL_SCENARIOS, normalise, patchAgencyProgram } from "../../scripts/record-plan-fixtures";
import { SCENARIOS } from "./support";

const EXAMPLE = path.resolve(__dirname, "../../examples/agency/index.ts");

describe("record-plan-fixtures", () => {
  it("records exactly the scenarios the tests read", () => {
    expect(ALL_SCENARIOS).toEqual([...SCENARIOS]);
  });

  it("patches examples/agency/index.ts: the Agency's clients go through the knobs", () => {
    const source = fs.readFileSync(EXAMPLE, "utf8");
    const patched = patchAgencyProgram(source);
    expect(patched).toContain("function planSummaryClients<T extends object>(");
    expect(patched).toMatch(/\n {2}clients: planSummaryClients\(\{\n/);
    // Everything else is the example, unchanged.
    const knobs = patched.slice(
      patched.indexOf("\n// Added by"),
      patched.indexOf("const agency ="),
    );
    expect(patched.replace(knobs, "").replace("planSummaryClients(", "")).toBe(
      source.replace(/(\n {2}clients: \{[\s\S]*?\n {2}\})/, "$1)"),
    );
    const { diagnostics } = ts.transpileModule(patched, { reportDiagnostics: true });
    expect(diagnostics ?? []).toEqual([]);
  });

  it("refuses an example without its anchors", () => {
    expect(() => patchAgencyProgram("export const x = 1;\n")).toThrow(
      /examples\/agency\/index.ts changed/,
    );
  });

  it("normalises ids, the port, paths, timestamps and the provider's UUID; refuses tokens", () => {
    const ids = new Map([["abcdefghij012345", "domain-id:acme.example"]]);
    const context = { origin: "http://127.0.0.1:43123", tmpDirs: ["/tmp/rec-xyz"], ids };
    const doc = {
      duration: 1234,
      config: { "mailersend:apiUrl": "http://127.0.0.1:43123/v1" },
      steps: [
        {
          op: "same",
          urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/mailersend:Domain::d",
          provider:
            "urn:pulumi:dev::p::pulumi:providers:pulumi-nodejs::default::1c2b4d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
          oldState: {
            id: "abcdefghij012345",
            created: "2026-11-26T14:27:20.39749242Z",
            stackTrace: [{ sourcePosition: "project:///x" }],
            inputs: { __provider: "exports.handler = ...", name: "acme.example" },
            outputs: {
              createdAt: "2026-11-26T14:27:20.000000Z",
              unknown: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            },
          },
        },
      ],
      diagnostics: [{ severity: "error", message: "at /tmp/rec-xyz/project/index.ts:1" }],
    };
    expect(normalise(doc, context)).toEqual({
      duration: 0,
      config: { "mailersend:apiUrl": "http://127.0.0.1:4010/v1" },
      steps: [
        {
          op: "same",
          urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/mailersend:Domain::d",
          provider:
            "urn:pulumi:dev::p::pulumi:providers:pulumi-nodejs::default::00000000-0000-0000-0000-000000000000",
          oldState: {
            id: "domain-id:acme.example",
            created: "2025-01-01T12:00:00.000000Z",
            inputs: {
              __provider: "/* serialized dynamic provider: elided by record-plan-fixtures */",
              name: "acme.example",
            },
            outputs: {
              createdAt: "2025-01-01T12:00:00.000000Z",
              unknown: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            },
          },
        },
      ],
      diagnostics: [
        { severity: "error", message: "at /tmp/plan-summary-fixtures/project/index.ts:1" },
      ],
    });
    expect(() => normalise({ steps: [], note: "mlsn.abc123" }, context)).toThrow(/API token/);
  });
});
