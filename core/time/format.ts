import { isUtcName, offsetText, pad } from "./iso.js";
import { offsetAt, wallTimeAt } from "./wall-clock.js";

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
