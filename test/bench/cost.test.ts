import { describe, expect, it } from "vitest";
import { type AwsCall, byOperation } from "../../bench/aws-call.js";
import { check } from "../../bench/budgets.js";
import { percentile } from "../../bench/cold-import.js";
import { costPerUser, deploymentCost, monthlyCost, prices, type UsageAssumptions } from "../../bench/cost.js";

const call = (service: AwsCall["service"], operation: string, readUnits = 0, writeUnits = 0): AwsCall => ({
  service,
  operation,
  readUnits,
  writeUnits,
});

const quiet: UsageAssumptions = {
  mailsIn: 10,
  promptsOut: 20,
  pageViews: 20,
  chunksPerMail: 1,
  memoryMb: { inbound: 1024, dispatch: 512, web: 512 },
  msPerAwsCall: 0,
  initMs: { inbound: 0, dispatch: 0, web: 0 },
  computeMs: { inbound: 0, dispatch: 0, web: 0 },
  logBytesPerInvocation: 0,
  storedDynamoBytes: 0,
  storedRawMailBytes: 0,
};

const GB = 1024 ** 3;

describe("monthly cost per active user", () => {
  const calls = {
    invite: [
      call("S3", "GetObject"),
      call("DynamoDB", "TransactWriteItems", 0, 8),
      call("SESv2", "SendEmail"),
    ],
    promptFired: [call("DynamoDB", "UpdateItem", 0, 2), call("SESv2", "SendEmail")],
    pageView: [call("DynamoDB", "Query", 1.5)],
  };

  it("prices every mail sent: 20 mails out are 10 confirmations (one per mail in) and 10 scheduled prompts", () => {
    const cost = monthlyCost(calls, quiet);
    const sent = cost.lines.find((l) => l.item === "SES mail sent");
    expect(sent?.quantity).toBe(20);
    expect(sent?.usd).toBeCloseTo(20 * prices.sesPerSent, 12);
  });

  it("sums DynamoDB capacity per scenario times how often it happens", () => {
    const cost = monthlyCost(calls, quiet);
    expect(cost.lines.find((l) => l.item === "DynamoDB WRU")?.quantity).toBe(10 * 8 + 10 * 2);
    expect(cost.lines.find((l) => l.item === "DynamoDB RRU")?.quantity).toBe(20 * 1.5);
  });

  it("bills Lambda time from init, compute and AWS round trips at each function's memory", () => {
    const slow = { ...quiet, initMs: { inbound: 1000, dispatch: 0, web: 0 }, msPerAwsCall: 0 };
    const base = monthlyCost(calls, quiet).lines.find((l) => l.item.startsWith("Lambda GB-s"))?.quantity ?? 0;
    const more = monthlyCost(calls, slow).lines.find((l) => l.item.startsWith("Lambda GB-s"))?.quantity ?? 0;
    // 10 inbound invocations × 1 s × 1 GB.
    expect(more - base).toBeCloseTo(10, 9);
  });

  it("is the sum of its lines, and SES dominates a typical month", () => {
    const cost = monthlyCost(calls, quiet);
    expect(cost.totalUsd).toBeCloseTo(
      cost.lines.reduce((s, l) => s + l.usd, 0),
      12,
    );
    const ses = cost.lines.filter((l) => l.item.startsWith("SES")).reduce((s, l) => s + l.usd, 0);
    expect(ses / cost.totalUsd).toBeGreaterThan(0.9);
  });
});

describe("what else a month costs", () => {
  const calls = { invite: [call("SESv2", "SendEmail")], promptFired: [], pageView: [] };

  it("bills logs for every invocation, ingested and kept, and storage by the byte", () => {
    const cost = monthlyCost(calls, {
      ...quiet,
      logBytesPerInvocation: GB / 50,
      storedDynamoBytes: 2 * GB,
      storedRawMailBytes: GB,
    });
    const line = (item: string) => cost.lines.find((l) => l.item === item);
    // 10 inbound + 10 dispatch + 20 web invocations.
    expect(line("CloudWatch Logs GB ingested")?.quantity).toBeCloseTo(40 / 50, 9);
    expect(line("CloudWatch Logs GB ingested")?.usd).toBeCloseTo(0.8 * prices.cloudWatchLogsPerGbIngested, 9);
    expect(line("DynamoDB storage GB-month")?.usd).toBeCloseTo(2 * prices.dynamoPerGbMonth, 9);
    expect(line("S3 storage GB-month (raw mail)")?.usd).toBeCloseTo(prices.s3PerGbMonth, 9);
  });

  it("charges a deployment for its sweep, alarms and keys whatever its users, shared among them", () => {
    const fixed = deploymentCost({
      sweepRunsPerMonth: 720,
      sweepMs: 1000,
      sweepMemoryMb: 512,
      sweepReadUnits: 4,
      alarms: 2,
      kmsKeys: 0,
      logBytesPerSweep: 0,
    });
    const line = (item: string) => fixed.lines.find((l) => l.item.startsWith(item));
    expect(line("CloudWatch alarms")?.usd).toBeCloseTo(0.2, 9);
    expect(line("sweep Lambda GB-s")?.quantity).toBeCloseTo(360, 9);
    expect(line("sweep DynamoDB RRU")?.quantity).toBe(2880);
    expect(line("KMS")?.usd).toBe(0);
    const perUser = monthlyCost(calls, quiet);
    expect(costPerUser(perUser, fixed, 1)).toBeCloseTo(perUser.totalUsd + fixed.totalUsd, 12);
    expect(costPerUser(perUser, fixed, 1_000)).toBeCloseTo(perUser.totalUsd + fixed.totalUsd / 1_000, 12);
  });
});

describe("bench helpers", () => {
  it("groups calls by service and operation", () => {
    const groups = byOperation([
      call("DynamoDB", "Query", 0.5),
      call("SESv2", "SendEmail"),
      call("DynamoDB", "Query", 1),
    ]);
    expect(groups).toEqual([
      { service: "DynamoDB", operation: "Query", count: 2, readUnits: 1.5, writeUnits: 0 },
      { service: "SESv2", operation: "SendEmail", count: 1, readUnits: 0, writeUnits: 0 },
    ]);
  });

  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("fails a budget that was not measured", () => {
    expect(check("x", Number.NaN, 1, "ms").pass).toBe(false);
    expect(check("x", 1, 1, "ms").pass).toBe(true);
    expect(check("x", 1.01, 1, "ms").pass).toBe(false);
  });
});
