/** The bad-input matrix: the Client's rows, argument by argument (bad-input.component.test.ts). */
import {
  blocker,
  child,
  client,
  component,
  identityClient,
  invalidArgs,
  type Row,
} from "./bad-input";

export const CLIENT_ROWS: Row[] = [
  // domain
  {
    name: "domain: wrong type",
    build: client({ domain: 42 }),
    expected: component(invalidArgs("domain: must be the client's domain name")),
  },
  {
    name: "domain: empty",
    build: client({ domain: "" }),
    expected: component(invalidArgs('domain: .*got ""')),
  },
  {
    name: "domain: too long",
    build: client({ domain: `${"a".repeat(250)}.test` }),
    expected: component(invalidArgs("domain: ")),
  },
  {
    name: "domain: bad format",
    build: client({ domain: "acme dot test" }),
    expected: component(invalidArgs('domain: .*got "acme dot test"')),
  },
  // fromAddresses
  {
    name: "fromAddresses: wrong type",
    build: client({ fromAddresses: "news@acme.test" }),
    expected: component(invalidArgs("fromAddresses: must be a list of email addresses")),
  },
  {
    name: "fromAddresses[0]: wrong type",
    build: client({ fromAddresses: [42] }),
    expected: component(invalidArgs("fromAddresses\\[0\\]: must be an email address")),
  },
  {
    name: "fromAddresses[0]: empty",
    build: client({ fromAddresses: [""] }),
    expected: component(invalidArgs('fromAddresses\\[0\\]: .*got ""')),
  },
  {
    name: "fromAddresses[0]: bad format",
    build: client({ fromAddresses: ["news(at)acme.test"] }),
    expected: component(invalidArgs("fromAddresses\\[0\\]: must be an email address")),
  },
  {
    name: "fromAddresses[0]: too long (identity client)",
    build: client({ fromAddresses: [`${"a".repeat(200)}@shop.test`] }, identityClient),
    expected: child("SenderIdentity", "email"),
  },
  {
    name: "fromAddresses[1]: repeats [0]",
    build: client({ fromAddresses: ["news@acme.test", "NEWS@acme.test"] }),
    expected: component(invalidArgs("fromAddresses\\[1\\]: repeats news@acme.test")),
  },
  {
    name: "fromAddresses: empty for an identity client",
    build: client({ fromAddresses: [] }, identityClient),
    expected: component(invalidArgs("fromAddresses: must list at least one address")),
  },
  {
    name: "fromAddresses[0]: free mail for an identity client",
    build: client({ fromAddresses: ["me@gmail.com"] }, identityClient),
    expected: component(invalidArgs("fromAddresses\\[0\\]: is on a free email provider")),
  },
  {
    name: "fromAddresses[0]: not on the client's domain (domain client)",
    build: client({ fromAddresses: ["news@other.test"] }),
    expected: component(
      invalidArgs("fromAddresses\\[0\\]: must be on the client's sending domain"),
    ),
  },
  {
    name: "fromAddresses[0]: not on the client's domain (identity client)",
    build: client({ fromAddresses: ["hello@stranger.test"] }, identityClient),
    expected: component(
      invalidArgs(
        "fromAddresses\\[0\\]: must be on the client's domain shop.test: MailerSend emails the " +
          "confirmation link to the address; to send from an address on another domain on purpose, " +
          "list it in foreignFromAddresses too; got hello@stranger.test",
      ),
    ),
  },
  // foreignFromAddresses
  {
    name: "foreignFromAddresses: wrong type",
    build: client({ foreignFromAddresses: "hello@stranger.test" }, identityClient),
    expected: component(
      invalidArgs(
        'foreignFromAddresses: must be a list of email addresses from fromAddresses; got "hello@stranger.test"',
      ),
    ),
  },
  {
    name: "foreignFromAddresses[0]: not in fromAddresses",
    build: client({ foreignFromAddresses: ["hello@stranger.test"] }, identityClient),
    expected: component(
      invalidArgs(
        "foreignFromAddresses\\[0\\]: must also be listed in fromAddresses; got hello@stranger.test",
      ),
    ),
  },
  {
    name: "foreignFromAddresses[0]: on the client's domain",
    build: client({ foreignFromAddresses: ["hello@shop.test"] }, identityClient),
    expected: component(
      invalidArgs(
        "foreignFromAddresses\\[0\\]: is on the client's domain shop.test; list only addresses on other domains",
      ),
    ),
  },
  // displayName (the sender name of identities)
  {
    name: "displayName: wrong type",
    build: client({ displayName: 42 }, identityClient),
    expected: component(invalidArgs("displayName: must be text; got 42")),
  },
  {
    name: "displayName: empty",
    build: client({ displayName: "" }, identityClient),
    expected: child("SenderIdentity", "name"),
  },
  {
    name: "displayName: too long",
    build: client({ displayName: "x".repeat(192) }, identityClient),
    expected: child("SenderIdentity", "name"),
  },
  // the decision attributes
  {
    name: "monthlyVolume: missing",
    build: client({ monthlyVolume: undefined }),
    expected: component(blocker("invalid-monthly-volume", "monthlyVolume is required")),
  },
  {
    name: "monthlyVolume: wrong type",
    build: client({ monthlyVolume: "lots" }),
    expected: component(blocker("invalid-monthly-volume", "monthlyVolume must be a finite number")),
  },
  {
    name: "monthlyVolume: negative",
    build: client({ monthlyVolume: -1 }),
    expected: component(blocker("invalid-monthly-volume", "monthlyVolume must be a finite number")),
  },
  {
    name: "monthlyVolume: not a number",
    build: client({ monthlyVolume: Number.NaN }),
    expected: component(blocker("invalid-monthly-volume", "monthlyVolume must be a finite number")),
  },
  ...[
    "dnsAccess",
    "dataIsolation",
    "clientAccess",
    "domainReputation",
    "strictDmarcPlanned",
    "domainVerified",
  ].map((key): Row => ({
    name: `${key}: wrong type`,
    build: client({ [key]: "yes" }),
    expected: component(blocker("invalid-boolean-attribute", `${key} must be true or false`)),
  })),
  {
    name: "dmarcPolicy: wrong type",
    build: client({ dmarcPolicy: 1 }),
    expected: component(
      invalidArgs("dmarcPolicy: must be one of none, quarantine, reject, unknown or auto; got 1"),
    ),
  },
  {
    name: "dmarcPolicy: empty",
    build: client({ dmarcPolicy: "" }),
    expected: component(invalidArgs('dmarcPolicy: .*got ""')),
  },
  {
    name: "dmarcPolicy: bad value",
    build: client({ dmarcPolicy: "strict" }),
    expected: component(invalidArgs('dmarcPolicy: .*got "strict"')),
  },
  {
    name: "method: bad value",
    build: client({ method: "smtp" }),
    expected: component(invalidArgs("method: ")),
  },
  {
    name: "policy.lowVolumeBelow: negative",
    build: client({ policy: { lowVolumeBelow: -1 } }),
    expected: component(blocker("invalid-policy", "policy.lowVolumeBelow must be a finite number")),
  },
  {
    name: "policy: unknown setting",
    build: client({ policy: { lowVolume: 10 } }),
    expected: component(
      blocker("invalid-policy", 'The decision policy has no setting "lowVolume"'),
    ),
  },
  {
    name: "policy: conflicting thresholds",
    build: client({ policy: { lowVolumeBelow: 5000, highVolumeAbove: 1000 } }),
    expected: component(
      blocker(
        "invalid-policy",
        "policy.lowVolumeBelow \\(5,000\\) must not be above policy.highVolumeAbove",
      ),
    ),
  },
  // existing domain
  {
    name: "existingDomainId: without domainVerified",
    build: client({ existingDomainId: "abc" }),
    expected: component(invalidArgs("existingDomainId: is only used with domainVerified: true")),
  },
  {
    name: "existingDomainId: wrong type",
    build: client({ domainVerified: true, existingDomainId: 5 }),
    expected: component(invalidArgs("existingDomainId: must be text; got 5")),
  },
  {
    name: "existingDomainId: bad format",
    build: client({ domainVerified: true, existingDomainId: "a b" }),
    expected: child("ApiToken", "domainId"),
  },
  // agencyDomainId
  {
    name: "agencyDomainId: missing for an identity client",
    build: client({ agencyDomainId: undefined }, identityClient),
    expected: component(invalidArgs("agencyDomainId: is required for a sender identity client")),
  },
  {
    name: "agencyDomainId: wrong type",
    build: client({ agencyDomainId: 5 }, identityClient),
    expected: child("SenderIdentity", "domainId"),
  },
  {
    name: "agencyDomainId: empty",
    build: client({ agencyDomainId: "" }, identityClient),
    expected: child("SenderIdentity", "domainId"),
  },
  {
    name: "agencyDomainId: bad format",
    build: client({ agencyDomainId: "a b" }, identityClient),
    expected: child("SenderIdentity", "domainId"),
  },
  // token
  {
    name: "token.scopes: empty",
    build: client({ token: { scopes: [] } }),
    expected: child("ApiToken", "scopes"),
  },
  {
    name: "token.scopes[0]: bad value",
    build: client({ token: { scopes: ["send"] } }),
    expected: child("ApiToken", "scopes[0]"),
  },
  {
    name: "token.name: empty",
    build: client({ token: { name: "" } }),
    expected: child("ApiToken", "name"),
  },
  {
    name: "token.name: too long",
    build: client({ token: { name: "x".repeat(51) } }),
    expected: child("ApiToken", "name"),
  },
  {
    name: "token.name: wrong type",
    build: client({ token: { name: 5 } }),
    expected: child("ApiToken", "name"),
  },
  {
    name: "token.rotationNonce: wrong type",
    build: client({ token: { rotationNonce: true } }),
    expected: child("ApiToken", "rotationNonce"),
  },
  {
    name: "token: wrong type",
    build: client({ token: "yes" }),
    expected: component(invalidArgs("token: ")),
  },
  {
    name: "token.create: wrong type",
    build: client({ token: { create: "no" } }),
    expected: component(invalidArgs("token\\.create: ")),
  },
  {
    name: "token.allowForIdentity: wrong type",
    build: client({ token: { allowForIdentity: "yes" } }, identityClient),
    expected: component(invalidArgs("token\\.allowForIdentity: ")),
  },
  {
    name: "token.scopes: wrong type",
    build: client({ token: { scopes: "email_full" } }),
    expected: component(invalidArgs("token\\.scopes: ")),
  },
  // users
  {
    name: "users: on an identity client",
    build: client({ users: [{ email: "boss@shop.test" }] }, identityClient),
    expected: component(invalidArgs("users: cannot be given to a sender identity client")),
  },
  {
    name: "users[0].email: empty",
    build: client({ users: [{ email: "" }] }),
    expected: component(invalidArgs('users\\[0\\].email: must be an email address; got ""')),
  },
  {
    name: "users[0].email: bad format",
    build: client({ users: [{ email: "boss" }] }),
    expected: component(invalidArgs('users\\[0\\].email: must be an email address; got "boss"')),
  },
  {
    name: "users[0]: wrong type",
    build: client({ users: ["boss@acme.test"] }),
    expected: component(invalidArgs("users\\[0\\].email: must be an email address; got undefined")),
  },
  {
    name: "users[0].email: too long",
    build: client({ users: [{ email: `${"a".repeat(190)}@acme.test` }] }),
    expected: child("ClientUser", "email"),
  },
  {
    name: "users[0].role: bad value",
    build: client({ users: [{ email: "boss@acme.test", role: "boss" }] }),
    expected: child("ClientUser", "role"),
  },
  {
    name: "users[0].permissions[0]: bad value",
    build: client({ users: [{ email: "boss@acme.test", permissions: ["fly"] }] }),
    expected: child("ClientUser", "permissions[0]"),
  },
  {
    name: "users[0].permissions: empty for Custom User",
    build: client({ users: [{ email: "boss@acme.test", permissions: [] }] }),
    expected: child("ClientUser", "permissions"),
  },
  {
    name: "users: wrong type",
    build: client({ users: "boss@acme.test" }),
    expected: component(invalidArgs("users: ")),
  },
  {
    name: "users[0].permissions: wrong type",
    build: client({ users: [{ email: "boss@acme.test", permissions: "read-activity" }] }),
    expected: component(invalidArgs("users\\[0\\]\\.permissions: ")),
  },
  {
    name: "users[1].email: repeats users[0]",
    build: client({ users: [{ email: "boss@acme.test" }, { email: "Boss@acme.test" }] }),
    expected: component(invalidArgs("users\\[1\\]\\.email: ")),
  },
  // child settings
  {
    name: "domainSettings.trackOpens: wrong type",
    build: client({ domainSettings: { trackOpens: "no" } }),
    expected: child("Domain", "trackOpens"),
  },
  {
    name: "domainSettings: unknown setting",
    build: client({ domainSettings: { track: true } }),
    expected: child("Domain", "track"),
  },
  {
    name: "domainSettings.trackUnsubscribeHtml: bad format",
    build: client({ domainSettings: { trackUnsubscribeHtml: "<p>bye</p>" } }),
    expected: child("Domain", "trackUnsubscribeHtml"),
  },
  {
    name: "domainSettings: wrong type",
    build: client({ domainSettings: "tracking" }),
    expected: component(invalidArgs("domainSettings: ")),
  },
  {
    name: "verification.mode: bad value",
    build: client({ verification: { mode: "poll" } }),
    expected: child("DomainVerification", "mode"),
  },
  {
    name: "verification: conflicting interval",
    build: client({ verification: { mode: "wait", timeoutSeconds: 10, pollIntervalSeconds: 60 } }),
    expected: child("DomainVerification", "pollIntervalSeconds"),
  },
  {
    name: "verification: wrong type",
    build: client({ verification: "wait" }),
    expected: component(invalidArgs("verification: ")),
  },
  // combinations and the rest
  {
    name: "keepIdentitiesUntilVerified: without agencyDomainId",
    build: client({ keepIdentitiesUntilVerified: true }),
    expected: component(
      invalidArgs("agencyDomainId: is required with keepIdentitiesUntilVerified"),
    ),
  },
  {
    name: "keepIdentitiesUntilVerified: wrong type",
    build: client({ keepIdentitiesUntilVerified: "no", agencyDomainId: "agencydomain0001" }),
    expected: component(invalidArgs("keepIdentitiesUntilVerified: ")),
  },
  {
    name: "an unknown argument",
    build: client({ colour: "red" }),
    expected: component(invalidArgs("colour: ")),
  },
];
