import {
  type CalendarDate,
  instantAt,
  isRealWallTime,
  offsetAt,
  systemZone,
  type WallTime,
  wallTimeAt,
} from "./wall-clock.js";

/** ISO 8601 as stored and as iCalendar values are read: extended form only. */

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
export function parseInstant(text: string, zone?: string): Date | null {
  const parts = parseIso(text);
  if (!parts) return null;
  return instantOfParts(parts, zone);
}

/**
 * The instant of parsed ISO parts (their own offset, else wall time in `zone`, the process's
 * unless given), null when unusable. The process's zone is looked up (an Intl formatter) only
 * for text without an offset: stored instants always have one.
 */
export function instantOfParts(parts: IsoParts, zone?: string): Date | null {
  const { wall, offsetMinutes } = parts;
  let date: Date;
  if (offsetMinutes === null) {
    date = instantAt(wall, zone ?? systemZone()); // Invalid Date for an unknown zone
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

export function pad(n: number, width: number): string {
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
export const isUtcName = (zone: string) => /^(utc|gmt)$/i.test(zone);

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
