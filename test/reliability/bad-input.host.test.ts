/**
 * The bad-input matrix: every input of every resource given a wrong type, an empty value, a value
 * too long, an invalid format (domain names, emails, subdomains, scopes, roles, ids) or a
 * conflicting combination, through check() of the real dynamic-provider host. Each must fail at
 * check time naming exactly the field (property path) and why, and MailerSend must see no request
 * at all. A guard at the end fails when a resource gains an input this table does not cover.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokenInputsSchema } from "../../provider/runtime/api-token.logic";
import { clientUserInputsSchema } from "../../provider/runtime/client-user.logic";
import { domainVerificationInputsSchema } from "../../provider/runtime/domain-verification.logic";
import { domainInputsSchema } from "../../provider/runtime/domain.logic";
import { senderIdentityInputsSchema } from "../../provider/runtime/sender-identity.logic";
import { startHostFixture, type HostFixture } from "../support/host-fixture";

/** How a value is wrong. */
type Kind = "wrong type" | "missing" | "empty" | "too long" | "bad format" | "conflict" | "unknown";

interface Row {
  /** The input the row is about (for the coverage guard). */
  field: string;
  kind: Kind;
  /** What to change in the valid inputs: a value, or `undefined` to leave the input out. */
  patch: Record<string, unknown>;
  /** The failure expected: exactly one, naming this property. */
  property: string;
  reason: string | RegExp;
}

const REMOVE = undefined;
const ID = "abcdefgh12345678";

// ------------------------------------------------------------------------------- row builders

function row(
  field: string,
  kind: Kind,
  value: unknown,
  reason: string | RegExp,
  property = field,
): Row {
  return { field, kind, patch: { [field]: value }, property, reason };
}

function flag(field: string): Row[] {
  return [
    row(field, "wrong type", "yes", "must be true or false"),
    row(field, "empty", "", "must be true or false"),
  ];
}

function adoptMode(field: string): Row[] {
  return [
    row(field, "wrong type", "yes", 'must be true, false or "require"'),
    row(field, "empty", "", 'must be true, false or "require"'),
  ];
}

function text(field: string, max: number, what: string): Row[] {
  return [
    row(field, "wrong type", 42, `must be ${what}`),
    row(field, "empty", "", "must not be empty"),
    row(field, "empty", "   ", "must not be empty"),
    row(
      field,
      "too long",
      "x".repeat(max + 1),
      `must be at most ${max} characters long; got ${max + 1}`,
    ),
  ];
}

function email(field: string): Row[] {
  const shape = (got: string) => `must be an email address such as news@example.com; got "${got}"`;
  return [
    row(field, "wrong type", 42, "must be an email address such as news@example.com"),
    row(field, "empty", "", shape("")),
    row(field, "too long", `${"a".repeat(180)}@client.test`, "must be at most 191 characters long"),
    row(field, "bad format", "not-an-email", shape("not-an-email")),
    row(field, "bad format", "two@@client.test", shape("two@@client.test")),
    row(field, "bad format", "sp ace@client.test", shape("sp ace@client.test")),
    row(field, "bad format", "news@localhost", shape("news@localhost")),
  ];
}

function objectId(field: string, what: string, property = field): Row[] {
  const shape = (got: string) => `must be the id of a ${what} (letters and digits); got "${got}"`;
  return [
    row(field, "wrong type", 5, `must be the id of a ${what}`, property),
    row(field, "empty", "", shape(""), property),
    row(field, "too long", "a".repeat(101), shape("a".repeat(101)), property),
    row(field, "bad format", "abc def", shape("abc def"), property),
  ];
}

function subdomain(field: string, allowEmpty: boolean): Row[] {
  const shape = (got: string) =>
    `must be letters and digits only (1 to 63 characters, MailerSend requires alphanumeric subdomains)${allowEmpty ? " or empty" : ""}; got "${got}"`;
  return [
    row(field, "wrong type", 7, "must be a subdomain label of letters and digits, such as mta"),
    ...(allowEmpty ? [] : [row(field, "empty", "", shape(""))]),
    row(field, "too long", "a".repeat(64), shape("a".repeat(64))),
    row(field, "bad format", "r-p", shape("r-p")),
    row(field, "bad format", "mta.mail", shape("mta.mail")),
  ];
}

function oneOf(field: string, values: string[], what: string, property = field): Row[] {
  const shape = (got: unknown) =>
    `must be one of ${values.join(", ")} (${what}); got ${JSON.stringify(got)}`;
  return [
    row(field, "wrong type", 3, shape(3), property),
    row(field, "empty", "", shape(""), property),
    row(field, "bad format", "sometimes", shape("sometimes"), property),
  ];
}

function nonce(field: string): Row[] {
  return [
    row(field, "wrong type", true, "must be a string or a number"),
    row(field, "wrong type", { n: 1 }, "must be a string or a number"),
  ];
}

function unknownInput(inputs: string[]): Row {
  return {
    field: "(unknown)",
    kind: "unknown",
    patch: { colour: "red" },
    property: "colour",
    reason: `is not an input of this resource; the inputs are: ${inputs.join(", ")}`,
  };
}

function missing(field: string, reason: string | RegExp): Row {
  return row(field, "missing", REMOVE, reason);
}

// ------------------------------------------------------------------------------- the table

const DOMAIN_NAME = "must be a domain name such as mail.example.com";
const domainNameShape = (got: string) =>
  `${DOMAIN_NAME} (letters, digits and hyphens, punycode xn-- for international names); got "${got}"`;
/** 257 characters: more than a domain name may have, though each label is valid on its own. */
const LONG_DOMAIN = `${Array.from({ length: 4 }, () => "a".repeat(61)).join(".")}.abcd.test`;
const UNSUBSCRIBE = "must contain the {{unsubscribe}} placeholder, where MailerSend puts the link";

const MATRIX: Record<string, { valid: Record<string, unknown>; inputs: string[]; rows: Row[] }> = {
  Domain: {
    valid: { name: "client.test" },
    inputs: Object.keys(domainInputsSchema.shape),
    rows: [
      missing("name", DOMAIN_NAME),
      row("name", "wrong type", 42, DOMAIN_NAME),
      row("name", "empty", "", domainNameShape("")),
      row("name", "too long", LONG_DOMAIN, domainNameShape(LONG_DOMAIN)),
      row("name", "too long", `${"a".repeat(64)}.test`, domainNameShape(`${"a".repeat(64)}.test`)),
      row("name", "bad format", "not a domain", domainNameShape("not a domain")),
      row("name", "bad format", "localhost", domainNameShape("localhost")),
      row("name", "bad format", "-client.test", domainNameShape("-client.test")),
      row("name", "bad format", "client_mail.test", domainNameShape("client_mail.test")),
      row("name", "bad format", "https://client.test", domainNameShape("https://client.test")),
      ...subdomain("returnPathSubdomain", false),
      ...subdomain("inboundRoutingSubdomain", true),
      ...subdomain("customTrackingSubdomain", false),
      ...[
        "sendPaused",
        "trackClicks",
        "trackOpens",
        "trackUnsubscribe",
        "trackUnsubscribeHtmlEnabled",
        "trackUnsubscribePlainEnabled",
        "trackContent",
        "customTrackingEnabled",
        "precedenceBulk",
        "ignoreDuplicatedRecipients",
        "deleteAdoptedOnDestroy",
      ].flatMap(flag),
      ...adoptMode("adopt"),
      ...text("trackUnsubscribeHtml", 10_000, "the HTML unsubscribe footer"),
      row("trackUnsubscribeHtml", "bad format", "<p>bye</p>", UNSUBSCRIBE),
      ...text("trackUnsubscribePlain", 10_000, "the plain-text unsubscribe footer"),
      row("trackUnsubscribePlain", "bad format", "bye", UNSUBSCRIBE),
      unknownInput(Object.keys(domainInputsSchema.shape)),
    ],
  },

  DomainVerification: {
    valid: { domainId: ID },
    inputs: Object.keys(domainVerificationInputsSchema.shape),
    rows: [
      missing("domainId", "must be the id of a MailerSend domain"),
      ...objectId("domainId", "MailerSend domain"),
      ...oneOf("mode", ["none", "trigger", "wait"], "none reports, trigger asks once, wait polls"),
      row(
        "requiredRecords",
        "wrong type",
        "dkim",
        /^must be a list of record kinds from dkim, spf, returnPath/,
      ),
      row("requiredRecords", "empty", [], "must name at least one record, such as dkim"),
      ...oneOf(
        "requiredRecords",
        ["dkim", "spf", "returnPath", "customTracking", "inboundRouting"],
        "DNS records MailerSend checks",
        "requiredRecords[0]",
      ).map((r) => ({ ...r, patch: { requiredRecords: [r.patch.requiredRecords] } })),
      row("timeoutSeconds", "wrong type", "600", "must be a number of seconds"),
      row("timeoutSeconds", "empty", 0, "must be at least 1 second"),
      row(
        "timeoutSeconds",
        "too long",
        86_401,
        "must be at most 86400 seconds (DNS changes can take up to 24 hours)",
      ),
      row("timeoutSeconds", "bad format", 1.5, "must be a whole number of seconds"),
      row("pollIntervalSeconds", "wrong type", "15", "must be a number of seconds"),
      row("pollIntervalSeconds", "empty", 0, "must be at least 1 second"),
      row("pollIntervalSeconds", "too long", 3601, "must be at most 3600 seconds"),
      ...nonce("nonce"),
      {
        field: "pollIntervalSeconds",
        kind: "conflict",
        patch: { mode: "wait", timeoutSeconds: 30, pollIntervalSeconds: 60 },
        property: "pollIntervalSeconds",
        reason: "must not exceed timeoutSeconds (30) in wait mode",
      },
      unknownInput(Object.keys(domainVerificationInputsSchema.shape)),
    ],
  },

  SenderIdentity: {
    valid: { domainId: ID, email: "news@client.test", name: "Client News" },
    inputs: Object.keys(senderIdentityInputsSchema.shape),
    rows: [
      missing("domainId", /^must be the id of a verified MailerSend domain/),
      ...objectId("domainId", "verified MailerSend domain (the agency's sending domain)"),
      missing("email", "must be an email address such as news@example.com"),
      ...email("email"),
      missing("name", "must be the sender name shown to recipients"),
      ...text("name", 191, "the sender name shown to recipients"),
      ...email("replyToEmail"),
      ...text("replyToName", 191, "the reply-to name").map((r) => ({
        ...r,
        patch: { ...r.patch, replyToEmail: "reply@client.test" },
      })),
      ...text("personalNote", 250, "a note for the confirmation email"),
      ...flag("addNote"),
      ...nonce("resendNonce"),
      ...adoptMode("adopt"),
      ...flag("deleteAdoptedOnDestroy"),
      {
        field: "email",
        kind: "conflict",
        patch: { email: "someone@gmail.com" },
        property: "email",
        reason:
          "must be an address on the client's own domain, not a free email provider (gmail.com): " +
          "MailerSend does not allow sender identities on free email providers",
      },
      {
        field: "replyToEmail",
        kind: "conflict",
        patch: { replyToName: "Support" },
        property: "replyToEmail",
        reason: "is required when replyToName is set",
      },
      {
        field: "personalNote",
        kind: "conflict",
        patch: { addNote: true },
        property: "personalNote",
        reason: "is required when addNote is true (the note is added to the confirmation email)",
      },
      unknownInput(Object.keys(senderIdentityInputsSchema.shape)),
    ],
  },

  ApiToken: {
    valid: { name: "client sending", scopes: ["email_full"] },
    inputs: Object.keys(apiTokenInputsSchema.shape),
    rows: [
      missing("name", "must be the token's name (MailerSend allows 50 characters)"),
      ...text("name", 50, "the token's name (MailerSend allows 50 characters)"),
      ...objectId("domainId", "MailerSend domain the token is for"),
      missing("scopes", 'must be a list of scopes such as ["email_full"]'),
      row("scopes", "wrong type", "email_full", 'must be a list of scopes such as ["email_full"]'),
      row("scopes", "empty", [], "must list at least one scope, such as email_full"),
      row(
        "scopes",
        "bad format",
        ["email_full", "send_everything"],
        /^must be one of email_full, domains_read, .*, ifttt \(MailerSend token scopes\); got "send_everything"$/,
        "scopes[1]",
      ),
      row("scopes", "bad format", ["EMAIL_FULL"], /got "EMAIL_FULL"$/, "scopes[0]"),
      row("scopes", "wrong type", [true], /got true$/, "scopes[0]"),
      ...oneOf("status", ["active", "paused"], "a paused token is refused by MailerSend"),
      ...nonce("rotationNonce"),
      unknownInput(Object.keys(apiTokenInputsSchema.shape)),
    ],
  },

  ClientUser: {
    valid: { email: "owner@client.test", role: "Manager" },
    inputs: Object.keys(clientUserInputsSchema.shape),
    rows: [
      missing("email", "must be an email address such as news@example.com"),
      ...email("email"),
      missing("role", "must be one of Admin, Manager, Designer, Accountant, Custom User"),
      row(
        "role",
        "wrong type",
        1,
        "must be one of Admin, Manager, Designer, Accountant, Custom User",
      ),
      row(
        "role",
        "empty",
        "",
        'must be one of Admin, Manager, Designer, Accountant, Custom User; got ""',
      ),
      row(
        "role",
        "bad format",
        "member",
        'must be one of Admin, Manager, Designer, Accountant, Custom User; got "member"',
      ),
      row("permissions", "wrong type", "read-activity", "must be a list of permission names"),
      row(
        "permissions",
        "bad format",
        ["read-activity", "fly"],
        'must be a MailerSend permission such as read-activity or manage-template; got "fly"',
        "permissions[1]",
      ),
      {
        field: "permissions",
        kind: "conflict",
        patch: { role: "Custom User", permissions: [] },
        property: "permissions",
        reason: "must list at least one permission for the Custom User role",
      },
      row("domainIds", "wrong type", ID, "must be a list of domain ids"),
      ...objectId("domainIds", "MailerSend domain", "domainIds[0]").map((r) => ({
        ...r,
        patch: { domainIds: [r.patch.domainIds] },
      })),
      row("templateIds", "wrong type", "tpl", "must be a list of template ids"),
      ...objectId("templateIds", "MailerSend template", "templateIds[0]").map((r) => ({
        ...r,
        patch: { templateIds: [r.patch.templateIds], permissions: ["read-own-templates"] },
      })),
      {
        field: "templateIds",
        kind: "conflict",
        patch: { role: "Custom User", permissions: ["read-activity"], templateIds: ["tpl1"] },
        property: "templateIds",
        reason: "require the read-own-templates permission (MailerSend #MS42224)",
      },
      ...flag("requiresPeriodicPasswordChange"),
      unknownInput(Object.keys(clientUserInputsSchema.shape)),
    ],
  },
};

// ------------------------------------------------------------------------------- the tests

let f: HostFixture;
const providers: Record<string, string> = {};
beforeAll(async () => {
  f = await startHostFixture();
  for (const type of Object.keys(MATRIX)) providers[type] = await f.provider(type);
});
afterAll(() => f?.stop());

function rowName(r: Row): string {
  const shown = JSON.stringify(r.patch, (_key, value) =>
    typeof value === "string" && value.length > 24
      ? `${value.slice(0, 12)}…(${value.length})`
      : value,
  );
  return `${r.kind}: ${shown} → ${r.property}`;
}

describe.each(Object.entries(MATRIX))("%s", (type, { valid, rows }) => {
  it("accepts the valid inputs the rows start from", async () => {
    const { failures } = await f.host.check({}, { ...valid, __provider: providers[type] });
    expect(failures).toEqual([]);
  });

  it.each(rows.map((r) => [rowName(r), r] as const))("%s", async (_name, r) => {
    f.clearCalls();
    const news: Record<string, unknown> = { ...valid, ...r.patch, __provider: providers[type] };
    for (const [key, value] of Object.entries(r.patch)) if (value === REMOVE) delete news[key];
    const { failures } = await f.host.check({}, news);
    expect(failures).toEqual([
      {
        property: r.property,
        reason: typeof r.reason === "string" ? r.reason : expect.stringMatching(r.reason),
      },
    ]);
    expect(f.calls()).toEqual([]);
  });
});

describe("coverage of the matrix", () => {
  it.each(Object.entries(MATRIX))(
    "%s: every input has a wrong-type row, and every kind of mistake appears",
    (_type, { inputs, rows }) => {
      const wrongType = new Set(rows.filter((r) => r.kind === "wrong type").map((r) => r.field));
      expect(inputs.filter((input) => !wrongType.has(input))).toEqual([]);
      const covered = new Set(rows.map((r) => r.field));
      expect(inputs.filter((input) => !covered.has(input))).toEqual([]);
      const kinds = new Set(rows.map((r) => r.kind));
      for (const kind of ["wrong type", "empty", "too long", "bad format", "unknown"]) {
        expect(kinds).toContain(kind);
      }
    },
  );

  it("MailerSend saw no request during the whole matrix", () => {
    expect(f.emulator.requests.count()).toBe(0);
  });
});
