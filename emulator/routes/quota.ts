import type { FastifyInstance } from "fastify";
import type { AccountLimits } from "../limits";

/**
 * `GET /api-quota` [DOC] docs/mailersend-api.md §2.3: `{quota, remaining, reset}` with no `data` wrapper. It does not count
 * towards the quota or the rate limit (the pipeline skips both for this path).
 */
export function registerQuotaRoutes(app: FastifyInstance, limits: AccountLimits): void {
  app.get("/v1/api-quota", async () => ({
    quota: limits.quota.quota,
    remaining: limits.quota.remaining(),
    reset: limits.quota.resetAt(),
  }));
}
