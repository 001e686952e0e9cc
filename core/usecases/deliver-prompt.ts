import type { Deps } from "../deps.js";
import { MailRejectedError } from "../errors.js";
import type { Prompt, PromptSnapshot } from "../model/prompt.js";
import { composePromptMail } from "./compose-prompt-mail.js";
import { keepInTouch } from "./keep-in-touch.js";

export type FireOutcome = "sent" | "not_pending" | "early" | "skipped" | "failed";

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
  return deliverClaimedPrompt(deps, userId, claimed, "sending");
}

/**
 * An answer to the user (intake confirmation, command answer) goes out right after its commit.
 * It is claimed straight `scheduled → sent`: the claim is the at-most-once point either way, and
 * nothing reads an answer's SES message id, so a second write once SES accepts it would only cost
 * a call on every mail in. A failed send turns it `failed` (or back to `scheduled` if throttled).
 */
export async function sendAnswer(deps: Deps, userId: string, promptId: string): Promise<FireOutcome> {
  const claimed = await deps.store.transitionPrompt(userId, promptId, ["scheduled"], {
    state: "sent",
    stateChangedAt: deps.clock.now().toISOString(),
  });
  if (!claimed) {
    deps.log.info("prompt.not_pending", { userId, promptId });
    return "not_pending";
  }
  return deliverClaimedPrompt(deps, userId, claimed, "sent");
}

/**
 * Sends a prompt this caller has claimed (`claimedAs`: `sending`, or `sent` for answers). Policy for failures:
 * - SES refuses for good (sandbox, suppressed) → `failed` with the reason; no retry loop.
 * - Throttled before SES accepted anything → back to `scheduled` and rethrown, so the retry sends it.
 * - Anything else (a timeout…) may or may not have sent: it stays `sending` and the sweep marks it
 *   `failed` ("outcome unknown") after a while rather than risk a duplicate.
 */
async function deliverClaimedPrompt(
  deps: Deps,
  userId: string,
  prompt: Prompt,
  claimedAs: "sending" | "sent",
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
  const mail = composePromptMail(deps.config, prompt, snapshot, now, exported ?? undefined);
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
  if (prompt.kind === "thank_you" || prompt.kind === "check_in") {
    await keepInTouch(deps, userId, prompt);
  }
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
