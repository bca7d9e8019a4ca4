/** Numbers and the volume band in the decision's messages: deterministic, no locale. */

import type { DecisionPolicy, Facts } from "./types";

/** 4500 -> "4,500"; 2000.5 -> "2,000.5". Locale-independent, at most two decimals. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return String(n);
  const sign = n < 0 ? "-" : "";
  const [whole, fraction] = String(Math.round(Math.abs(n) * 100) / 100).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** 1 -> "1 email a month"; 4500 -> "4,500 emails a month". */
export function emailsAMonth(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "email" : "emails"} a month`;
}

/** The guide's band in words, e.g. "the 2,000 to 3,000 emails a month band". */
export function bandWords(policy: DecisionPolicy): string {
  return policy.lowVolumeBelow === policy.highVolumeAbove
    ? `the ${formatCount(policy.lowVolumeBelow)} emails a month threshold`
    : `the ${formatCount(policy.lowVolumeBelow)} to ${formatCount(policy.highVolumeAbove)} emails a month band`;
}

/** When a client on a sender identity can move to its own domain: now, or once DNS can be changed. */
export function whenDnsWords(facts: Facts): string {
  return facts.dnsAccess ? "" : " as soon as its DNS records can be changed";
}
