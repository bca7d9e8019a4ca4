/**
 * The check and diff rules of SenderIdentity, ApiToken, DomainVerification and ClientUser as
 * tables (Domain's are in domain-logic.test.ts): every field's diff rule, the replacement order,
 * normalisation, defaults and every cross-field check.
 */
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../provider/runtime/check";
import {
  API_TOKEN_DIFF_TABLE,
  checkApiToken,
  diffApiToken,
  fromApiStatus,
  toApiStatus,
} from "../../provider/runtime/api-token.logic";
import {
  CLIENT_USER_DIFF_TABLE,
  checkClientUser,
  diffClientUser,
} from "../../provider/runtime/client-user.logic";
import {
  DOMAIN_VERIFICATION_DIFF_TABLE,
  checkDomainVerification,
  diffDomainVerification,
  failingRecords,
  nextPollDelayMs,
} from "../../provider/runtime/domain-verification.logic";
import {
  SENDER_IDENTITY_DIFF_TABLE,
  checkSenderIdentity,
  diffSenderIdentity,
  identityChanges,
} from "../../provider/runtime/sender-identity.logic";
import type { DiffTable } from "../../provider/runtime/diff";

/** A value different from `value` of the same kind. */
function changed(value: unknown): unknown {
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 1;
  if (Array.isArray(value)) return [...value, "other"];
  if (typeof value === "string" && value.includes("@")) return `other.${value}`;
  return `${String(value)}x`;
}

/** For every field of a table: what a change to it alone plans. */
function diffTableCases(
  table: DiffTable,
  base: Record<string, unknown>,
  diff: (olds: Record<string, unknown>, news: Record<string, unknown>) => unknown,
) {
  return Object.entries(table.fields).map(([field, rule]) => {
    const result = diff(base, { ...base, [field]: changed(base[field] ?? "v") });
    const replacing = rule === "replace";
    const keyKept = (table.uniqueKey ?? []).length > 0 && !(table.uniqueKey ?? []).includes(field);
    return {
      field,
      rule,
      result,
      expected: {
        changes: rule !== "ignore",
        replaces: replacing ? [field] : [],
        deleteBeforeReplace: replacing && !table.neverDeleteFirst && keyKept,
      },
    };
  });
}

describe("SenderIdentity", () => {
  const base = {
    domainId: "agencydomain1234",
    email: "news@client.test",
    name: "Client",
    addNote: false,
    adopt: false,
    resendNonce: "1",
    replyToEmail: "help@client.test",
    replyToName: "Help",
    personalNote: "Hi",
  };

  it("normalises the addresses and fills the defaults", () => {
    expect(
      checkSenderIdentity({
        domainId: "d1",
        email: " News@Client.TEST ",
        name: "N",
        resendNonce: 3,
      }),
    ).toEqual({
      inputs: {
        domainId: "d1",
        email: "news@client.test",
        name: "N",
        addNote: false,
        adopt: false,
        resendNonce: "3",
      },
    });
  });

  it.each(diffTableCases(SENDER_IDENTITY_DIFF_TABLE, base, diffSenderIdentity))(
    "a change to $field alone is $rule",
    ({ result, expected }) => expect(result).toEqual(expected),
  );

  it("replacing with the same email deletes first (unique per account); a new email creates first", () => {
    expect(diffSenderIdentity(base, { ...base, domainId: "other" })).toMatchObject({
      deleteBeforeReplace: true,
    });
    expect(
      diffSenderIdentity(base, { ...base, email: "new@client.test", domainId: "other" }),
    ).toMatchObject({
      replaces: ["domainId", "email"],
      deleteBeforeReplace: false,
    });
  });

  it.each([
    [
      { email: "a@gmail.com" },
      "email",
      "must be an address on the client's own domain, not a free email provider (gmail.com): MailerSend does not allow sender identities on free email providers",
    ],
    [
      { replyToName: "Help", replyToEmail: undefined },
      "replyToEmail",
      "is required when replyToName is set",
    ],
    [
      { addNote: true, personalNote: undefined },
      "personalNote",
      "is required when addNote is true (the note is added to the confirmation email)",
    ],
    [{ name: "x".repeat(192) }, "name", "must be at most 191 characters long; got 192"],
    [
      { personalNote: "x".repeat(251) },
      "personalNote",
      "must be at most 250 characters long; got 251",
    ],
    [
      { replyToEmail: "nope" },
      "replyToEmail",
      'must be an email address such as news@example.com; got "nope"',
    ],
  ])("%j fails on %s", (change, property, reason) => {
    const news = { ...base, resendNonce: undefined, ...change };
    expect(checkSenderIdentity(news).failures).toEqual([{ property, reason }]);
  });

  it("skips cross-field rules whose fields are not known yet", () => {
    expect(
      checkSenderIdentity({ ...base, replyToEmail: UNKNOWN, replyToName: "Help" }).failures,
    ).toBeUndefined();
  });

  it("sends only what changed, and null for a value removed from the program", () => {
    expect(
      identityChanges({ ...base, name: "New", replyToEmail: undefined } as never, base),
    ).toEqual({
      name: "New",
      reply_to_email: null,
    });
    expect(identityChanges(base as never, base)).toEqual({});
  });
});

describe("ApiToken", () => {
  const base = {
    name: "t",
    scopes: ["email_full"],
    status: "active",
    domainId: "d1",
    rotationNonce: "1",
  };

  it("sorts and de-duplicates scopes, defaults to active", () => {
    expect(
      checkApiToken({ name: "t", scopes: ["email_full", "analytics_read", "email_full"] }),
    ).toEqual({
      inputs: { name: "t", scopes: ["analytics_read", "email_full"], status: "active" },
    });
  });

  it.each(diffTableCases(API_TOKEN_DIFF_TABLE, base, diffApiToken))(
    "a change to $field alone is $rule (a replacement always creates the new token first)",
    ({ result, expected }) => expect(result).toEqual(expected),
  );

  it("never deletes first, whatever changes", () => {
    expect(
      diffApiToken(base, {
        ...base,
        scopes: ["analytics_read"],
        domainId: "d2",
        rotationNonce: "2",
      }),
    ).toEqual({
      changes: true,
      replaces: ["domainId", "scopes", "rotationNonce"],
      deleteBeforeReplace: false,
    });
  });

  it.each([
    [{ name: "" }, "name", "must not be empty"],
    [{ name: "x".repeat(51) }, "name", "must be at most 50 characters long; got 51"],
    [{ scopes: "email_full" }, "scopes", 'must be a list of scopes such as ["email_full"]'],
    [{ scopes: [] }, "scopes", "must list at least one scope, such as email_full"],
    [
      { status: "pause" },
      "status",
      'must be one of active, paused (a paused token is refused by MailerSend); got "pause"',
    ],
    [
      { domainId: "bad id" },
      "domainId",
      'must be the id of a MailerSend domain the token is for (letters and digits); got "bad id"',
    ],
    [{ rotationNonce: true }, "rotationNonce", "must be a string or a number"],
  ])("%j fails on %s", (change, property, reason) => {
    expect(checkApiToken({ ...base, ...change }).failures).toEqual([{ property, reason }]);
  });

  it("maps our status names to MailerSend's and back", () => {
    expect([toApiStatus("active"), toApiStatus("paused")]).toEqual(["unpause", "pause"]);
    expect([fromApiStatus("unpause"), fromApiStatus("pause"), fromApiStatus(null)]).toEqual([
      "active",
      "paused",
      undefined,
    ]);
  });
});

describe("DomainVerification", () => {
  const base = {
    domainId: "d1",
    mode: "trigger",
    requiredRecords: ["dkim", "returnPath", "spf"],
    timeoutSeconds: 600,
    pollIntervalSeconds: 15,
    nonce: "1",
  };

  it("fills the defaults", () => {
    expect(checkDomainVerification({ domainId: "d1" })).toEqual({
      inputs: {
        domainId: "d1",
        mode: "trigger",
        requiredRecords: ["dkim", "returnPath", "spf"],
        timeoutSeconds: 600,
        pollIntervalSeconds: 15,
      },
    });
  });

  it.each(diffTableCases(DOMAIN_VERIFICATION_DIFF_TABLE, base, diffDomainVerification))(
    "a change to $field alone is $rule",
    ({ result, expected }) => expect(result).toEqual(expected),
  );

  it("names the failing required records, in the order asked", () => {
    const records = [
      { purpose: "dkim" as const, verified: true },
      { purpose: "spf" as const, verified: false },
    ];
    expect(failingRecords(records, ["dkim", "returnPath", "spf"])).toEqual(["returnPath", "spf"]);
  });

  it.each([
    [15_000, 15, 22_500],
    [100_000, 15, 120_000], // capped at two minutes
    [200_000, 300, 300_000], // unless the configured interval is longer
  ])("after %i ms (interval %i s) waits %i ms", (previous, configured, next) => {
    expect(nextPollDelayMs(previous, configured)).toBe(next);
  });
});

describe("ClientUser", () => {
  const base = {
    email: "owner@client.test",
    role: "Custom User",
    permissions: ["read-activity"],
    domainIds: ["d1"],
    templateIds: [],
    requiresPeriodicPasswordChange: false,
  };

  it.each([
    ["custom user", "Custom User"],
    ["CUSTOM-USER", "Custom User"],
    ["manager", "Manager"],
    ["Admin", "Admin"],
  ])("role %s means %s", (role, expected) => {
    expect(checkClientUser({ ...base, role }).inputs?.role).toBe(expected);
  });

  it.each(diffTableCases(CLIENT_USER_DIFF_TABLE, base, diffClientUser))(
    "a change to $field alone is $rule",
    ({ result, expected }) => expect(result).toEqual(expected),
  );

  it("ignores the order and repeats of permissions and domains", () => {
    const news = checkClientUser({
      ...base,
      permissions: ["read-activity", "read-activity"],
      domainIds: ["d1", "d1"],
    });
    expect(diffClientUser(base, news.inputs!)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});
