/**
 * Cold-start floor for the web handler: its floor (clients, zod, hono) making its first call's
 * AWS calls, inside a request that hono answers through its Lambda adapter, as the handler's is.
 * Building the request from the Lambda event, routing it and writing the response are the
 * library's own work, the same for any hono app: the ratio measures coffeechat's pages and
 * reads on top. A page view sends no mail: SES is not here, as it is not in the handler's cold
 * start.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { type FirstCallPlan, replayCalls } from "./replay-calls.js";
import { dynamoCommands, schedulerCommands } from "./sdk-commands.js";

export { hono } from "./hono.js";
export { zod } from "./zod.js";

/** Clients built with the first call, with the options the handler builds them with. */
export async function firstCall(plan: FirstCallPlan, event: unknown): Promise<number> {
  const region = process.env.AWS_REGION;
  const services = {
    DynamoDB: {
      client: DynamoDBDocumentClient.from(new DynamoDBClient({ region }), plan.documentClientOptions),
      commands: dynamoCommands,
    },
    Scheduler: { client: new SchedulerClient({ region }), commands: schedulerCommands },
  };
  let sent = 0;
  const app = new Hono().all("*", async (c) => {
    sent = await replayCalls(services, plan);
    return c.html(`<p>${sent}</p>`);
  });
  const response = (await handle(app)(event as never, {} as never)) as { statusCode: number };
  if (response.statusCode !== 200) throw new Error(`the floor's request answered ${response.statusCode}`);
  return sent;
}
