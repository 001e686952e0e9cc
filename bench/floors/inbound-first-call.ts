/** Cold-start floor for the inbound handler: its floor (clients, zod) making its first call's AWS calls. */
import { dynamoService, s3Service, schedulerService, sesService } from "./floor-services.js";
import { type FirstCallPlan, replayCalls } from "./replay-calls.js";

export { zod } from "./zod.js";

/** Clients built with the first call, as the handler builds them. */
export function firstCall(plan: FirstCallPlan): Promise<number> {
  return replayCalls(
    { DynamoDB: dynamoService(plan), S3: s3Service(), Scheduler: schedulerService(), SESv2: sesService() },
    plan,
  );
}
