import type { User } from "../model/user.js";
import { addDays, addMonths, type CalendarDate, dateAt, instantAt, wallTimeAt } from "../time/wall-clock.js";
import { zoneOrUtc } from "../zones.js";

/** What the follow-up clock needs to know about a user. */
export type PromptClockUser = Pick<User, "timeZone" | "promptHour" | "cadenceMonths">;

const MAX_SNOOZE_DAYS = 365;
const MAX_MONTHS = 120;

/** The user's zone, or UTC when the stored name is not a valid IANA zone (never a crash). */
export function userZone(user: Pick<User, "timeZone">): string {
  return zoneOrUtc(user.timeZone);
}

function promptHourOf(user: Pick<User, "promptHour">): number {
  const hour = Math.trunc(user.promptHour);
  return Number.isFinite(hour) ? Math.min(23, Math.max(0, hour)) : 9;
}

/**
 * That calendar day (in the user's zone) at the user's prompt hour. On a spring-forward day a
 * prompt hour inside the gap moves forward by the gap (02:00 → 03:00), never to another day;
 * in a repeated fall-back hour one of the two instants is picked, so the prompt fires once.
 */
function promptHourOn(day: CalendarDate, user: Pick<User, "timeZone" | "promptHour">): Date {
  return instantAt({ ...day, hour: promptHourOf(user) }, userZone(user));
}

/** The calendar day of `day` as seen in the user's zone, at the user's prompt hour. */
export function atPromptHour(day: Date, user: Pick<User, "timeZone" | "promptHour">): Date {
  return promptHourOn(dateAt(day, userZone(user)), user);
}

/** The first prompt-hour instant strictly after `after`. */
export function nextPromptHour(after: Date, user: Pick<User, "timeZone" | "promptHour">): Date {
  const today = dateAt(after, userZone(user));
  const candidate = promptHourOn(today, user);
  if (candidate.getTime() > after.getTime()) return candidate;
  return promptHourOn(addDays(today, 1), user);
}

/** The user's night, in local hours: [22:00, 07:00). Only answers to the user's own mail go out then. */
const NIGHT_FROM_HOUR = 22;
const NIGHT_UNTIL_HOUR = 7;

/** `at`, or the next prompt hour when `at` falls in the user's night (a thank-you after a late call). */
export function outsideNight(at: Date, user: Pick<User, "timeZone" | "promptHour">): Date {
  const { hour } = wallTimeAt(at, userZone(user));
  return hour >= NIGHT_FROM_HOUR || hour < NIGHT_UNTIL_HOUR ? nextPromptHour(at, user) : at;
}

/** `snooze <days>d`: that many calendar days later at the prompt hour; never at or before `now`. */
export function snoozeUntil(now: Date, days: number, user: Pick<User, "timeZone" | "promptHour">): Date {
  const whole = Number.isFinite(days) ? Math.min(MAX_SNOOZE_DAYS, Math.max(0, Math.trunc(days))) : 1;
  const due = promptHourOn(addDays(dateAt(now, userZone(user)), whole), user);
  return due.getTime() > now.getTime() ? due : nextPromptHour(now, user);
}

/** `from`'s calendar day plus `days` days, at the prompt hour. */
export function addDaysAtPromptHour(
  from: Date,
  days: number,
  user: Pick<User, "timeZone" | "promptHour">,
): Date {
  return promptHourOn(addDays(dateAt(from, userZone(user)), days), user);
}

/** `from`'s calendar day plus `months` months (clamped to the month's end: 31 Aug + 6 = 28 Feb), at the prompt hour. */
export function addMonthsAtPromptHour(
  from: Date,
  months: number,
  user: Pick<User, "timeZone" | "promptHour">,
): Date {
  const whole = Number.isFinite(months) ? Math.min(MAX_MONTHS, Math.max(1, Math.trunc(months))) : 6;
  return promptHourOn(addMonths(dateAt(from, userZone(user)), whole), user);
}

/** A calendar day `months` later in `zone` (clamped to the month's end), at the prompt hour in the user's zone. */
export function monthsLaterAtPromptHour(
  from: Date,
  months: number,
  fromZone: string,
  user: Pick<User, "timeZone" | "promptHour">,
): Date {
  return promptHourOn(addMonths(dateAt(from, fromZone), months), user);
}
