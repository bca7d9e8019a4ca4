import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context";
import { orNotFound } from "../errors";
import { lengthAwarePage, readPageRequest } from "../pagination";
import { collectionUrl } from "../pipeline";
import { deleteInvite, deleteUser, inviteUser, resendInvite, updateUser } from "../rules/users";
import { inviteResource, userResource } from "../serializers";
import type { InviteRecord, UserRecord } from "../state";
import { Validation } from "../validation";
import { param, queryOf } from "./request-parts";

/** Account users and invites (docs/mailersend-api.md §6.1). Inviting creates an invite, not a user. */
export function registerUserRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const userById = (request: FastifyRequest): UserRecord =>
    orNotFound(ctx.store.user(param(request, "userId")), "with-quota-headers");
  const inviteById = (request: FastifyRequest): InviteRecord =>
    orNotFound(ctx.store.invite(param(request, "inviteId")));
  const page = (request: FastifyRequest) => {
    const validation = new Validation();
    const result = readPageRequest(validation, queryOf(request));
    validation.finish();
    return result;
  };

  // [REC] the whole list under `data`, with no `links` and no `meta` (four mailersend-python
  // recordings: users_list_basic, users_list_with_pagination, users_empty_result,
  // users_api_response_structure, all with `?limit=10`). [INF] `page`/`limit` are not applied.
  app.get("/v1/users", async () => ({
    data: ctx.store.state.users.map((user) => userResource(ctx, user)),
  }));
  app.get("/v1/users/:userId", async (request) => ({ data: userResource(ctx, userById(request)) }));

  // [SDK nodejs test] 201 with the invite (a java fixture says 200; unverified).
  app.post("/v1/users", async (request, reply) => {
    return reply.code(201).send({ data: inviteResource(inviteUser(ctx, request.body)) });
  });

  app.put("/v1/users/:userId", async (request) => ({
    data: userResource(ctx, updateUser(ctx, param(request, "userId"), request.body)),
  }));

  // [SDK] 204.
  app.delete("/v1/users/:userId", async (request, reply) => {
    deleteUser(ctx, userById(request));
    return reply.code(204).send();
  });

  app.get("/v1/invites", async (request) => {
    const items = ctx.store.state.invites.map(inviteResource);
    return lengthAwarePage(items, page(request), collectionUrl(request, "/invites"));
  });
  app.get("/v1/invites/:inviteId", async (request) => ({
    data: inviteResource(inviteById(request)),
  }));

  // [INF] 200 with the invite.
  app.post("/v1/invites/:inviteId/resend", async (request) => ({
    data: inviteResource(resendInvite(ctx, inviteById(request))),
  }));

  // [INF] 204, like user delete.
  app.delete("/v1/invites/:inviteId", async (request, reply) => {
    deleteInvite(ctx, inviteById(request));
    return reply.code(204).send();
  });
}
