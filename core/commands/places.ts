import { distance } from "fastest-levenshtein";

/** "New_York" / "new york" / "São Paulo" → "new york", "sao paulo": how places are compared. */
function placeKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[_\s.'-]+/g, " ")
    .trim();
}

let zones: readonly { zone: string; key: string; city: string }[] | null = null;

/** Every zone Intl knows, with its full name and its city part as keys; built on first use. */
function knownZones() {
  zones ??= Intl.supportedValuesOf("timeZone").map((zone) => ({
    zone,
    key: placeKey(zone),
    city: placeKey(zone.slice(zone.lastIndexOf("/") + 1)),
  }));
  return zones;
}

/** "Berlin" → Europe/Berlin, "new york" → America/New_York: a city that names exactly one zone, else null. */
export function zoneOfPlace(text: string): string | null {
  const key = placeKey(text);
  if (!key) return null;
  const matches = knownZones().filter((z) => z.city === key);
  return matches.length === 1 ? (matches[0]?.zone ?? null) : null;
}

/** Up to two edits for a longer word, one for a short one: "Berln" → Berlin, never "Rome" → "Nome". */
function maxEdits(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/**
 * The zone a misspelt name most likely meant: "Europe/Berln" or "Berlim" → Europe/Berlin.
 * Null when nothing is close enough or two zones are equally close.
 */
export function nearestZone(text: string): string | null {
  const key = placeKey(text);
  if (!key || key.length < 3) return null;
  const full = key.includes("/");
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const z of knownZones()) {
    const d = distance(key, full ? z.key : z.city);
    if (d < bestDistance) {
      best = z.zone;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && best !== z.zone) tie = true;
  }
  return best && !tie && bestDistance <= maxEdits(key.length) ? best : null;
}
