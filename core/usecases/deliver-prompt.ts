import type { Deps } from "../deps.js";
import { MailRejectedError } from "../errors.js";
import type { Prompt, PromptSnapshot } from "../model/prompt.js";
import { composePromptMail, type RenderMail } from "./compose-prompt-mail.js";

export type FireOutcome = "sent" | "not_pending" | "early" | "skipped" | "failed";

/**
 * Sends a prompt this caller has claimed (`claimedAs`: `sending`, or `sent` for answers). Policy for failures:
 * - SES refuses for good (sandbox, suppressed) → `failed` with the reason; no retry loop.
 * - Throttled before SES accepted anything → back to `scheduled` and rethrown, so the retry sends it.
 * - Anything else (a timeout…) may or may not have sent: it stays as claimed rather than risk a
 *   duplicate. A `sending` prompt is marked `failed` ("outcome unknown") by the sweep after a
 *   while; an answer stays `sent`.
 */
export async function deliverClaimedPrompt(
  deps: Deps,
  userId: string,
  prompt: Prompt,
  claimedAs: "sending" | "sent",
  render: RenderMail,
): Promise<FireOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const snapshot = prompt.snapshot;
  const hold = snapshot ? reasonToHold(prompt, snapshot) : "nothing to render";
  if (hold || !snapshot) {
    await deps.store.transitionPrompt(userId, prompt.id, [claimedAs], {
      state: "skipped",
      reason: hold,
      stateChangedAt: at,
    });
    deps.log.info("prompt.held", { userId, promptId: prompt.id, reason: hold });
    return "skipped";
  }
  const exported = prompt.message?.attachExport ? await deps.store.loadAccount(userId) : undefined;
  const mail = composePromptMail(deps.config, prompt, snapshot, now, render, exported ?? undefined);
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(mail));
  } catch (error) {
    if (error instanceof MailRejectedError) {
      await deps.store.transitionPrompt(userId, prompt.id, [claimedAs], {
        state: "failed",
        reason: error.message,
        stateChangedAt: at,
      });
      deps.log.warn("prompt.rejected", { userId, promptId: prompt.id });
      return "failed";
    }
    if (isThrottle(error)) {
      await deps.store.transitionPrompt(userId, prompt.id, [claimedAs], {
        state: "scheduled",
        stateChangedAt: at,
      });
    }
    throw error;
  }
  if (claimedAs === "sending") {
    await deps.store.transitionPrompt(userId, prompt.id, ["sending"], {
      state: "sent",
      sesMessageId: messageId,
      stateChangedAt: at,
    });
  }
  deps.log.info("prompt.sent", { userId, promptId: prompt.id, kind: prompt.kind, sesMessageId: messageId });
  return "sent";
}

/** Why a due prompt must not go out now, if it must not. Answers to the user always go. */
function reasonToHold(prompt: Prompt, snapshot: PromptSnapshot): string | null {
  if (snapshot.user.bouncing) return "mail to your address bounced";
  if (prompt.kind === "confirmation" || prompt.kind === "answer") return null;
  if (snapshot.user.paused) return "paused";
  if (snapshot.contact?.stopped) return "stopped for this contact";
  if (snapshot.meeting?.status === "cancelled") return "meeting cancelled";
  return null;
}

function isThrottle(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? "";
  return (
    name === "TooManyRequestsException" || name === "ThrottlingException" || name === "LimitExceededException"
  );
}
