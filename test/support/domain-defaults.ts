// MailerSend's defaults for a new domain, written out by hand (docs/mailersend-api.md §3.2) so the
// tests compare the code's table against them instead of against itself. One copy for every test.

/** The settings one `PUT /domains/{id}/settings` call can change. */
export const DOMAIN_SETTING_DEFAULTS = {
  sendPaused: false,
  trackClicks: true,
  trackOpens: true,
  trackUnsubscribe: false,
  trackUnsubscribeHtml: '<p>Click here to <a href="{{unsubscribe}}">unsubscribe</a></p>',
  trackUnsubscribeHtmlEnabled: false,
  trackUnsubscribePlain: "Click here to unsubscribe: {{unsubscribe}}",
  trackUnsubscribePlainEnabled: false,
  trackContent: false,
  customTrackingEnabled: false,
  customTrackingSubdomain: "email",
  precedenceBulk: false,
  ignoreDuplicatedRecipients: false,
};

/** Every Domain input with a default: the create-only subdomains, the settings and `adopt`. */
export const DOMAIN_INPUT_DEFAULTS = {
  returnPathSubdomain: "mta",
  inboundRoutingSubdomain: "inbound",
  ...DOMAIN_SETTING_DEFAULTS,
  adopt: false,
};
