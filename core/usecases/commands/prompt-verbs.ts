import { describeContact, formatDue, formatMeetingTime } from "../../drafts/format.js";
import { inviteDraftLines } from "../../drafts/invite-draft.js";
import { planMeetingPrompts } from "../../followup/policy.js";
import { snoozeUntil } from "../../followup/timing.js";
import { PROMPT_KINDS } from "../../interview/prompt-kinds.js";
import { nextStage, STAGE_LABELS } from "../../interview/stage.js";
import type { Contact } from "../../model/contact.js";
import type { Meeting } from "../../model/meeting.js";
import { isFollowUpKind, type Prompt } from "../../model/prompt.js";
import type { AccountChanges } from "../account-changes.js";
import { syncCheckIn } from "../keep-in-touch.js";
import { type CommandContext, subjectOf } from "./context.js";

const RESCHEDULE_OPENING = "Sorry we missed each other. Could we find another time? Would one of these work?";

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
 */

const AGAIN = /:again:\d{4}-\d{2}-\d{2}$/;

function nameOf(prompt: Prompt): string {
  return PROMPT_KINDS[prompt.kind].name;
}

function followUp(ctx: CommandContext): Prompt | string[] {
  if (ctx.promptGone)
    return ["That prompt no longer exists (its contact was forgotten), so nothing changed."];
  const prompt = ctx.prompt;
  if (!prompt)
    return [
      "Reply to the prompt itself to use that command (mail to the log address is for account commands).",
    ];
  if (!isFollowUpKind(prompt.kind))
    return ["That works on a prompt (prep, thank-you, check-in…), not on this mail."];
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

function who(changes: AccountChanges, prompt: Prompt): string {
  const contact = prompt.contactEmail ? changes.contact(prompt.contactEmail) : undefined;
  return contact ? ` for ${describeContact(contact)}` : "";
}

export function done(ctx: CommandContext): string[] {
  const prompt = followUp(ctx);
  if (Array.isArray(prompt)) return prompt;
  const { changes } = ctx;
  const pending = liveOf(changes, prompt);
  if (pending) changes.endPrompt(pending, "skipped", "done");
  const lines = [`Marked done: the ${nameOf(prompt)}${who(changes, prompt)}.`];
  const contact = prompt.contactEmail ? changes.contact(prompt.contactEmail) : undefined;
  if (!contact) return lines;

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
    lines.push(
      `${describeContact(contact)} is marked cold. If they answer later, forward it and they're back.`,
    );
    return lines;
  }
  if (means === "met" || means === "wrote") {
    const latest = changes.contact(contact.email) ?? contact;
    changes.putContact({ ...latest, lastContactAt: changes.nowIso, updatedAt: changes.nowIso });
    if (
      PROMPT_KINDS[prompt.kind].chainsCheckIn ||
      changes.pendingPrompts((p) => p.kind === "check_in" && p.contactEmail === contact.email).length
    ) {
      syncCheckIn(changes, contact.email, changes.now);
      const next = changes.pendingPrompts(
        (p) => p.kind === "check_in" && p.contactEmail === contact.email,
      )[0];
      if (next)
        lines.push(`Next check-in: ${formatDue(new Date(next.dueAt), changes.user.timeZone, changes.now)}.`);
    }
  }
  return lines;
}

export function snooze(ctx: CommandContext, days: number): string[] {
  const prompt = followUp(ctx);
  if (Array.isArray(prompt)) return prompt;
  const { changes } = ctx;
  const current = changes.prompt(prompt.id) ?? prompt;
  const until = snoozeUntil(changes.now, days, changes.user);
  const when = formatDue(until, changes.user.timeZone, changes.now);
  const pending = current.state === "cancelled" ? undefined : liveOf(changes, current);
  if (pending) {
    changes.retimePrompt(pending, until);
    return [
      `Snoozed: the ${nameOf(pending)}${who(changes, pending)} now arrives ${when}.`,
      ...pausedNote(changes),
    ];
  }
  if (current.state === "cancelled") {
    return [
      `The ${nameOf(current)}${who(changes, current)} was cancelled (${current.reason ?? "no longer needed"}), so there is nothing to snooze.`,
    ];
  }
  // Nudges are about an outreach still waiting for an answer: past that stage none comes back.
  const contact = current.contactEmail ? changes.contact(current.contactEmail) : undefined;
  if ((current.kind === "nudge" || current.kind === "move_on") && contact && contact.stage !== "outreach") {
    return [
      `${describeContact(contact)} is at ${STAGE_LABELS[contact.stage]} now, so the ${nameOf(current)} will not come back.`,
    ];
  }
  const base = current.key.replace(AGAIN, "");
  const key = `${base}:again:${until.toISOString().slice(0, 10)}`;
  const existing = changes.account.prompts.find((p) => p.key === key);
  if (existing && existing.state !== "cancelled") {
    return [`The ${nameOf(current)}${who(changes, current)} already came back once for ${when}.`];
  }
  changes.createPrompt({
    key,
    kind: current.kind,
    dueAt: until,
    contactEmail: current.contactEmail,
    meetingId: current.meetingId,
  });
  changes.markResent(current);
  return [
    `Snoozed: the ${nameOf(current)}${who(changes, current)} comes back ${when}.`,
    ...pausedNote(changes),
  ];
}

export function skip(ctx: CommandContext): string[] {
  const prompt = followUp(ctx);
  if (Array.isArray(prompt)) return prompt;
  const { changes } = ctx;
  const stored = changes.prompt(prompt.id) ?? prompt;
  // A reminder made of this prompt by `snooze` is what a skip means once the prompt went out.
  const reminder = liveOf(changes, stored);
  const current = reminder?.key.startsWith(stored.key.replace(AGAIN, "")) ? reminder : stored;
  if (current.state !== "scheduled") {
    return [
      `The ${nameOf(current)}${who(changes, current)} was already ${stateWord(current)}; nothing to skip.`,
    ];
  }
  changes.endPrompt(current, "skipped", "skipped by you");
  const lines = [`Skipped: the ${nameOf(current)}${who(changes, current)}. The other follow-ups stay.`];
  if (current.kind === "check_in" && current.contactEmail) {
    syncCheckIn(changes, current.contactEmail, changes.now);
    const next = changes.pendingPrompts(
      (p) => p.kind === "check_in" && p.contactEmail === current.contactEmail,
    )[0];
    if (next)
      lines.push(`Next check-in: ${formatDue(new Date(next.dueAt), changes.user.timeZone, changes.now)}.`);
  }
  return lines;
}

export function met(ctx: CommandContext): string[] {
  const subject = subjectOf(ctx);
  if ("lines" in subject) return subject.lines;
  const { changes } = ctx;
  const { contact } = subject;
  const meeting = subject.meeting ?? latestMeeting(changes, contact);
  if (!meeting)
    return [`I have no meeting with ${describeContact(contact)} logged. Forward the invite and I'll log it.`];
  if (meeting.status === "cancelled") {
    return [
      `The meeting with ${describeContact(contact)} was cancelled. If it happened after all, forward the new invite.`,
    ];
  }
  const updated: Meeting = { ...meeting, status: "met", updatedAt: changes.nowIso };
  changes.putMeeting(updated);
  changes.putContact({ ...contact, stage: nextStage(contact.stage, "met"), updatedAt: changes.nowIso });
  // The meeting answered any outreach; prep is moot; a thank-you and referral ask still to come stay.
  changes.syncPrompts(
    (p) => (p.kind === "nudge" || p.kind === "move_on") && p.contactEmail === contact.email,
    [],
  );
  replanMeeting(changes, updated);
  return [
    `Marked met: ${describeContact(contact)}, ${formatMeetingTime(meeting.start, changes.user.timeZone, changes.now)}.`,
  ];
}

export function noShow(ctx: CommandContext): string[] {
  const subject = subjectOf(ctx);
  if ("lines" in subject) return subject.lines;
  const { changes } = ctx;
  const { contact } = subject;
  const meeting = subject.meeting ?? latestMeeting(changes, contact);
  if (!meeting) return [`I have no meeting with ${describeContact(contact)} logged.`];
  changes.putMeeting({ ...meeting, status: "no_show", updatedAt: changes.nowIso });
  const pending = changes.pendingPrompts((p) => p.meetingId === meeting.id);
  for (const prompt of pending) changes.endPrompt(prompt, "cancelled", "no-show");
  const stage = nextStage(contact.stage, "no_show");
  if (stage !== contact.stage) {
    changes.putContact({ ...contact, stage, updatedAt: changes.nowIso });
    // Nobody was met: no keep-in-touch check-in.
    syncCheckIn(changes, contact.email, changes.now);
  }
  return [
    `Noted: ${describeContact(contact)} didn't show (${formatMeetingTime(meeting.start, changes.user.timeZone, changes.now)}).${
      pending.length ? " The thank-you and referral ask for it are off." : ""
    }`,
    "Want to try again? Here is a draft proposing new times; forward the new invite once it is sent.",
    "",
    ...inviteDraftLines(contact, changes.user.timeZone, changes.now, RESCHEDULE_OPENING).map((l) => `> ${l}`),
  ];
}

export function stop(ctx: CommandContext): string[] {
  const subject = subjectOf(ctx);
  if ("lines" in subject) return subject.lines;
  const { changes } = ctx;
  const { contact } = subject;
  changes.putContact({ ...contact, stopped: true, updatedAt: changes.nowIso });
  const pending = changes.pendingPrompts((p) => p.contactEmail === contact.email);
  for (const prompt of pending) changes.endPrompt(prompt, "cancelled", "stopped");
  return [
    `Stopped: no more prompts about ${describeContact(contact)}${pending.length ? ` (${pending.length} cancelled)` : ""}.`,
    "Forwarding a new mail or invite with them logs it, but prompts stay off.",
  ];
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
    referralFromContact: changes.account.contacts.some((c) => c.referredBy === contact.email),
    now: changes.now,
  });
  // Reminders from `snooze` are the user's own and stay; sent or skipped keys are never planned again (reconcile).
  changes.syncPrompts((p) => p.meetingId === meeting.id && !p.key.includes(":again:"), plans);
}

function stateWord(prompt: Prompt): string {
  return prompt.state === "sending" ? "being sent" : prompt.state;
}

function pausedNote(changes: AccountChanges): string[] {
  return changes.user.paused ? ["(Your prompts are paused: reply `resume` to get them again.)"] : [];
}
