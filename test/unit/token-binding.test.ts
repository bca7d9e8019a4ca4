import { describe, expect, it } from "vitest";
import type { ApiCreatedToken } from "../../provider/api/schemas";
import { bindingMatches, TokenBindingError } from "../../provider/api/token-binding";

const ref = (id: string) => ({ id, name: `${id}.test` });
function answer(domain: ApiCreatedToken["domain"]): ApiCreatedToken {
  return { id: "t".repeat(80), name: "t", accessToken: "secret", domain };
}

describe("bindingMatches: the answer must confirm exactly the binding asked for", () => {
  it.each([
    ["asked d1, bound d1", "d1", answer(ref("d1")), true],
    ["asked d1, domain: null (recorded for an unknown id)", "d1", answer(null), false],
    ["asked d1, bound d2", "d1", answer(ref("d2")), false],
    ["asked d1, answer silent", "d1", answer(undefined), false],
    ["asked none, domain: null", undefined, answer(null), true],
    ["asked none, answer silent", undefined, answer(undefined), true],
    ["asked none, bound d2", undefined, answer(ref("d2")), false],
  ] as const)("%s → %s", (_case, asked, created, expected) => {
    expect(bindingMatches(asked, created)).toBe(expected);
  });
});

describe("TokenBindingError says what was asked, what MailerSend did and what happened to the token", () => {
  it.each([
    [
      "d1",
      "d2",
      undefined,
      'MailerSend did not bind the new API token "t" to domain d1: its answer binds it to domain d2. The token was deleted. Check domainId d1: it must be the id of a domain in this MailerSend account.',
    ],
    [
      "d1",
      undefined,
      undefined,
      'MailerSend did not bind the new API token "t" to domain d1: its answer does not say which domain the token is for. The token was deleted. Check domainId d1: it must be the id of a domain in this MailerSend account.',
    ],
    [
      undefined,
      "d2",
      new Error("boom"),
      'MailerSend bound the new API token "t" although no domain was asked for: its answer binds it to domain d2. Deleting it failed (boom): delete API token tok1 in MailerSend by hand.',
    ],
  ] as const)("asked %s, bound %s", (asked, bound, failure, message) => {
    const error = new TokenBindingError("t", asked, bound, "tok1", failure);
    expect(error.message).toBe(message);
    expect(TokenBindingError.is(error)).toBe(true);
  });
});
