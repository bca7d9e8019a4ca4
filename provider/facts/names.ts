/**
 * What a domain name and an email address are, for every layer: the `Domain` and `SenderIdentity`
 * checks (provider/runtime) and the `Client` checks (provider/component) apply the same rules, so
 * an input one accepts the other accepts too. The emulator keeps its own copies on purpose (it must
 * not share code with the provider, so that a shared bug cannot hide).
 */

/** Lower-case, no trailing dot, labels of letters, digits and hyphens, a real TLD. */
export const DOMAIN_PATTERN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** The local part of an address: no spaces, `@`, quotes or the other specials. */
export const EMAIL_LOCAL_PART_PATTERN = /^[^\s@"(),:;<>[\\\]]+$/;

/**
 * A domain name as MailerSend keys it: trimmed, lower case, without the trailing dot of a fully
 * qualified name.
 */
export function normaliseDomainName(value: string): string {
  return value.trim().toLowerCase().replace(/\.$/, "");
}

/** `local@domain`, lower-cased and trimmed, split; undefined unless both parts are valid. */
export function splitEmailAddress(value: string): { local: string; domain: string } | undefined {
  const address = value.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at <= 0 || address.indexOf("@") !== at) return undefined;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!EMAIL_LOCAL_PART_PATTERN.test(local) || !DOMAIN_PATTERN.test(domain)) return undefined;
  return { local, domain };
}

/**
 * "The email must be a custom domain and cannot originate from a free email provider"
 * (https://www.mailersend.com/help/send-email-on-behalf-of-clients). MailerSend's own list is not
 * published; these are the common ones, checked before any call.
 */
export const FREE_EMAIL_DOMAINS: readonly string[] = [
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "ymail.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "msn.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "gmx.com",
  "gmx.net",
  "mail.com",
  "yandex.com",
  "proton.me",
  "protonmail.com",
  "zoho.com",
];
