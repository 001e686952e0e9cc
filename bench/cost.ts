import type { AwsCall } from "./aws-call.js";

/** List prices, us-east-1 (the AWS pricing pages of each service). */
export const prices = {
  lambdaPerRequest: 0.2 / 1e6,
  /** arm64. */
  lambdaPerGbSecond: 0.0000133334,
  dynamoPerWru: 0.625 / 1e6,
  dynamoPerRru: 0.125 / 1e6,
  schedulerPerInvocation: 1.0 / 1e6,
  sesPerSent: 0.1 / 1000,
  sesPerReceived: 0.1 / 1000,
  /** Per 256 KB chunk of received mail. */
  sesPerReceivedChunk: 0.09 / 1000,
  s3PerPut: 0.005 / 1000,
  s3PerGet: 0.0004 / 1000,
  s3PerGbMonth: 0.023,
  dynamoPerGbMonth: 0.25,
  cloudWatchLogsPerGbIngested: 0.5,
  cloudWatchLogsPerGbMonthStored: 0.03,
  cloudWatchPerAlarmMonth: 0.1,
  /** The table is encrypted with the AWS owned key (DynamoDB's default): no KMS key, no KMS requests billed. */
  kmsPerKeyMonth: 0,
} as const;

/** What one active user does in a month, and how the functions are sized (infra/sizing.ts). */
export interface UsageAssumptions {
  mailsIn: number;
  /**
   * Every mail coffeechat sends the user: each mail in is answered by a confirmation (sent by
   * the inbound function), the rest are scheduled prompts fired through dispatch.
   */
  promptsOut: number;
  pageViews: number;
  /** A forwarded invite is well under one 256 KB chunk. */
  chunksPerMail: number;
  memoryMb: { inbound: number; dispatch: number; web: number };
  /** Wall time an AWS call adds to an invocation (in-region round trip). */
  msPerAwsCall: number;
  /** Cold-start init billed on every invocation: one user's mail is too sparse to find a warm instance. */
  initMs: { inbound: number; dispatch: number; web: number };
  /** Our own compute per invocation. */
  computeMs: { inbound: number; dispatch: number; web: number };
  /** CloudWatch Logs per invocation: Lambda's START/END/REPORT lines plus our own JSON lines. */
  logBytesPerInvocation: number;
  /** The user's items in DynamoDB (table and both indexes), and their raw mail kept in S3. */
  storedDynamoBytes: number;
  storedRawMailBytes: number;
}

/** What a deployment pays whatever its number of users (infra/). */
export interface DeploymentAssumptions {
  /** The hourly sweep: its invocations, and what one run costs when nothing is overdue. */
  sweepRunsPerMonth: number;
  sweepMs: number;
  sweepMemoryMb: number;
  sweepReadUnits: number;
  /** CloudWatch alarms (infra/scheduler.ts: dead letters, failed invocations). */
  alarms: number;
  kmsKeys: number;
  logBytesPerSweep: number;
}

export interface CostLine {
  item: string;
  quantity: number;
  usd: number;
}

export interface MonthlyCost {
  lines: CostLine[];
  totalUsd: number;
}

type Scenario = "inbound" | "dispatch" | "web";

/**
 * Cost per active user per month from measured call counts: each mail in is a typical invite,
 * each prompt out one firing, each page view one GET. DynamoDB capacity is what DynamoDB reported.
 */
export function monthlyCost(
  calls: { invite: AwsCall[]; promptFired: AwsCall[]; pageView: AwsCall[] },
  a: UsageAssumptions,
): MonthlyCost {
  const runs: { scenario: Scenario; times: number; calls: AwsCall[] }[] = [
    { scenario: "inbound", times: a.mailsIn, calls: calls.invite },
    { scenario: "dispatch", times: Math.max(0, a.promptsOut - a.mailsIn), calls: calls.promptFired },
    { scenario: "web", times: a.pageViews, calls: calls.pageView },
  ];
  const count = (list: AwsCall[], service: string, ops?: string[]) =>
    list.filter((c) => c.service === service && (!ops || ops.includes(c.operation))).length;
  const perMonth = (f: (list: AwsCall[]) => number) => runs.reduce((sum, r) => sum + r.times * f(r.calls), 0);

  const invocations = runs.reduce((sum, r) => sum + r.times, 0);
  const gbSeconds = runs.reduce((sum, r) => {
    const ms = a.initMs[r.scenario] + a.computeMs[r.scenario] + r.calls.length * a.msPerAwsCall;
    return sum + r.times * (ms / 1000) * (a.memoryMb[r.scenario] / 1024);
  }, 0);
  const wru = perMonth((l) => l.reduce((s, c) => s + c.writeUnits, 0));
  const rru = perMonth((l) => l.reduce((s, c) => s + c.readUnits, 0));
  const sent = perMonth((l) => count(l, "SESv2", ["SendEmail"]));
  const s3Gets = perMonth((l) => count(l, "S3", ["GetObject", "HeadObject"]));
  // SES's receipt rule writes every message to S3 (one PUT); the prompt schedules fire the dispatch function.
  const s3Puts = a.mailsIn;
  const schedulerInvocations = Math.max(0, a.promptsOut - a.mailsIn);
  const schedulerApiCalls = perMonth((l) => count(l, "Scheduler"));

  const lines: CostLine[] = [
    { item: "Lambda requests", quantity: invocations, usd: invocations * prices.lambdaPerRequest },
    {
      item: "Lambda GB-s (arm64, init billed)",
      quantity: gbSeconds,
      usd: gbSeconds * prices.lambdaPerGbSecond,
    },
    { item: "DynamoDB WRU", quantity: wru, usd: wru * prices.dynamoPerWru },
    { item: "DynamoDB RRU", quantity: rru, usd: rru * prices.dynamoPerRru },
    { item: "SES mail received", quantity: a.mailsIn, usd: a.mailsIn * prices.sesPerReceived },
    {
      item: "SES 256 KB chunks received",
      quantity: a.mailsIn * a.chunksPerMail,
      usd: a.mailsIn * a.chunksPerMail * prices.sesPerReceivedChunk,
    },
    { item: "SES mail sent", quantity: sent, usd: sent * prices.sesPerSent },
    { item: "S3 PUT (raw mail)", quantity: s3Puts, usd: s3Puts * prices.s3PerPut },
    { item: "S3 GET/HEAD", quantity: s3Gets, usd: s3Gets * prices.s3PerGet },
    {
      item: "Scheduler invocations",
      quantity: schedulerInvocations,
      usd: schedulerInvocations * prices.schedulerPerInvocation,
    },
    // Scheduler's API calls (Create/Delete) are free; listed so the count is visible.
    { item: "Scheduler API calls (free)", quantity: schedulerApiCalls, usd: 0 },
    ...logLines(invocations * a.logBytesPerInvocation),
    {
      item: "DynamoDB storage GB-month",
      quantity: a.storedDynamoBytes / GB,
      usd: (a.storedDynamoBytes / GB) * prices.dynamoPerGbMonth,
    },
    {
      item: "S3 storage GB-month (raw mail)",
      quantity: a.storedRawMailBytes / GB,
      usd: (a.storedRawMailBytes / GB) * prices.s3PerGbMonth,
    },
  ];
  return { lines, totalUsd: lines.reduce((sum, l) => sum + l.usd, 0) };
}

const GB = 1024 ** 3;

/** Ingested once, then stored for the one-month retention (infra/functions.ts). */
function logLines(bytes: number): CostLine[] {
  return [
    {
      item: "CloudWatch Logs GB ingested",
      quantity: bytes / GB,
      usd: (bytes / GB) * prices.cloudWatchLogsPerGbIngested,
    },
    {
      item: "CloudWatch Logs GB-month stored",
      quantity: bytes / GB,
      usd: (bytes / GB) * prices.cloudWatchLogsPerGbMonthStored,
    },
  ];
}

/** What the deployment pays each month before its first user: the hourly sweep, alarms, keys. */
export function deploymentCost(d: DeploymentAssumptions): MonthlyCost {
  const gbSeconds = d.sweepRunsPerMonth * (d.sweepMs / 1000) * (d.sweepMemoryMb / 1024);
  const rru = d.sweepRunsPerMonth * d.sweepReadUnits;
  const lines: CostLine[] = [
    {
      item: "sweep Lambda requests",
      quantity: d.sweepRunsPerMonth,
      usd: d.sweepRunsPerMonth * prices.lambdaPerRequest,
    },
    { item: "sweep Lambda GB-s", quantity: gbSeconds, usd: gbSeconds * prices.lambdaPerGbSecond },
    { item: "sweep DynamoDB RRU", quantity: rru, usd: rru * prices.dynamoPerRru },
    ...logLines(d.sweepRunsPerMonth * d.logBytesPerSweep).map((l) => ({ ...l, item: `sweep ${l.item}` })),
    { item: "CloudWatch alarms", quantity: d.alarms, usd: d.alarms * prices.cloudWatchPerAlarmMonth },
    { item: "KMS keys (AWS owned key: free)", quantity: d.kmsKeys, usd: d.kmsKeys * prices.kmsPerKeyMonth },
  ];
  return { lines, totalUsd: lines.reduce((sum, l) => sum + l.usd, 0) };
}

/** Per active user in a deployment of `users`: their own cost plus their share of the fixed one. */
export function costPerUser(perUser: MonthlyCost, deployment: MonthlyCost, users: number): number {
  return perUser.totalUsd + deployment.totalUsd / users;
}
