import { instantAt } from "../time/wall-clock.js";

/** An offset (+0200), UTC/GMT, or an abbreviation such as PST, CEST or EEST. */
const NAMES_A_ZONE = /[+-]\d{2}:?\d{2}\b|\b(?:UTC|GMT|Z)\b|\b[A-Z]{1,4}T\b/;

/**
 * A date as a mail client printed it above a forwarded message ("Tue, Nov 24, 2026 at 9:00 AM")
 * → ISO. One that names no zone is a wall time in `zone` (the user's: it is their client that
 * printed it), not in the zone this process happens to run in.
 */
export function readPrintedDate(printed: string | null, zone: string): string | null {
  const text =
    printed
      ?.replace(/\bat\b/i, " ")
      .replace(/\s+/g, " ")
      .trim() ?? "";
  if (!text) return null;
  const asUtc = Date.parse(`${text} UTC`);
  if (!NAMES_A_ZONE.test(text) && Number.isFinite(asUtc)) {
    const wall = new Date(asUtc);
    try {
      return instantAt(
        {
          year: wall.getUTCFullYear(),
          month: wall.getUTCMonth() + 1,
          day: wall.getUTCDate(),
          hour: wall.getUTCHours(),
          minute: wall.getUTCMinutes(),
          second: wall.getUTCSeconds(),
        },
        zone,
      ).toISOString();
    } catch {
      return wall.toISOString();
    }
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
