import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateScheduleGroupCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import S3rver from "s3rver";
import { inject } from "vitest";
import { createEventBridgeScheduler } from "../../core/aws/eventbridge-scheduler.js";
import { createS3RawMail } from "../../core/aws/s3-raw-mail.js";
import { createSesMailer } from "../../core/aws/ses-mailer.js";
import type { Deps } from "../../core/deps.js";
import { ensureTable } from "../../core/store/create-table.js";
import { createDynamoStore, documentClientOptions } from "../../core/store/dynamo-store.js";
import { RAW_MAIL_PREFIX } from "../../core/usecases/inbound-event.js";
import { createInboundHandler } from "../../functions/inbound-mail.js";
import { createDispatchHandler } from "../../functions/prompt-due.js";
import { closeServer } from "../../local/close-server.js";
import { type SchedulerEmulator, startSchedulerEmulator } from "../../local/scheduler-emulator.js";
import { startSesOutbox } from "../../local/ses-outbox.js";
import { CapturingLogger, ManualClock, testConfig } from "../support/fake-deps.js";
import { sesEvent } from "../support/mail-builder.js";

/**
 * The real adapters and handlers against real local services: DynamoDB Local (from the global
 * setup), aws-ses-v2-local, s3rver and the EventBridge Scheduler emulator, all in-process.
 * Every SDK client has the SDK's own retries off (`maxAttempts: 1`) so a fault is seen by the
 * code at once; the "retry" a test runs is Lambda's.
 */

/** s3rver checks for its own key; the other local services take any. */
const BUCKET = "raw-mail";
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const region = "us-east-1";

/** Lambda gives an async invocation 1 + 2 retries (infra/scheduler.ts), then the on-failure destination. */
export const LAMBDA_ATTEMPTS = 3;

export class SteppingClock extends ManualClock {
  moveTo(instant: Date): void {
    if (instant.getTime() > this.now().getTime()) this.set(instant);
  }
}

export interface OutboxMail {
  messageId: string;
  subject: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  replyTo: string[];
  headers: { name: string; value: string }[];
  body: { text?: string; html?: string };
}

/** The services shared by one test file: SES outbox and S3 (both cheap to clear). */
export interface LocalServices {
  sesEndpoint: string;
  s3Endpoint: string;
  outbox(): Promise<OutboxMail[]>;
  clearOutbox(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalServices(): Promise<LocalServices> {
  const ses = await startSesOutbox("127.0.0.1", 0);
  const sesEndpoint = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
  const s3Dir = mkdtempSync(join(tmpdir(), "coffeechat-s3-"));
  const s3 = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3.run();
  return {
    sesEndpoint,
    s3Endpoint: `http://127.0.0.1:${port}`,
    async outbox() {
      const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: OutboxMail[] };
      return store.emails;
    },
    async clearOutbox() {
      await fetch(`${sesEndpoint}/clear-store`, { method: "POST" });
    },
    async stop() {
      await s3.close();
      await closeServer(ses);
      rmSync(s3Dir, { recursive: true, force: true });
    },
  };
}

export interface Rig {
  deps: Deps & { clock: SteppingClock; log: CapturingLogger };
  clients: { dynamo: DynamoDBClient; s3: S3Client; scheduler: SchedulerClient; ses: SESv2Client };
  tableName: string;
  emulator: SchedulerEmulator;
  inbound: (event: unknown) => Promise<void>;
  dispatch: (event: unknown) => Promise<void>;
  /** Invocations that failed all of Lambda's attempts (what the on-failure destination would get). */
  failedInvocations: { event: unknown; error: unknown }[];
  /** Stores a raw mail in S3 as the SES receipt rule would and returns its SES event. */
  stage(
    raw: string,
    sesMessageId: string,
    options?: Omit<Parameters<typeof sesEvent>[0], "messageId">,
  ): Promise<unknown>;
  /** Invokes a handler as Lambda invokes asynchronously: up to three attempts, then the failure destination. */
  invokeAsync(
    handler: (event: unknown) => Promise<void>,
    event: unknown,
  ): Promise<{ attempts: number; ok: boolean }>;
  stop(): Promise<void>;
}

/** A fresh table, scheduler emulator and clients, over the shared local services. */
export async function startRig(services: LocalServices, now: string): Promise<Rig> {
  const tableName = `rel-${Math.random().toString(16).slice(2, 10)}`;
  const dynamo = new DynamoDBClient({
    endpoint: inject("dynamoEndpoint"),
    region,
    credentials,
    maxAttempts: 1,
  });
  const doc = DynamoDBDocumentClient.from(dynamo, documentClientOptions);
  await ensureTable(doc, tableName);

  const clock = new SteppingClock(new Date(now));
  const dir = mkdtempSync(join(tmpdir(), "coffeechat-rel-"));
  const failedInvocations: Rig["failedInvocations"] = [];
  let dispatch: (event: unknown) => Promise<void> = async () => {};

  const invokeAsync: Rig["invokeAsync"] = async (handler, event) => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= LAMBDA_ATTEMPTS; attempt++) {
      try {
        await handler(event);
        return { attempts: attempt, ok: true };
      } catch (error) {
        lastError = error;
      }
    }
    failedInvocations.push({ event, error: lastError });
    return { attempts: LAMBDA_ATTEMPTS, ok: false };
  };

  const emulator = await startSchedulerEmulator({
    port: 0,
    stateFile: join(dir, "schedules.json"),
    clock,
    pollMs: null,
    onError: () => {},
    // Scheduler invokes the function asynchronously: the function's errors are Lambda's to retry.
    fire: async (_arn, input) => {
      await invokeAsync(dispatch, JSON.parse(input));
    },
  });

  const clients = {
    dynamo,
    s3: new S3Client({
      endpoint: services.s3Endpoint,
      region,
      credentials,
      forcePathStyle: true,
      maxAttempts: 1,
    }),
    scheduler: new SchedulerClient({ endpoint: emulator.endpoint, region, credentials, maxAttempts: 1 }),
    ses: new SESv2Client({ endpoint: services.sesEndpoint, region, credentials, maxAttempts: 1 }),
  };
  const schedules = testConfig.schedules;
  if (!schedules) throw new Error("test config has no schedules");
  await clients.scheduler.send(new CreateScheduleGroupCommand({ Name: schedules.group }));

  const deps = {
    store: createDynamoStore(doc, tableName),
    scheduler: createEventBridgeScheduler(clients.scheduler, schedules, { sleep: async () => {} }),
    mailer: createSesMailer(clients.ses),
    rawMail: createS3RawMail(clients.s3),
    clock,
    config: { ...testConfig, rawMailBucket: BUCKET },
    log: new CapturingLogger(),
  };
  const inbound = createInboundHandler(deps);
  dispatch = createDispatchHandler(deps);

  return {
    deps,
    clients,
    tableName,
    emulator,
    inbound,
    dispatch,
    failedInvocations,
    invokeAsync,
    async stage(raw, sesMessageId, options = {}) {
      await clients.s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `${RAW_MAIL_PREFIX}${sesMessageId}`, Body: raw }),
      );
      return sesEvent({ ...options, messageId: sesMessageId });
    },
    async stop() {
      await emulator.stop();
      for (const client of Object.values(clients)) client.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
