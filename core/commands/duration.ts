const MAX_DAYS = 365;

const NUMBER_WORDS = new Map<string, number>([
  ["a", 1],
  ["an", 1],
  ["one", 1],
  ["two", 2],
  ["three", 3],
  ["four", 4],
  ["five", 5],
  ["six", 6],
  ["seven", 7],
  ["eight", 8],
  ["nine", 9],
  ["ten", 10],
  ["eleven", 11],
  ["twelve", 12],
]);

const UNIT_DAYS = new Map<string, number>([
  ["d", 1],
  ["day", 1],
  ["days", 1],
  ["w", 7],
  ["wk", 7],
  ["wks", 7],
  ["week", 7],
  ["weeks", 7],
  // The command carries days: a month is 30 of them.
  ["m", 30],
  ["mo", 30],
  ["mos", 30],
  ["month", 30],
  ["months", 30],
]);

const DURATION =
  /^(?:for\s+)?(?:(\d{1,3})|(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s*([a-z]{1,6})$/;

/** `3d`, `2 weeks`, `a week`, `1m`, `for 3 days` → days (1–365); null when not a duration. */
export function parseDays(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const count = match[1] !== undefined ? Number(match[1]) : NUMBER_WORDS.get(match[2] ?? "");
  const unit = UNIT_DAYS.get(match[3] ?? "");
  if (count === undefined || unit === undefined) return null;
  const days = count * unit;
  return days >= 1 && days <= MAX_DAYS ? days : null;
}

/** `3m`, `3 months`, `3`, `six months` → months (1–36); null otherwise. */
export function parseMonths(text: string): number | null {
  const match =
    /^(?:every\s+)?(?:(\d{1,2})|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s*(m|mo|mos|month|months)?$/.exec(
      text.trim(),
    );
  if (!match) return null;
  const months = match[1] !== undefined ? Number(match[1]) : NUMBER_WORDS.get(match[2] ?? "");
  return months !== undefined && months >= 1 && months <= 36 ? months : null;
}
