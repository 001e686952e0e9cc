import type { Deps } from "../deps.js";
import { renderMessage } from "../drafts/message.js";
import type { User } from "../model/user.js";
import { answerSubject, deliverClaimedPrompt, type FireOutcome } from "./deliver-prompt.js";

/**
 * An answer to the user (intake confirmation, command answer) goes out right after its commit.
 * It is claimed straight `scheduled → sent`: the claim is the at-most-once point either way, and
 * nothing reads an answer's SES message id, so a second write once SES accepts it would only cost
 * a call on every mail in. `user` is the user as the caller's unit committed it (see
 * answerSubject). SES refusing it turns it `failed`, throttling puts it back to
 * `scheduled`; any other failure leaves it `sent` (see deliver-prompt.ts).
 */
export async function sendAnswer(deps: Deps, user: User, promptId: string): Promise<FireOutcome> {
  const userId = user.id;
  const claimed = await deps.store.transitionPrompt(userId, promptId, ["scheduled"], {
    state: "sent",
    stateChangedAt: deps.clock.now().toISOString(),
  });
  if (!claimed) {
    deps.log.info("prompt.not_pending", { userId, promptId });
    return "not_pending";
  }
  return deliverClaimedPrompt(deps, userId, claimed, "sent", renderMessage, answerSubject(user));
}
