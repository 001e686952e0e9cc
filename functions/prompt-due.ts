import { awsDeps } from "../core/aws/clients.js";
import { sesMailer } from "../core/aws/ses-client.js";
import { loadConfig } from "../core/config.js";
import type { Deps } from "../core/deps.js";
import { dispatchInputSchema } from "../core/followup/dispatch-input.js";
import { firePrompt } from "../core/usecases/fire-prompt.js";
import { sweepOverdue } from "../core/usecases/sweep.js";

/** EventBridge Scheduler → here, with the input the schedule was created with. */
export function createDispatchHandler(deps: Deps) {
  return async (event: unknown): Promise<void> => {
    const input = dispatchInputSchema().safeParse(event);
    if (!input.success) {
      // Retrying a malformed input would fail the same way: drop it, loudly.
      deps.log.error("dispatch.bad_input", { issues: input.error.issues.length });
      return;
    }
    if (input.data.type === "sweep") {
      await sweepOverdue(deps);
      return;
    }
    const outcome = await firePrompt(deps, input.data.userId, input.data.promptId);
    deps.log.info("dispatch.done", { userId: input.data.userId, promptId: input.data.promptId, outcome });
  };
}

let handle: ((event: unknown) => Promise<void>) | undefined;

export const handler = (event: unknown) => {
  // Every dispatch sends a mail: SES loads at cold start.
  handle ??= createDispatchHandler(awsDeps(loadConfig(), sesMailer()));
  return handle(event);
};
