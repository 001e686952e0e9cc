import { DateTime } from "luxon";
import type { User } from "../model/user.js";
import { isValidZone } from "../zones.js";

/** What the follow-up clock needs to know about a user. */
export type PromptClockUser = Pick<User, "timeZone" | "promptHour" | "cadenceMonths">;

const MAX_SNOOZE_DAYS = 365;
const MAX_MONTHS = 120;

/** The user's zone, or UTC when the stored name is not a valid IANA zone (never a crash). */
export function userZone(user: Pick<User, "timeZone">): string {
  return isValidZone(user.timeZone) ? user.timeZone : "UTC";
}

function promptHourOf(user: Pick<User, "promptHour">): number {
  const hour = Math.trunc(user.promptHour);
  return Number.isFinite(hour) ? Math.min(23, Math.max(0, hour)) : 9;
}

/** The calendar day of `day` as seen in the user's zone. */
function localDay(day: DateTime | Date, zone: string): DateTime {
  const dt = day instanceof Date ? DateTime.fromJSDate(day) : day;
  return dt.setZone(zone);
}

/**
 * That calendar day (in the user's zone) at the user's prompt hour. On a spring-forward day a
 * prompt hour inside the gap moves forward by the gap (02:00 → 03:00), never to another day;
 * in a repeated fall-back hour Luxon picks one of the two instants, so the prompt fires once.
 */
export function atPromptHour(day: DateTime | Date, user: Pick<User, "timeZone" | "promptHour">): Date {
  const zone = userZone(user);
  const local = localDay(day, zone);
  return DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: promptHourOf(user) },
    { zone },
  ).toJSDate();
}

/** The first prompt-hour instant strictly after `after`. */
export function nextPromptHour(after: Date, user: Pick<User, "timeZone" | "promptHour">): Date {
  const zone = userZone(user);
  const today = localDay(after, zone);
  const candidate = atPromptHour(today, user);
  if (candidate.getTime() > after.getTime()) return candidate;
  return atPromptHour(today.plus({ days: 1 }), user);
}

/** `snooze <days>d`: that many calendar days later at the prompt hour; never at or before `now`. */
export function snoozeUntil(now: Date, days: number, user: Pick<User, "timeZone" | "promptHour">): Date {
  const whole = Number.isFinite(days) ? Math.min(MAX_SNOOZE_DAYS, Math.max(0, Math.trunc(days))) : 1;
  const zone = userZone(user);
  const due = atPromptHour(localDay(now, zone).plus({ days: whole }), user);
  return due.getTime() > now.getTime() ? due : nextPromptHour(now, user);
}

/** `from`'s calendar day plus `days` days, at the prompt hour. */
export function addDaysAtPromptHour(
  from: Date,
  days: number,
  user: Pick<User, "timeZone" | "promptHour">,
): Date {
  const zone = userZone(user);
  return atPromptHour(localDay(from, zone).plus({ days }), user);
}

/** `from`'s calendar day plus `months` months (clamped to the month's end: 31 Aug + 6 = 28 Feb), at the prompt hour. */
export function addMonthsAtPromptHour(
  from: Date,
  months: number,
  user: Pick<User, "timeZone" | "promptHour">,
): Date {
  const whole = Number.isFinite(months) ? Math.min(MAX_MONTHS, Math.max(1, Math.trunc(months))) : 6;
  const zone = userZone(user);
  return atPromptHour(localDay(from, zone).plus({ months: whole }), user);
}
