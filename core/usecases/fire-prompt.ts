import type { Deps } from "../deps.js";
import { renderPrompt } from "../drafts/render-prompt.js";
import { deliverClaimedPrompt, type FireOutcome, readSubject } from "./deliver-prompt.js";
import { afterSent } from "./keep-in-touch.js";

/** A fire this much before the due time is a stale schedule of a re-timed prompt. */
const EARLY_SLACK_MS = 90_000;

/**
 * A schedule (or the sweep) says this prompt is due. Claims it `scheduled → sending` with a
 * conditional write, so a repeated or concurrent fire sends nothing.
 */
export async function firePrompt(deps: Deps, userId: string, promptId: string): Promise<FireOutcome> {
  const now = deps.clock.now();
  const claimed = await deps.store.transitionPrompt(userId, promptId, ["scheduled"], {
    state: "sending",
    stateChangedAt: now.toISOString(),
  });
  if (!claimed) {
    deps.log.info("prompt.not_pending", { userId, promptId });
    return "not_pending";
  }
  if (Date.parse(claimed.dueAt) - now.getTime() > EARLY_SLACK_MS) {
    await deps.store.transitionPrompt(userId, promptId, ["sending"], {
      state: "scheduled",
      stateChangedAt: now.toISOString(),
    });
    deps.log.info("prompt.early_fire", { userId, promptId });
    return "early";
  }
  const outcome = await deliverClaimedPrompt(
    deps,
    userId,
    claimed,
    "sending",
    renderPrompt,
    await readSubject(deps, userId, claimed),
  );
  // A check-in held back (paused, bouncing) still keeps the chain going from today.
  if (outcome === "sent" || (outcome === "skipped" && claimed.kind === "check_in"))
    await afterSent(deps, userId, claimed);
  return outcome;
}
