import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DOMAIN_DELETE_FIRST } from "../../provider/runtime/replacements.logic";
import { partialFailureOf, UNKNOWN } from "../support/dynamic-provider-host";
import { startHostFixture, type HostFixture } from "../support/host-fixture";
import { DOMAIN_SETTING_DEFAULTS as DEFAULT_SETTINGS } from "../support/domain-defaults";

let f: HostFixture;
let P: string;

beforeAll(async () => {
  f = await startHostFixture();
  P = await f.provider("Domain");
});
afterAll(() => f?.stop());
beforeEach(() => {
  f.emulator.reset();
});

function recordsFor(name: string) {
  return [
    { purpose: "spf", type: "TXT", name, value: "v=spf1 include:_spf.mailersend.net ~all" },
    {
      purpose: "dkim",
      type: "CNAME",
      name: `mlsend2._domainkey.${name}`,
      value: "mlsend2._domainkey.mailersend.net",
    },
    { purpose: "returnPath", type: "CNAME", name: `mta.${name}`, value: "mailersend.net" },
  ];
}

async function createDomain(args: Record<string, unknown>) {
  const inputs = await f.checked("Domain", args);
  const created = await f.host.create(inputs);
  return { inputs, ...created };
}

describe("Domain through the dynamic-provider host", () => {
  it("creates with one POST and the DNS records call when all settings are defaults", async () => {
    const { id, outs } = await createDomain({ name: "Mail.Acme.TEST" });
    expect(f.calls()).toEqual([
      {
        call: "POST /domains",
        body: {
          name: "mail.acme.test",
          return_path_subdomain: "mta",
          custom_tracking_subdomain: "email",
          inbound_routing_subdomain: "inbound",
        },
        status: 201,
      },
      { call: `GET /domains/${id}/dns-records`, status: 200 },
    ]);
    // Settings left at their defaults are not recorded (provider/runtime/state-defaults.ts).
    expect(outs).toEqual({
      __provider: P,
      name: "mail.acme.test",
      verified: false,
      dkimVerified: false,
      spfVerified: false,
      returnPathVerified: false,
      trackingVerified: false,
      inboundVerified: false,
      dnsRecords: recordsFor("mail.acme.test"),
      pendingSteps: [],
      adopted: false,
      stateVersion: 1,
    });
  });

  it("sends settings that differ from MailerSend's defaults in one settings call, only those", async () => {
    const { id, outs } = await createDomain({
      name: "acme.test",
      trackClicks: false,
      customTrackingEnabled: true,
      customTrackingSubdomain: "links",
    });
    expect(f.calls().map((c) => [c.call, c.body])).toEqual([
      [
        "POST /domains",
        {
          name: "acme.test",
          return_path_subdomain: "mta",
          custom_tracking_subdomain: "links",
          inbound_routing_subdomain: "inbound",
        },
      ],
      [`PUT /domains/${id}/settings`, { track_clicks: false, custom_tracking_enabled: true }],
      [`GET /domains/${id}/dns-records`, undefined],
    ]);
    expect(outs.dnsRecords).toEqual([
      ...recordsFor("acme.test"),
      {
        purpose: "customTracking",
        type: "CNAME",
        name: "links.acme.test",
        value: "links.mailersend.net",
      },
    ]);
  });

  it("plans nothing when nothing changed, and makes no API call to say so", async () => {
    const { inputs, id, outs } = await createDomain({ name: "acme.test" });
    f.clearCalls();
    const news = await f.checked("Domain", { name: "ACME.test." });
    expect(news).toEqual(inputs);
    expect(await f.host.diff(id, outs, news)).toEqual({
      changes: 1,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(f.calls()).toEqual([]);
  });

  it("updates a setting in place with one call carrying only that setting", async () => {
    const { id, outs } = await createDomain({ name: "acme.test" });
    const news = await f.checked("Domain", {
      name: "acme.test",
      trackOpens: false,
      precedenceBulk: true,
    });
    expect(await f.host.diff(id, outs, news)).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
    f.clearCalls();
    const { outs: updated } = await f.host.update(id, outs, news);
    expect(f.calls()).toEqual([
      {
        call: `PUT /domains/${id}/settings`,
        body: { track_opens: false, precedence_bulk: true },
        status: 200,
      },
    ]);
    expect(updated).toMatchObject({
      trackOpens: false,
      precedenceBulk: true,
      dnsRecords: outs.dnsRecords,
    });
    expect(f.emulator.store.domains.get(id)?.settings).toMatchObject({
      track_opens: false,
      precedence_bulk: true,
    });
  });

  it("fetches the records again when the tracking subdomain changes", async () => {
    const { id, outs } = await createDomain({ name: "acme.test", customTrackingEnabled: true });
    const news = await f.checked("Domain", {
      name: "acme.test",
      customTrackingEnabled: true,
      customTrackingSubdomain: "t",
    });
    f.clearCalls();
    const { outs: updated } = await f.host.update(id, outs, news);
    expect(f.calls().map((c) => c.call)).toEqual([
      `PUT /domains/${id}/settings`,
      `GET /domains/${id}/dns-records`,
    ]);
    expect((updated.dnsRecords as { name: string }[]).map((r) => r.name)).toContain("t.acme.test");
  });

  it("replaces on a new name (create first) and on a create-only subdomain (delete first: the name is unique)", async () => {
    const { id, outs } = await createDomain({ name: "acme.test" });
    expect(await f.host.diff(id, outs, await f.checked("Domain", { name: "acme2.test" }))).toEqual({
      changes: 2,
      replaces: ["name"],
      deleteBeforeReplace: false,
    });
    expect(
      await f.host.diff(
        id,
        outs,
        await f.checked("Domain", { name: "acme.test", returnPathSubdomain: "bounce" }),
      ),
    ).toEqual({ changes: 2, replaces: ["returnPathSubdomain"], deleteBeforeReplace: true });
    expect(
      await f.host.diff(
        id,
        outs,
        await f.checked("Domain", { name: "acme.test", inboundRoutingSubdomain: "in" }),
      ),
    ).toEqual({ changes: 2, replaces: ["inboundRoutingSubdomain"], deleteBeforeReplace: true });
  });

  it("says a planned replacement out loud, with its order and consequence; an update says nothing", async () => {
    const { id, outs } = await createDomain({ name: "acme.test" });
    const before = f.host.stderr().length;
    await f.host.diff(
      id,
      outs,
      await f.checked("Domain", { name: "acme.test", trackClicks: false }),
    );
    expect(await f.host.settledStderr(before)).toBe("");
    await f.host.diff(
      id,
      outs,
      await f.checked("Domain", { name: "acme.test", returnPathSubdomain: "bounce" }),
    );
    expect(await f.host.settledStderr(before)).toBe(
      "[mailersend] REPLACEMENT: Domain acme.test will be replaced (returnPathSubdomain changed; the old one " +
        `is deleted FIRST, then the new one created). ${DOMAIN_DELETE_FIRST}\n`,
    );
  });

  it("accepts a name still unknown at preview and plans a replacement for it", async () => {
    const { id, outs } = await createDomain({ name: "acme.test" });
    f.clearCalls();
    const { inputs, failures } = await f.host.check({}, { name: UNKNOWN, __provider: P });
    expect(failures).toEqual([]);
    expect(inputs.name).toBe(UNKNOWN);
    expect(await f.host.diff(id, outs, inputs)).toEqual({
      changes: 2,
      replaces: ["name"],
      deleteBeforeReplace: false,
    });
    expect(f.calls()).toEqual([]);
  });

  it("refresh reports drift in a setting, and the next plan shows it", async () => {
    const { inputs, id, outs } = await createDomain({ name: "acme.test" });
    await fetch(`${f.emulator.url}/domains/${id}/settings`, {
      method: "PUT",
      headers: { authorization: `Bearer ${f.emulator.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ track_clicks: false }),
    });
    f.clearCalls();
    const refreshed = await f.host.read(id, outs);
    // Not verified yet: the verify endpoint too; the records' shape did not change: not them.
    expect(f.calls().map((c) => c.call)).toEqual([
      `GET /domains/${id}`,
      `GET /domains/${id}/verify`,
    ]);
    expect(refreshed.id).toBe(id);
    expect(refreshed.props.trackClicks).toBe(false);
    expect(refreshed.inputs).toEqual({ __provider: P, name: "acme.test", trackClicks: false });
    expect(await f.host.diff(id, refreshed.props, inputs)).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("a state with every default recorded (0.1.0) keeps every key through check, refresh and update", async () => {
    const everyDefault = {
      name: "acme.test",
      returnPathSubdomain: "mta",
      inboundRoutingSubdomain: "inbound",
      ...DEFAULT_SETTINGS,
      adopt: false,
    };
    const { inputs, id, outs } = await createDomain(everyDefault);
    expect(outs).toMatchObject(everyDefault);
    // The program now sets only the name: nothing to do, and the old keys stay recorded.
    const checked = await f.host.check(inputs, { __provider: P, name: "acme.test" });
    expect(checked.inputs).toEqual({ ...everyDefault, __provider: P });
    expect(await f.host.diff(id, outs, checked.inputs)).toEqual({
      changes: 1, // DIFF_NONE
      replaces: [],
      deleteBeforeReplace: false,
    });
    const refreshed = await f.host.read(id, outs);
    expect(refreshed.props).toEqual(outs);
    const updated = await f.host.update(id, outs, { ...checked.inputs, trackOpens: false });
    expect(updated.outs).toEqual({ ...outs, trackOpens: false });
  });

  it("refresh reports verification once the records are published", async () => {
    const { id, outs } = await createDomain({ name: "acme.test" });
    f.emulator.store.publishDnsRecords(id);
    const refreshed = await f.host.read(id, outs);
    expect(refreshed.props).toMatchObject({
      verified: true,
      dkimVerified: true,
      spfVerified: true,
      returnPathVerified: true,
    });
    // Verified and unchanged: one call refreshes it (MailerSend's "verified" is sticky, docs/mailersend-api.md §3.3).
    f.clearCalls();
    const again = await f.host.read(id, refreshed.props);
    expect(f.calls().map((c) => c.call)).toEqual([`GET /domains/${id}`]);
    expect(again.props).toEqual(refreshed.props);
  });

  it("refresh reads the records again when a setting that shapes them changed outside Pulumi", async () => {
    const { id, outs } = await createDomain({ name: "acme.test" });
    f.emulator.store.domains.updateSettings(id, { custom_tracking_enabled: true });
    f.clearCalls();
    const refreshed = await f.host.read(id, outs);
    expect(f.calls().map((c) => c.call)).toEqual([
      `GET /domains/${id}`,
      `GET /domains/${id}/verify`,
      `GET /domains/${id}/dns-records`,
    ]);
    expect((refreshed.props.dnsRecords as { purpose: string }[]).map((r) => r.purpose)).toContain(
      "customTracking",
    );
  });

  it("refresh reports a domain deleted outside Pulumi as gone", async () => {
    const { id, outs } = await createDomain({ name: "acme.test" });
    f.emulator.store.domains.delete(id);
    const refreshed = await f.host.read(id, outs);
    expect(refreshed.id).toBe("");
  });

  it("delete removes the domain, and deleting a missing one is done, not an error", async () => {
    const { id, outs } = await createDomain({ name: "acme.test" });
    f.clearCalls();
    await f.host.delete(id, outs);
    await f.host.delete(id, outs);
    expect(f.calls()).toEqual([
      { call: `DELETE /domains/${id}`, status: 204 },
      { call: `DELETE /domains/${id}`, status: 404 },
    ]);
    expect(f.emulator.store.domains.list()).toEqual([]);
  });

  it("delete fails loudly on anything but 404", async () => {
    const { id, outs } = await createDomain({ name: "acme.test" });
    f.emulator.faults.add({ method: "DELETE", path: `/domains/${id}`, status: 403, times: 1 });
    await expect(f.host.delete(id, outs)).rejects.toThrow(
      `MailerSend API DELETE /domains/${id} failed: 403`,
    );
    expect(f.emulator.store.domains.list()).toHaveLength(1);
  });

  it("rejects bad input at check, every field at once, with zero API calls", async () => {
    const { failures } = await f.host.check(
      {},
      {
        name: "not a domain",
        trackClicks: "yes",
        returnPathSubdomain: "r-p",
        colour: "red",
        __provider: P,
      },
    );
    expect(failures).toEqual([
      {
        property: "name",
        reason:
          'must be a domain name such as mail.example.com (letters, digits and hyphens, punycode xn-- for international names); got "not a domain"',
      },
      {
        property: "returnPathSubdomain",
        reason:
          'must be letters and digits only (1 to 63 characters, MailerSend requires alphanumeric subdomains); got "r-p"',
      },
      { property: "trackClicks", reason: "must be true or false" },
      expect.objectContaining({ property: "colour" }),
    ]);
    expect(f.calls()).toEqual([]);
  });

  it("explains that adopt exists when the domain is already in the account", async () => {
    const existing = f.emulator.store.domains.create({ name: "acme.test" });
    const inputs = await f.checked("Domain", { name: "acme.test" });
    await expect(f.host.create(inputs)).rejects.toThrow(
      `Domain acme.test already exists in this MailerSend account (id ${existing.id}). If this ` +
        "stack already manages it under another resource name (you renamed this resource or its " +
        'Client), do not adopt it: add `aliases: [{ name: "<the old name>" }]` to the renamed ' +
        "resource or Client's options (docs/adoption-and-renames.md). If it was made outside this " +
        "stack, set `adopt: true` on this Domain to take it over (`pulumi import` does not work " +
        "for dynamic resources); the stack then leaves it in MailerSend when the resource is removed.",
    );
    expect(f.emulator.store.domains.list()).toHaveLength(1);
  });

  it("adopts an existing domain and reconciles its settings", async () => {
    const existing = f.emulator.store.domains.create({ name: "acme.test" });
    f.clearCalls();
    const { id, outs } = await createDomain({ name: "acme.test", adopt: true, trackOpens: false });
    expect(id).toBe(existing.id);
    expect(f.calls().map((c) => [c.call, c.status, c.body])).toEqual([
      ["GET /domains", 200, undefined], // check: the preview says it will be adopted
      ["POST /domains", 422, expect.objectContaining({ name: "acme.test" })],
      ["GET /domains", 200, undefined],
      [`PUT /domains/${id}/settings`, 200, { track_opens: false }],
      [`GET /domains/${id}/verify`, 200, undefined],
      [`GET /domains/${id}/dns-records`, 200, undefined],
    ]);
    expect(outs).toMatchObject({ adopt: true, adopted: true, trackOpens: false });
    expect(f.emulator.store.domains.list()).toHaveLength(1);
  });

  it("says when the name belongs to another MailerSend account", async () => {
    const fixture = await startHostFixture({ emulator: { foreignDomains: ["taken.test"] } });
    try {
      const inputs = await fixture.checked("Domain", { name: "taken.test", adopt: true });
      await expect(fixture.host.create(inputs)).rejects.toThrow(
        /Domain taken\.test cannot be created: .*A domain name is unique across all of MailerSend; it is not in this account, so another MailerSend account holds it/,
      );
    } finally {
      await fixture.stop();
    }
  });

  it("records a half-created domain as a partial failure carrying its id, and the next update finishes it", async () => {
    f.emulator.faults.add({
      method: "PUT",
      path: /^\/domains\/[^/]+\/settings$/,
      status: 422,
      times: 1,
    });
    const inputs = await f.checked("Domain", { name: "acme.test", trackClicks: false });
    const failure = await f.host.create(inputs).catch((error: unknown) => error);
    const partial = partialFailureOf(failure);
    const [domain] = f.emulator.store.domains.list();
    expect(partial?.id).toBe(domain.id);
    expect(partial?.properties).toMatchObject({
      name: "acme.test",
      trackClicks: true,
      pendingSteps: ["settings", "dnsRecords"],
    });
    expect((failure as Error).message).toContain(
      `Domain acme.test was created (id ${domain.id}) but could not be finished: MailerSend API PUT /domains/${domain.id}/settings failed: 422`,
    );
    // The engine keeps `partial.properties` as the outputs; the next `up` diffs and updates.
    const olds = { ...partial!.properties, __provider: P };
    expect(await f.host.diff(domain.id, olds, inputs)).toEqual({
      changes: 2,
      replaces: [],
      deleteBeforeReplace: false,
    });
    f.clearCalls();
    const { outs } = await f.host.update(domain.id, olds, inputs);
    expect(f.calls().map((c) => [c.call, c.body])).toEqual([
      [`PUT /domains/${domain.id}/settings`, { track_clicks: false }],
      [`GET /domains/${domain.id}/dns-records`, undefined],
    ]);
    expect(outs).toMatchObject({
      trackClicks: false,
      pendingSteps: [],
      dnsRecords: recordsFor("acme.test"),
    });
  });
});
