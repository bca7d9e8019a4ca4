/**
 * MailerSend's guide "Sending emails for clients: domains vs. sender identities", quoted exactly
 * (typographic apostrophes as in the guide). The rules (rules-*.ts) cite these sentences, and
 * docs/decision-table.md accounts for each of them.
 */

export const GUIDE = {
  chooseForEachClient:
    "In this guide, we’ll explain how domains and sender identities work so you can choose the right method for each client you onboard.",
  bestForHighVolume: "Best for consistent and high-volume senders",
  bestForLowVolume: "Best for low-volume, occasional senders",
  domainScoped:
    "This method involves adding and authenticating your client’s domain directly in MailerSend so that their domain is used for sending. DNS records, API keys, users and activity data are scoped to that domain.",
  perDomainData: "Activity, Analytics and Suppressions per domain",
  scopedTokensAndUsers: "Scoped API tokens and user access per client",
  individualActivity:
    "Individual activity cannot be viewed at the domain level, tagging or template IDs must be used",
  setupDomain: "Client’s DNS records must be configured (SPF, DKIM, etc.)",
  setupIdentity: "Setup is completed by the client clicking to confirm in the verification email",
  onboardingDomain:
    "Slower than sender identities, as it can take up to 24 hours for records to propagate, but is straightforward and can be done quickly with automatic domain verification",
  onboardingIdentity:
    "Faster than domains, the identity is active as soon as the client verifies the email address.",
  noAlignment:
    "No authentication on client’s domain, emails are sent through the agency’s authenticated domain instead, meaning SPF and DKIM alignment aren’t possible.",
  dmarcDomain: "Full enforcement is supported",
  dmarcIdentityBlocked: "Emails may be blocked if the client’s domain has a policy of p=reject.",
  dmarcIdentityRecommended: "It’s recommended to set a policy of p=none or p=quarantine",
  fromAddressesIdentity:
    "Only the verified email address. Each address you want to use must be verified separately",
  isolationDomain: "Full, per-domain activity and analytics can be shared with the client",
  isolationIdentityShared: "Shared activity appears under the agency’s sending domain.",
  isolationIdentityNoAccess:
    "Access to activity and analytics cannot be given through the MailerSend app; however, you can use tags to create custom reports or create a client dashboard via the API.",
  tokensIdentity:
    "Tokens belong to the agency’s domain and cannot be restricted to the sender identity.",
  usersDomain: "Invite clients with domain-level permissions",
  usersIdentity: "Access cannot be given to anything except specific templates.",
  identitiesBestWhen:
    "For agencies, sender identities are best when you need a quick setup for low-volume and occasional senders.",
  identitiesJustified:
    "Since there’s no need for domain configuration, they significantly reduce onboarding friction, making them ideal for situations where you need to get a client up and running fast, or when adding and configuring a domain isn’t justified by the low sending volume.",
  sharedReputation:
    "It’s important to remember that since your domain will be used for sending, the client’s sending activity will impact your domain reputation. If their emails result in a high bounce rate or spam complaint rate, it could impact your own deliverability, as well as any other clients that are sending from your domain.",
  auditAndMonitor:
    "Therefore, it’s recommended that you audit the client’s sending practices, have some oversight of the emails that will be sent, and monitor performance to identify potential issues quickly.",
  lowVolume:
    "Email volume is low or irregular: When clients send very few emails (less than 2,000-3,000 per month).",
  noDnsAccess:
    "You don’t have access to the client’s DNS records: If you don’t have immediate access to configure the client’s domain, and they are unable to do it themselves, you can use sender identities as a temporary solution until you can.",
  alreadyVerified:
    "You do not need to add sender identities for domains that you have already added and verified. Once a client’s domain is verified, you can send to any email address belonging to it.",
  strongestDeliverability:
    "Because domains allow for full SPF and DKIM alignment, this method is the strongest when it comes to deliverability.",
  professionalScalable:
    "What’s more, adding clients’ domains is a more professional and scalable solution, especially for those that send significant volumes of emails or that have security and privacy concerns.",
  ownEnvironment:
    "By adding a client’s domain, it serves as its own sending environment, allowing you to keep data, settings and API keys separate.",
  highVolume:
    "The client sends consistently and at high volumes: If a client is regularly sending more than 2,000-3,000 emails per month, you should implement authenticated sending from their own domain to ensure deliverability and optimum monitoring.",
  reputation:
    "The client has already built up their domain reputation: If they have been sending consistently and maintain a good domain reputation, ceasing activity through their domain would create a gap in their sending history, which may result in the need to begin warming up the domain again later on.",
  dataIsolation:
    "The client needs data isolation: By adding the client’s domain, you can keep their data, activity, users and API keys contained within the domain’s scope.",
  clientAccess:
    "You want to give client access: With custom roles and domain-level separation, you can invite clients to your agency account, only giving them access to their domain without exposing the rest of your account.",
  strictDmarc:
    "You want to implement a strong DMARC policy: If you want to move toward strict DMARC enforcement for your clients, domain authentication is necessary.",
  rejectUndelivered:
    "Having p=reject can result in emails going undelivered if DMARC alignment fails.",
  addDomainRecords:
    "You’ll be prompted to add the SPF and DKIM records to the domain’s DNS, which you can do automatically using Entri’s Domain Connect.",
} as const;
