/**
 * What summarisePlan concludes from each recorded plan (the golden files show the wording; these
 * pin the facts): each client's method before and after, its counts, and the findings.
 */
import { describe, expect, it } from "vitest";
import {
  AGENCY_COMPONENT_TYPE,
  CLIENT_COMPONENT_TYPE,
  FINDING_KINDS,
  summarisePlan,
  type ClientSummary,
  type PlanSummary,
} from "../../provider/cli/plan-summary";
import { AGENCY_TYPE } from "../../provider/component/agency";
import { CLIENT_TYPE } from "../../provider/component/client";
import { fixtureJson, fixtureText, type Scenario } from "./support";

function summary(scenario: Scenario): PlanSummary {
  return summarisePlan(fixtureText(scenario));
}

/** `kind client/resource` per finding, in order. */
function findingsOf(s: PlanSummary): string[] {
  return s.findings.map((f) => `${f.kind} ${f.client ?? "-"}/${f.resource ?? f.code ?? "-"}`);
}

function client(s: PlanSummary, name: string): ClientSummary {
  const found = s.clients.find((c) => c.name === name);
  if (!found) throw new Error(`no client ${name} in ${s.clients.map((c) => c.name).join(", ")}`);
  return found;
}

const NONE = { create: 0, update: 0, replace: 0, delete: 0 };

describe("summarisePlan on the recorded plans", () => {
  it("uses the components' type tokens", () => {
    expect(CLIENT_COMPONENT_TYPE).toBe(CLIENT_TYPE);
    expect(AGENCY_COMPONENT_TYPE).toBe(AGENCY_TYPE);
  });

  it("initial-creation: every client is new; DNS for the one new domain, four confirmations", () => {
    const s = summary("initial-creation");
    expect(s.failed).toBe(false);
    expect(s.clients.map((c) => [c.name, c.before, c.after, c.switches, c.changes.create])).toEqual(
      [
        ["acme-shop", "new", "domain", false, 4],
        ["bakery", "new", "identity", false, 1],
        ["dentist", "new", "identity", false, 2],
        ["freight", "new", "identity", false, 1],
        ["law-firm", "new", "domain", false, 2],
      ],
    );
    // Adopted domains (agency.example, lawfirm.example) exist already: no DNS to publish for them.
    expect(findingsOf(s).filter((f) => !f.startsWith("warning"))).toEqual([
      "dns-records acme-shop/acme-shop-domain",
      "identity-pending bakery/bakery-identity-hello-at-corner-bakery-example",
      "identity-pending dentist/dentist-identity-appointments-at-smile-dental-example",
      "identity-pending dentist/dentist-identity-billing-at-smile-dental-example",
      "identity-pending freight/freight-identity-tracking-at-fastfreight-example",
    ]);
    expect(s.resources.filter((r) => !r.client).map((r) => [r.name, r.op])).toEqual([
      ["agency-domain", "create"],
    ]);
  });

  it("no-changes: nothing changes; the pending steps and the decision's warnings remain", () => {
    const s = summary("no-changes");
    for (const c of s.clients) {
      expect(c.switches).toBe(false);
      expect({ ...c.changes, same: undefined }).toEqual({ ...NONE, same: undefined });
    }
    expect(s.resources.every((r) => r.op === "same")).toBe(true);
    expect([...new Set(s.findings.map((f) => f.kind))]).toEqual([
      "dns-records",
      "identity-pending",
      "warning",
    ]);
    // The codes come from the Client's recorded `warnings` output; the warning the three share
    // was logged once, naming them (provider/component/notices.ts), and is read as each one's.
    expect(s.findings.filter((f) => f.kind === "warning").map((f) => [f.client, f.code])).toEqual([
      ["bakery", "shared-reputation"],
      ["dentist", "shared-reputation"],
      ["freight", "shared-reputation"],
      ["freight", "high-volume-on-identity"],
    ]);
    const shared = fixtureJson("no-changes").diagnostics.filter((d) =>
      String(d.message).includes("(3 clients: bakery, dentist, freight)"),
    );
    expect(shared).toHaveLength(1);
    const dns = s.findings.find((f) => f.kind === "dns-records")!;
    expect(dns.details).toHaveLength(3);
  });

  it("identity-to-domain: the bakery switches, its identity is deleted before its domain is verified", () => {
    const s = summary("identity-to-domain");
    expect(client(s, "bakery")).toEqual({
      name: "bakery",
      before: "identity",
      after: "domain",
      switches: true,
      changes: { create: 3, update: 0, replace: 0, delete: 1, same: 0 },
    });
    expect(findingsOf(s).slice(0, 2)).toEqual([
      "identity-delete bakery/bakery-identity-hello-at-corner-bakery-example",
      "method-switch bakery/-",
    ]);
    expect(s.findings[0].message).toContain("new domain is not verified yet");
    expect(findingsOf(s)).toContain("dns-records bakery/bakery-domain");
  });

  it("a switch reads the old decision from the codes a Client records, as from 0.1.0's objects", () => {
    const recorded = (reasons: unknown) => {
      const doc = fixtureJson("identity-to-domain");
      const bakery = doc.steps.find((step) => String(step.urn).endsWith("Client::bakery")) as {
        oldState: { outputs: Record<string, unknown> };
      };
      expect(bakery.oldState.outputs.reasons).toEqual([
        expect.objectContaining({ code: "low-volume" }),
      ]);
      bakery.oldState.outputs.reasons = reasons;
      const s = summarisePlan(JSON.stringify(doc));
      return s.findings.find((f) => f.kind === "method-switch")!.message;
    };
    const fromCodes = recorded(["low-volume"]);
    expect(fromCodes).toContain("Why: the decision was `low-volume`, now `high-volume` (domain)");
    expect(fromCodes).toBe(
      recorded([{ code: "low-volume", message: "(0.1.0 kept the sentence)" }]),
    );
  });

  it("a switch reads an attribute the state leaves out as unset, as 0.1.0's `unset`", () => {
    const moved = (drop: boolean) => {
      const doc = fixtureJson("identity-to-domain");
      const bakery = doc.steps.find((step) => String(step.urn).endsWith("Client::bakery")) as {
        oldState: { outputs: { decisionInputs: Record<string, string> } };
      };
      const attributes = bakery.oldState.outputs.decisionInputs;
      expect(Object.values(attributes)).toContain("unset");
      if (drop) {
        bakery.oldState.outputs.decisionInputs = Object.fromEntries(
          Object.entries(attributes).filter(([, value]) => value !== "unset"),
        );
      }
      return summarisePlan(JSON.stringify(doc)).findings.find((f) => f.kind === "method-switch")!
        .message;
    };
    expect(moved(true)).toContain("moved: `monthlyVolume` 300 → 5000, `dnsAccess` false → true.");
    expect(moved(true)).toBe(moved(false));
  });

  it("identity-to-domain-keep-identities: the switch keeps the identity", () => {
    const s = summary("identity-to-domain-keep-identities");
    expect(client(s, "bakery")).toMatchObject({ before: "identity", after: "domain" });
    expect(client(s, "bakery").changes).toMatchObject({ create: 3, delete: 0, same: 1 });
    expect(s.findings.map((f) => f.kind)).not.toContain("identity-delete");
    expect(findingsOf(s)).toContain("method-switch bakery/-");
    expect(
      s.findings.some((f) => f.kind === "warning" && f.message.includes("keeping 1 sender")),
    ).toBe(true);
  });

  it("identity-to-domain-plain: without --show-sames, unchanged clients' methods come from their decision lines", () => {
    const s = summary("identity-to-domain-plain");
    expect(client(s, "bakery")).toMatchObject({
      before: "identity",
      after: "domain",
      switches: true,
    });
    // No step, but the decision line each Client logs at preview says its method.
    expect(client(s, "dentist")).toMatchObject({ before: "identity", after: "identity" });
    expect(client(s, "law-firm")).toMatchObject({ before: "domain", after: "domain" });
    expect(s.clients.map((c) => c.name)).toEqual([
      "acme-shop",
      "bakery",
      "dentist",
      "freight",
      "law-firm",
    ]);
    expect(s.markdown).toContain("without `--show-sames`");
  });

  it("token-rotation: a create-first token replacement the client must switch to", () => {
    const s = summary("token-rotation");
    expect(findingsOf(s)[0]).toBe("token-replace acme-shop/acme-shop-token");
    expect(s.resources.find((r) => r.name === "acme-shop-token")).toMatchObject({
      op: "replace",
      fields: ["rotationNonce"],
      deleteFirst: false,
    });
    expect(client(s, "acme-shop")).toMatchObject({ switches: false, after: "domain" });
  });

  it("domain-replacement: deleted first (same name); the engine deletes its token and verification before it", () => {
    const s = summary("domain-replacement");
    expect(findingsOf(s).slice(0, 3)).toEqual([
      "domain-replace acme-shop/acme-shop-domain",
      "token-replace acme-shop/acme-shop-token",
      "dns-records acme-shop/acme-shop-domain",
    ]);
    const byName = Object.fromEntries(s.resources.map((r) => [r.name, r]));
    expect(byName["acme-shop-domain"]).toMatchObject({
      op: "replace",
      deleteFirst: true,
      fields: ["returnPathSubdomain"],
    });
    // The token's own rule is create-first, but the engine marks it pendingReplacement: it depends
    // on a domain replaced delete-first, so it is deleted before the domain.
    expect(byName["acme-shop-token"]).toMatchObject({ deleteFirst: true, fields: ["domainId"] });
    expect(byName["acme-shop-verification"]).toMatchObject({ deleteFirst: true });
    expect(s.findings.filter((f) => f.stopsSending).map((f) => f.resource)).toEqual([
      "acme-shop-domain",
      "acme-shop-token",
    ]);
    expect(byName["acme-shop-user-owner-at-acme-shop-example"]).toMatchObject({
      op: "update",
      fields: ["domainIds"],
    });
    expect(client(s, "acme-shop").changes).toMatchObject({ update: 1, replace: 3 });
  });

  it("domain-deletion: the client leaves; its domain and token are deleted", () => {
    const s = summary("domain-deletion");
    expect(client(s, "acme-shop")).toMatchObject({
      before: "domain",
      after: "removed",
      switches: false,
    });
    expect(client(s, "acme-shop").changes.delete).toBe(4);
    expect(findingsOf(s).slice(0, 2)).toEqual([
      "domain-delete acme-shop/acme-shop-domain",
      "token-delete acme-shop/acme-shop-token",
    ]);
  });

  it("domain-deletion of an adopted domain: no deletion, a warning that it stays in MailerSend", () => {
    const plan = fixtureJson("domain-deletion");
    for (const step of plan.steps as { urn: string; oldState?: { outputs: object } }[]) {
      if (step.urn.endsWith("::acme-shop-domain") && step.oldState) {
        step.oldState.outputs = { ...step.oldState.outputs, adopt: true, adopted: true };
      }
    }
    const s = summarisePlan(JSON.stringify(plan));
    expect(findingsOf(s)).not.toContain("domain-delete acme-shop/acme-shop-domain");
    expect(s.findings.find((f) => f.resource === "acme-shop-domain")).toMatchObject({
      kind: "warning",
      message: expect.stringContaining(
        "leaves the stack but stays in MailerSend: it was adopted and `deleteAdoptedOnDestroy` " +
          "is not set, so nothing is deleted.",
      ),
    });
  });

  it("agency-domain-replacement: the agency's domain (outside any client) and every identity", () => {
    const s = summary("agency-domain-replacement");
    expect(findingsOf(s).slice(0, 5)).toEqual([
      "domain-replace -/agency-domain",
      "identity-replace bakery/bakery-identity-hello-at-corner-bakery-example",
      "identity-replace dentist/dentist-identity-appointments-at-smile-dental-example",
      "identity-replace dentist/dentist-identity-billing-at-smile-dental-example",
      "identity-replace freight/freight-identity-tracking-at-fastfreight-example",
    ]);
    const agencyDomain = s.resources.find((r) => r.name === "agency-domain")!;
    // A new name: the new domain is created before the old one is deleted.
    expect(agencyDomain).toMatchObject({ deleteFirst: false, fields: ["name"] });
    expect(agencyDomain.label).toBe("domain `agency.example` → `mail.agency.example`");
    // The same email on a new domain: the identity must go first.
    expect(
      s.resources.filter((r) => r.type.endsWith(":SenderIdentity")).map((r) => r.deleteFirst),
    ).toEqual([true, true, true, true]);
  });

  it("blocker: the failed preview's blockers, with their codes, first", () => {
    const s = summary("blocker");
    expect(s.failed).toBe(true);
    expect(s.findings.slice(0, 2).map((f) => [f.kind, f.client, f.code])).toEqual([
      ["blocker", "freight", "domain-needs-dns-access"],
      ["blocker", "freight", "identity-blocked-by-dmarc-reject"],
    ]);
    expect(s.findings[0].message).not.toMatch(/ at |ResourceError|__pulumi/);
    // freight reported its blockers and declared no children; the program went on to law-firm
    // (every failing client is reported at once) and failed at its end.
    expect(client(s, "freight")).toMatchObject({ before: "identity", after: "unknown" });
    expect(client(s, "law-firm")).toMatchObject({ before: "domain", after: "domain" });
    // The error that fails the program only points at freight's: it is no blocker of its own.
    expect(s.findings.filter((f) => f.kind === "blocker")).toHaveLength(2);
  });

  it("plan-limit: the Agency's plan-limit error is a blocker about no single client", () => {
    const s = summary("plan-limit");
    expect(s.failed).toBe(true);
    expect(s.findings.map((f) => [f.kind, f.client, f.resource, f.code])).toEqual([
      ["blocker", undefined, "agency", "domain-limit-exceeded"],
    ]);
    expect(s.findings[0].message).toMatch(/^The clients of the Agency \*\*agency\*\* do not fit/);
    expect(s.clients).toEqual([]);
  });

  it("identity-confirmation: the confirmed identity and the verified domain are no longer listed", () => {
    const s = summary("identity-confirmation");
    expect(findingsOf(s).filter((f) => !f.startsWith("warning"))).toEqual([
      "identity-pending bakery/bakery-identity-hello-at-corner-bakery-example",
      "identity-pending dentist/dentist-identity-billing-at-smile-dental-example",
      "identity-pending freight/freight-identity-tracking-at-fastfreight-example",
    ]);
  });

  it("orders the findings most dangerous first", () => {
    for (const scenario of [
      "domain-replacement",
      "agency-domain-replacement",
      "blocker",
      "identity-to-domain",
    ] as const) {
      const ranks = summary(scenario).findings.map((f) => FINDING_KINDS.indexOf(f.kind));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });
});
