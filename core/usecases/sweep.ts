import type { Deps } from "../deps.js";
import { describeContact, formatDue } from "../drafts/format.js";
import { PROMPT_KINDS } from "../interview/prompt-kinds.js";
import type { Prompt } from "../model/prompt.js";
import { readSendContext } from "../store/send-context.js";
import { AccountChanges } from "./account-changes.js";
import { commitChanges } from "./commit-changes.js";
import { firePrompt } from "./fire-prompt.js";

/** A schedule about to fire on its own is left to it. */
const GRACE_MS = 2 * 60_000;
const LOOKBACK_DAYS = 7;
const BATCH = 200;

/**
 * A send claimed long ago never recorded its outcome (a crash or a timeout mid-send). SES may or
 * may not have taken it, and SendEmail has no idempotency key: the prompt is marked failed rather
 * than risk a duplicate. The status page lists it, and the user gets one mail saying so.
 */
async function giveUpUnknownSend(deps: Deps, userId: string, promptId: string): Promise<void> {
  const failed = await deps.store.transitionPrompt(userId, promptId, ["sending"], {
    state: "failed",
    reason: UNKNOWN_SEND,
    stateChangedAt: deps.clock.now().toISOString(),
  });
  deps.log.warn("sweep.unknown_send", { userId, promptId });
  if (failed) await tellAboutFailure(deps, userId, failed);
}

export const UNKNOWN_SEND = "sending did not finish; not resent to avoid a duplicate";

/** One mail per failed prompt (its key is the prompt's id, written only if new). */
async function tellAboutFailure(deps: Deps, userId: string, failed: Prompt): Promise<void> {
  const { user, contact } = await readSendContext(deps.store, userId, { contactEmail: failed.contactEmail });
  if (!user) return;
  const account = { user, contacts: contact ? [contact] : [], meetings: [], prompts: [], interactions: [] };
  const changes = new AccountChanges(account, deps.clock.now(), deps.config.tokenKey);
  const what = PROMPT_KINDS[failed.kind].label(contact ? describeContact(contact) : "a contact");
  changes.sendMessage(
    `failed:${failed.id}`,
    "answer",
    {
      subject: "coffeechat: a mail may not have reached you",
      lines: [
        `"${what}", due ${formatDue(new Date(failed.dueAt), user.timeZone, changes.now)}, may not have reached you: sending it did not finish, and it was not sent again so that you never get it twice.`,
        "If it is not in your inbox (or spam), your status page lists it under “Could not be sent”, where “Send again” brings it back.",
      ],
      to: null,
      attachExport: false,
    },
    { contactEmail: failed.contactEmail ?? null, meetingId: failed.meetingId ?? null },
  );
  await commitChanges(deps, changes);
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
