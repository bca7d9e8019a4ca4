/**
 * Each resource registers exactly the outputs its class declares: the registered list
 * (`*_OUTPUTS`, what `@pulumi/pulumi` makes properties of) and the `declare`d members (the typed,
 * documented API) are one fact written twice, because `declare` leaves nothing at runtime.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_TOKEN_OUTPUTS } from "../../provider/resources/api-token";
import { CLIENT_USER_OUTPUTS } from "../../provider/resources/client-user";
import { DOMAIN_OUTPUTS } from "../../provider/resources/domain";
import { DOMAIN_VERIFICATION_OUTPUTS } from "../../provider/resources/domain-verification";
import { SENDER_IDENTITY_OUTPUTS } from "../../provider/resources/sender-identity";
import { members } from "../../scripts/docs-tables";

const RESOURCES_DIR = path.resolve(__dirname, "../../provider/resources");

describe("the outputs a resource registers", () => {
  it.each([
    ["Domain", "domain", DOMAIN_OUTPUTS],
    ["DomainVerification", "domain-verification", DOMAIN_VERIFICATION_OUTPUTS],
    ["SenderIdentity", "sender-identity", SENDER_IDENTITY_OUTPUTS],
    ["ApiToken", "api-token", API_TOKEN_OUTPUTS],
    ["ClientUser", "client-user", CLIENT_USER_OUTPUTS],
  ] as const)("%s: are exactly the members its class declares", (name, slug, registered) => {
    const declared = members(path.join(RESOURCES_DIR, `${slug}.ts`), name).map((m) => m.name);
    expect([...registered].sort()).toEqual([...declared].sort());
  });
});
