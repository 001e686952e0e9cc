/**
 * The SDK commands coffeechat's adapters send (core/aws, core/store/dynamo-store.ts), by class
 * name, per service: what a floor needs to replay a handler's calls. test/bench/cold-start.test.ts
 * checks that every command the adapters import is here.
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

export const dynamoCommands = {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
};
export const s3Commands = { GetObjectCommand };
export const schedulerCommands = {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  UpdateScheduleCommand,
};
export const sesCommands = { SendEmailCommand };
