/** Cold-start floor for the dispatch handler: its floor (clients, zod) making its first call's AWS calls. */
import { dynamoService, schedulerService, sesService } from "./floor-services.js";
import { type FirstCallPlan, replayCalls } from "./replay-calls.js";

export { zod } from "./zod.js";

/** Clients built with the first call, as the handler builds them. */
export function firstCall(plan: FirstCallPlan): Promise<number> {
  return replayCalls(
    { DynamoDB: dynamoService(plan), Scheduler: schedulerService(), SESv2: sesService() },
    plan,
  );
}
