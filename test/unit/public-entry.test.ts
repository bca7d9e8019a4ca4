/**
 * The public entry (provider/index.ts) is deliberate: named exports only, each statement with a
 * doc comment, and exactly the runtime names below. A name added to or dropped from the public
 * API changes this list on purpose, in review.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ENTRY = path.resolve(__dirname, "../../provider/index.ts");

const PUBLIC_VALUES = [
  // resources
  "Domain",
  "DomainVerification",
  "SenderIdentity",
  "ApiToken",
  "ClientUser",
  // components
  "Client",
  "CLIENT_TYPE",
  "decideClient",
  "DEFAULT_CLIENT_TOKEN_SCOPES",
  "DEFAULT_CLIENT_USER_PERMISSIONS",
  "Agency",
  "AGENCY_TYPE",
  "lookupDmarcPolicy",
  "parseDmarcRecord",
  "checkPlanLimits",
  "PLANS",
  "PLAN_LIMITS",
  "PLAN_ERROR_CODES",
  "PLAN_WARNING_CODES",
  // decision
  "decideSendingMethod",
  "BLOCKER_CODES",
  "CLIENT_ATTRIBUTE_NAMES",
  "DECISION_CODES",
  "DEFAULT_CLIENT_ATTRIBUTES",
  "DEFAULT_DECISION_POLICY",
  "DMARC_POLICIES",
  "NOTE_CODES",
  "REASON_CODES",
  "SENDING_METHODS",
  "WARNING_CODES",
  // errors
  "MailerSendApiError",
  "MailerSendResponseError",
];

describe("the public entry", () => {
  const source = fs.readFileSync(ENTRY, "utf8");

  it("has named exports only", () => {
    expect(source).not.toMatch(/export\s*\*/);
  });

  it("gives every export statement a doc comment", () => {
    const statements = [...source.matchAll(/^export /gm)].map((m) => m.index);
    expect(statements.length).toBeGreaterThan(5);
    for (const at of statements) {
      const before = source.slice(0, at).trimEnd();
      expect(before.endsWith("*/"), source.slice(at, at + 60)).toBe(true);
    }
  });

  it("exports exactly the public runtime names: no documentation data, no planning internals", async () => {
    const entry = (await import("../../provider/index")) as Record<string, unknown>;
    expect(Object.keys(entry).sort()).toEqual([...PUBLIC_VALUES].sort());
    for (const internal of [
      "DECISION_RULES",
      "PLAN_LIMITS_GUIDE",
      "planClient",
      "checkClientArgs",
    ]) {
      expect(entry).not.toHaveProperty(internal);
    }
  });
});
