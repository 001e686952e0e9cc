import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "core/**/*.test.ts", "functions/**/*.test.ts", "local/**/*.test.ts"],
    globalSetup: ["test/setup/dynamodb-local.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
