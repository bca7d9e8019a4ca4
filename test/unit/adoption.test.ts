// The pure rules of provider/runtime/adoption.logic.ts: which deletes leave the object in MailerSend,
// and what the preview says about `adopt`.
import { describe, expect, it } from "vitest";
import {
  adoptionPreview,
  alreadyExistsMessage,
  retainedAsAdopted,
} from "../../provider/runtime/adoption.logic";

describe("retainedAsAdopted", () => {
  it.each([
    [{ adopted: true }, true],
    [{ adopted: true, adopt: false }, true],
    [{ adopted: true, deleteAdoptedOnDestroy: true }, false],
    [{ adopted: false, adopt: true }, false],
    [{ adopted: false, adopt: "require" }, false],
    // States written before `adopted` existed: `adopt` decides, towards keeping.
    [{ adopt: true }, true],
    [{ adopt: "require" }, true],
    [{ adopt: false }, false],
    [{}, false],
    [{ adopt: true, deleteAdoptedOnDestroy: true }, false],
  ])("%j → %s", (props, retained) => {
    expect(retainedAsAdopted(props)).toBe(retained);
  });
});

describe("adoptionPreview", () => {
  it("require + missing: a check failure on adopt", () => {
    expect(adoptionPreview("Domain", "a.test", "require", undefined, "name")).toEqual({
      failure: {
        property: "adopt",
        reason:
          'no domain with name a.test exists in this MailerSend account, and "require" means it ' +
          "must; create it first, or set adopt: true to create it when missing",
      },
    });
  });

  it("true + missing: a warning that up creates a new one", () => {
    expect(adoptionPreview("SenderIdentity", "n@a.test", true, undefined, "email")).toEqual({
      message:
        "WARNING: Sender identity n@a.test has adopt: true but does not exist in this MailerSend " +
        'account: `up` will CREATE a new one (unverified), not adopt one. Set adopt: "require" to ' +
        "fail instead.",
    });
  });

  it.each([true, "require"] as const)("%s + found: the adoption and the aliases hint", (mode) => {
    expect(adoptionPreview("Domain", "a.test", mode, "abc", "name").message).toBe(
      "ADOPT: Domain a.test exists in this MailerSend account (id abc) and will be adopted; the " +
        "stack leaves it in MailerSend when the resource is removed. If another resource of this " +
        "stack already manages it (a renamed resource or Client), use `aliases` instead: see " +
        "docs/adoption-and-renames.md.",
    );
  });
});

it("alreadyExistsMessage puts aliases before adopt", () => {
  const text = alreadyExistsMessage("Domain", "a.test", "abc", "Domain");
  expect(text.indexOf("aliases")).toBeGreaterThan(0);
  expect(text.indexOf("aliases")).toBeLessThan(text.indexOf("adopt: true"));
});
