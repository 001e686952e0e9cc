/** Floor for the inbound handler: the SDK clients it uses (S3, DynamoDB + document client, Scheduler, SES v2), and the card's libraries it loads (zod), nothing of coffeechat's own. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

// Exported so that tree-shaking keeps every client, as a handler that uses them would.
export const clients = { DynamoDBClient, DynamoDBDocumentClient, S3Client, SchedulerClient, SESv2Client };
export { zod } from "./zod.js";
