import type { Deps } from "../deps.js";
import type { Prompt } from "../model/prompt.js";
import type { Effects } from "./account-changes.js";
import { deliverClaimedPrompt, firePrompt } from "./deliver-prompt.js";

/** A prompt due this soon is sent at once rather than scheduled. */
const SEND_NOW_WITHIN_MS = 60_000;

/**
 * Runs what a committed unit of work asks of the outside world. Idempotent: a retry (after a
 * crash, or a duplicate delivery) runs it again from the stored state and converges.
 */
export async function settle(deps: Deps, userId: string, effects: Effects, timeZone: string): Promise<void> {
  const now = deps.clock.now().getTime();
  // Answers first: they are claimed already, and a failing schedule call must not hold them back.
  for (const prompt of effects.deliver) await deliverClaimedPrompt(deps, userId, prompt);
  for (const name of effects.unschedule) await deps.scheduler.remove(name);
  for (const prompt of effects.schedule) {
    if (!prompt.scheduleName || Date.parse(prompt.dueAt) - now <= SEND_NOW_WITHIN_MS) {
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
    // Includes an answer whose send was throttled and released: it goes out now.
    if (prompt.state === "scheduled") effects.schedule.push(prompt);
    else if ((prompt.state === "cancelled" || prompt.state === "skipped") && prompt.scheduleName)
      effects.unschedule.push(prompt.scheduleName);
    // A prompt left in `sending` by a crash is not resent blindly: see deliver-prompt.ts.
  }
  return effects;
}
