/**
 * The services a first-call floor replays through, one builder per SDK client, each built with the
 * options the handler builds it with. A floor imports only the builders of the clients its
 * handler uses, so its bundle holds just those (the rest is shaken out).
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { FirstCallPlan, FloorService } from "./replay-calls.js";
import { dynamoCommands, s3Commands, schedulerCommands, sesCommands } from "./sdk-commands.js";

const region = () => process.env.AWS_REGION;

export function dynamoService(plan: FirstCallPlan): FloorService {
  return {
    client: DynamoDBDocumentClient.from(new DynamoDBClient({ region: region() }), plan.documentClientOptions),
    commands: dynamoCommands,
  };
}

export function s3Service(): FloorService {
  return {
    client: new S3Client({ region: region(), forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }),
    commands: s3Commands,
  };
}

export function schedulerService(): FloorService {
  return { client: new SchedulerClient({ region: region() }), commands: schedulerCommands };
}

export function sesService(): FloorService {
  return { client: new SESv2Client({ region: region() }), commands: sesCommands };
}
