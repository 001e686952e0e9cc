import { isValidZone } from "../zones.js";

type FindIana = typeof import("windows-iana")["findIana"];

/**
 * Windows zone names ("W. Europe Standard Time", Outlook's) mapped to IANA: a 77 KB table that
 * only such names need, so it is loaded the first time one is seen, not with every function.
 */
const windowsZones = (): Promise<FindIana> => import("windows-iana").then((m) => m.findIana);

/**
 * Where CLDR's default for a Windows zone is not the city Windows itself names first
 * (Windows shows "FLE Standard Time" as "Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius").
 */
const WINDOWS_PREFERRED: ReadonlyMap<string, string> = new Map([
  ["fle standard time", "Europe/Helsinki"],
  ["ukraine standard time", "Europe/Kyiv"],
]);

let cityIndex: Map<string, string> | undefined;

/** "new york" → America/New_York, from the zones this runtime knows. */
function zonesByCity(): Map<string, string> {
  if (!cityIndex) {
    cityIndex = new Map();
    const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    for (const zone of zones) {
      const city = zone.split("/").pop()?.replace(/_/g, " ").toLowerCase();
      if (city && zone.includes("/") && !cityIndex.has(city)) cityIndex.set(city, zone);
    }
  }
  return cityIndex;
}

function validZone(name: string): string | null {
  return isValidZone(name) ? name : null;
}

/** An IANA name found in a city list such as "(UTC+01:00) Amsterdam, Berlin, Bern, Rome". */
function zoneFromCityNames(tzid: string): string | null {
  const words = tzid.toLowerCase().match(/[a-z\u00c0-\u024f]+/g) ?? [];
  const index = zonesByCity();
  for (let i = 0; i < words.length && i < 40; i++) {
    for (const size of [3, 2, 1]) {
      const city = words.slice(i, i + size).join(" ");
      if (size > 1 && i + size > words.length) continue;
      const zone = index.get(city);
      if (zone) return zone;
    }
  }
  return null;
}

/**
 * The IANA zone a calendar TZID means, or null when it names none we can trust: IANA names
 * as they are, Outlook's Windows names mapped, vendor prefixes ("/mozilla.org/…/Europe/Berlin")
 * stripped, and Outlook's display names ("(UTC+01:00) Amsterdam, Berlin…") matched by city.
 * Asynchronous only for a name that is not IANA already (it may need the Windows table).
 */
export async function ianaZoneFor(rawTzid: string): Promise<string | null> {
  const tzid = rawTzid
    .trim()
    .replace(/^"+|"+$/g, "")
    .trim();
  if (!tzid || tzid.length > 200) return null;

  const direct = tzid.includes("/") || /^(utc|gmt|z)$/i.test(tzid) ? validZone(tzid) : null;
  if (direct) return /^(gmt|z)$/i.test(direct) ? "UTC" : direct;

  const findIana = await windowsZones();
  // Lotus Notes shortens Windows names ("FLE" for "FLE Standard Time").
  for (const windowsName of [tzid, `${tzid} Standard Time`]) {
    const preferred = WINDOWS_PREFERRED.get(windowsName.toLowerCase());
    if (preferred && validZone(preferred)) return preferred;
    for (const candidate of findIana(windowsName)) {
      const zone = validZone(candidate);
      if (zone) return zone;
    }
  }

  const segments = tzid.split("/").filter(Boolean);
  for (const size of [3, 2]) {
    if (segments.length > size) {
      const zone = validZone(segments.slice(-size).join("/"));
      if (zone) return zone;
    }
  }

  return zoneFromDisplayName(tzid, findIana) ?? zoneFromCityNames(tzid);
}

/** Outlook display names: "(UTC-05:00) Eastern Time (US & Canada)" is "Eastern Standard Time". */
function zoneFromDisplayName(tzid: string, findIana: FindIana): string | null {
  const name = tzid
    .replace(/\((?:utc|gmt)[^)]*\)/gi, "")
    .replace(/\([^)]*\)/g, "")
    .trim();
  const m = /^([a-z. ]{2,40}) time$/i.exec(name);
  if (!m?.[1]) return null;
  for (const candidate of findIana(`${m[1]} Standard Time`)) {
    const zone = validZone(candidate);
    if (zone) return zone;
  }
  return null;
}

/** A fixed-offset IANA name for an offset in minutes east of UTC ("Etc/GMT-2" is UTC+2), or null. */
export function fixedOffsetZone(offsetMinutes: number): string | null {
  if (offsetMinutes === 0) return "UTC";
  if (offsetMinutes % 60 !== 0 || Math.abs(offsetMinutes) > 14 * 60) return null;
  const hours = offsetMinutes / 60;
  return validZone(`Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`);
}
