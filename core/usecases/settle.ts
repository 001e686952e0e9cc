import type { Deps } from "../deps.js";
import type { User } from "../model/user.js";
import type { Effects } from "./effects.js";
import { firePrompt } from "./fire-prompt.js";
import { sendAnswer } from "./send-answer.js";

/**
 * Schedule calls in flight at once: a re-time of 1,000 prompts finishes in seconds, well inside
 * the function's timeout, and stays under Scheduler's request rate.
 */
const SCHEDULER_CONCURRENCY = 10;

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
  await inParallel(effects.unschedule, (name) => attempt(name, () => deps.scheduler.remove(name)));
  await inParallel(effects.schedule, (prompt) => {
    const { scheduleName } = prompt;
    if (!scheduleName || Date.parse(prompt.dueAt) - now <= SEND_NOW_WITHIN_MS) {
      // Rare here (a meeting within the hour, a snooze to now), but imported with the rest: as an
      // `import()` of its own it split the modules it shares with every handler into two more
      // chunks that each cold start loaded, which cost more than its templates (measured).
      return attempt(prompt.id, () => firePrompt(deps, userId, prompt.id));
    }
    return attempt(prompt.id, () =>
      deps.scheduler.ensure({
        name: scheduleName,
        at: new Date(prompt.dueAt),
        timeZone,
        input: { type: "prompt", userId, promptId: prompt.id },
      }),
    );
  });
  if (firstError) throw firstError;
}

/** Runs `work` on every item, at most SCHEDULER_CONCURRENCY at a time. */
async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(SCHEDULER_CONCURRENCY, items.length) }, worker));
}
