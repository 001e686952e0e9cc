import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { inject } from "vitest";
import { ensureTable } from "../../core/store/create-table.js";
import { createDynamoStore, documentClientOptions } from "../../core/store/dynamo-store.js";
import type { Store } from "../../core/store/store.js";

let shared: DynamoDBDocumentClient | undefined;

/** One client per test file, pointed at the DynamoDB Local the global setup started. */
function localClient(): DynamoDBDocumentClient {
  shared ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject("dynamoEndpoint"),
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    }),
    documentClientOptions,
  );
  return shared;
}

/** A new, empty table (a unique name per call) on DynamoDB Local, with a store over it. */
export async function freshTable(): Promise<{
  client: DynamoDBDocumentClient;
  tableName: string;
  store: Store;
}> {
  const client = localClient();
  const tableName = `test-${randomBytes(6).toString("hex")}`;
  await ensureTable(client, tableName);
  return { client, tableName, store: createDynamoStore(client, tableName) };
}
