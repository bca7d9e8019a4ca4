import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { call, invalid, start } from "./support";

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start({ rateLimit: false });
});
afterEach(() => emulator.close());

function seedDomains(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => emulator.store.domains.create({ name: `d${i + 1}.com` }).id,
  );
}

interface Page {
  data: { id: string }[];
  links: Record<string, string | null>;
  meta: Record<string, unknown> & {
    links: { url: string | null; label: string; active: boolean }[];
  };
}

describe("length-aware paginator (docs/mailersend-api.md §1)", () => {
  it("pages with from/to/total/last_page and prev/next links", async () => {
    const ids = seedDomains(23);
    const base = `${emulator.url}/domains`;
    const response = await call(emulator, "GET", "/domains?page=2&limit=10");
    expect(response.status).toBe(200);
    const page = response.body as Page;
    expect(page.data.map((d) => d.id)).toEqual(ids.slice(10, 20));
    expect(page.links).toEqual({
      first: `${base}?page=1`,
      last: `${base}?page=3`,
      prev: `${base}?page=1`,
      next: `${base}?page=3`,
    });
    expect(page.meta).toEqual({
      current_page: 2,
      from: 11,
      last_page: 3,
      links: [
        { url: `${base}?page=1`, label: "&laquo; Previous", active: false },
        { url: `${base}?page=1`, label: "1", active: false },
        { url: `${base}?page=2`, label: "2", active: true },
        { url: `${base}?page=3`, label: "3", active: false },
        { url: `${base}?page=3`, label: "Next &raquo;", active: false },
      ],
      path: base,
      per_page: 10,
      to: 20,
      total: 23,
    });
    const last = (await call(emulator, "GET", "/domains?page=3&limit=10")).body as Page;
    expect(last.data).toHaveLength(3);
    expect(last.meta).toMatchObject({ from: 21, to: 23, current_page: 3 });
    expect(last.links.next).toBeNull();
  });

  it("answers an empty page past the end (and for an empty collection)", async () => {
    const empty = (await call(emulator, "GET", "/domains")).body as Page;
    expect(empty.data).toEqual([]);
    expect(empty.meta).toMatchObject({
      from: null,
      to: null,
      total: 0,
      last_page: 1,
      per_page: 25,
    });
    seedDomains(2);
    const past = (await call(emulator, "GET", "/domains?page=5")).body as Page;
    expect(past.data).toEqual([]);
    expect(past.meta).toMatchObject({
      current_page: 5,
      from: null,
      to: null,
      total: 2,
      last_page: 1,
    });
  });

  it("collapses many pages with '...' like Laravel's UrlWindow", async () => {
    seedDomains(200);
    const labels = async (page: number) =>
      ((await call(emulator, "GET", `/domains?limit=10&page=${page}`)).body as Page).meta.links.map(
        (l) => l.label,
      );
    expect(await labels(1)).toEqual([
      "&laquo; Previous",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
      "...",
      "19",
      "20",
      "Next &raquo;",
    ]);
    expect(await labels(10)).toEqual([
      "&laquo; Previous",
      "1",
      "2",
      "...",
      "7",
      "8",
      "9",
      "10",
      "11",
      "12",
      "13",
      "...",
      "19",
      "20",
      "Next &raquo;",
    ]);
    expect(await labels(20)).toEqual([
      "&laquo; Previous",
      "1",
      "2",
      "...",
      "11",
      "12",
      "13",
      "14",
      "15",
      "16",
      "17",
      "18",
      "19",
      "20",
      "Next &raquo;",
    ]);
  });

  it.each([
    ["limit=9", "limit", "The limit field must be at least 10."],
    ["limit=101", "limit", "The limit field must not be greater than 100."],
    ["limit=ten", "limit", "The limit field must be an integer."],
    ["page=0", "page", "The page field must be at least 1."],
    ["page=1.5", "page", "The page field must be an integer."],
  ])("rejects %s with 422 ([INF])", async (query, field, message) => {
    const response = await call(emulator, "GET", `/domains?${query}`);
    expect(response.status).toBe(422);
    expect(response.body).toEqual(invalid(field, message));
  });

  it.each(["limit=10", "limit=100"])("accepts the bound %s", async (query) => {
    expect((await call(emulator, "GET", `/domains?${query}`)).status).toBe(200);
  });

  it.each(["/identities", "/token", "/invites"])(
    "%s uses the same shape and bounds",
    async (path) => {
      const response = await call(emulator, "GET", `${path}?limit=10`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        data: [],
        links: {
          first: `${emulator.url}${path}?page=1`,
          last: `${emulator.url}${path}?page=1`,
          prev: null,
          next: null,
        },
        meta: {
          current_page: 1,
          from: null,
          last_page: 1,
          links: [
            { url: null, label: "&laquo; Previous", active: false },
            { url: `${emulator.url}${path}?page=1`, label: "1", active: true },
            { url: null, label: "Next &raquo;", active: false },
          ],
          path: `${emulator.url}${path}`,
          per_page: 10,
          to: null,
          total: 0,
        },
      });
      expect((await call(emulator, "GET", `${path}?limit=5`)).status).toBe(422);
    },
  );
});

describe("simple paginator (docs/mailersend-api.md §1)", () => {
  it("has no totals and no last page; prev link on later pages", async () => {
    const { id } = emulator.store.domains.create({ name: "example.com" });
    const path = `${emulator.url}/domains/${id}/recipients`;
    const response = await call(emulator, "GET", `/domains/${id}/recipients?page=2`);
    expect(response.body).toEqual({
      data: [],
      links: { first: `${path}?page=1`, last: null, prev: `${path}?page=1`, next: null },
      meta: { current_page: 2, from: null, path, per_page: 25, to: null },
    });
    expect((await call(emulator, "GET", `/domains/${id}/recipients?limit=101`)).status).toBe(422);
  });
});
