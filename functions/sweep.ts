import { awsDeps } from "../core/aws/clients.js";
import { sesMailer } from "../core/aws/ses-client.js";
import { loadConfig } from "../core/config.js";
import type { Deps } from "../core/deps.js";
import { sweepOverdue } from "../core/usecases/sweep.js";

/** The hourly cron: fires prompts whose schedule was lost. */
export function createSweepHandler(deps: Deps) {
  return async (): Promise<{ fired: number; examined: number }> => sweepOverdue(deps);
}

let handle: (() => Promise<{ fired: number; examined: number }>) | undefined;

export const handler = () => {
  // A sweep exists to send overdue prompts: SES loads at cold start.
  handle ??= createSweepHandler(awsDeps(loadConfig(), sesMailer()));
  return handle();
};
