import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "../../local/dynamodb-local.js";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One in-memory DynamoDB Local for the whole run; each test file creates its own table. */
export default async function setup(project: TestProject) {
  const port = await freePort();
  const dynamo = await startDynamoDbLocal({ port });
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return () => dynamo.stop();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
