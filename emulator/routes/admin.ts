import type { FastifyInstance, FastifyRequest } from "fastify";
import { parseDnsRecordKinds, publishedKinds, type DnsRecordKind } from "../dns";
import { EmulatorApiError, fieldError } from "../errors";
import { faultRuleFromJson, faultToJson, type FaultRegistry } from "../faults";
import type { RequestFilter, RequestLog, RequestOutcome } from "../request-log";
import { asObject } from "../rules/input";
import type { DomainRecord } from "../state";
import type { EmulatorStore } from "../store-handle";
import { param } from "./request-parts";

export const ADMIN_PREFIX = "/__emulator";

export interface AdminDeps {
  store: EmulatorStore;
  log: RequestLog;
  faults: FaultRegistry;
  reset: () => void;
}

/**
 * The admin door (`/__emulator/...`): what tests and demos need that the real API cannot do, such as
 * DNS propagation, an identity owner clicking the confirmation link, an invitee accepting. No auth,
 * no rate limit, no quota, not in the request log. Records are returned in the store's own
 * (camelCase) shape, not the API's.
 */
export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { store, log, faults } = deps;

  const dnsOptions = (request: FastifyRequest): { records: DnsRecordKind[]; checkNow: boolean } => {
    const body = asObject(request.body);
    const records = parseDnsRecordKinds(body.records);
    if ("invalid" in records) {
      throw fieldError(
        "records",
        `Unknown DNS record kind(s): ${records.invalid.join(", ")}. Use dkim, spf, return_path, custom_tracking, inbound_routing.`,
      );
    }
    return { records, checkNow: body.checkNow !== false };
  };
  const dnsAnswer = (domain: DomainRecord) => ({ data: domain, published: publishedKinds(domain) });

  // Publish the domain's records (all, or `records`) and, unless `checkNow: false`, run the check.
  app.post(`${ADMIN_PREFIX}/domains/:idOrName/dns`, async (request) =>
    dnsAnswer(store.publishDnsRecords(param(request, "idOrName"), dnsOptions(request))),
  );
  // DNS drift: remove records again.
  app.delete(`${ADMIN_PREFIX}/domains/:idOrName/dns`, async (request) =>
    dnsAnswer(store.unpublishDnsRecords(param(request, "idOrName"), dnsOptions(request))),
  );

  app.post(`${ADMIN_PREFIX}/identities/:idOrEmail/verify`, async (request) => ({
    data: store.verifyIdentity(param(request, "idOrEmail")),
  }));

  app.post(`${ADMIN_PREFIX}/invites/:inviteId/accept`, async (request, reply) => {
    const body = asObject(request.body);
    const user = store.acceptInvite(param(request, "inviteId"), {
      name: typeof body.name === "string" ? body.name : undefined,
      lastName: typeof body.last_name === "string" ? body.last_name : undefined,
    });
    return reply.code(201).send({ data: user });
  });

  // Optional filters: ?method=POST&path=/domains&outcome=ok&status=201
  app.get(`${ADMIN_PREFIX}/requests`, async (request) => {
    const query = request.query as Record<string, string | undefined>;
    const filter: RequestFilter = {};
    if (query.method) filter.method = query.method;
    if (query.path) filter.path = query.path;
    if (query.outcome) filter.outcome = query.outcome as RequestOutcome;
    if (query.status) filter.status = Number(query.status);
    return { data: log.list(filter) };
  });
  app.delete(`${ADMIN_PREFIX}/requests`, async (_request, reply) => {
    log.clear();
    return reply.code(204).send();
  });

  app.get(`${ADMIN_PREFIX}/faults`, async () => ({ data: faults.list().map(faultToJson) }));
  app.post(`${ADMIN_PREFIX}/faults`, async (request, reply) => {
    let fault;
    try {
      fault = faults.add(faultRuleFromJson(request.body));
    } catch (error) {
      if (error instanceof TypeError || error instanceof SyntaxError) {
        throw new EmulatorApiError(422, { message: error.message });
      }
      throw error;
    }
    return reply.code(201).send({ data: faultToJson(fault) });
  });
  app.delete(`${ADMIN_PREFIX}/faults`, async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });

  app.post(`${ADMIN_PREFIX}/reset`, async (_request, reply) => {
    deps.reset();
    return reply.code(204).send();
  });

  // The account without token secrets.
  app.get(`${ADMIN_PREFIX}/state`, async () => store.snapshot());
}
