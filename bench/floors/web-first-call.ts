/**
 * Cold-start floor for the web handler: its floor (clients, zod, hono) making its first call's
 * AWS calls. A page view sends no mail: SES is not here, as it is not in the handler's cold start.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type FirstCallPlan, replayCalls } from "./replay-calls.js";
import { dynamoCommands, schedulerCommands } from "./sdk-commands.js";

export { hono } from "./hono.js";
export { zod } from "./zod.js";

/** Clients built with the first call, with the options the handler builds them with. */
export function firstCall(plan: FirstCallPlan): Promise<number> {
  const region = process.env.AWS_REGION;
  return replayCalls(
    {
      DynamoDB: {
        client: DynamoDBDocumentClient.from(new DynamoDBClient({ region }), plan.documentClientOptions),
        commands: dynamoCommands,
      },
      Scheduler: { client: new SchedulerClient({ region }), commands: schedulerCommands },
    },
    plan,
  );
}
