import type { Deps } from "../deps.js";
import type { Prompt } from "../model/prompt.js";
import type { Effects } from "./account-changes.js";
import { sendAnswer } from "./send-answer.js";

/** A prompt due this soon is sent at once rather than scheduled. */
const SEND_NOW_WITHIN_MS = 60_000;

/**
 * Runs what a committed unit of work asks of the outside world. Idempotent: a retry (after a
 * crash, or a duplicate delivery) runs it again from the stored state and converges.
 */
export async function settle(deps: Deps, userId: string, effects: Effects, timeZone: string): Promise<void> {
  const now = deps.clock.now().getTime();
  // Answers first: a failing schedule call must not hold them back. The claim makes a concurrent
  // or repeated run send nothing more.
  for (const prompt of effects.deliver) await sendAnswer(deps, userId, prompt.id);
  for (const name of effects.unschedule) await deps.scheduler.remove(name);
  for (const prompt of effects.schedule) {
    if (!prompt.scheduleName || Date.parse(prompt.dueAt) - now <= SEND_NOW_WITHIN_MS) {
      // Rare here (a meeting within the hour, a snooze to now): the follow-up templates and the
      // keep-in-touch chain load with the first such prompt.
      const { firePrompt } = await import("./fire-prompt.js");
      await firePrompt(deps, userId, prompt.id);
    } else {
      await deps.scheduler.ensure({
        name: prompt.scheduleName,
        at: new Date(prompt.dueAt),
        timeZone,
        input: { type: "prompt", userId, promptId: prompt.id },
      });
    }
  }
}

/** Effects recomputed from stored prompts: what a retry of an already-committed unit still owes. */
export function effectsFromStored(prompts: Prompt[]): Effects {
  const effects: Effects = { schedule: [], unschedule: [], deliver: [] };
  for (const prompt of prompts) {
    // An answer not yet claimed (the commit's response was lost, or its send was throttled and
    // released) goes out now, paused or not.
    if (prompt.state === "scheduled" && prompt.scheduleName === null) effects.deliver.push(prompt);
    else if (prompt.state === "scheduled") effects.schedule.push(prompt);
    else if ((prompt.state === "cancelled" || prompt.state === "skipped") && prompt.scheduleName)
      effects.unschedule.push(prompt.scheduleName);
    // A prompt left in `sending` by a crash is not resent blindly: see deliver-prompt.ts.
  }
  return effects;
}
