/**
 * Public types shared by the program side and the runtime. This folder imports nothing (no zod, no
 * SDK, no Pulumi): its declarations are what a user's program typechecks against, and Pulumi's
 * `pulumi new typescript` template compiles with neither `esModuleInterop` nor `skipLibCheck`, under
 * which zod's declarations fail (TS1259). test/package/pack.test.ts typechecks under that template.
 */

/** One record to publish, ready for any DNS provider's record resource. */
export interface DnsRecord {
  /** What the record is for: spf, dkim, returnPath, customTracking or inboundRouting. */
  purpose: string;
  /** The record type: TXT, CNAME or MX. */
  type: string;
  /** Fully qualified, lower case, no trailing dot. */
  name: string;
  /** The record's value, as MailerSend gives it. */
  value: string;
  /** MX priority (MX records only). */
  priority?: number;
}
