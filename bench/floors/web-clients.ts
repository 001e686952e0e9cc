/** Floor for the web handler: the SDK clients it loads at cold start (DynamoDB + document client, Scheduler), and the card's libraries it loads (zod and hono), nothing of coffeechat's own; SES loads with the first mail sent. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

// Exported so that tree-shaking keeps every client, as a handler that uses them would.
export const clients = { DynamoDBClient, DynamoDBDocumentClient, SchedulerClient };
export { hono } from "./hono.js";
export { zod } from "./zod.js";
