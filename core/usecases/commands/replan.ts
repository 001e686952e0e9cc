import { planMeetingPrompts, planOutreachPrompts } from "../../followup/policy.js";
import { monthsLaterAtPromptHour, type PromptClockUser, userZone } from "../../followup/timing.js";
import { PROMPT_KINDS } from "../../interview/prompt-kinds.js";
import type { Prompt } from "../../model/prompt.js";
import type { AccountChanges } from "../account-changes.js";

/**
 * After `tz`, `hour` or `cadence`: every pending prompt is moved to where the policy would put
 * it now. Meeting prompts and outreach nudges are planned again from their meeting / outreach
 * (a thank-you stays one hour after the meeting; prep and asks move to the new prompt hour);
 * check-ins and snooze reminders keep their calendar day and move to the new prompt hour, a
 * check-in also by the change of cadence. Nothing is created or cancelled here, and a time
 * that has passed under the new settings means "now". Returns how many prompts moved.
 */
export function retimePending(changes: AccountChanges, before: PromptClockUser): number {
  let moved = 0;
  for (const prompt of changes.pendingPrompts()) {
    const due = desiredDue(changes, prompt, before);
    if (!due) continue;
    const at = new Date(Math.max(due.getTime(), changes.now.getTime()));
    if (at.getTime() === Date.parse(prompt.dueAt)) continue;
    changes.retimePrompt(prompt, at);
    moved++;
  }
  return moved;
}

function desiredDue(changes: AccountChanges, prompt: Prompt, before: PromptClockUser): Date | null {
  const user = changes.user;
  const reminder = prompt.key.includes(":again:");
  const contact = prompt.contactEmail ? changes.contact(prompt.contactEmail) : undefined;
  const retime = PROMPT_KINDS[prompt.kind].retime;
  if (!reminder && contact && prompt.meetingId && retime === "meeting") {
    const meeting = changes.meeting(prompt.meetingId);
    if (!meeting) return null;
    const plans = planMeetingPrompts({
      meeting,
      contact,
      user,
      referralFromContact: false,
      now: changes.now,
    });
    return plans.find((p) => p.key === prompt.key)?.dueAt ?? null;
  }
  if (!reminder && contact?.outreachAt && retime === "outreach") {
    const plans = planOutreachPrompts({ contact, user, outreachAt: contact.outreachAt, now: changes.now });
    const plan = plans.find((p) => p.key === prompt.key);
    if (plan) return plan.dueAt;
  }
  if (retime === "never") return null;
  const months = !reminder && prompt.kind === "check_in" ? user.cadenceMonths - before.cadenceMonths : 0;
  return sameDayAtPromptHour(new Date(prompt.dueAt), before, user, months);
}

/** The calendar day the prompt had in the old zone (shifted by `months`), at the prompt hour in the new zone. */
function sameDayAtPromptHour(
  due: Date,
  before: PromptClockUser,
  after: PromptClockUser,
  months: number,
): Date {
  return monthsLaterAtPromptHour(due, months, userZone(before), after);
}
