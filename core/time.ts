import { TZDateMini, tzOffset } from "@date-fns/tz";

/**
 * Calendar and wall-clock time in IANA zones: the few operations the project needs, on the
 * platform's Intl data through @date-fns/tz (a zone-aware library, never hand-made offset rules).
 * TZDateMini is TZDate without its toString family, which nothing here needs: a smaller bundle.
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

/** ISO 8601 text split into its wall time and its offset (minutes east of UTC, null when none). */
export interface IsoParts {
  wall: WallTime;
  offsetMinutes: number | null;
}

const ISO =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Extended ISO 8601 date or date-time (as stored and as iCalendar values read); null when not one. */
export function parseIso(text: string): IsoParts | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, year, month, day, hour, minute, second, fraction, offset] = m;
  if (offset && hour === undefined) return null;
  const wall: WallTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0,
  };
  if (!isRealWallTime(wall)) return null;
  return { wall, offsetMinutes: offset ? offsetMinutesOf(offset) : null };
}

function offsetMinutesOf(offset: string): number | null {
  if (/^z$/i.test(offset)) return 0;
  const digits = offset.replace(/[+:-]/g, "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return offset.startsWith("-") ? -minutes : minutes;
}

/**
 * The instant ISO text names: by its own offset when it has one, else as wall time in `zone`
 * (the process's zone unless given). Null when the text is not ISO 8601 or the zone is unknown.
 */
export function parseInstant(text: string, zone: string = systemZone()): Date | null {
  const parts = parseIso(text);
  if (!parts) return null;
  return instantOfParts(parts, zone);
}

/** The instant of parsed ISO parts (their own offset, else wall time in `zone`), null when unusable. */
export function instantOfParts(parts: IsoParts, zone: string): Date | null {
  const { wall, offsetMinutes } = parts;
  let date: Date;
  if (offsetMinutes === null) {
    date = instantAt(wall, zone); // Invalid Date for an unknown zone
  } else {
    // The text's own offset, as ECMAScript's date-time format reads it.
    date = new Date(`${isoWallText(wall)}.${pad(wall.millisecond, 3)}${offsetText(offsetMinutes)}`);
  }
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "+02:00"-style text for minutes east of UTC. */
export function offsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.trunc(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function isoWallText(wall: CalendarDate & Partial<WallTime>): string {
  const year =
    wall.year >= 0 && wall.year <= 9999
      ? pad(wall.year, 4)
      : `${wall.year < 0 ? "-" : "+"}${pad(Math.abs(wall.year), 6)}`;
  return `${year}-${pad(wall.month, 2)}-${pad(wall.day, 2)}T${pad(wall.hour ?? 0, 2)}:${pad(wall.minute ?? 0, 2)}:${pad(wall.second ?? 0, 2)}`;
}

/** Zones written as "Z" in ISO text and named "UTC" (not a region's name for UTC). */
const isUtcName = (zone: string) => /^(utc|gmt)$/i.test(zone);

/**
 * ISO 8601 with the zone's offset at that instant ("2026-12-03T15:00:00.000-05:00"; "Z" for UTC).
 * `suppressMilliseconds` leaves ".000" out.
 */
export function isoInZone(
  instant: Date,
  zone: string,
  options: { suppressMilliseconds?: boolean } = {},
): string {
  const wall = wallTimeAt(instant, zone);
  const millis = options.suppressMilliseconds && wall.millisecond === 0 ? "" : `.${pad(wall.millisecond, 3)}`;
  const offset = isUtcName(zone) ? "Z" : offsetText(offsetAt(instant, zone));
  return `${isoWallText(wall)}${millis}${offset}`;
}

/** The zone's short name at that instant in a locale ("EST", "CET", "GMT+9"), as Intl gives it. */
export function zoneNameAt(instant: Date, zone: string, locale: string): string {
  if (isUtcName(zone)) return "UTC";
  const parts = new Intl.DateTimeFormat(locale, {
    hour12: false,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
    timeZoneName: "short",
  }).formatToParts(instant);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "";
}

const FORMAT_TOKENS = /'([^']*)'|yyyy|MM|dd|d|HH|h|mm|ss|ccc|LLL|a|ZZZZ|ZZ/g;

/**
 * An instant as text in `zone`, with these pattern tokens: yyyy MM dd d HH h mm ss a (AM/PM),
 * ccc (weekday) and LLL (month) short names in `locale`, ZZ ("-05:00"), ZZZZ ("EST"),
 * 'quoted' literals.
 */
export function formatInZone(instant: Date, zone: string, pattern: string, locale = "en-US"): string {
  const wall = wallTimeAt(instant, zone);
  const name = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: zone }).format(instant);
  return pattern.replace(FORMAT_TOKENS, (token, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case "yyyy":
        return pad(wall.year, 4);
      case "MM":
        return pad(wall.month, 2);
      case "dd":
        return pad(wall.day, 2);
      case "d":
        return String(wall.day);
      case "HH":
        return pad(wall.hour, 2);
      case "h":
        return String(wall.hour % 12 === 0 ? 12 : wall.hour % 12);
      case "mm":
        return pad(wall.minute, 2);
      case "ss":
        return pad(wall.second, 2);
      case "a":
        return wall.hour < 12 ? "AM" : "PM";
      case "ccc":
        return name({ weekday: "short" });
      case "LLL":
        return name({ month: "short" });
      case "ZZ":
        return offsetText(offsetAt(instant, zone));
      default:
        return zoneNameAt(instant, zone, locale);
    }
  });
}
