/**
 * Which inputs the state records (provider/runtime/state-defaults.ts), on the Domain's schema: a
 * default is left out unless the program sets it or the old state (a state written by 0.1.0, or a
 * setting the program has just removed) holds it; filling the defaults back in restores the values.
 */
import { describe, expect, it } from "vitest";
import { domainInputsSchema } from "../../provider/runtime/domain.logic";
import {
  schemaDefaults,
  withDefaults,
  withoutDefaults,
} from "../../provider/runtime/state-defaults";
import { apiTokenInputsSchema } from "../../provider/runtime/api-token.logic";
import { clientUserInputsSchema } from "../../provider/runtime/client-user.logic";
import { domainVerificationInputsSchema } from "../../provider/runtime/domain-verification.logic";
import { senderIdentityInputsSchema } from "../../provider/runtime/sender-identity.logic";
import { DOMAIN_INPUT_DEFAULTS as DOMAIN_DEFAULTS } from "../support/domain-defaults";

describe("schemaDefaults", () => {
  it("reads each resource's defaults from its schema (none for required or optional inputs)", () => {
    expect(schemaDefaults(domainInputsSchema)).toEqual(DOMAIN_DEFAULTS);
    expect(schemaDefaults(senderIdentityInputsSchema)).toEqual({ addNote: false, adopt: false });
    expect(schemaDefaults(apiTokenInputsSchema)).toEqual({ status: "active" });
    expect(schemaDefaults(domainVerificationInputsSchema)).toEqual({
      mode: "trigger",
      requiredRecords: ["dkim", "returnPath", "spf"],
      timeoutSeconds: 600,
      pollIntervalSeconds: 15,
    });
    expect(schemaDefaults(clientUserInputsSchema)).toEqual({
      permissions: [],
      domainIds: [],
      templateIds: [],
      requiresPeriodicPasswordChange: false,
    });
  });
});

describe("withoutDefaults: what the state records", () => {
  const every = { name: "a.com", ...DOMAIN_DEFAULTS };
  it.each([
    ["nobody sets it", { name: "a.com" }, {}, {}],
    ["the program sets the default", { name: "a.com", trackOpens: true }, {}, { trackOpens: true }],
    ["the value is not the default", { name: "a.com" }, {}, { trackOpens: false }, false],
    [
      "the old state holds it (0.1.0)",
      { name: "a.com" },
      { trackOpens: true },
      { trackOpens: true },
    ],
    ["the program removed it", { name: "a.com" }, { trackOpens: false }, { trackOpens: true }],
  ])("%s", (_case, news, olds, recorded, trackOpens = true) => {
    const values = { ...every, trackOpens };
    expect(withoutDefaults(DOMAIN_DEFAULTS, values, news, olds)).toEqual({
      name: "a.com",
      ...recorded,
      ...(trackOpens ? {} : { trackOpens }),
    });
  });

  it("compares lists by value, and keeps every key of a state written by 0.1.0", () => {
    const requiredRecords = ["dkim", "returnPath", "spf"];
    expect(withoutDefaults({ requiredRecords }, { requiredRecords: [...requiredRecords] })).toEqual(
      {},
    );
    expect(withoutDefaults(DOMAIN_DEFAULTS, every, {}, every)).toEqual(every);
  });

  it("is undone by withDefaults, which fills only what is missing", () => {
    const recorded = withoutDefaults(DOMAIN_DEFAULTS, { ...every, trackClicks: false });
    expect(recorded).toEqual({ name: "a.com", trackClicks: false });
    expect(withDefaults(DOMAIN_DEFAULTS, recorded)).toEqual({ ...every, trackClicks: false });
  });
});
