import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { mockClient } from "aws-sdk-client-mock";
import { awsClients } from "../core/aws/clients.js";
import { inboundDeps, s3Client } from "../core/aws/raw-mail-client.js";
import { sesClient } from "../core/aws/ses-client.js";
import type { Deps } from "../core/deps.js";
import { silentLogger } from "../core/log.js";
import { ensureTable } from "../core/store/create-table.js";
import { registerUser } from "../core/usecases/register-user.js";
import { createWebApp } from "../core/web/app.js";
import { createInboundHandler } from "../functions/inbound-mail.js";
import { createDispatchHandler } from "../functions/prompt-due.js";
import { startDynamoDbLocal } from "../local/dynamodb-local.js";
import { freePort } from "../local/ports.js";
import { sesReceiptEvent } from "../local/ses-event.js";
import { testConfig as benchConfig, ManualClock } from "../test/support/fake-deps.js";
import type { AwsCall } from "./aws-call.js";
import { repoRoot } from "./build.js";
import { BENCH_NOW } from "./per-email.js";

export interface AwsCallsResult {
  invite: AwsCall[];
  promptFired: AwsCall[];
  pageView: AwsCall[];
}

/** The typical invite: a Gmail forward of a Google Calendar invitation (our own fixture). */
export const typicalInvitePath = join(repoRoot, "test/fixtures/bench/forwarded-google-invite.eml");
export const BENCH_USER = "sam@seeker.example";

const READS = new Set(["GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"]);
const DATA_OPS = new Set([
  ...READS,
  "PutItem",
  "UpdateItem",
  "DeleteItem",
  "BatchWriteItem",
  "TransactWriteItems",
]);

/**
 * AWS calls per invite, per prompt fired and per page view, through the real SDK clients and
 * the real adapters (`awsDeps`, see awsRig) against DynamoDB Local.
 */
/**
 * Runs `work` with the SDK pointed at a fresh DynamoDB Local (see pointSdkAt). Once per process:
 * the SDK clients are built once, against the first endpoint they see.
 */
export async function withDynamoDbLocal<T>(work: () => Promise<T>): Promise<T> {
  const dynamoLocal = await startDynamoDbLocal({ port: await freePort() });
  const restoreEnv = pointSdkAt(dynamoLocal.endpoint);
  try {
    return await work();
  } finally {
    restoreEnv();
    await dynamoLocal.stop();
  }
}

/** The production ports over DynamoDB Local and canned S3, Scheduler and SES v2, with every call counted. */
export interface AwsRig {
  deps: Deps;
  clock: ManualClock;
  /** The calls since the last take. */
  take(): AwsCall[];
  close(): void;
}

/**
 * The rig for one table (created here): DynamoDB answers from DynamoDB Local (a counting
 * middleware on the client asks it for consumed capacity and counts the items it read), S3
 * hands out `raw` for every object, Scheduler and SES v2 answer canned responses from
 * aws-sdk-client-mock, whose call history is the count. One rig at a time: the clients are shared.
 */
export async function awsRig(raw: Uint8Array, tableName = benchConfig.tableName): Promise<AwsRig> {
  const aws = awsClients();
  const clock = new ManualClock(BENCH_NOW);
  const config = { ...benchConfig, tableName };
  // The production ports; only the logger is quiet, so the report stays readable.
  const deps: Deps = { ...inboundDeps(config, clock), log: silentLogger };
  await ensureTable(aws.dynamo, tableName);

  const dynamoCalls: AwsCall[] = [];
  aws.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? "unknown").replace(/Command$/, "");
      const input = args.input as Record<string, unknown>;
      const result = await next(
        DATA_OPS.has(operation) ? { ...args, input: { ...input, ReturnConsumedCapacity: "TOTAL" } } : args,
      );
      const units = capacityUnits((result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
      dynamoCalls.push({
        service: "DynamoDB",
        operation,
        readUnits: READS.has(operation) ? units : 0,
        writeUnits: READS.has(operation) ? 0 : units,
        itemsRead: itemsRead(result.output),
      });
      return result;
    },
    { step: "initialize", name: "benchCallCounter" },
  );

  const s3 = mockClient(s3Client());
  // The adapter only reads the body through transformToByteArray, as on a real stream.
  s3.on(GetObjectCommand).callsFake(
    async () =>
      ({
        Body: { transformToByteArray: async () => raw },
        ContentRange: `bytes 0-${raw.byteLength - 1}/${raw.byteLength}`,
      }) as never,
  );
  const scheduler = mockClient(aws.scheduler);
  scheduler.on(CreateScheduleCommand).callsFake(async (input: { Name?: string }) => ({
    ScheduleArn: `arn:aws:scheduler:us-east-1:123456789012:schedule/coffeechat/${input.Name}`,
  }));
  scheduler
    .on(UpdateScheduleCommand)
    .resolves({ ScheduleArn: "arn:aws:scheduler:us-east-1:123456789012:schedule/coffeechat/x" });
  scheduler
    .on(GetScheduleCommand)
    .rejects(Object.assign(new Error("not found"), { name: "ResourceNotFoundException" }));
  scheduler.on(DeleteScheduleCommand).resolves({});
  const ses = mockClient(sesClient());
  let sent = 0;
  ses.on(SendEmailCommand).callsFake(async () => ({ MessageId: `bench-ses-${++sent}` }));

  const mocked = [
    { service: "S3" as const, stub: s3 },
    { service: "Scheduler" as const, stub: scheduler },
    { service: "SESv2" as const, stub: ses },
  ];
  return {
    deps,
    clock,
    take() {
      const calls = dynamoCalls.splice(0);
      for (const { service, stub } of mocked) {
        for (const call of stub.calls()) {
          const command = call.args[0] as object;
          calls.push({
            service,
            operation: command.constructor.name.replace(/Command$/, ""),
            readUnits: 0,
            writeUnits: 0,
          });
        }
        stub.resetHistory();
      }
      return calls;
    },
    close() {
      for (const { stub } of mocked) stub.restore();
      aws.dynamo.middlewareStack.remove("benchCallCounter");
    },
  };
}

/** Inside withDynamoDbLocal: the invite, prompt-fired and page-view scenarios. */
export async function countAwsCalls(): Promise<AwsCallsResult> {
  const raw = new Uint8Array(readFileSync(typicalInvitePath));
  const { deps, clock, take, close } = await awsRig(raw);
  try {
    const { userId, statusUrl } = await registerUser(deps, BENCH_USER);
    take();

    // 1. The user forwards Jane's invite: SES → S3 → the inbound handler.
    await receiveTypicalInvite(deps, raw, "bench-invite-1");
    const invite = take();
    const account = await deps.store.loadAccount(userId);
    const prep = account?.prompts.find((p) => p.kind === "prep" && p.state === "scheduled");
    if (!prep)
      throw new Error("the typical invite did not schedule a prep prompt: cannot count a prompt firing");
    take();

    // 2. The prep prompt's schedule fires at its due time.
    clock.set(prep.dueAt);
    await createDispatchHandler(deps)({ type: "prompt", userId, promptId: prep.id });
    const promptFired = take();
    if (!promptFired.some((c) => c.operation === "SendEmail"))
      throw new Error("firing the prep prompt sent no mail");

    // 3. The user opens the status link.
    const response = await createWebApp(deps).request(new URL(statusUrl).pathname);
    const pageView = take();
    if (response.status !== 200) throw new Error(`the status page answered ${response.status}`);

    return { invite, promptFired, pageView };
  } finally {
    close();
  }
}

/** The bench user forwards the typical invite: SES → S3 → the inbound handler. */
export async function receiveTypicalInvite(deps: Deps, raw: Uint8Array, messageId: string): Promise<void> {
  await createInboundHandler(deps)(
    sesReceiptEvent({
      raw,
      envelope: { from: BENCH_USER, recipients: [benchConfig.inboxAddress] },
      messageId,
      receivedAt: deps.clock.now(),
      functionArn: "arn:aws:lambda:us-east-1:123456789012:function:inbound",
    }),
  );
}

/** Items DynamoDB returned (GetItem, Query, BatchGetItem): what a request read. */
function itemsRead(output: unknown): number {
  const o = output as { Item?: unknown; Items?: unknown[]; ScannedCount?: number; Responses?: unknown };
  if (typeof o.ScannedCount === "number") return o.ScannedCount;
  if (o.Item) return 1;
  if (Array.isArray(o.Responses)) return o.Responses.length;
  if (o.Responses && typeof o.Responses === "object") {
    return Object.values(o.Responses as Record<string, unknown[]>).reduce(
      (sum, list) => sum + list.length,
      0,
    );
  }
  return 0;
}

/** `ConsumedCapacity` is one object for single-item calls and a list for transactions. */
function capacityUnits(consumed: unknown): number {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((sum: number, c: { CapacityUnits?: number }) => sum + (c.CapacityUnits ?? 0), 0);
}

/**
 * DynamoDB goes to DynamoDB Local; every other service to a closed local port, so that a request
 * a mock failed to answer errors out instead of reaching AWS. Credentials are dummies.
 */
function pointSdkAt(dynamoEndpoint: string): () => void {
  const values: Record<string, string> = {
    AWS_REGION: "us-east-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: "http://127.0.0.1:9",
    AWS_ENDPOINT_URL_SCHEDULER: "http://127.0.0.1:9",
    AWS_ENDPOINT_URL_SESV2: "http://127.0.0.1:9",
  };
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
