import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AppConfig } from "../config.js";
import type { Deps } from "../deps.js";
import { jsonLogger } from "../log.js";
import { type Clock, type PromptScheduler, type RawMailStore, systemClock } from "../ports.js";
import { createDynamoStore, documentClientOptions } from "../store/dynamo-store.js";
import { createEventBridgeScheduler } from "./eventbridge-scheduler.js";
import { createSesMailer } from "./ses-mailer.js";

export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  scheduler: SchedulerClient;
  ses: SESv2Client;
}

let clients: AwsClients | undefined;

/**
 * The SDK clients, created once per process (Lambda reuses them across invocations).
 * This is the one place that knows about endpoints: the SDK reads `AWS_ENDPOINT_URL_<SERVICE>`
 * itself (DYNAMODB, SCHEDULER, SESV2), which is how the local stack points at local services.
 * S3 is only the inbound function's: see raw-mail-client.ts (bundle size is per handler).
 */
export function awsClients(env: NodeJS.ProcessEnv = process.env): AwsClients {
  if (!clients) {
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
    clients = {
      dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ region }), documentClientOptions),
      scheduler: new SchedulerClient({ region }),
      ses: new SESv2Client({ region }),
    };
  }
  return clients;
}

/** The ports over AWS, as every handler gets them. */
export function awsDeps(config: AppConfig, clock: Clock = systemClock): Deps {
  const aws = awsClients();
  return {
    store: createDynamoStore(aws.dynamo, config.tableName),
    scheduler: config.schedules
      ? createEventBridgeScheduler(aws.scheduler, config.schedules)
      : unlinkedScheduler,
    mailer: createSesMailer(aws.ses),
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
