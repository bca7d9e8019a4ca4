import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "./context";
import { EmulatorApiError, notFound } from "./errors";
import type { FaultRegistry } from "./faults";
import type { AccountLimits } from "./limits";
import { loadFastify } from "./load-fastify";
import { installApiPipeline, isApiUrl, withoutQuotaHeaders } from "./pipeline";
import type { RequestLog } from "./request-log";
import { ADMIN_PREFIX, registerAdminRoutes } from "./routes/admin";
import { registerDomainRoutes } from "./routes/domains";
import { registerIdentityRoutes } from "./routes/identities";
import { registerQuotaRoutes } from "./routes/quota";
import { registerTokenRoutes } from "./routes/tokens";
import { registerUserRoutes } from "./routes/users";
import type { EmulatorStore } from "./store-handle";

export interface ServerDeps {
  ctx: EmulatorContext;
  log: RequestLog;
  faults: FaultRegistry;
  limits: AccountLimits;
  store: EmulatorStore;
  reset: () => void;
}

export function buildServer(deps: ServerDeps): FastifyInstance {
  const { ctx, limits } = deps;
  const app = loadFastify()({
    logger: false,
    // Identity emails go into the path (up to 191 chars, docs/mailersend-api.md §4.3); the router's default cap is 100.
    routerOptions: { maxParamLength: 1000, ignoreTrailingSlash: true },
    // close() must not wait for keep-alive clients or requests held by a delay fault.
    forceCloseConnections: true,
  });

  installJsonBodyParser(app);
  installApiPipeline(app, ctx, deps);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof EmulatorApiError) {
      if (!error.quotaHeaders) withoutQuotaHeaders(request);
      return reply.code(error.status).headers(error.headers).send(error.body);
    }
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return reply.code(status).send({ message: (error as Error).message });
    }
    // An emulator bug: say so on stderr (the client only gets Laravel's production 500 body).
    console.error("[mailersend-emulator] unexpected error:", error);
    return reply.code(500).send({ message: "Server Error" });
  });

  app.setNotFoundHandler((request, reply) => {
    // [INF] unknown /v1 routes, and known paths with an unsupported method, get the same 404 as
    // unknown ids (after auth). Laravel would answer 405 for a wrong method; nothing recorded.
    if (isApiUrl(request.url)) throw notFound();
    const hint = request.url.startsWith(ADMIN_PREFIX)
      ? "Unknown emulator admin route."
      : "Not found. The MailerSend API is served under /v1 and the admin door under /__emulator.";
    return reply.code(404).send({ message: hint });
  });

  registerDomainRoutes(app, ctx);
  registerIdentityRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerQuotaRoutes(app, limits);
  registerAdminRoutes(app, deps);
  return app;
}

/**
 * JSON bodies for every content type (the SDK always sends application/json). An empty body is no
 * body (the SDK sends none on DELETE). [INF] malformed JSON also counts as no input, as Laravel's
 * `$request->json()` yields an empty bag for it: the request then passes auth and limits and fails
 * validation like an empty body would.
 */
function installJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => {
    const text = String(body).trim();
    let parsed: unknown = undefined;
    if (text !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    done(null, parsed);
  });
}
