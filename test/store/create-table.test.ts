import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { createTableInput, ensureTable } from "../../core/store/create-table.js";
import { startDynamoDbLocal } from "../../local/dynamodb-local.js";
import { freePort } from "../../local/ports.js";

describe("the table", () => {
  it("is on-demand, keyed pk/sk, with the due index projecting everything", () => {
    expect(createTableInput("coffeechat-x")).toEqual({
      TableName: "coffeechat-x",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
        { AttributeName: "gsi1pk", AttributeType: "S" },
        { AttributeName: "gsi1sk", AttributeType: "S" },
        { AttributeName: "gsi2pk", AttributeType: "S" },
        { AttributeName: "gsi2sk", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "due-index",
          KeySchema: [
            { AttributeName: "gsi1pk", KeyType: "HASH" },
            { AttributeName: "gsi1sk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
        {
          IndexName: "view-index",
          KeySchema: [
            { AttributeName: "gsi2pk", KeyType: "HASH" },
            { AttributeName: "gsi2sk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    });
  });

  it("is created once, ACTIVE, with TTL on expiresAt; ensuring it again (even concurrently) is harmless", async () => {
    const client = new DynamoDBClient({
      endpoint: inject("dynamoEndpoint"),
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const tableName = `ensure-${Date.now()}`;

    await Promise.all([ensureTable(client, tableName), ensureTable(client, tableName)]);
    await ensureTable(client, tableName);

    const table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    expect(table?.TableStatus).toBe("ACTIVE");
    expect(table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus])).toEqual([
      ["due-index", "ACTIVE"],
      ["view-index", "ACTIVE"],
    ]);
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: "expiresAt",
      TimeToLiveStatus: "ENABLED",
    });
  });

  it("adds an index a table made by an older version lacks", async () => {
    // An emulator of its own: the shared one, busy with every other test file's tables, can take
    // minutes to build an added index.
    const dynamo = await startDynamoDbLocal({ port: await freePort() });
    onTestFinished(() => dynamo.stop());
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const tableName = `older-${Date.now()}`;
    const current = createTableInput(tableName);
    await client.send(
      new CreateTableCommand({
        ...current,
        AttributeDefinitions: current.AttributeDefinitions?.filter(
          (a) => !a.AttributeName?.startsWith("gsi2"),
        ),
        GlobalSecondaryIndexes: current.GlobalSecondaryIndexes?.filter((i) => i.IndexName === "due-index"),
      }),
    );
    await ensureTable(client, tableName, { timeoutMs: 150_000 });
    const table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    expect(table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus]).sort()).toEqual([
      ["due-index", "ACTIVE"],
      ["view-index", "ACTIVE"],
    ]);
  }, 180_000);
});
