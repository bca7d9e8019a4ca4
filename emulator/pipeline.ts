import type { FastifyInstance, FastifyRequest } from "fastify";
import { bearerCredential, isAllowed, principalLabel, resolvePrincipal } from "./auth";
import type { EmulatorContext } from "./context";
import { EmulatorApiError, forbidden, unauthenticated } from "./errors";
import { defaultFaultBody, type FaultRegistry } from "./faults";
import type { AccountLimits } from "./limits";
import type { RequestLog, RequestLogEntry, RequestOutcome } from "./request-log";

/**
 * The checks every /v1 request passes before its route handler, in this order:
 *
 * 1. faults (status, delay, drop): they model the network or MailerSend's edge, so they come first
 *    and a faulted request counts against neither the rate limit nor the quota;
 * 2. authentication: 401 for a missing, unknown or paused token. [INF] 401s are not counted either:
 *    an unauthenticated request cannot be attributed to the account;
 * 3. daily quota, then 4. per-minute rate limit: both count every authenticated request, valid or
 *    failed (docs/mailersend-api.md §2.3), except `GET /api-quota`, which "does not count towards your quota" [DOC];
 * 5. token scopes (403);
 * 6. the creation throttle on POST creates.
 *
 * Response headers are added in `onSend`, which is also where the request log entry is completed:
 * `onSend` runs before the first byte is written, so a client never sees a response whose log
 * entry is still unfinished.
 */

export const API_PREFIX = "/v1";

interface Exchange {
  entry: RequestLogEntry;
  pathAfterV1: string;
  quotaRemaining?: number;
  rateRemaining?: number;
  outcome?: RequestOutcome;
  /** The creation throttle's 429 carries no X-RateLimit-* headers [REC]. */
  omitRateLimitHeaders?: boolean;
  faultHeaders?: Record<string, string>;
  dropResponse?: boolean;
  /** The 401 and most 404s carry no `x-apiquota-*` headers [REC] (see `errors.ts`). */
  omitQuotaHeaders?: boolean;
}

/** Keyed by the raw Node request, which is the same object through every hook and the 404 handler. */
const exchanges = new WeakMap<object, Exchange>();

export function isApiUrl(url: string): boolean {
  return url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`);
}

/** The path after `/v1`, without query and trailing slash, as received (not decoded). */
function pathAfterPrefix(path: string): string {
  const rest = path.slice(API_PREFIX.length);
  return rest.length > 1 && rest.endsWith("/") ? rest.slice(0, -1) : rest || "/";
}

/** [REC] docs/mailersend-api.md §2.2 creation throttle was seen on resource creates; the emulator applies it to its creates. */
const CREATE_PATHS = new Set(["/domains", "/identities", "/token", "/users"]);

const QUOTA_PATH = "/api-quota";

export interface PipelineDeps {
  log: RequestLog;
  faults: FaultRegistry;
  limits: AccountLimits;
}

export function installApiPipeline(
  app: FastifyInstance,
  ctx: EmulatorContext,
  { log, faults, limits }: PipelineDeps,
): void {
  app.addHook("onRequest", async (request) => {
    // Every request (API and admin door) sees what other processes wrote to the shared file.
    ctx.store.syncFromDisk();
    if (!isApiUrl(request.url)) return;
    const path = request.url.split("?", 1)[0] as string;
    const query = { ...(request.query as Record<string, unknown>) };
    exchanges.set(request.raw, {
      entry: log.start(request.method, path, query),
      pathAfterV1: pathAfterPrefix(path),
    });
  });

  app.addHook("preHandler", async (request, reply) => {
    const exchange = exchanges.get(request.raw);
    if (!exchange) return;
    exchange.entry.body = request.body;
    const method = request.method;
    const path = exchange.pathAfterV1;

    const fault = faults.take(method, path);
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.drop === "request") {
        finish(exchange, null, "dropped");
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      }
      if (fault.drop === "response") {
        exchange.dropResponse = true;
      } else if (fault.status !== undefined) {
        exchange.outcome = "fault";
        exchange.faultHeaders = fault.headers;
        return reply.code(fault.status).send(fault.body ?? defaultFaultBody(fault.status));
      }
    }

    const resolved = resolvePrincipal(ctx, bearerCredential(request.headers.authorization));
    exchange.entry.auth = principalLabel(resolved?.principal);
    if (!resolved?.usable) throw unauthenticated();

    if (path !== QUOTA_PATH) {
      const quota = limits.quota.consume();
      exchange.quotaRemaining = quota.remaining;
      if (!quota.allowed) {
        exchange.outcome = "quota-exhausted";
        // [INF] docs/mailersend-api.md §2.3: the body was never captured; clients should key on x-apiquota-remaining: 0.
        throw new EmulatorApiError(429, {
          message: "You have exceeded your daily API request quota.",
        });
      }
      if (limits.rate) {
        const rate = limits.rate.hit();
        exchange.rateRemaining = rate.remaining;
        if (!rate.allowed) {
          exchange.outcome = "rate-limited";
          // [INF] docs/mailersend-api.md §2.2: Laravel throttle's body. Retry-After was never observed live (docs/mailersend-api.md §2.3): optional.
          const headers: Record<string, string> = ctx.options.retryAfterHeader
            ? { "retry-after": String(Math.max(1, Math.ceil(rate.retryAfterMs / 1000))) }
            : {};
          throw new EmulatorApiError(429, { message: "Too Many Attempts." }, headers);
        }
      }
    }

    if (!isAllowed(resolved.principal, method, path)) throw forbidden();

    if (limits.creation && method === "POST" && CREATE_PATHS.has(path)) {
      if (!limits.creation.hit().allowed) {
        exchange.outcome = "creation-throttled";
        exchange.omitRateLimitHeaders = true;
        // [REC] docs/mailersend-api.md §2.2: exact body; no Retry-After, no X-RateLimit-*.
        throw new EmulatorApiError(429, {
          message:
            "You cannot create a resource at the moment. Please wait a while before retrying.",
        });
      }
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const exchange = exchanges.get(request.raw);
    if (!exchange) return payload;
    reply.header("content-type", "application/json");
    reply.header("cache-control", "no-cache, private");
    if (!exchange.omitQuotaHeaders) {
      reply.header(
        "x-apiquota-remaining",
        String(exchange.quotaRemaining ?? limits.quota.remaining()),
      );
      reply.header("x-apiquota-reset", limits.quota.resetAt());
    }
    if (limits.rate && !exchange.omitRateLimitHeaders) {
      reply.header("x-ratelimit-limit", String(limits.rate.limit));
      reply.header(
        "x-ratelimit-remaining",
        String(exchange.rateRemaining ?? limits.rate.remaining()),
      );
    }
    for (const [name, value] of Object.entries(exchange.faultHeaders ?? {}))
      reply.header(name, value);

    if (exchange.dropResponse) {
      // The operation ran (and was persisted); the client only loses the answer.
      finish(exchange, reply.statusCode, "response-dropped");
      request.raw.socket.destroy();
      return payload;
    }
    finish(exchange, reply.statusCode, exchange.outcome ?? outcomeFor(reply.statusCode));
    return payload;
  });
}

/** This answer goes out without `x-apiquota-*` headers (called by the error handler). */
export function withoutQuotaHeaders(request: FastifyRequest): void {
  const exchange = exchanges.get(request.raw);
  if (exchange) exchange.omitQuotaHeaders = true;
}

function outcomeFor(status: number): RequestOutcome {
  if (status >= 500) return "error";
  return status >= 400 ? "rejected" : "ok";
}

function finish(exchange: Exchange, status: number | null, outcome: RequestOutcome): void {
  exchange.entry.status = status;
  exchange.entry.outcome = outcome;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The absolute URL of an API collection, for pagination links (Laravel uses the request's host). */
export function collectionUrl(request: FastifyRequest, pathAfterV1: string): string {
  return `${request.protocol}://${request.host}${API_PREFIX}${pathAfterV1}`;
}
