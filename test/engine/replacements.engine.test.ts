// Every replacement path, through the real Pulumi CLI against the emulator. For each, three claims
// are compared with the run: what the provider announces while the plan is made, what
// `plan-summary` tells the reviewer for that preview, and the **Calls** line of
// docs/replacements.md, against the order of the API calls the `up` really makes (the emulator's
// request log). The paths share one stack and run in order.
import fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { summarisePlan, type Finding, type PlanSummary } from "../../provider/cli/plan-summary";
import {
  DOMAIN_CREATE_FIRST,
  DOMAIN_DELETE_FIRST,
  IDENTITIES_WAIT,
  IDENTITY_MOVE_CONSEQUENCE,
  ORDER_FOLLOWS_DOMAIN,
  TOKEN_CONSEQUENCE,
} from "../../provider/runtime/replacements.logic";
import { changesIn, printed, useEngineStack, type ApiCall } from "../support/engine-stack";
import type { PreviewJson } from "../support/pulumi";
import { ENGINE_TEST_TIMEOUT } from "../support/pulumi-vitest";

const timeout = ENGINE_TEST_TIMEOUT;
const DOCS = fs.readFileSync(path.join(__dirname, "../../docs/replacements.md"), "utf8");

/** The REPLACEMENT lines the provider printed during the preview, without the prefix, sorted. */
function announcements(json: PreviewJson): string[] {
  const marker = "[mailersend] REPLACEMENT: ";
  const lines = printed(json, marker).map((line) =>
    line.slice(line.indexOf(marker) + marker.length),
  );
  return [...new Set(lines)].sort();
}

/** The findings plan-summary makes of the preview that are not standing reminders. */
function findings(
  json: PreviewJson,
): Pick<Finding, "kind" | "resource" | "stopsSending" | "message">[] {
  const summary: PlanSummary = summarisePlan(json);
  return summary.findings
    .filter((f) => !f.standing && f.kind !== "warning")
    .map(({ kind, resource, stopsSending, message }) => ({
      kind,
      resource,
      stopsSending,
      message,
    }));
}

/** The calls that change something, as `METHOD /collection` (ids left out), refused ones marked. */
function changing(calls: ApiCall[]): string[] {
  return calls
    .filter((c) => !c.call.startsWith("GET "))
    .map((c) => {
      const [method, url] = c.call.split(" ");
      const collection = url.split("/")[1].split("?")[0];
      return `${method} /${collection}${c.status !== null && c.status >= 400 ? " (refused)" : ""}`;
    });
}

/** The **Calls** line of a path in docs/replacements.md, split into its calls and `up`s. */
function documentedCalls(title: string): string[][] {
  const start = DOCS.indexOf(`\n## ${title}\n`);
  expect(start, `docs/replacements.md has no "## ${title}"`).toBeGreaterThan(0);
  const section = DOCS.slice(start + 1).split("\n## ")[0];
  const line = /\nCalls: ([\s\S]*?)(\n\n|$)/.exec(section)?.[1].replace(/\s+/g, " ");
  expect(line, `no Calls line under "## ${title}"`).toBeDefined();
  return line!
    .split(/ → after verifying the domain, the next `up`: /)
    .map((part) => part.split(" → ").map((call) => call.trim()));
}

describe("replacement paths: every claim against the engine's run", () => {
  const stack = useEngineStack({
    project: path.join(__dirname, "fixtures", "replacements"),
    // plan-summary's "why" of a method switch reads the decision lines of the CI recipe.
    workspace: { env: { MAILERSEND_LOG_DECISIONS: "1" } },
  });

  it(
    "sets up: the agency's verified domain, a domain client and an identity client",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      await ws.up();
      emulator.store.verifyDomain("agency.example");
      await ws.configSet("withBakery", "true");
      await ws.up();
      expect(emulator.store.identities.list().map((i) => i.email)).toEqual([
        "hello@bakery.example",
      ]);
    },
  );

  it(
    "token rotation: the new token first, the old one deleted at the end",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.configSet("shopRotation", "1");
      const { json } = await ws.preview();
      expect(changesIn(json)).toEqual([["replace", "ApiToken.shop-token"]]);
      expect(announcements(json)).toEqual([
        'API token "shop sending" will be replaced (rotationNonce changed; the new one is created ' +
          `first, the old one deleted at the end). ${TOKEN_CONSEQUENCE}`,
      ]);
      expect(findings(json)).toEqual([
        {
          kind: "token-replace",
          resource: "shop-token",
          stopsSending: true,
          message:
            "**shop**'s API token `shop sending` (`shop-token`) is replaced (`rotationNonce` " +
            "changes): `pulumi up` issues a new token first and deletes the old one at its end, so " +
            "**shop** must switch to the new token (the Client's `token` output); anything still " +
            "using the old token is refused from then on.",
        },
      ]);

      stack().clearCalls();
      await ws.up();
      expect([changing(stack().calls())]).toEqual(documentedCalls("Token rotation"));
    },
  );

  it(
    "a domain replaced delete-first: the engine deletes its token first, then the domain",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.configSet("shopReturnPath", "bounce");
      const { json } = await ws.preview();
      expect(changesIn(json).sort()).toEqual([
        ["replace", "ApiToken.shop-token"],
        ["replace", "Domain.shop-domain"],
        ["replace", "DomainVerification.shop-verification"],
      ]);
      expect(announcements(json)).toEqual([
        'API token "shop sending" will be replaced (domainId changed; ' +
          `${ORDER_FOLLOWS_DOMAIN}). ${TOKEN_CONSEQUENCE}`,
        "Domain shop.example will be replaced (returnPathSubdomain changed; the old one is " +
          `deleted FIRST, then the new one created). ${DOMAIN_DELETE_FIRST}`,
      ]);
      expect(findings(json).slice(0, 2)).toEqual([
        {
          kind: "domain-replace",
          resource: "shop-domain",
          stopsSending: true,
          message:
            "**shop**'s domain `shop.example` (`shop-domain`) is deleted, then created again " +
            "(`returnPathSubdomain` changes): no mail can be sent from `shop.example` from the " +
            "start of `pulumi up` until the new domain's DNS records are published and it is " +
            "verified again, and its sending reputation history starts over. Pulumi first " +
            "deletes what is bound to it, the API token `shop sending` (`shop-token`) and the " +
            "domain verification (`shop-verification`), then the domain; it creates them all " +
            "again after the new domain: the old token is refused from the start of `pulumi up`, " +
            "and the new token is a new value.",
        },
        {
          kind: "token-replace",
          resource: "shop-token",
          stopsSending: true,
          message:
            "**shop**'s API token `shop sending` (`shop-token`) is deleted at the start of " +
            "`pulumi up` (`domainId` changes), before the domain `shop.example` (`shop-domain`), " +
            "which is replaced deleting the old one first, and a new token is issued later in " +
            "the same `up`: anything using the old token is refused from the start, and " +
            "**shop** must switch to the new token (the Client's `token` output).",
        },
      ]);

      stack().clearCalls();
      await ws.up();
      expect([changing(stack().calls())]).toEqual(
        documentedCalls("A domain replaced delete-first, with its token and verification"),
      );
    },
  );

  it(
    "identities moved by a delete-first agency domain: deleted first, refused on the new domain",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      await ws.configSet("agencyReturnPath", "bounce");
      const { json } = await ws.preview();
      expect(announcements(json)).toEqual([
        "Domain agency.example will be replaced (returnPathSubdomain changed; the old one is " +
          `deleted FIRST, then the new one created). ${DOMAIN_DELETE_FIRST}`,
        "Sender identity hello@bakery.example will be replaced (domainId changed; the old one is " +
          `deleted FIRST, then the new one created). ${IDENTITY_MOVE_CONSEQUENCE}`,
      ]);
      expect(findings(json).slice(0, 2)).toEqual([
        {
          kind: "domain-replace",
          resource: "agency-domain",
          stopsSending: true,
          message:
            "The domain `agency.example` (`agency-domain`) is deleted, then created again " +
            "(`returnPathSubdomain` changes): no mail can be sent from `agency.example` from the " +
            "start of `pulumi up` until the new domain's DNS records are published and it is " +
            "verified again, and its sending reputation history starts over. Pulumi first " +
            "deletes what is bound to it, the sender identity `hello@bakery.example` " +
            "(`bakery-identity-hello-at-bakery-example`), then the domain; it creates them all " +
            `again after the new domain. ${IDENTITIES_WAIT}`,
        },
        {
          kind: "identity-replace",
          resource: "bakery-identity-hello-at-bakery-example",
          stopsSending: true,
          message:
            "**bakery**'s sender identity `hello@bakery.example` " +
            "(`bakery-identity-hello-at-bakery-example`) is deleted, then created again " +
            "(`domainId` changes): `hello@bakery.example` cannot send from then until its owner " +
            "confirms the new identity. Its domain `agency.example` is new in this plan and not " +
            "verified yet, and MailerSend refuses an identity on an unverified domain: `pulumi " +
            "up` fails when it creates the identity again; verify the domain, then run `pulumi " +
            "up` again.",
        },
      ]);

      stack().clearCalls();
      const failed = await ws.up({ allowFailure: true });
      expect(failed.exitCode).not.toBe(0);
      const first = changing(stack().calls());
      expect(emulator.store.identities.list()).toEqual([]);

      emulator.store.verifyDomain("agency.example");
      stack().clearCalls();
      await ws.up();
      expect([first, changing(stack().calls())]).toEqual(
        documentedCalls("Identities moved: the agency's domain replaced delete-first"),
      );
    },
  );

  it(
    "identities moved by a renamed agency domain: the new domain first, the identities refused on it",
    { timeout },
    async () => {
      const { ws, emulator } = stack();
      await ws.configSet("agencyDomain", "mail.agency.example");
      const { json } = await ws.preview();
      expect(announcements(json)).toEqual([
        "Domain agency.example will be replaced (name changed; the new one is created first, the " +
          `old one deleted at the end). ${DOMAIN_CREATE_FIRST}`,
        "Sender identity hello@bakery.example will be replaced (domainId changed; the old one is " +
          `deleted FIRST, then the new one created). ${IDENTITY_MOVE_CONSEQUENCE}`,
      ]);
      expect(findings(json)[0]).toMatchObject({ kind: "domain-replace", stopsSending: true });
      expect(findings(json)[0].message).toContain(
        "created before the old one is deleted at the end of `pulumi up`",
      );
      expect(findings(json)[1].message).toContain(
        "Its domain `mail.agency.example` is new in this plan and not verified yet",
      );

      stack().clearCalls();
      const failed = await ws.up({ allowFailure: true });
      expect(failed.exitCode).not.toBe(0);
      const first = changing(stack().calls());
      // The old domain is still there: the `up` stopped before its end.
      expect(emulator.store.domains.list().map((d) => d.name)).toContain("agency.example");

      emulator.store.verifyDomain("mail.agency.example");
      stack().clearCalls();
      await ws.up();
      expect([first, changing(stack().calls())]).toEqual(
        documentedCalls("Identities moved: the agency's domain renamed"),
      );
    },
  );

  it(
    "a Client switching from identities to its domain: the identity deleted last, sending stops",
    { timeout },
    async () => {
      const { ws } = stack();
      await ws.setConfig({ bakeryVolume: "5000", bakeryDnsAccess: "true" });
      const { json } = await ws.preview();
      expect(changesIn(json).sort()).toEqual([
        ["create", "ApiToken.bakery-token"],
        ["create", "Domain.bakery-domain"],
        ["create", "DomainVerification.bakery-verification"],
        ["delete", "SenderIdentity.bakery-identity-hello-at-bakery-example"],
      ]);
      // No replacement, so nothing is announced; the summary says when the identity goes.
      expect(announcements(json)).toEqual([]);
      expect(findings(json)[0]).toEqual({
        kind: "identity-delete",
        resource: "bakery-identity-hello-at-bakery-example",
        stopsSending: true,
        message:
          "**bakery**'s sender identity `hello@bakery.example` " +
          "(`bakery-identity-hello-at-bakery-example`) is deleted at the end of `pulumi up`: mail " +
          "can no longer be sent from `hello@bakery.example` through the agency's domain, and the " +
          "client's new domain is not verified yet, so nothing can be sent from " +
          "`hello@bakery.example` until it is (`keepIdentitiesUntilVerified` keeps the identity " +
          "meanwhile).",
      });

      // Why it switches: the decision recorded at the last update against the one of this preview.
      expect(findings(json).find((f) => f.kind === "method-switch")?.message).toBe(
        "**bakery** switches from sender identities on the agency's domain to its own domain " +
          "`bakery.example`: its mail is authenticated (SPF, DKIM) once the domain's DNS records " +
          "are published and verified. Why: the decision was `low-volume`, now `high-volume` " +
          "(domain); moved: `monthlyVolume` 300 → 5000, `dnsAccess` false → true.",
      );

      stack().clearCalls();
      await ws.up();
      expect([changing(stack().calls())]).toEqual(
        documentedCalls("A Client switching from sender identities to its own domain"),
      );
    },
  );
});
