/**
 * Cold-start floor for the web handler: its floor (clients, zod, hono) making its first call's
 * AWS calls, inside a request that hono answers through its Lambda adapter, as the handler's is.
 * Building the request from the Lambda event, routing it and writing the response are the
 * library's own work, the same for any hono app: the ratio measures coffeechat's pages and
 * reads on top. A page view sends no mail: SES is not here, as it is not in the handler's cold
 * start.
 */
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { dynamoService, schedulerService } from "./floor-services.js";
import { type FirstCallPlan, replayCalls } from "./replay-calls.js";

export { hono } from "./hono.js";
export { zod } from "./zod.js";

/** Clients built with the first call, with the options the handler builds them with. */
export async function firstCall(plan: FirstCallPlan, event: unknown): Promise<number> {
  const services = { DynamoDB: dynamoService(plan), Scheduler: schedulerService() };
  let sent = 0;
  const app = new Hono().all("*", async (c) => {
    sent = await replayCalls(services, plan);
    return c.html(`<p>${sent}</p>`);
  });
  const response = (await handle(app)(event as never, {} as never)) as { statusCode: number };
  if (response.statusCode !== 200) throw new Error(`the floor's request answered ${response.statusCode}`);
  return sent;
}
