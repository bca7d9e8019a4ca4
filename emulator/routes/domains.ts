import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context";
import { requiredDnsRecords } from "../dns";
import { orNotFound } from "../errors";
import { lengthAwarePage, readPageRequest, simplePage } from "../pagination";
import { collectionUrl } from "../pipeline";
import { checkDomainDns, createDomain, deleteDomain, updateDomainSettings } from "../rules/domains";
import { domainCreateStyle, domainGetStyle } from "../serializers";
import type { DomainRecord } from "../state";
import { Validation } from "../validation";
import { param, queryOf, readBooleanFilter } from "./request-parts";

/** Domains (docs/mailersend-api.md §3). */
export function registerDomainRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const findDomain = (id: string): DomainRecord => orNotFound(ctx.store.domain(id));

  app.get("/v1/domains", async (request) => {
    const query = queryOf(request);
    const validation = new Validation();
    const page = readPageRequest(validation, query);
    const verified = readBooleanFilter(validation, "verified", query.verified);
    validation.finish();
    const domains = ctx.store.state.domains.filter(
      (domain) => verified === undefined || domain.isVerified === verified,
    );
    // [REC] list items use the GET serializer with `totals: []`.
    const items = domains.map((domain) => domainGetStyle(ctx, domain, "empty-array"));
    return lengthAwarePage(items, page, collectionUrl(request, "/domains"));
  });

  app.get("/v1/domains/:domainId", async (request) => {
    const domain = findDomain(param(request, "domainId"));
    return { data: domainGetStyle(ctx, domain, "object") };
  });

  // [REC] 201 with the create-style serializer.
  app.post("/v1/domains", async (request, reply) => {
    const domain = createDomain(ctx, request.body);
    return reply.code(201).send({ data: domainCreateStyle(domain) });
  });

  // [REC] 204, empty body.
  app.delete("/v1/domains/:domainId", async (request, reply) => {
    deleteDomain(ctx, findDomain(param(request, "domainId")));
    return reply.code(204).send();
  });

  // [REC] 200, GET shape with `totals: []`.
  app.put("/v1/domains/:domainId/settings", async (request) => {
    const domain = updateDomainSettings(ctx, findDomain(param(request, "domainId")), request.body);
    return { data: domainGetStyle(ctx, domain, "empty-array") };
  });

  app.get("/v1/domains/:domainId/dns-records", async (request) => {
    const domain = findDomain(param(request, "domainId"));
    return { data: { id: domain.id, ...requiredDnsRecords(domain) } };
  });

  app.get("/v1/domains/:domainId/verify", async (request) => {
    const domain = findDomain(param(request, "domainId"));
    const checks = checkDomainDns(ctx, domain);
    return {
      // [REC] "The domain is verified." (also for a sticky-verified domain whose checks now fail);
      // [INF] the unverified message was never observed.
      message: domain.isVerified ? "The domain is verified." : "The domain is not verified.",
      data: {
        dkim: checks.dkim,
        spf: checks.spf,
        mx: checks.inboundRouting,
        tracking: checks.customTracking && domain.settings.custom_tracking_enabled,
        cname: checks.customTracking,
        rp_cname: checks.returnPath,
      },
    };
  });

  // [REC] docs/mailersend-api.md §3.7: simple pagination. The emulator sends no mail, so there are never recipients.
  app.get("/v1/domains/:domainId/recipients", async (request) => {
    const domain = findDomain(param(request, "domainId"));
    const validation = new Validation();
    const page = readPageRequest(validation, queryOf(request));
    validation.finish();
    return simplePage([], page, collectionUrl(request, `/domains/${domain.id}/recipients`));
  });
}
