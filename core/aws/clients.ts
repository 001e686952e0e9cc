import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AppConfig } from "../config.js";
import type { Deps } from "../deps.js";
import { jsonLogger } from "../log.js";
import { type Clock, type Mailer, type PromptScheduler, type RawMailStore, systemClock } from "../ports.js";
import { createDynamoStore, documentClientOptions } from "../store/dynamo-store.js";
import { createEventBridgeScheduler } from "./eventbridge-scheduler.js";
import { awsRegion } from "./region.js";

export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  scheduler: SchedulerClient;
}

let clients: AwsClients | undefined;

/**
 * The SDK clients, created once per process (Lambda reuses them across invocations).
 * This is the one place that knows about endpoints: the SDK reads `AWS_ENDPOINT_URL_<SERVICE>`
 * itself (DYNAMODB, SCHEDULER, SESV2), which is how the local stack points at local services.
 * S3 is only the inbound function's: see raw-mail-client.ts (bundle size is per handler);
 * SES is in ses-client.ts: each function chooses its mailer (see `awsDeps`).
 */
export function awsClients(): AwsClients {
  if (!clients) {
    const region = awsRegion();
    clients = {
      dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ region }), documentClientOptions),
      scheduler: new SchedulerClient({ region }),
    };
  }
  return clients;
}

/**
 * The ports over AWS, as every handler gets them. The mailer is the function's choice: one that
 * sends on every run passes `sesMailer()` (SES loads at cold start), one that rarely sends passes
 * `sesMailerOnFirstSend` (SES loads with the first mail).
 */
export function awsDeps(config: AppConfig, mailer: Mailer, clock: Clock = systemClock): Deps {
  const aws = awsClients();
  return {
    store: createDynamoStore(aws.dynamo, config.tableName),
    scheduler: config.schedules
      ? createEventBridgeScheduler(aws.scheduler, config.schedules)
      : unlinkedScheduler,
    mailer,
    rawMail: unlinkedRawMail,
    clock,
    config,
    log: jsonLogger,
  };
}

/** A function not linked to the schedules must not pretend to schedule: using it is a wiring error. */
const unlinkedScheduler: PromptScheduler = {
  async ensure() {
    throw new Error("Schedules are not linked to this function");
  },
  async remove() {
    throw new Error("Schedules are not linked to this function");
  },
};

/** Only the inbound function reads raw mail (inboundDeps in raw-mail-client.ts). */
const unlinkedRawMail: RawMailStore = {
  async read() {
    throw new Error("RawMail is not linked to this function");
  },
};
