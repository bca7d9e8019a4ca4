import type { Validation } from "./validation";

/**
 * Laravel paginators (docs/mailersend-api.md §1 "Pagination"). `page` >= 1, `limit` 10..100, default 25 [DOC];
 * [INF] out-of-range values give a 422 with Laravel's `min`/`max`/`integer` messages (the server's
 * real answer to `limit=5` was never observed).
 */
export interface PageRequest {
  page: number;
  limit: number;
}

export const DEFAULT_LIMIT = 25;
export const MIN_LIMIT = 10;
export const MAX_LIMIT = 100;

type QueryValue = string | string[] | undefined;

/** Reads `page` and `limit` into `validation` (so they combine with other query errors). */
export function readPageRequest(
  validation: Validation,
  query: Record<string, QueryValue>,
): PageRequest {
  const page = readInteger(validation, "page", query.page, 1, Infinity);
  const limit = readInteger(validation, "limit", query.limit, MIN_LIMIT, MAX_LIMIT);
  return { page: page ?? 1, limit: limit ?? DEFAULT_LIMIT };
}

function readInteger(
  validation: Validation,
  field: string,
  raw: QueryValue,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const text = Array.isArray(raw) ? undefined : raw.trim();
  if (text === undefined || !/^-?\d+$/.test(text)) {
    validation.add(field, `The ${field} field must be an integer.`);
    return undefined;
  }
  const value = Number(text);
  if (value < min) {
    validation.add(field, `The ${field} field must be at least ${min}.`);
    return undefined;
  }
  if (value > max) {
    validation.add(field, `The ${field} field must not be greater than ${max}.`);
    return undefined;
  }
  return value;
}

interface PageLink {
  url: string | null;
  label: string;
  active: boolean;
}

/**
 * [REC] length-aware shape (domains, identities, tokens, users, invites). `path` is the absolute URL
 * of the collection without a query; links carry only `page` (the recorded webhooks list does the
 * same; the token list once also echoed `limit`).
 */
export function lengthAwarePage<T>(items: readonly T[], request: PageRequest, path: string) {
  const { page, limit } = request;
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / limit));
  const data = items.slice((page - 1) * limit, page * limit);
  const from = data.length > 0 ? (page - 1) * limit + 1 : null;
  const url = (n: number): string => `${path}?page=${n}`;
  const prev = page > 1 ? url(page - 1) : null;
  const next = page < lastPage ? url(page + 1) : null;
  return {
    data,
    links: { first: url(1), last: url(lastPage), prev, next },
    meta: {
      current_page: page,
      from,
      last_page: lastPage,
      links: [
        { url: prev, label: "&laquo; Previous", active: false },
        ...pageWindow(page, lastPage).map((n): PageLink =>
          n === null
            ? { url: null, label: "...", active: false }
            : { url: url(n), label: String(n), active: n === page },
        ),
        { url: next, label: "Next &raquo;", active: false },
      ],
      path,
      per_page: limit,
      to: from === null ? null : from + data.length - 1,
      total,
    },
  };
}

/**
 * Laravel's UrlWindow with `onEachSide = 3`: all pages when there are few, otherwise the first two,
 * a slider around the current page and the last two, separated by "..." (null here).
 */
function pageWindow(current: number, last: number): (number | null)[] {
  const onEachSide = 3;
  const range = (from: number, to: number): number[] =>
    Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  const window = onEachSide + 4;
  if (last < onEachSide * 2 + 8) return range(1, last);
  if (current <= window) return [...range(1, window + onEachSide), null, ...range(last - 1, last)];
  if (current > last - window) {
    return [...range(1, 2), null, ...range(last - (window + (onEachSide - 1)), last)];
  }
  return [
    ...range(1, 2),
    null,
    ...range(current - onEachSide, current + onEachSide),
    null,
    ...range(last - 1, last),
  ];
}

/** [REC] simple shape (domain recipients, SMTP users): no totals, no last page. */
export function simplePage<T>(items: readonly T[], request: PageRequest, path: string) {
  const { page, limit } = request;
  const data = items.slice((page - 1) * limit, page * limit);
  const hasMore = items.length > page * limit;
  const from = data.length > 0 ? (page - 1) * limit + 1 : null;
  const url = (n: number): string => `${path}?page=${n}`;
  return {
    data,
    links: {
      first: url(1),
      last: null,
      prev: page > 1 ? url(page - 1) : null,
      next: hasMore ? url(page + 1) : null,
    },
    meta: {
      current_page: page,
      from,
      path,
      per_page: limit,
      to: from === null ? null : from + data.length - 1,
    },
  };
}
