import { TZDateMini, tzOffset } from "@date-fns/tz";

/**
 * Calendar days and wall-clock time in IANA zones, on the platform's Intl data through
 * @date-fns/tz (a zone-aware library, never hand-made offset rules). TZDateMini is TZDate without
 * its toString family, which nothing here needs: a smaller bundle.
 */

/** A calendar day; `month` counts from 1. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock reading, as a clock in some zone shows it. */
export interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Whether the runtime's Intl knows this zone (uncached; core/zones.ts keeps the answers). */
export function isIntlZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name }).format();
    return true;
  } catch {
    return false;
  }
}

/** The zone this process runs in (UTC on Lambda), for ISO text that names no offset. */
export function systemZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The instant a wall time names in `zone`. A time skipped when clocks go forward moves forward by
 * the gap (02:30 → 03:30); a repeated time when they go back is one of its two instants.
 */
export function instantAt(wall: CalendarDate & Partial<WallTime>, zone: string): Date {
  const { year, month, day, hour = 0, minute = 0, second = 0, millisecond = 0 } = wall;
  const zoned = new TZDateMini(year, month - 1, day, hour, minute, second, millisecond, zone);
  return new Date(zoned.getTime());
}

/** The wall time an instant shows in `zone`, with its ISO weekday (1 = Monday … 7 = Sunday). */
export function wallTimeAt(instant: Date | number, zone: string): WallTime & { weekday: number } {
  const zoned = new TZDateMini(typeof instant === "number" ? instant : instant.getTime(), zone);
  return {
    year: zoned.getFullYear(),
    month: zoned.getMonth() + 1,
    day: zoned.getDate(),
    hour: zoned.getHours(),
    minute: zoned.getMinutes(),
    second: zoned.getSeconds(),
    millisecond: zoned.getMilliseconds(),
    weekday: zoned.getDay() === 0 ? 7 : zoned.getDay(),
  };
}

/** The calendar day an instant falls on in `zone`. */
export function dateAt(instant: Date | number, zone: string): CalendarDate {
  const { year, month, day } = wallTimeAt(instant, zone);
  return { year, month, day };
}

/** Minutes east of UTC that `zone` is at that instant. */
export function offsetAt(instant: Date | number, zone: string): number {
  return tzOffset(zone, new Date(instant));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `days` calendar days later (earlier when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** `months` calendar months later, the day clamped to the month's end (31 Aug + 6 = 28 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: CalendarDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whether the parts name a real calendar day and clock time (24:00:00 is the next midnight). */
export function isRealWallTime(wall: WallTime): boolean {
  const { year, month, day, hour, minute, second, millisecond } = wall;
  const whole = [year, month, day, hour, minute, second, millisecond].every(Number.isInteger);
  if (!whole || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  const midnightAfter = hour === 24 && minute === 0 && second === 0 && millisecond === 0;
  return (
    (midnightAfter || (hour >= 0 && hour <= 23)) && minute >= 0 && minute <= 59 && second >= 0 && second <= 59
  );
}

/**
 * Calendar days/weeks/months are added to the wall time in `zone` (the clock time is kept across
 * a DST switch); hours, minutes, seconds and milliseconds are elapsed time.
 */
export function addInZone(
  instant: Date,
  amount: {
    months?: number;
    weeks?: number;
    days?: number;
    hours?: number;
    minutes?: number;
    seconds?: number;
    milliseconds?: number;
  },
  zone: string,
): Date {
  const { months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0, milliseconds = 0 } = amount;
  let moved = instant;
  if (months || weeks || days) {
    const wall = wallTimeAt(instant, zone);
    const date = addDays(addMonths(wall, months), days + weeks * 7);
    moved = instantAt({ ...wall, ...date }, zone);
  }
  const elapsed = ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds;
  return new Date(moved.getTime() + elapsed);
}
