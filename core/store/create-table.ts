import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tableSchema } from "./table-schema.js";

/** The table as table-schema.ts defines it: on-demand, with the due and view indexes projecting everything. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, dueIndex, viewIndex } = tableSchema;
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: partitionKey, AttributeType: "S" },
      { AttributeName: sortKey, AttributeType: "S" },
      { AttributeName: dueIndex.partitionKey, AttributeType: "S" },
      { AttributeName: dueIndex.sortKey, AttributeType: "S" },
      { AttributeName: viewIndex.partitionKey, AttributeType: "S" },
      { AttributeName: viewIndex.sortKey, AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: partitionKey, KeyType: "HASH" },
      { AttributeName: sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: dueIndex.name,
        KeySchema: [
          { AttributeName: dueIndex.partitionKey, KeyType: "HASH" },
          { AttributeName: dueIndex.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
      {
        IndexName: viewIndex.name,
        KeySchema: [
          { AttributeName: viewIndex.partitionKey, KeyType: "HASH" },
          { AttributeName: viewIndex.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}

type AnyDynamoClient = DynamoDBClient | DynamoDBDocumentClient;

/**
 * Creates the table unless it exists, adds an index a table made by an older version lacks
 * (one at a time, as DynamoDB allows), waits until the table and its indexes are ACTIVE, and
 * turns on TTL on `expiresAt` (DynamoDB Local accepts it without ever expiring anything).
 */
export async function ensureTable(
  client: AnyDynamoClient,
  tableName: string,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const send = client.send.bind(client) as DynamoDBClient["send"];
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  if (!(await describe(send, tableName))) {
    try {
      await send(new CreateTableCommand(createTableInput(tableName)));
    } catch (error) {
      // Created meanwhile by another process: wait for it like for our own.
      if (!(error instanceof Error && error.name === "ResourceInUseException")) throw error;
    }
  }
  const wanted = createTableInput(tableName);
  for (;;) {
    const table = await describe(send, tableName);
    const indexes = table?.GlobalSecondaryIndexes ?? [];
    const indexesActive = indexes.every((index) => index.IndexStatus === "ACTIVE");
    if (table?.TableStatus === "ACTIVE" && indexesActive) {
      const missing = wanted.GlobalSecondaryIndexes?.find(
        (index) => !indexes.some((have) => have.IndexName === index.IndexName),
      );
      if (!missing) break;
      try {
        await send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: wanted.AttributeDefinitions,
            GlobalSecondaryIndexUpdates: [{ Create: missing }],
          }),
        );
      } catch (error) {
        // Being added meanwhile by another process: wait for it like for our own.
        const name = error instanceof Error ? error.name : "";
        if (name !== "ResourceInUseException" && name !== "ValidationException") throw error;
      }
    }
    if (Date.now() > deadline) throw new Error(`table ${tableName} did not become ACTIVE in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await ensureTimeToLive(send, tableName);
}

async function describe(send: DynamoDBClient["send"], tableName: string) {
  try {
    return (await send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (error) {
    if (error instanceof Error && error.name === "ResourceNotFoundException") return null;
    throw error;
  }
}

async function ensureTimeToLive(send: DynamoDBClient["send"], tableName: string): Promise<void> {
  const current = await send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === "ENABLED" || status === "ENABLING") return;
  try {
    await send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    // Enabled concurrently: that is the state we wanted.
    if (!(error instanceof Error && /already enabled/i.test(error.message))) throw error;
  }
}
