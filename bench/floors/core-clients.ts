/** Floor for the dispatch handler: the SDK clients it uses (DynamoDB + document client, Scheduler, SES v2), and the card's libraries it loads (zod), nothing of coffeechat's own. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

// Exported so that tree-shaking keeps every client, as a handler that uses them would.
export const clients = { DynamoDBClient, DynamoDBDocumentClient, SchedulerClient, SESv2Client };
export { zod } from "./zod.js";
