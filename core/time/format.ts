import { isUtcName, offsetText, pad } from "./iso.js";
import { offsetAt, wallTimeAt } from "./wall-clock.js";

/**
 * One formatter per locale, zone and kind, kept for the life of the process: building one costs
 * far more than using it, and a mail or a page formats many times in the same few zones.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

const FORMATTER_OPTIONS: Record<"zoneName" | "weekday" | "month", Intl.DateTimeFormatOptions> = {
  zoneName: {
    hour12: false,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  },
  weekday: { weekday: "short" },
  month: { month: "short" },
};

function formatter(
  locale: string,
  zone: string,
  kind: "zoneName" | "weekday" | "month",
): Intl.DateTimeFormat {
  const key = `${kind} ${locale} ${zone}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { ...FORMATTER_OPTIONS[kind], timeZone: zone });
    formatters.set(key, cached);
  }
  return cached;
}

/** The zone's short name at that instant in a locale ("EST", "CET", "GMT+9"), as Intl gives it. */
export function zoneNameAt(instant: Date, zone: string, locale: string): string {
  if (isUtcName(zone)) return "UTC";
  const parts = formatter(locale, zone, "zoneName").formatToParts(instant);
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
        return formatter(locale, zone, "weekday").format(instant);
      case "LLL":
        return formatter(locale, zone, "month").format(instant);
      case "ZZ":
        return offsetText(offsetAt(instant, zone));
      default:
        return zoneNameAt(instant, zone, locale);
    }
  });
}

/** Locales tried in turn for a zone's short name: en-US knows EST, en-GB knows CET, en-AU AEDT, en-IN IST. */
const ABBREVIATION_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN"];

/** "EST", "CET", "AEDT", "IST" where a short name is known; otherwise "GMT+9". The same in every mail and on the page. */
export function zoneAbbreviation(instant: Date, zone: string): string {
  let fallback = "";
  for (const locale of ABBREVIATION_LOCALES) {
    const name = zoneNameAt(instant, zone, locale);
    if (!/^(GMT|UTC)[+-]/.test(name)) return name;
    fallback ||= name;
  }
  return fallback;
}

/*
 * The one way coffeechat writes a time for people, in mails and on the status page alike:
 * weekday, day, month, the year only when it is not the current one, 24-hour clock, and the
 * zone's short name. "Thu 3 Dec 15:00 EST", "Tue 5 Jan 2027 09:00 CET".
 */

function dayPattern(instant: Date, zone: string, now: Date): string {
  const year = (date: Date) => formatInZone(date, zone, "yyyy");
  return year(instant) === year(now) ? "ccc d LLL" : "ccc d LLL yyyy";
}

/** "Thu 3 Dec" (or "Thu 3 Dec 2027" in another year). */
export function formatDay(instant: Date, zone: string, now: Date): string {
  return formatInZone(instant, zone, dayPattern(instant, zone, now), "en-GB");
}

/** "Thu 3 Dec 15:00 EST" (or "Thu 3 Dec 2027 15:00 EST" in another year). */
export function formatWhen(instant: Date, zone: string, now: Date): string {
  return `${formatDay(instant, zone, now)} ${formatInZone(instant, zone, "HH:mm", "en-GB")} ${zoneAbbreviation(instant, zone)}`;
}

/** "Thu 3 Dec 15:00–15:30 EST", or both ends in full when the span crosses midnight. */
export function formatSpan(start: Date, end: Date, zone: string, now: Date): string {
  const sameDay = formatInZone(start, zone, "yyyy-MM-dd") === formatInZone(end, zone, "yyyy-MM-dd");
  if (!sameDay) return `${formatWhen(start, zone, now)} – ${formatWhen(end, zone, now)}`;
  return `${formatDay(start, zone, now)} ${formatInZone(start, zone, "HH:mm")}–${formatInZone(end, zone, "HH:mm")} ${zoneAbbreviation(end, zone)}`;
}
