/**
 * What `pulumi-mailersend recover` deletes after a killed `pulumi up` (provider/cli/recover.logic.ts):
 * only objects of a pending create's key, held by no resource of the stack, not older than the
 * killed run, and not ones the program adopts.
 */
import { describe, expect, it } from "vitest";
import {
  findOrphans,
  idsInState,
  kindsToList,
  pendingCreatesOf,
  type Account,
  type PendingCreate,
} from "../../provider/cli/recover.logic";

const RUN_STARTED = Date.parse("2026-12-01T12:00:00Z");
const BEFORE = "2026-12-01T11:00:00Z";
const DURING = "2026-12-01T12:00:03Z";

function pending(type: string, inputs: Record<string, unknown>): PendingCreate {
  return { urn: `urn:pulumi:dev::p::pulumi-nodejs:dynamic/mailersend:${type}::x`, type, inputs };
}

const EMPTY: Account = { domains: [], identities: [], tokens: [], invites: [] };

describe("findOrphans", () => {
  const cases: {
    name: string;
    pending: PendingCreate[];
    account: Partial<Account>;
    inState?: string[];
    orphans: string[];
  }[] = [
    {
      name: "a domain the killed run created",
      pending: [pending("Domain", { name: "acme.example" })],
      account: { domains: [{ id: "d1", key: "acme.example", createdAt: DURING }] },
      orphans: ["domain d1"],
    },
    {
      name: "domain names compare without case",
      pending: [pending("Domain", { name: "Acme.example" })],
      account: { domains: [{ id: "d1", key: "acme.example", createdAt: DURING }] },
      orphans: ["domain d1"],
    },
    {
      name: "a domain the stack holds is kept",
      pending: [pending("Domain", { name: "acme.example" })],
      account: { domains: [{ id: "d1", key: "acme.example", createdAt: DURING }] },
      inState: ["d1"],
      orphans: [],
    },
    {
      name: "a domain older than the killed run is kept (it was there before)",
      pending: [pending("Domain", { name: "acme.example" })],
      account: { domains: [{ id: "d1", key: "acme.example", createdAt: BEFORE }] },
      orphans: [],
    },
    {
      name: "a domain the program adopts is kept (the next up takes it over)",
      pending: [pending("Domain", { name: "acme.example", adopt: true })],
      account: { domains: [{ id: "d1", key: "acme.example", createdAt: DURING }] },
      orphans: [],
    },
    {
      name: "another domain is kept",
      pending: [pending("Domain", { name: "acme.example" })],
      account: { domains: [{ id: "d2", key: "other.example", createdAt: DURING }] },
      orphans: [],
    },
    {
      name: "tokens: every one of the name, not in the state, not older than the run",
      pending: [pending("ApiToken", { name: "acme sending" })],
      account: {
        tokens: [
          { id: "t1", key: "acme sending", createdAt: DURING },
          { id: "t2", key: "acme sending", createdAt: DURING },
          { id: "t3", key: "acme sending", createdAt: DURING },
          { id: "t4", key: "acme sending", createdAt: BEFORE },
          { id: "t5", key: "Acme sending", createdAt: DURING },
        ],
      },
      inState: ["t3"],
      orphans: ["token t1", "token t2"],
    },
    {
      name: "an identity (no timestamp) of the pending email, not in the state",
      pending: [pending("SenderIdentity", { email: "hello@acme.example" })],
      account: { identities: [{ id: "i1", key: "hello@acme.example" }] },
      orphans: ["identity i1"],
    },
    {
      name: "an adopted identity is kept",
      pending: [pending("SenderIdentity", { email: "hello@acme.example", adopt: true })],
      account: { identities: [{ id: "i1", key: "hello@acme.example" }] },
      orphans: [],
    },
    {
      name: "an invite of the pending email, not held as a ClientUser's inviteId",
      pending: [pending("ClientUser", { email: "Owner@acme.example" })],
      account: { invites: [{ id: "v1", key: "owner@acme.example", createdAt: DURING }] },
      orphans: ["invite v1"],
    },
    {
      name: "a DomainVerification has nothing of its own in MailerSend",
      pending: [pending("DomainVerification", { domainId: "d1" })],
      account: { domains: [{ id: "d1", key: "acme.example", createdAt: DURING }] },
      orphans: [],
    },
  ];

  it.each(cases)("$name", ({ pending, account, inState, orphans }) => {
    const found = findOrphans(
      pending,
      { ...EMPTY, ...account },
      new Set(inState ?? []),
      RUN_STARTED,
    );
    expect(found.map((o) => `${o.kind} ${o.id}`)).toEqual(orphans);
  });

  it("without the run's start time, timestamps are not used", () => {
    const found = findOrphans(
      [pending("Domain", { name: "acme.example" })],
      { ...EMPTY, domains: [{ id: "d1", key: "acme.example", createdAt: BEFORE }] },
      new Set(),
    );
    expect(found.map((o) => o.id)).toEqual(["d1"]);
  });
});

describe("reading the export", () => {
  const exported = {
    deployment: {
      resources: [
        { id: "d1", outputs: { name: "acme.example" } },
        { id: "u1", outputs: { inviteId: "v1", userId: "user1" } },
      ],
      pending_operations: [
        {
          type: "creating",
          resource: {
            urn: "urn:a",
            type: "pulumi-nodejs:dynamic/mailersend:ApiToken",
            inputs: { name: "t" },
          },
        },
        {
          type: "updating",
          resource: { urn: "urn:b", type: "pulumi-nodejs:dynamic/mailersend:Domain" },
        },
      ],
    },
  };

  it("pending creates only, typed by their last segment", () => {
    expect(pendingCreatesOf(exported)).toEqual([
      { urn: "urn:a", type: "ApiToken", inputs: { name: "t" } },
    ]);
  });

  it("ids in the state include invites and users held in outputs", () => {
    expect([...idsInState(exported)].sort()).toEqual(["d1", "u1", "user1", "v1"]);
  });

  it("lists only the kinds the pending creates need", () => {
    expect([...kindsToList(pendingCreatesOf(exported))]).toEqual(["token"]);
  });
});
