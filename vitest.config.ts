import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "core/**/*.test.ts", "functions/**/*.test.ts", "local/**/*.test.ts"],
    globalSetup: ["test/setup/dynamodb-local.ts", "test/setup/sst-platform.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Node 20 is supported until the SDK's January 2027 releases; the lock file pins older ones.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
