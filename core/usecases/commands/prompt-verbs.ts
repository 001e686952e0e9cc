import { AGAIN, reminderKey } from "../../followup/keys.js";
import { isOutreachPromptOf, planMeetingPrompts } from "../../followup/policy.js";
import { snoozeUntil } from "../../followup/timing.js";
import type { Outcome, PromptRef } from "../../interview/outcome.js";
import { PROMPT_KINDS } from "../../interview/prompt-kinds.js";
import { nextStage } from "../../interview/stage.js";
import type { Contact } from "../../model/contact.js";
import type { Meeting } from "../../model/meeting.js";
import { isFollowUpKind, type Prompt } from "../../model/prompt.js";
import type { AccountChanges } from "../account-changes.js";
import { syncCheckIn } from "../keep-in-touch.js";
import { type CommandContext, type Refused, refused, subjectOf } from "./context.js";

/**
 * Verbs about the prompt replied to.
 * - done / sent: the user did what the prompt asked. A pending prompt is closed (`skipped`,
 *   reason "done"). A thank-you means the meeting happened; a thank-you, referral ask, nudge or
 *   check-in means the user wrote to the person, which restarts their keep-in-touch clock; a
 *   move-on note means the outreach is cold.
 * - snooze N: a pending prompt moves to N days later at the prompt hour; one already sent
 *   comes back N days later as a reminder (its own prompt, keyed by the day, so repeating the
 *   command the same day changes nothing), except a nudge or move-on note once the outreach
 *   is past waiting for an answer.
 * - skip: a pending prompt is skipped; a skipped check-in keeps the chain going from today.
 * - met / no-show: the meeting's status; met moves the contact to `met` and keeps the thank-you
 *   and referral ask, no-show cancels every prompt of that meeting.
 * - stop: the contact is stopped and all their pending prompts are cancelled.
 * Each returns what it did as an outcome; core/drafts/answers.ts says it in words.
 */

function followUp(ctx: CommandContext): Prompt | Refused {
  if (ctx.promptGone) return refused("prompt_gone");
  const prompt = ctx.prompt;
  if (!prompt) return refused("no_prompt");
  if (!isFollowUpKind(prompt.kind)) return refused("not_follow_up");
  return prompt;
}

/**
 * The one live (scheduled) prompt standing for `prompt`: itself while pending, else the reminder
 * a `snooze` made of it or the next one of its kind for the same person and meeting. There is
 * never more than one live prompt of a kind per contact, so verbs act on this one.
 */
function liveOf(changes: AccountChanges, prompt: Prompt): Prompt | undefined {
  const current = changes.prompt(prompt.id) ?? prompt;
  if (current.state === "scheduled") return current;
  const base = current.key.replace(AGAIN, "");
  return changes.pendingPrompts((p) =>
    prompt.contactEmail
      ? p.kind === prompt.kind &&
        p.contactEmail === prompt.contactEmail &&
        (p.meetingId ?? null) === (prompt.meetingId ?? null)
      : p.key.startsWith(`${base}:again:`),
  )[0];
}

/** The prompt as an answer names it: its kind and its person, if still logged. */
function refOf(changes: AccountChanges, prompt: Prompt): PromptRef {
  const contact = prompt.contactEmail ? changes.contact(prompt.contactEmail) : undefined;
  return { kind: prompt.kind, contact: contact ?? null };
}

/** When the person's next keep-in-touch check-in is due, if one is planned. */
function nextCheckIn(changes: AccountChanges, email: string): Date | null {
  const next = changes.pendingPrompts((p) => p.kind === "check_in" && p.contactEmail === email)[0];
  return next ? new Date(next.dueAt) : null;
}

export function done(ctx: CommandContext): Outcome {
  const prompt = followUp(ctx);
  if ("why" in prompt) return prompt;
  const { changes } = ctx;
  const pending = liveOf(changes, prompt);
  if (pending) changes.endPrompt(pending, "skipped", "done");
  const outcome = { kind: "done", prompt: refOf(changes, prompt), cold: null, nextCheckIn: null } as const;
  const contact = prompt.contactEmail ? changes.contact(prompt.contactEmail) : undefined;
  if (!contact) return outcome;

  const means = PROMPT_KINDS[prompt.kind].done;
  if (means === "met") {
    const meeting = prompt.meetingId ? changes.meeting(prompt.meetingId) : undefined;
    if (meeting?.status === "scheduled")
      changes.putMeeting({ ...meeting, status: "met", updatedAt: changes.nowIso });
    const stage = nextStage(contact.stage, "met");
    if (stage !== contact.stage) changes.putContact({ ...contact, stage, updatedAt: changes.nowIso });
  }
  if (means === "moved_on" && nextStage(contact.stage, "moved_on") === "cold") {
    if (contact.stage !== "cold")
      changes.putContact({ ...contact, stage: "cold", updatedAt: changes.nowIso });
    return { ...outcome, cold: contact };
  }
  if (means === "met" || means === "wrote") {
    const latest = changes.contact(contact.email) ?? contact;
    changes.putContact({ ...latest, lastContactAt: changes.nowIso, updatedAt: changes.nowIso });
    if (
      PROMPT_KINDS[prompt.kind].chainsCheckIn ||
      changes.pendingPrompts((p) => p.kind === "check_in" && p.contactEmail === contact.email).length
    ) {
      syncCheckIn(changes, contact.email, changes.now);
      return { ...outcome, nextCheckIn: nextCheckIn(changes, contact.email) };
    }
  }
  return outcome;
}

export function snooze(ctx: CommandContext, days: number): Outcome {
  const prompt = followUp(ctx);
  if ("why" in prompt) return prompt;
  const { changes } = ctx;
  const current = changes.prompt(prompt.id) ?? prompt;
  const until = snoozeUntil(changes.now, days, changes.user);
  const pending = current.state === "cancelled" ? undefined : liveOf(changes, current);
  if (pending) {
    changes.retimePrompt(pending, until);
    return {
      kind: "snoozed",
      prompt: refOf(changes, pending),
      until,
      reminder: false,
      paused: changes.user.paused,
    };
  }
  if (current.state === "cancelled") {
    return { kind: "snooze_cancelled", prompt: refOf(changes, current), reason: current.reason ?? null };
  }
  // Nudges are about an outreach still waiting for an answer: past that stage none comes back.
  const contact = current.contactEmail ? changes.contact(current.contactEmail) : undefined;
  if ((current.kind === "nudge" || current.kind === "move_on") && contact && contact.stage !== "outreach") {
    return { kind: "snooze_past_stage", prompt: refOf(changes, current), contact };
  }
  const key = reminderKey(current.key, until);
  const existing = changes.account.prompts.find((p) => p.key === key);
  if (existing && existing.state !== "cancelled") {
    return { kind: "snooze_repeated", prompt: refOf(changes, current), until };
  }
  changes.createPrompt({
    key,
    kind: current.kind,
    dueAt: until,
    contactEmail: current.contactEmail,
    meetingId: current.meetingId,
  });
  changes.markResent(current);
  return {
    kind: "snoozed",
    prompt: refOf(changes, current),
    until,
    reminder: true,
    paused: changes.user.paused,
  };
}

export function skip(ctx: CommandContext): Outcome {
  const prompt = followUp(ctx);
  if ("why" in prompt) return prompt;
  const { changes } = ctx;
  const stored = changes.prompt(prompt.id) ?? prompt;
  // A reminder made of this prompt by `snooze` is what a skip means once the prompt went out.
  const reminder = liveOf(changes, stored);
  const current = reminder?.key.startsWith(stored.key.replace(AGAIN, "")) ? reminder : stored;
  if (current.state !== "scheduled") {
    return { kind: "skip_ended", prompt: refOf(changes, current), state: current.state };
  }
  changes.endPrompt(current, "skipped", "skipped by you");
  const outcome = { kind: "skipped", prompt: refOf(changes, current), nextCheckIn: null } as const;
  if (current.kind === "check_in" && current.contactEmail) {
    syncCheckIn(changes, current.contactEmail, changes.now);
    return { ...outcome, nextCheckIn: nextCheckIn(changes, current.contactEmail) };
  }
  return outcome;
}

export function met(ctx: CommandContext): Outcome {
  const subject = subjectOf(ctx);
  if ("kind" in subject) return subject;
  const { changes } = ctx;
  const { contact } = subject;
  const meeting = subject.meeting ?? latestMeeting(changes, contact);
  if (!meeting) return { kind: "no_meeting", contact, verb: "met" };
  if (meeting.status === "cancelled") return { kind: "meeting_cancelled", contact };
  const updated: Meeting = { ...meeting, status: "met", updatedAt: changes.nowIso };
  changes.putMeeting(updated);
  changes.putContact({ ...contact, stage: nextStage(contact.stage, "met"), updatedAt: changes.nowIso });
  // The meeting answered any outreach; prep is moot; a thank-you and referral ask still to come stay.
  changes.syncPrompts(isOutreachPromptOf(contact.email), []);
  replanMeeting(changes, updated);
  return { kind: "met", contact, start: meeting.start };
}

export function noShow(ctx: CommandContext): Outcome {
  const subject = subjectOf(ctx);
  if ("kind" in subject) return subject;
  const { changes } = ctx;
  const { contact } = subject;
  const meeting = subject.meeting ?? latestMeeting(changes, contact);
  if (!meeting) return { kind: "no_meeting", contact, verb: "no_show" };
  changes.putMeeting({ ...meeting, status: "no_show", updatedAt: changes.nowIso });
  const pending = changes.pendingPrompts((p) => p.meetingId === meeting.id);
  for (const prompt of pending) changes.endPrompt(prompt, "cancelled", "no-show");
  const stage = nextStage(contact.stage, "no_show");
  if (stage !== contact.stage) {
    changes.putContact({ ...contact, stage, updatedAt: changes.nowIso });
    // Nobody was met: no keep-in-touch check-in.
    syncCheckIn(changes, contact.email, changes.now);
  }
  return { kind: "no_show", contact, start: meeting.start, promptsCancelled: pending.length };
}

export function stop(ctx: CommandContext): Outcome {
  const subject = subjectOf(ctx);
  if ("kind" in subject) return subject;
  const { changes } = ctx;
  const { contact } = subject;
  changes.putContact({ ...contact, stopped: true, updatedAt: changes.nowIso });
  const pending = changes.pendingPrompts((p) => p.contactEmail === contact.email);
  for (const prompt of pending) changes.endPrompt(prompt, "cancelled", "stopped");
  return { kind: "stopped", contact, promptsCancelled: pending.length };
}

/** The meeting a `met` / `no-show` without a meeting in the prompt means: the latest that has started, else the next. */
function latestMeeting(changes: AccountChanges, contact: Contact): Meeting | undefined {
  const theirs = changes.account.meetings
    .filter((m) => m.contactEmail === contact.email && m.status !== "cancelled")
    .sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  return theirs.find((m) => Date.parse(m.start) <= changes.now.getTime()) ?? theirs[theirs.length - 1];
}

export function replanMeeting(changes: AccountChanges, meeting: Meeting): void {
  const contact = changes.contact(meeting.contactEmail);
  if (!contact) return;
  const plans = planMeetingPrompts({
    meeting,
    contact,
    user: changes.user,
    referralFromContact: contact.referrals.length > 0,
    now: changes.now,
  });
  // Reminders from `snooze` are the user's own and stay; sent or skipped keys are never planned again (reconcile).
  changes.syncPrompts((p) => p.meetingId === meeting.id && !p.key.includes(":again:"), plans);
}
