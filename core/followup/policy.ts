import { KEEP_IN_TOUCH_STAGES } from "../interview/stage.js";
import type { Contact } from "../model/contact.js";
import type { Meeting } from "../model/meeting.js";
import type { Prompt } from "../model/prompt.js";
import { parseInstant } from "../time/iso.js";
import type { PromptPlan } from "./plan.js";
import {
  addDaysAtPromptHour,
  addMonthsAtPromptHour,
  nextPromptHour,
  outsideNight,
  type PromptClockUser,
} from "./timing.js";

const HOUR_MS = 60 * 60 * 1000;
const PREP_AT_ONCE_WITHIN_MS = 24 * HOUR_MS;
const THANK_YOU_AFTER_MS = HOUR_MS;
const REFERRAL_ASK_AFTER_DAYS = 3;
const NUDGE_AFTER_DAYS = 7;
const MOVE_ON_AFTER_DAYS = 14;

function toInstant(value: Date | string): Date | null {
  const date = value instanceof Date ? value : parseInstant(value);
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** The UTC calendar date of an instant: stable whatever zone the user later moves to. */
function keyDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export interface MeetingPlanInput {
  meeting: Meeting;
  contact: Contact;
  user: PromptClockUser;
  /** A referral from this contact is already logged: no referral ask. */
  referralFromContact: boolean;
  now: Date;
}

/**
 * What a meeting should have scheduled. `scheduled`: prep (the day before at the prompt hour, or
 * at once when the meeting is under 24 h away or that slot has passed), thank-you 1 h after the end
 * (or at the next prompt hour when that is in the user's night),
 * referral ask 3 days after. `met`: the meeting happened, so prep is moot but the thank-you and the
 * referral ask stay. `cancelled`, `no_show` and stopped contacts: nothing.
 * Plans whose time has passed are left out, except the immediate prep.
 */
/** The prompts a meeting can have, one of each kind: their keys (and so their ids) follow from the meeting's. */
export const MEETING_PROMPT_KINDS = ["prep", "thank_you", "referral_ask"] as const;

export function meetingPromptKey(kind: (typeof MEETING_PROMPT_KINDS)[number], meetingId: string): string {
  return `${kind}:${meetingId}`;
}

export function planMeetingPrompts(input: MeetingPlanInput): PromptPlan[] {
  const { meeting, contact, user, referralFromContact, now } = input;
  if (contact.stopped) return [];
  if (meeting.status !== "scheduled" && meeting.status !== "met") return [];
  const start = toInstant(meeting.start);
  const end = toInstant(meeting.end);
  if (!start || !end) return [];

  const base = { contactEmail: contact.email, meetingId: meeting.id };
  const plans: PromptPlan[] = [];

  if (meeting.status === "scheduled" && start.getTime() > now.getTime()) {
    const dayBefore = addDaysAtPromptHour(start, -1, user);
    const atOnce =
      start.getTime() - now.getTime() < PREP_AT_ONCE_WITHIN_MS || dayBefore.getTime() <= now.getTime();
    // "At once" waits out the user's night when the morning still comes before the meeting.
    const soon = outsideNight(now, user);
    const prepAt = atOnce ? (soon.getTime() < start.getTime() ? soon : now) : dayBefore;
    plans.push({ ...base, key: meetingPromptKey("prep", meeting.id), kind: "prep", dueAt: prepAt });
  }

  // An all-day event has no real end hour: thank the next morning rather than at 01:00.
  const thankYouAt = meeting.allDay
    ? nextPromptHour(new Date(end.getTime() - 1), user)
    : outsideNight(new Date(end.getTime() + THANK_YOU_AFTER_MS), user);
  plans.push({
    ...base,
    key: meetingPromptKey("thank_you", meeting.id),
    kind: "thank_you",
    dueAt: thankYouAt,
  });

  if (!referralFromContact) {
    const askAt = addDaysAtPromptHour(end, REFERRAL_ASK_AFTER_DAYS, user);
    plans.push({
      ...base,
      key: meetingPromptKey("referral_ask", meeting.id),
      kind: "referral_ask",
      dueAt: askAt,
    });
  }

  return plans.filter((plan) => plan.kind === "prep" || plan.dueAt.getTime() > now.getTime());
}

export interface OutreachPlanInput {
  contact: Contact;
  user: PromptClockUser;
  outreachAt: Date | string;
  now: Date;
}

/** The prompts of an outreach waiting for an answer (the nudge and the move-on note) about `email`: what an answer or a meeting ends. */
export function isOutreachPromptOf(email: string): (prompt: Prompt) => boolean {
  return (prompt) => (prompt.kind === "nudge" || prompt.kind === "move_on") && prompt.contactEmail === email;
}

/** A nudge 7 days and "move on" 14 days after an unanswered outreach, while the contact is still at `outreach`. */
export function planOutreachPrompts(input: OutreachPlanInput): PromptPlan[] {
  const { contact, user, now } = input;
  if (contact.stopped || contact.stage !== "outreach") return [];
  const outreachAt = toInstant(input.outreachAt);
  if (!outreachAt) return [];
  const suffix = `${contact.email}:${keyDate(outreachAt)}`;
  const base = { contactEmail: contact.email, meetingId: null };
  const plans: PromptPlan[] = [
    {
      ...base,
      key: `nudge:${suffix}`,
      kind: "nudge",
      dueAt: addDaysAtPromptHour(outreachAt, NUDGE_AFTER_DAYS, user),
    },
    {
      ...base,
      key: `move_on:${suffix}`,
      kind: "move_on",
      dueAt: addDaysAtPromptHour(outreachAt, MOVE_ON_AFTER_DAYS, user),
    },
  ];
  return plans.filter((plan) => plan.dueAt.getTime() > now.getTime());
}

export interface CheckInPlanInput {
  contact: Contact;
  user: PromptClockUser;
  /** The last logged contact with the person, or the send time of the previous check-in (the chain). */
  lastContactAt: Date | string;
  now: Date;
}

/**
 * The next keep-in-touch check-in, `cadenceMonths` after the last contact at the prompt hour.
 * Null when stopped or when the user never got past outreach with them. A check-in already
 * overdue (a long silence) comes at the next prompt hour.
 */
export function planCheckIn(input: CheckInPlanInput): PromptPlan | null {
  const { contact, user, now } = input;
  if (contact.stopped || !KEEP_IN_TOUCH_STAGES.includes(contact.stage)) return null;
  const last = toInstant(input.lastContactAt);
  if (!last) return null;
  const due = addMonthsAtPromptHour(last, user.cadenceMonths, user);
  return {
    key: `check_in:${contact.email}:${keyDate(last)}`,
    kind: "check_in",
    dueAt: due.getTime() > now.getTime() ? due : nextPromptHour(now, user),
    contactEmail: contact.email,
    meetingId: null,
  };
}

export interface Reconciliation {
  create: PromptPlan[];
  retime: { prompt: Prompt; dueAt: Date }[];
  cancel: Prompt[];
}

/**
 * Turns "what should exist" into changes for one scope (one meeting, one outreach, one contact's
 * check-in). Only `scheduled` prompts are moved or cancelled. A key that was sent, is being sent,
 * was skipped or failed is never planned again. A `cancelled` key that is wanted again (a meeting
 * cancelled, then re-sent with a higher SEQUENCE) comes back in `create`: its id is the same, so
 * the caller writes it over the cancelled record.
 */
export function reconcilePrompts(
  existing: readonly Prompt[],
  desired: readonly PromptPlan[],
): Reconciliation {
  const byKey = new Map<string, Prompt>();
  for (const prompt of existing) byKey.set(prompt.key, prompt);
  const wanted = new Map<string, PromptPlan>();
  for (const plan of desired) if (!wanted.has(plan.key)) wanted.set(plan.key, plan);

  const result: Reconciliation = { create: [], retime: [], cancel: [] };
  for (const plan of wanted.values()) {
    const current = byKey.get(plan.key);
    if (!current || current.state === "cancelled") {
      result.create.push(plan);
    } else if (current.state === "scheduled" && Date.parse(current.dueAt) !== plan.dueAt.getTime()) {
      result.retime.push({ prompt: current, dueAt: plan.dueAt });
    }
  }
  for (const prompt of byKey.values()) {
    if (prompt.state === "scheduled" && !wanted.has(prompt.key)) result.cancel.push(prompt);
  }
  return result;
}
