import type { Deps } from "../deps.js";
import type { User } from "../model/user.js";
import type { Effects } from "./effects.js";
import { sendAnswer } from "./send-answer.js";

/** A prompt due this soon is sent at once rather than scheduled. */
const SEND_NOW_WITHIN_MS = 60_000;

/**
 * Runs what a committed unit of work asks of the outside world. Idempotent: a retry (after a
 * crash, or a duplicate delivery) runs it again from the stored state and converges.
 */
/** `user`: as the unit committed it, or as a retry just read it. */
export async function settle(deps: Deps, user: User, effects: Effects): Promise<void> {
  const userId = user.id;
  const timeZone = user.timeZone;
  const now = deps.clock.now().getTime();
  // Answers first: a failing schedule call must not hold them back. The claim makes a concurrent
  // or repeated run send nothing more.
  for (const prompt of effects.deliver) await sendAnswer(deps, user, prompt.id);
  // One prompt whose schedule fails must not keep the others from theirs: each is tried, and the
  // first failure is rethrown after all of them, so the caller's retry finishes what is left.
  let firstError: unknown = null;
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      deps.log.error("settle.failed", { userId, what, error: (error as Error).name });
      firstError ??= error;
    }
  };
  for (const name of effects.unschedule) await attempt(name, () => deps.scheduler.remove(name));
  for (const prompt of effects.schedule) {
    const { scheduleName } = prompt;
    if (!scheduleName || Date.parse(prompt.dueAt) - now <= SEND_NOW_WITHIN_MS) {
      // Rare here (a meeting within the hour, a snooze to now): the follow-up templates and the
      // keep-in-touch chain load with the first such prompt.
      await attempt(prompt.id, async () => {
        const { firePrompt } = await import("./fire-prompt.js");
        await firePrompt(deps, userId, prompt.id);
      });
    } else {
      await attempt(prompt.id, () =>
        deps.scheduler.ensure({
          name: scheduleName,
          at: new Date(prompt.dueAt),
          timeZone,
          input: { type: "prompt", userId, promptId: prompt.id },
        }),
      );
    }
  }
  if (firstError) throw firstError;
}
