import type { PromptPlan } from "../../core/followup/plan.js";
import { promptId } from "../../core/ids.js";
import type { Prompt, PromptState } from "../../core/model/prompt.js";
import { aPrompt } from "../support/entities.js";

export { aContact as contact, aMeeting as meeting, aUser as user } from "../support/entities.js";

/** What the store would hold after the use case saved a plan. */
export function stored(plan: PromptPlan, state: PromptState = "scheduled"): Prompt {
  const id = promptId("usr_test", plan.key);
  return aPrompt({
    id,
    key: plan.key,
    kind: plan.kind,
    dueAt: plan.dueAt.toISOString(),
    state,
    contactEmail: plan.contactEmail,
    meetingId: plan.meetingId,
    scheduleName: `cc-${id}`,
  });
}

/** `{ kind: ISO due }` for compact assertions. */
export function dues(plans: readonly PromptPlan[]): Record<string, string> {
  return Object.fromEntries(plans.map((plan) => [plan.kind, plan.dueAt.toISOString()]));
}
