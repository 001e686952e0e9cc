import { awsDeps } from "../core/aws/clients.js";
import { loadConfig } from "../core/config.js";
import type { Deps } from "../core/deps.js";
import { sweepOverdue } from "../core/usecases/sweep.js";
// A sweep exists to send overdue prompts: SES loads at cold start, not on the first send (core/aws/clients.ts).
import "../core/aws/ses-client.js";

/** The hourly cron: fires prompts whose schedule was lost. */
export function createSweepHandler(deps: Deps) {
  return async (): Promise<{ fired: number; examined: number }> => sweepOverdue(deps);
}

let handle: (() => Promise<{ fired: number; examined: number }>) | undefined;

export const handler = () => {
  handle ??= createSweepHandler(awsDeps(loadConfig()));
  return handle();
};
