import { afterAll, describe, expect, inject, it } from "vitest";
import { awsClients, awsDeps } from "../../core/aws/clients.js";
import { s3Client } from "../../core/aws/raw-mail-client.js";
import { sesClient } from "../../core/aws/ses-client.js";
import { sesMailerOnFirstSend } from "../../core/aws/ses-on-first-send.js";
import { configFrom } from "../../core/config.js";
import { ensureTable } from "../../core/store/create-table.js";

const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
});

const config = (tableName: string, withSchedules: boolean) =>
  configFrom({
    Table: { name: tableName },
    TokenKey: { value: "k".repeat(32) },
    Settings: { mailDomain: "coffee.test", webUrl: "https://web.coffee.test" },
    ...(withSchedules
      ? {
          Schedules: {
            group: "coffeechat",
            roleArn: "arn:aws:iam::123456789012:role/s",
            targetArn: "arn:aws:lambda:us-east-1:123456789012:function:d",
            deadLetterArn: "arn:aws:sqs:us-east-1:123456789012:q",
          },
        }
      : {}),
  });

describe("AWS clients", () => {
  // Set before the first client exists: the clients are created once per process.
  process.env.AWS_REGION = "eu-west-1";
  process.env.AWS_ACCESS_KEY_ID = "local";
  process.env.AWS_SECRET_ACCESS_KEY = "local";
  process.env.AWS_ENDPOINT_URL_DYNAMODB = inject("dynamoEndpoint");
  process.env.AWS_ENDPOINT_URL_S3 = "http://127.0.0.1:4569";

  it("creates each client once, in the region from the environment, S3 path-style for a local endpoint", async () => {
    const clients = awsClients();
    expect(awsClients()).toBe(clients);
    expect(await clients.scheduler.config.region()).toBe("eu-west-1");
    expect(sesClient()).toBe(sesClient());
    expect(await sesClient().config.region()).toBe("eu-west-1");
    expect(s3Client()).toBe(s3Client());
    expect(s3Client().config.forcePathStyle).toBe(true);
  });

  it("builds a store that reaches DynamoDB through AWS_ENDPOINT_URL_DYNAMODB", async () => {
    const tableName = `clients-${Date.now()}`;
    await ensureTable(awsClients().dynamo, tableName);
    const deps = awsDeps(config(tableName, true), sesMailerOnFirstSend);

    const result = await deps.store.commit("usr_env", [
      { op: "putAddress", address: "a@b.c", userId: "usr_env" },
    ]);

    expect(result).toEqual({ ok: true });
    expect(await deps.store.findUserIdByAddress("a@b.c")).toBe("usr_env");
    expect(deps.config.tableName).toBe(tableName);
  });

  it("gives a function without linked schedules a scheduler that refuses loudly", async () => {
    const deps = awsDeps(config("unused", false), sesMailerOnFirstSend);
    await expect(
      deps.scheduler.ensure({ name: "cc-x", at: new Date(), timeZone: "UTC", input: { type: "sweep" } }),
    ).rejects.toThrow(/not linked/);
  });
});
