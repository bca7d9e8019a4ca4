import { defineConfig } from "vitest/config";

// `pool: "forks"`: Pulumi's closure serializer fails inside worker threads
// (ERR_TRACE_EVENTS_UNAVAILABLE, docs/pulumi-dynamic-providers.md §0.3).
export default defineConfig({
  test: {
    pool: "forks",
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
