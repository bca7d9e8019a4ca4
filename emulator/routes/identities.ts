import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context";
import { orNotFound } from "../errors";
import { lengthAwarePage, readPageRequest } from "../pagination";
import { collectionUrl } from "../pipeline";
import {
  createIdentity,
  deleteIdentity,
  resendIdentityConfirmation,
  updateIdentity,
} from "../rules/identities";
import { identityResource } from "../serializers";
import type { IdentityRecord } from "../state";
import { Validation } from "../validation";
import { param, queryOf } from "./request-parts";

/**
 * Sender identities (docs/mailersend-api.md §4), by id and by email. The SDK puts the email into the path
 * unencoded (`/identities/email/a+b@x.com`, docs/mailersend-api.md §4.1); the router keeps `+` and `@` as they are.
 */
export function registerIdentityRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const byId = (request: FastifyRequest): IdentityRecord =>
    orNotFound(ctx.store.identity(param(request, "identityId")));
  const byEmail = (request: FastifyRequest): IdentityRecord =>
    orNotFound(ctx.store.identityByEmail(param(request, "email")), "with-quota-headers");
  const respond = (identity: IdentityRecord) => ({ data: identityResource(ctx, identity) });

  app.get("/v1/identities", async (request) => {
    const query = queryOf(request);
    const validation = new Validation();
    const page = readPageRequest(validation, query);
    validation.finish();
    // [INF] an unknown domain_id filters everything out (no 422).
    const domainId =
      typeof query.domain_id === "string" && query.domain_id !== "" ? query.domain_id : undefined;
    const identities = ctx.store.state.identities.filter(
      (identity) => domainId === undefined || identity.domainId === domainId,
    );
    const items = identities.map((identity) => identityResource(ctx, identity));
    return lengthAwarePage(items, page, collectionUrl(request, "/identities"));
  });

  app.get("/v1/identities/:identityId", async (request) => respond(byId(request)));
  app.get("/v1/identities/email/:email", async (request) => respond(byEmail(request)));

  // [SDK tests] 201 (not recorded).
  app.post("/v1/identities", async (request, reply) => {
    return reply.code(201).send(respond(createIdentity(ctx, request.body)));
  });

  app.put("/v1/identities/:identityId", async (request) =>
    respond(updateIdentity(ctx, byId(request), request.body)),
  );
  app.put("/v1/identities/email/:email", async (request) =>
    respond(updateIdentity(ctx, byEmail(request), request.body)),
  );

  // [SDK test] 204 by id.
  app.delete("/v1/identities/:identityId", async (request, reply) => {
    deleteIdentity(ctx, byId(request));
    return reply.code(204).send();
  });

  // [SDK nodejs test] 202 by email: odd next to the 204 by id, but that is what MailerSend's own
  // SDK test expects, so clients must accept both.
  app.delete("/v1/identities/email/:email", async (request, reply) => {
    deleteIdentity(ctx, byEmail(request));
    return reply.code(202).send();
  });

  // [SDK fixture] 200 with the identity, `resends` + 1.
  app.post("/v1/identities/:identityId/resend", async (request) =>
    respond(resendIdentityConfirmation(ctx, byId(request))),
  );
}
