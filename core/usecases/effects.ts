import type { Prompt } from "../model/prompt.js";

/** What has to happen outside DynamoDB once the changes are committed. */
export interface Effects {
  /** Prompts whose schedule must exist at their due time (or that are due already: deliver). */
  schedule: Prompt[];
  /** Schedules to delete. */
  unschedule: string[];
  /** Answers mailed at once (stored `scheduled`, due now): claimed and sent right after the commit. */
  deliver: Prompt[];
}

/**
 * What prompts in these states owe the outside world: a unit's touched prompts after its commit,
 * or the stored ones of an already-committed unit that a retry finishes.
 */
export function effectsOf(prompts: Prompt[]): Effects {
  const effects: Effects = { schedule: [], unschedule: [], deliver: [] };
  for (const prompt of prompts) {
    // An answer not yet claimed (the commit's response was lost, or its send was throttled and
    // released) goes out now, paused or not.
    if (prompt.state === "scheduled" && !prompt.scheduleName) effects.deliver.push(prompt);
    else if (prompt.state === "scheduled") effects.schedule.push(prompt);
    else if ((prompt.state === "cancelled" || prompt.state === "skipped") && prompt.scheduleName)
      effects.unschedule.push(prompt.scheduleName);
    // A prompt left in `sending` by a crash is not resent blindly: see deliver-prompt.ts.
  }
  return effects;
}
