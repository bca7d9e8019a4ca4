import type { FastifyRequest } from "fastify";
import { toBoolean, type Validation } from "../validation";

/** Route parameters as decoded by the router (`%2B` -> `+`; a literal `+` stays `+`, never a space). */
export function param(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? "";
}

export type Query = Record<string, string | string[] | undefined>;

export function queryOf(request: FastifyRequest): Query {
  return request.query as Query;
}

/** A boolean query filter such as `verified=true` (the SDK sends `true`/`false`, docs/mailersend-api.md §7.2). */
export function readBooleanFilter(
  validation: Validation,
  field: string,
  raw: string | string[] | undefined,
): boolean | undefined {
  if (raw === undefined || raw === "") return undefined;
  const value = raw === "true" ? true : raw === "false" ? false : toBoolean(raw);
  if (value === undefined) validation.add(field, `The ${field} field must be true or false.`);
  return value;
}
