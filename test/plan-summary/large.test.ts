/**
 * plan-summary for a real agency's pull request: 500 clients, 10 of them changing. The preview is
 * generated deterministically from the previews the real CLI recorded
 * (scripts/record-plan-fixtures.ts): the five clients of no-changes.json are repeated 100 times
 * under new names (every URN, parent link, dependency and warning renamed), then ten of the copies
 * take the steps the real engine planned for a change in another recording (a domain replaced
 * delete-first, a token rotated, a client switching to its domain, a client leaving). Recording
 * 500 clients with the real CLI takes many minutes and a 20 MB fixture; the steps of each client
 * are the engine's own either way.
 */
import { describe, expect, it } from "vitest";
import { MAX_MARKDOWN_LENGTH } from "../../provider/cli/plan-markdown";
import { summarisePlan } from "../../provider/cli/plan-summary";
import { fixtureJson, type Scenario } from "./support";

const CLIENTS = ["acme-shop", "bakery", "dentist", "freight", "law-firm"];
const COPIES = 100;

type Doc = ReturnType<typeof fixtureJson>;

/** Every step and diagnostic of `client` in `doc`, renamed to `<client>-<n>`. */
function renamed(doc: Doc, client: string, n: number): Pick<Doc, "steps" | "diagnostics"> {
  const name = `${client}-${String(n).padStart(3, "0")}`;
  const mine = (urn: unknown) =>
    typeof urn === "string" &&
    (urn.endsWith(`::${client}`) ||
      (urn.includes(`mailersend:index:Client$`) &&
        urn.split("::").pop()!.startsWith(`${client}-`)));
  const rename = (value: object) =>
    JSON.parse(
      JSON.stringify(value)
        .split(`::${client}`)
        .join(`::${name}`)
        .split(`"warning: ${client}: `)
        .join(`"warning: ${name}: `),
    );
  return {
    steps: doc.steps.filter((s) => mine(s.urn)).map(rename),
    diagnostics: doc.diagnostics.filter((d) => mine(d.urn)).map(rename),
  };
}

/** The 10 changes: copy number → the recording whose steps it takes for that client. */
const CHANGES: [client: string, n: number, scenario: Scenario][] = [
  ["acme-shop", 3, "domain-replacement"],
  ["acme-shop", 17, "token-rotation"],
  ["acme-shop", 29, "domain-deletion"],
  ["acme-shop", 41, "token-rotation"],
  ["bakery", 5, "identity-to-domain"],
  ["bakery", 55, "identity-to-domain-keep-identities"],
  ["bakery", 77, "identity-to-domain"],
  ["acme-shop", 63, "domain-replacement"],
  ["acme-shop", 88, "token-rotation"],
  ["bakery", 99, "identity-to-domain"],
];

function largePreview(): Doc {
  const base = fixtureJson("no-changes");
  const changed = new Map(CHANGES.map(([client, n, scenario]) => [`${client}-${n}`, scenario]));
  const recordings = new Map<Scenario, Doc>();
  const doc: Doc = {
    ...base,
    steps: base.steps.filter(
      (s) => !CLIENTS.some((c) => renamed(base, c, 0).steps.length && isOf(s.urn, c)),
    ),
    diagnostics: base.diagnostics.filter((d) => !CLIENTS.some((c) => isOf(d.urn, c))),
  };
  for (let n = 0; n < COPIES; n++) {
    for (const client of CLIENTS) {
      const scenario = changed.get(`${client}-${n}`);
      let source = base;
      if (scenario) {
        if (!recordings.has(scenario)) recordings.set(scenario, fixtureJson(scenario));
        source = recordings.get(scenario)!;
      }
      const part = renamed(source, client, n);
      doc.steps.push(...part.steps);
      doc.diagnostics.push(...part.diagnostics);
    }
  }
  return doc;
}

function isOf(urn: unknown, client: string): boolean {
  if (typeof urn !== "string") return false;
  const last = urn.split("::").pop()!;
  return (
    urn.includes("mailersend:index:Client") && (last === client || last.startsWith(`${client}-`))
  );
}

describe("500 clients, 10 changing", () => {
  const doc = largePreview();
  const summary = summarisePlan(doc);
  const { markdown } = summary;

  it("is the generated preview it says: 500 clients, 10 with changes", () => {
    expect(summary.clients).toHaveLength(500);
    const changing = summary.clients.filter(
      (c) =>
        c.switches ||
        c.after === "removed" ||
        Object.entries(c.changes).some(([k, v]) => k !== "same" && v > 0),
    );
    expect(changing.map((c) => c.name).sort()).toEqual(
      CHANGES.map(([client, n]) => `${client}-${String(n).padStart(3, "0")}`).sort(),
    );
  });

  it("stays under 60,000 characters, whole (nothing cut)", () => {
    expect(markdown.length).toBeLessThan(MAX_MARKDOWN_LENGTH);
    expect(markdown).not.toContain("Cut here");
    // Measured, for docs/plan-summary.md.
    console.log(`500 clients, 10 changing: ${markdown.length} characters`);
  });

  it("puts everything that stops sending first, at the most severe level", () => {
    const sections = markdown.split(/^### /m).map((s) => s.split("\n")[0]);
    expect(sections.slice(1, 3)).toEqual(["🛑 Sending stops", "Needs attention"]);
    const first = markdown.slice(
      markdown.indexOf("### 🛑 Sending stops"),
      markdown.indexOf("### Needs attention"),
    );
    const stopping = summary.findings.filter((f) => f.stopsSending);
    // 2 domain replacements (each with its token), 3 token rotations, a domain and token deleted,
    // 3 identities deleted before their client's new domain is verified.
    expect(stopping.map((f) => f.kind).sort()).toEqual([
      "domain-delete",
      "domain-replace",
      "domain-replace",
      "identity-delete",
      "identity-delete",
      "identity-delete",
      "token-delete",
      "token-replace",
      "token-replace",
      "token-replace",
      "token-replace",
      "token-replace",
    ]);
    for (const finding of stopping) {
      expect(first).toContain(`- 🛑 `);
      expect(first).toContain(finding.message);
    }
    // Nothing else is marked 🛑, and nothing marked 🛑 is elsewhere.
    expect(markdown.slice(markdown.indexOf("### Needs attention")).includes("🛑")).toBe(false);
  });

  it("collapses the unchanged clients and the standing reminders", () => {
    expect(markdown).toContain(
      "<details><summary>490 clients without changes (194 domain, 296 identity)</summary>",
    );
    expect(markdown).toMatch(
      /<details><summary>Standing reminders \(\d+\): pending before this plan/,
    );
    // The shared-reputation warning of the unchanged identity clients: its text once.
    const warning = "The client's mail is sent through the agency's authenticated domain";
    expect(markdown.split(warning).length - 1).toBeLessThanOrEqual(10);
  });
});
