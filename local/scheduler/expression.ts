import {
  addDays,
  type CalendarDate,
  dateAt,
  daysInMonth,
  instantAt,
  isIntlZone,
  isRealWallTime,
  wallTimeAt,
  weekdayOf,
} from "../../core/time/wall-clock.js";

/**
 * EventBridge Scheduler's three expression forms, as AWS documents them:
 * `at(yyyy-mm-ddThh:mm:ss)` (local time in the schedule's zone), `rate(value unit)` and
 * `cron(minutes hours day-of-month month day-of-week year)`.
 */
export type ScheduleExpression =
  | {
      kind: "at";
      local: { year: number; month: number; day: number; hour: number; minute: number; second: number };
    }
  | { kind: "rate"; periodMs: number }
  | { kind: "cron"; cron: CronSpec };

export class ExpressionError extends Error {
  override readonly name = "ExpressionError";
}

const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
const RATE = /^rate\((\d{1,9}) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\(([^()]*)\)$/;
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export function isValidTimeZone(zone: string): boolean {
  return zone.length >= 1 && zone.length <= 50 && isIntlZone(zone);
}

export function parseScheduleExpression(text: string): ScheduleExpression {
  const at = AT.exec(text);
  if (at) {
    const [year, month, day, hour, minute, second] = at.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (!isRealWallTime({ year, month, day, hour, minute, second, millisecond: 0 })) {
      throw new ExpressionError(`Invalid Schedule Expression ${text}: not a calendar date and time.`);
    }
    return { kind: "at", local: { year, month, day, hour, minute, second } };
  }
  const rate = RATE.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    const unit = (rate[2] ?? "").replace(/s$/, "") as keyof typeof UNIT_MS;
    if (value < 1)
      throw new ExpressionError(`Invalid Schedule Expression ${text}: the rate must be positive.`);
    return { kind: "rate", periodMs: value * UNIT_MS[unit] };
  }
  const cron = CRON.exec(text);
  if (cron) return { kind: "cron", cron: parseCron(cron[1] ?? "", text) };
  throw new ExpressionError(`Invalid Schedule Expression ${text}.`);
}

/** The instant an `at()` expression names in `zone` (a time skipped by DST moves forward by the gap). */
function atInstant(expression: Extract<ScheduleExpression, { kind: "at" }>, zone: string): Date {
  return instantAt(expression.local, zone);
}

/**
 * The first fire time strictly after `after` (or at `after` when `inclusive`), or null when there is none.
 * `anchor` is where a rate counts its periods from (the start date, else the creation time).
 */
export function nextFireTime(
  expression: ScheduleExpression,
  zone: string,
  options: { after: Date; anchor: Date; inclusive?: boolean },
): Date | null {
  const after = options.after.getTime();
  switch (expression.kind) {
    case "at": {
      const instant = atInstant(expression, zone);
      return instant.getTime() > after || options.inclusive ? instant : null;
    }
    case "rate": {
      // The first fire is one period after the anchor, then every period.
      const anchor = options.anchor.getTime();
      const periods = Math.max(1, Math.ceil((after - anchor) / expression.periodMs));
      let candidate = anchor + periods * expression.periodMs;
      if (candidate === after && !options.inclusive) candidate += expression.periodMs;
      return new Date(candidate);
    }
    case "cron":
      return nextCronTime(expression.cron, zone, options.after, options.inclusive ?? false);
  }
}

// ---- cron ----

interface CronSpec {
  minutes: Set<number>;
  hours: Set<number>;
  months: Set<number>;
  years: Set<number> | null;
  /** Day-of-month rule, or null for `?`. */
  dayOfMonth: DayOfMonthRule | null;
  /** Day-of-week rule, or null for `?`. 1 = Sunday … 7 = Saturday, as AWS counts. */
  dayOfWeek: DayOfWeekRule | null;
}

type DayOfMonthRule = { days: Set<number> } | { last: true; offset: number } | { nearestWeekday: number };
type DayOfWeekRule = { days: Set<number> } | { lastOf: number } | { nth: number; day: number };

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
/** How far ahead a cron schedule is searched: beyond that it counts as never firing. */
const CRON_SEARCH_DAYS = 366 * 5;

function parseCron(body: string, text: string): CronSpec {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6)
    throw new ExpressionError(`Invalid Schedule Expression ${text}: cron needs 6 fields.`);
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  const bad = (why: string) => new ExpressionError(`Invalid Schedule Expression ${text}: ${why}.`);
  if ((dom === "?") === (dow === "?")) throw bad("exactly one of day-of-month and day-of-week must be ?");
  return {
    minutes: parseSet(min, 0, 59, [], bad),
    hours: parseSet(hour, 0, 23, [], bad),
    months: parseSet(month, 1, 12, MONTHS, bad),
    years: year === "*" ? null : parseSet(year, 1970, 2199, [], bad),
    dayOfMonth: dom === "?" ? null : parseDayOfMonth(dom, bad),
    dayOfWeek: dow === "?" ? null : parseDayOfWeek(dow, bad),
  };
}

function parseDayOfMonth(field: string, bad: (why: string) => Error): DayOfMonthRule {
  if (field === "L") return { last: true, offset: 0 };
  const lastOffset = /^L-(\d{1,2})$/.exec(field);
  if (lastOffset) return { last: true, offset: Number(lastOffset[1]) };
  const weekday = /^(\d{1,2})W$/.exec(field);
  if (weekday) {
    const day = Number(weekday[1]);
    if (day < 1 || day > 31) throw bad("day-of-month out of range");
    return { nearestWeekday: day };
  }
  return { days: parseSet(field, 1, 31, [], bad) };
}

function parseDayOfWeek(field: string, bad: (why: string) => Error): DayOfWeekRule {
  const last = /^([1-7]|[A-Z]{3})L$/.exec(field);
  if (last) return { lastOf: weekdayNumber(last[1] ?? "", bad) };
  const nth = /^([1-7]|[A-Z]{3})#([1-5])$/.exec(field);
  if (nth) return { day: weekdayNumber(nth[1] ?? "", bad), nth: Number(nth[2]) };
  if (field === "L") return { days: new Set([7]) };
  return { days: parseSet(field, 1, 7, WEEKDAYS, bad) };
}

function weekdayNumber(token: string, bad: (why: string) => Error): number {
  const named = WEEKDAYS.indexOf(token);
  if (named >= 0) return named + 1;
  const value = Number(token);
  if (!Number.isInteger(value) || value < 1 || value > 7) throw bad(`unknown day of week ${token}`);
  return value;
}

/** `*`, `5`, `1-5`, `JAN-MAR`, `0/15`, `*\/10`, `1,3,5` and combinations of them. */
function parseSet(
  field: string,
  min: number,
  max: number,
  names: string[],
  bad: (why: string) => Error,
): Set<number> {
  const values = new Set<number>();
  const token = (t: string): number => {
    const named = names.indexOf(t);
    if (named >= 0) return named + min;
    if (!/^\d{1,4}$/.test(t)) throw bad(`unexpected "${t}"`);
    const n = Number(t);
    if (n < min || n > max) throw bad(`${t} is out of range ${min}-${max}`);
    return n;
  };
  for (const part of field.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : token(stepText) || 0;
    if (step < 1) throw bad(`bad increment in "${part}"`);
    let from: number;
    let to: number;
    if (range === "*") {
      from = min;
      to = max;
    } else if (range.includes("-")) {
      const [a = "", b = ""] = range.split("-");
      from = token(a);
      to = token(b);
      if (to < from) throw bad(`empty range "${range}"`);
    } else {
      from = token(range);
      to = stepText === undefined ? from : max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function nextCronTime(cron: CronSpec, zone: string, after: Date, inclusive: boolean): Date | null {
  const limit = after.getTime() + (inclusive ? 0 : 1);
  let day = dateAt(after, zone);
  const hours = [...cron.hours].sort((a, b) => a - b);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  for (let i = 0; i < CRON_SEARCH_DAYS; i++, day = addDays(day, 1)) {
    if (!cron.months.has(day.month) || (cron.years && !cron.years.has(day.year)) || !dayMatches(cron, day))
      continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const at = instantAt({ ...day, hour, minute }, zone);
        if (wallTimeAt(at, zone).hour !== hour) continue; // a local time skipped by a DST change does not exist: no fire
        if (at.getTime() >= limit) return at;
      }
    }
  }
  return null;
}

function dayMatches(cron: CronSpec, day: CalendarDate): boolean {
  if (cron.dayOfMonth) return dayOfMonthMatches(cron.dayOfMonth, day);
  if (cron.dayOfWeek) return dayOfWeekMatches(cron.dayOfWeek, day);
  return false;
}

function dayOfMonthMatches(rule: DayOfMonthRule, day: CalendarDate): boolean {
  const lastDay = daysInMonth(day.year, day.month);
  if ("days" in rule) return rule.days.has(day.day);
  if ("last" in rule) return day.day === lastDay - rule.offset;
  const target = Math.min(rule.nearestWeekday, lastDay);
  const targetWeekday = weekdayOf({ ...day, day: target });
  let nearest = target;
  if (targetWeekday === 6) nearest = target === 1 ? 3 : target - 1;
  else if (targetWeekday === 7) nearest = target === lastDay ? target - 2 : target + 1;
  return day.day === nearest;
}

function dayOfWeekMatches(rule: DayOfWeekRule, day: CalendarDate): boolean {
  const awsWeekday = (weekdayOf(day) % 7) + 1;
  if ("days" in rule) return rule.days.has(awsWeekday);
  if ("lastOf" in rule) return awsWeekday === rule.lastOf && addDays(day, 7).month !== day.month;
  return awsWeekday === rule.day && Math.ceil(day.day / 7) === rule.nth;
}
