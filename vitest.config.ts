import { configDefaults, defineConfig } from "vitest/config";
import { javaAvailable } from "./local/dynamodb-local.js";

/**
 * Test files that need DynamoDB Local (Java) throughout. On a machine without Java they are left
 * out, so `npm test` works with Node alone; CI has Java and runs them (test/setup/dynamodb-local.ts
 * fails there without it). The store contract suite runs either way, on the stores it has.
 */
const NEEDS_DYNAMODB_LOCAL = [
  "test/aws/clients.test.ts",
  "test/commands/data-verbs.test.ts",
  "test/infra/bundle.test.ts",
  "test/reliability/**",
  "test/store/create-table.test.ts",
  "test/local/stack-wiring.test.ts",
  "test/local/stack.e2e.test.ts",
  "test/local/journey.e2e.test.ts",
];

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "core/**/*.test.ts", "functions/**/*.test.ts", "local/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(javaAvailable() || process.env.CI ? [] : NEEDS_DYNAMODB_LOCAL)],
    globalSetup: ["test/setup/dynamodb-local.ts", "test/setup/sst-platform.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Node 20 is supported until the SDK's January 2027 releases; the lock file pins older ones.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
