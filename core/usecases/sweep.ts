import type { Deps } from "../deps.js";
import { firePrompt } from "./fire-prompt.js";

/** A schedule about to fire on its own is left to it. */
const GRACE_MS = 2 * 60_000;
const LOOKBACK_DAYS = 7;
const BATCH = 200;

/**
 * A send claimed long ago never recorded its outcome (a crash or a timeout mid-send). SES may or
 * may not have taken it, and SendEmail has no idempotency key: the prompt is marked failed rather
 * than risk a duplicate, and the status page shows it.
 */
async function giveUpUnknownSend(deps: Deps, userId: string, promptId: string): Promise<void> {
  await deps.store.transitionPrompt(userId, promptId, ["sending"], {
    state: "failed",
    reason: "sending did not finish; not resent to avoid a duplicate",
    stateChangedAt: deps.clock.now().toISOString(),
  });
  deps.log.warn("sweep.unknown_send", { userId, promptId });
}

/**
 * The hourly safety net: prompts still `scheduled` after their due time (a lost or deleted
 * schedule, a failed fire) are fired now, once — the claim in firePrompt guarantees that.
 */
export async function sweepOverdue(deps: Deps): Promise<{ fired: number; examined: number }> {
  const now = deps.clock.now();
  const overdue = await deps.store.listOverdue(new Date(now.getTime() - GRACE_MS), LOOKBACK_DAYS, BATCH);
  let fired = 0;
  for (const { userId, promptId, state } of overdue) {
    try {
      if (state === "sending") {
        await giveUpUnknownSend(deps, userId, promptId);
        continue;
      }
      if ((await firePrompt(deps, userId, promptId)) === "sent") fired++;
    } catch (error) {
      deps.log.error("sweep.fire_failed", { userId, promptId, error: (error as Error).name });
    }
  }
  if (overdue.length > 0) deps.log.info("sweep.done", { examined: overdue.length, fired });
  return { fired, examined: overdue.length };
}
