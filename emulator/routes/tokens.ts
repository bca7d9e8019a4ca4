import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context";
import { orNotFound } from "../errors";
import { lengthAwarePage, readPageRequest } from "../pagination";
import { collectionUrl } from "../pipeline";
import { createToken, deleteToken, hasFullAccess, updateToken } from "../rules/tokens";
import { domainCreateStyle, tokenResource, tokenUpdateResource } from "../serializers";
import type { TokenRecord } from "../state";
import { Validation } from "../validation";
import { param, queryOf } from "./request-parts";

/** API tokens (docs/mailersend-api.md §5). `accessToken` appears in the create response and nowhere else. */
export function registerTokenRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const byId = (request: FastifyRequest): TokenRecord =>
    orNotFound(ctx.store.token(param(request, "tokenId")));

  app.get("/v1/token", async (request) => {
    const validation = new Validation();
    const page = readPageRequest(validation, queryOf(request));
    validation.finish();
    const items = ctx.store.state.tokens.map((token) => tokenResource(ctx, token));
    return lengthAwarePage(items, page, collectionUrl(request, "/token"));
  });

  // [DOC] shows no `domain` here; the list item shape [REC] is used (a superset).
  app.get("/v1/token/:tokenId", async (request) => ({ data: tokenResource(ctx, byId(request)) }));

  // [REC] 200 (not 201), with the secret and the create-style domain (or null).
  app.post("/v1/token", async (request) => {
    const { token, accessToken } = createToken(ctx, request.body);
    const domain = token.domainId === null ? undefined : ctx.store.domain(token.domainId);
    return {
      data: {
        id: token.id,
        accessToken,
        name: token.name,
        created_at: token.createdAt,
        scopes: [...token.scopes],
        has_full: hasFullAccess(token),
        domain: domain ? domainCreateStyle(domain) : null,
        preview: token.preview,
        expires_at: null,
      },
    };
  });

  // docs/mailersend-api.md §5.1: nodejs/php 3.x use PUT /token/{id}; the docs and python use PUT /token/{id}/settings.
  const update = async (request: FastifyRequest) => ({
    data: tokenUpdateResource(ctx, updateToken(ctx, byId(request), request.body)),
  });
  app.put("/v1/token/:tokenId", update);
  app.put("/v1/token/:tokenId/settings", update);

  // [REC 2022] 200 with an empty body.
  app.delete("/v1/token/:tokenId", async (request, reply) => {
    deleteToken(ctx, byId(request));
    return reply.code(200).send("");
  });
}
