import type { TestProject } from "vitest/node";
import { JAVA_INSTALL_HINT, javaAvailable, startDynamoDbLocal } from "../../local/dynamodb-local.js";
import { freePort } from "../../local/ports.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Empty when there is no DynamoDB Local (no Java here): see vitest.config.ts. */
    dynamoEndpoint: string;
  }
}

/**
 * One in-memory DynamoDB Local for the whole run; each test file creates its own table.
 * Without Java the tests that need it are left out (vitest.config.ts), except in CI, where
 * they must run.
 */
export default async function setup(project: TestProject) {
  if (!javaAvailable()) {
    if (process.env.CI)
      throw new Error(`CI runs the DynamoDB Local tests: install Java 17 (${JAVA_INSTALL_HINT})`);
    console.warn(
      `\nNo Java 17: the tests on DynamoDB Local are left out (the store contract suite runs on the memory and embedded stores only). ${JAVA_INSTALL_HINT} to run them all.\n`,
    );
    project.provide("dynamoEndpoint", "");
    return;
  }
  const port = await freePort();
  const dynamo = await startDynamoDbLocal({ port });
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return () => dynamo.stop();
}
