import type { Deps } from "../deps.js";
import { MailRejectedError } from "../errors.js";
import { KEEP_IN_TOUCH_STAGES } from "../interview/stage.js";
import type { Prompt } from "../model/prompt.js";
import type { User } from "../model/user.js";
import { readSendContext } from "../store/send-context.js";
import { composePromptMail, type PromptSubject, type RenderMail } from "./compose-prompt-mail.js";

export type FireOutcome = "sent" | "not_pending" | "early" | "skipped" | "held" | "failed";

/**
 * Sends a prompt this caller has claimed (`claimedAs`: `sending`, or `sent` for answers), about
 * `subject` as the caller read it live (null: the account is gone). Policy for failures:
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
  subject: PromptSubject | null,
): Promise<FireOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const hold = subject ? reasonToHold(prompt, subject) : "account gone";
  if (hold === HELD_UNTIL_RESUME) {
    // Asked for by the user (`landed`): it waits, without a schedule, for `resume` to send it.
    await deps.store.transitionPrompt(userId, prompt.id, [claimedAs], {
      state: "scheduled",
      stateChangedAt: at,
    });
    deps.log.info("prompt.held", { userId, promptId: prompt.id, reason: hold });
    return "held";
  }
  if (hold || !subject) {
    await deps.store.transitionPrompt(userId, prompt.id, [claimedAs], {
      state: "skipped",
      reason: hold,
      stateChangedAt: at,
    });
    deps.log.info("prompt.held", { userId, promptId: prompt.id, reason: hold });
    return "skipped";
  }
  const exported = prompt.message?.attachExport ? await deps.store.loadAccount(userId) : undefined;
  const mail = composePromptMail(deps.config, prompt, subject, now, render, exported ?? undefined);
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

const HELD_UNTIL_RESUME = "held until resume";
export const MISSED_WHILE_PAUSED = "missed while paused";

/**
 * What the prompt is about, read now by key in one call: the user, its contact and meeting (and
 * who referred the contact, a second read only for a referred contact). A celebrate names the
 * people met: the latest of the stages that can have met someone, with their meetings by key.
 */
export async function readSubject(deps: Deps, userId: string, prompt: Prompt): Promise<PromptSubject | null> {
  const { user, contact, meeting } = await readSendContext(deps.store, userId, {
    contactEmail: prompt.contactEmail,
    meetingId: prompt.meetingId,
  });
  if (!user) return null;
  const referrer = contact?.referredBy ? await deps.store.getContact(userId, contact.referredBy) : null;
  if (prompt.kind !== "celebrate") return { user, contact, meeting, referrer, people: [], meetings: [] };
  const pages = await Promise.all(
    CELEBRATE_STAGES.map((stage) =>
      deps.store.listContactsByStage(userId, stage, { after: "", limit: CELEBRATE_MAX_PER_STAGE }),
    ),
  );
  const people = pages.flatMap((page) => page.items);
  const { meetings } = await deps.store.getItems(userId, { meetings: people.flatMap((c) => c.meetingIds) });
  return { user, contact, meeting, referrer, people, meetings };
}

/** Where someone the user met can be: met, keeping in touch, or scheduled with a meeting now past. */
const CELEBRATE_STAGES = ["met", "keeping_in_touch", "scheduled"] as const;
/** The good-news round names at most this many people of each stage, the latest in touch first. */
const CELEBRATE_MAX_PER_STAGE = 100;

/**
 * An answer's text was fixed when it was written (core/drafts/message.ts) and only its user's
 * state decides whether it goes: the user as the unit of work that wrote it committed it (or as
 * a retry just read it) is that state, so nothing more is read.
 */
export function answerSubject(user: User): PromptSubject {
  return { user, contact: null, meeting: null, referrer: null, people: [], meetings: [] };
}

/**
 * Why a due prompt must not go out now, decided from the live records. Answers to the user go
 * unless their address bounces.
 */
function reasonToHold(prompt: Prompt, { user, contact, meeting }: PromptSubject): string | null {
  if (user.bouncing) return "mail to your address bounced";
  if (prompt.kind === "confirmation" || prompt.kind === "answer") return null;
  if (user.paused) return prompt.kind === "celebrate" ? HELD_UNTIL_RESUME : MISSED_WHILE_PAUSED;
  if (prompt.contactEmail && !contact) return "contact forgotten";
  if (contact?.stopped) return "stopped for this contact";
  if (prompt.meetingId && !meeting) return "meeting forgotten";
  if (meeting?.status === "cancelled") return "meeting cancelled";
  if (meeting?.status === "no_show") return "no-show";
  if ((prompt.kind === "nudge" || prompt.kind === "move_on") && contact && contact.stage !== "outreach")
    return "they answered";
  if (prompt.kind === "check_in" && contact && !KEEP_IN_TOUCH_STAGES.includes(contact.stage))
    return "no meeting to keep in touch after";
  return null;
}

function isThrottle(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? "";
  return (
    name === "TooManyRequestsException" || name === "ThrottlingException" || name === "LimitExceededException"
  );
}
