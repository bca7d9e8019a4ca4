/**
 * Response shapes, parsed rather than cast (the SDK types every body as `any`). Tolerant of every
 * documented variant (docs/mailersend-api.md): the create-style and GET-style domain serializers (docs/mailersend-api.md §3.2,
 * docs/mailersend-api.md §3.3), `totals` as `[]` or an object, `null` DNS flags right after create, `priority` as a string,
 * `per_page` as a number or a numeric string (docs/mailersend-api.md §1), and unknown extra keys (loose objects).
 */
import { z } from "zod";

const nullableString = z.string().nullish();
const flag = z.boolean().nullish();

export const domainSettingsSchema = z.looseObject({
  send_paused: z.boolean().optional(),
  track_clicks: z.boolean().optional(),
  track_opens: z.boolean().optional(),
  track_unsubscribe: z.boolean().optional(),
  track_unsubscribe_html: nullableString,
  track_unsubscribe_html_enabled: z.boolean().optional(),
  track_unsubscribe_plain: nullableString,
  track_unsubscribe_plain_enabled: z.boolean().optional(),
  track_content: z.boolean().optional(),
  custom_tracking_enabled: z.boolean().optional(),
  custom_tracking_subdomain: nullableString,
  return_path_subdomain: nullableString,
  inbound_routing_enabled: z.boolean().optional(),
  inbound_routing_subdomain: nullableString,
  precedence_bulk: z.boolean().optional(),
  ignore_duplicated_recipients: z.boolean().optional(),
});

export const domainSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  dkim: flag,
  spf: flag,
  mx: flag,
  tracking: flag,
  is_verified: z.boolean().nullish(),
  is_cname_verified: flag,
  is_dns_active: flag,
  domain_settings: domainSettingsSchema,
  totals: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).nullish(),
  created_at: nullableString,
  updated_at: nullableString,
});
export type ApiDomain = z.infer<typeof domainSchema>;

const dnsRecordSchema = z.looseObject({
  hostname: z.string(),
  type: z.string(),
  value: z.string(),
  priority: z.union([z.string(), z.number()]).nullish(),
});
export type ApiDnsRecord = z.infer<typeof dnsRecordSchema>;

export const dnsRecordsSchema = z.looseObject({
  id: z.string().optional(),
  spf: dnsRecordSchema.nullish(),
  dkim: dnsRecordSchema.nullish(),
  return_path: dnsRecordSchema.nullish(),
  custom_tracking: dnsRecordSchema.nullish(),
  inbound_routing: dnsRecordSchema.nullish(),
  // Not observed yet (docs/mailersend-api.md §3.5: "A DMARC record may appear in newer responses").
  dmarc: dnsRecordSchema.nullish(),
});
export type ApiDnsRecords = z.infer<typeof dnsRecordsSchema>;

export const verifySchema = z.looseObject({
  message: z.string().optional(),
  data: z
    .looseObject({
      dkim: flag,
      spf: flag,
      mx: flag,
      tracking: flag,
      cname: flag,
      rp_cname: flag,
    })
    .nullish(),
});
export type ApiVerification = z.infer<typeof verifySchema>;

const domainRefSchema = z.looseObject({ id: z.string(), name: z.string().optional() });

export const identitySchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  name: nullableString,
  reply_to_email: nullableString,
  reply_to_name: nullableString,
  is_verified: z.boolean().nullish(),
  resends: z.number().nullish(),
  add_note: z.boolean().nullish(),
  personal_note: nullableString,
  domain: domainRefSchema.nullish(),
});
export type ApiIdentity = z.infer<typeof identitySchema>;

export const tokenSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string().nullish(),
  created_at: nullableString,
  scopes: z.array(z.string()).nullish(),
  domain: domainRefSchema.nullish(),
});
export type ApiToken = z.infer<typeof tokenSchema>;

export const createdTokenSchema = tokenSchema.extend({ accessToken: z.string() });
export type ApiCreatedToken = z.infer<typeof createdTokenSchema>;

/** What a user and an invite both carry: who, and their access (docs/mailersend-api.md §6). */
const accessSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  role: nullableString,
  permissions: z.array(z.string()).nullish(),
});

export const userSchema = accessSchema.extend({
  domains: z.array(domainRefSchema).nullish(),
});
export type ApiUser = z.infer<typeof userSchema>;

export const inviteSchema = accessSchema.extend({
  domains: z.array(z.union([domainRefSchema, z.string()])).nullish(),
  requires_periodic_password_change: z.boolean().nullish(),
});
export type ApiInvite = z.infer<typeof inviteSchema>;

export const quotaSchema = z.looseObject({
  quota: z.number(),
  remaining: z.number(),
  reset: z.string(),
});
export type ApiQuota = z.infer<typeof quotaSchema>;

export function dataOf<T extends z.ZodType>(schema: T) {
  return z.looseObject({ data: schema });
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    meta: z
      .looseObject({
        current_page: z.coerce.number().optional(),
        last_page: z.coerce.number().nullish(),
        per_page: z.coerce.number().optional(),
        total: z.coerce.number().nullish(),
      })
      .optional(),
    links: z.looseObject({ next: z.string().nullish() }).optional(),
  });
}
