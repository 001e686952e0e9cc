/** Cold-start floor for the dispatch handler: its floor (clients, zod) making its first call's AWS calls. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type FirstCallPlan, replayCalls } from "./replay-calls.js";
import { dynamoCommands, schedulerCommands, sesCommands } from "./sdk-commands.js";

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
      SESv2: { client: new SESv2Client({ region }), commands: sesCommands },
    },
    plan,
  );
}
