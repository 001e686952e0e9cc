import ICAL from "ical.js";
import { sha256 } from "../ids.js";
import { cleanLine, cleanText, nullIfEmpty } from "../mail/text.js";
import { formatInZone } from "../time/format.js";
import { isoInZone, parseInstant } from "../time/iso.js";
import { addInZone } from "../time/wall-clock.js";
import { findMeetingLink, namesOnlyAService, placeOf } from "./meeting-links.js";
import { fixedOffsetZone, ianaZoneFor } from "./time-zones.js";

export interface InvitePerson {
  name: string | null;
  email: string;
}

/** The facts of one calendar event, taken from its first (or RECURRENCE-ID) instance. */
export interface InviteFacts {
  /** iTIP method, upper case; PUBLISH when the calendar names none. */
  method: string;
  uid: string;
  sequence: number;
  /** ISO 8601 with offset, in `timeZone`. */
  start: string;
  end: string;
  /** IANA name. */
  timeZone: string;
  allDay: boolean;
  title: string | null;
  description: string | null;
  /** The place, or the video link when the place is empty or only names the service. */
  location: string | null;
  organizer: InvitePerson | null;
  attendees: InvitePerson[];
  /** The event repeats (its rule is noted, never expanded). */
  recurring: boolean;
  /** The instance this event replaces, for an update or cancel of one occurrence. */
  recurrenceId: string | null;
  /** Number of events in the calendar (the first one is described here). */
  eventCount: number;
  problems: string[];
}

export interface ParseInviteOptions {
  /** `method` parameter of the MIME part, used when the calendar has no METHOD. */
  methodHint?: string | null;
}

/** No real invite is larger; bigger input is cut before parsing. */
const MAX_ICS_CHARS = 2 * 1024 * 1024;
const MAX_EVENTS_LOOKED_AT = 200;
const MAX_ATTENDEES = 50;
const MAX_TZ_RULES = 60;
const DEFAULT_MINUTES = 30;

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;
/** TZID (or X-WR-TIMEZONE) as written → the IANA zone it means, null for none. */
type ZoneNames = ReadonlyMap<string, string | null>;

/** The properties whose times are read, so the only ones whose TZIDs matter. */
const TIMED_PROPERTIES = ["dtstart", "dtend", "due", "dtstamp"];

/**
 * Reads the first event of an iCalendar text. Never throws (never rejects) and never expands
 * recurrence rules; returns null when there is no event with a start time.
 */
export async function parseInvite(
  text: string,
  options: ParseInviteOptions = {},
): Promise<InviteFacts | null> {
  const problems: string[] = [];
  const calendar = readCalendar(text, problems);
  if (!calendar) return null;

  const events = calendar.getAllSubcomponents("vevent").slice(0, MAX_EVENTS_LOOKED_AT);
  const event = events.find((e) => !e.hasProperty("recurrence-id")) ?? events[0];
  if (!event) return null;

  try {
    const zones = await zonesNamedIn(calendar, event);
    return describeEvent(calendar, event, zones, events.length, options, problems);
  } catch {
    return null;
  }
}

/**
 * The zone names the event's times use, looked up before it is read (a Windows name may need
 * a table loaded first), so that the reading itself stays synchronous.
 */
async function zonesNamedIn(calendar: Component, event: Component): Promise<ZoneNames> {
  const names = new Set<string>();
  const calendarZone = textOf(calendar.getFirstProperty("x-wr-timezone"));
  if (calendarZone) names.add(calendarZone);
  for (const name of TIMED_PROPERTIES) {
    const prop = event.getFirstProperty(name);
    const tzid = prop ? parameterOf(prop, "tzid") : null;
    if (tzid) names.add(tzid);
  }
  const zones = new Map<string, string | null>();
  for (const name of names) zones.set(name, await ianaZoneFor(name));
  return zones;
}

function readCalendar(text: string, problems: string[]): Component | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL bytes in a calendar are dropped on purpose.
  let source = text.replace(/^\uFEFF/, "").replace(/\u0000/g, "");
  if (source.length > MAX_ICS_CHARS) {
    source = source.slice(0, MAX_ICS_CHARS);
    problems.push("The calendar file was very large; I only read its beginning.");
  }
  // Lone CRs (old Mac line ends) would otherwise glue every line of the calendar together.
  source = source.replace(/\r(?!\n)/g, "\r\n");
  const calendar = parseCalendar(source);
  if (calendar) return calendar;
  // Broken repeat rules make ical.js refuse the whole file; the first meeting needs none of them.
  const withoutRules = source.replace(
    /^(RRULE|EXRULE|RDATE|EXDATE)[;:][^\r\n]*(\r\n[ \t][^\r\n]*)*\r\n/gim,
    "",
  );
  if (withoutRules === source) return null;
  const lenient = parseCalendar(withoutRules);
  if (lenient) problems.push("The invite's repeat rule was unreadable; I used its first meeting.");
  return lenient;
}

function parseCalendar(source: string): Component | null {
  try {
    const parsed: unknown = ICAL.parse(source);
    const jcal = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed;
    if (!Array.isArray(jcal) || typeof jcal[0] !== "string") return null;
    const root = new ICAL.Component(jcal);
    return root.name === "vcalendar" ? root : (root.getFirstSubcomponent("vcalendar") ?? null);
  } catch {
    return null;
  }
}

function describeEvent(
  calendar: Component,
  event: Component,
  zones: ZoneNames,
  eventCount: number,
  options: ParseInviteOptions,
  problems: string[],
): InviteFacts | null {
  const calendarZone = zones.get(textOf(calendar.getFirstProperty("x-wr-timezone")) ?? "") ?? null;
  // Floating times and all-day dates: in the calendar's own zone when it names one.
  const defaultZone = calendarZone ?? "UTC";

  const method = (textOf(calendar.getFirstProperty("method")) ?? options.methodHint ?? "PUBLISH")
    .toUpperCase()
    .replace(/[^A-Z-]/g, "")
    .slice(0, 20);

  const startProp = event.getFirstProperty("dtstart");
  let start = startProp ? readTime(calendar, zones, startProp, defaultZone, problems) : null;
  // A cancellation is identified by its UID; some clients leave its start out.
  const standIn =
    method === "CANCEL" ? (event.getFirstProperty("dtend") ?? event.getFirstProperty("dtstamp")) : null;
  if (!start && standIn) start = readTime(calendar, zones, standIn, defaultZone, problems);
  if (!start) {
    problems.push("The invite had no start time I could read.");
    return null;
  }

  const end = startProp ? readEnd(calendar, zones, event, start, problems) : start.time;

  const description = nullIfEmpty(cleanText(textOf(event.getFirstProperty("description")) ?? "", 4000));
  const place = placeOf(textOf(event.getFirstProperty("location")) ?? "");
  const link =
    findMeetingLink(textOf(event.getFirstProperty("x-microsoft-skypeteamsmeetingurl")) ?? "") ??
    findMeetingLink(textOf(event.getFirstProperty("x-google-conference")) ?? "") ??
    findMeetingLink(event.getAllProperties("conference").map(textOf).join("\n")) ??
    findMeetingLink(place ?? "") ??
    findMeetingLink(description ?? "");

  return {
    method: method || "PUBLISH",
    uid: readUid(event, start.time, problems),
    sequence: readSequence(event),
    start: isoOf(start.time, start.zone),
    end: isoOf(end, start.zone),
    timeZone: start.zone,
    allDay: start.allDay,
    title: nullIfEmpty(cleanLine(textOf(event.getFirstProperty("summary")) ?? "", 200)),
    description,
    location: place && !(link && namesOnlyAService(place)) ? place : link,
    organizer: personOf(event.getFirstProperty("organizer")),
    attendees: event
      .getAllProperties("attendee")
      .slice(0, MAX_ATTENDEES)
      .map(personOf)
      .filter((p): p is InvitePerson => p !== null),
    recurring: event.hasProperty("rrule") || event.hasProperty("rdate"),
    recurrenceId: nullIfEmpty(rawValue(event.getFirstProperty("recurrence-id"))?.slice(0, 40)),
    eventCount,
    problems,
  };
}

interface ReadTime {
  /** The instant. */
  time: Date;
  zone: string;
  allDay: boolean;
}

/** The jCal value of a property as text (dates stay as their ISO-like strings). */
function rawValue(prop: Property | null): string | null {
  if (!prop) return null;
  const json: unknown = prop.toJSON();
  const value = Array.isArray(json) ? json[3] : undefined;
  return typeof value === "string" ? value : null;
}

function textOf(prop: Property | null): string | null {
  if (!prop) return null;
  try {
    const value = prop.getFirstValue();
    return typeof value === "string" ? value : value == null ? null : String(value);
  } catch {
    return rawValue(prop);
  }
}

function parameterOf(prop: Property, name: string): string | null {
  const value = prop.getParameter(name);
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : null;
}

function readTime(
  calendar: Component,
  zones: ZoneNames,
  prop: Property,
  defaultZone: string,
  problems: string[],
): ReadTime | null {
  const value = rawValue(prop);
  if (!value) return null;
  const allDay = prop.type === "date" || /^\d{4}-\d{2}-\d{2}$/.test(value);

  if (value.endsWith("Z")) {
    const time = parseInstant(value, "UTC");
    return time ? { time, zone: defaultZone, allDay } : null;
  }

  const tzid = parameterOf(prop, "tzid");
  if (!tzid) {
    if (!allDay && defaultZone === "UTC") problems.push("The invite had no time zone; I assumed UTC.");
    const time = parseInstant(value, defaultZone);
    return time ? { time, zone: defaultZone, allDay } : null;
  }

  const zone = zones.get(tzid) ?? null;
  if (zone) {
    const time = parseInstant(value, zone);
    return time ? { time, zone, allDay } : null;
  }
  return readInCustomZone(calendar, prop, value, tzid, allDay, problems);
}

/**
 * A TZID that names no zone we know: its VTIMEZONE gives the UTC offset at that moment,
 * which is exact for the instant even though the zone's own rules are lost.
 */
function readInCustomZone(
  calendar: Component,
  prop: Property,
  value: string,
  tzid: string,
  allDay: boolean,
  problems: string[],
): ReadTime | null {
  const shownTzid = cleanLine(tzid, 60);
  const offset = offsetFromVtimezone(calendar, tzid, prop);
  const zone = offset === null ? null : fixedOffsetZone(offset);
  if (offset !== null && zone) {
    const time = parseInstant(value, zone);
    if (time) {
      problems.push(
        `The invite's time zone "${shownTzid}" is not one I know; I used its UTC offset (${formatInZone(time, zone, "ZZ")}).`,
      );
      return { time, zone, allDay };
    }
  }
  if (offset !== null) {
    const wall = parseInstant(value, "UTC");
    if (wall) {
      problems.push(`The invite's time zone "${shownTzid}" is not one I know; I converted its times to UTC.`);
      return { time: new Date(wall.getTime() - offset * 60_000), zone: "UTC", allDay };
    }
  }
  const namedZone = fixedOffsetZone(offsetInName(tzid) ?? Number.NaN);
  if (namedZone) {
    const time = parseInstant(value, namedZone);
    if (time) {
      problems.push(
        `The invite's time zone "${shownTzid}" is not one I know; I used the offset in its name (${formatInZone(time, namedZone, "ZZ")}).`,
      );
      return { time, zone: namedZone, allDay };
    }
  }
  const time = parseInstant(value, "UTC");
  if (!time) return null;
  problems.push(`The invite's time zone "${shownTzid}" is not one I know; I assumed UTC.`);
  return { time, zone: "UTC", allDay };
}

/** "(GMT +01:00)", "UTC-5" → minutes east of UTC. */
function offsetInName(tzid: string): number | null {
  const m = /(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?:[:.]?(\d{2}))?/i.exec(tzid);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -minutes : minutes;
}

/** Minutes east of UTC for the property's wall time, from a VTIMEZONE with yearly rules only. */
function offsetFromVtimezone(calendar: Component, tzid: string, prop: Property): number | null {
  const vtimezone = calendar
    .getAllSubcomponents("vtimezone")
    .slice(0, 50)
    .find((tz) => textOf(tz.getFirstProperty("tzid")) === tzid);
  if (!vtimezone) return null;

  const rules = vtimezone.getAllSubcomponents();
  if (rules.length === 0 || rules.length > MAX_TZ_RULES) return null;
  for (const rule of rules) {
    const rrule = rawOf(rule.getFirstProperty("rrule"));
    // Anything but a yearly rule could make ical.js walk millions of transitions.
    if (rrule && !/freq"?\s*[:=]\s*"?yearly\b/i.test(rrule)) return null;
    if (rule.getAllProperties("rdate").length > 200) return null;
  }

  try {
    const local = ICAL.Time.fromDateTimeString(rawValue(prop) ?? "");
    const wallAsUtc = parseInstant(rawValue(prop) ?? "", "UTC");
    if (!wallAsUtc || local.year < 1900 || local.year > 2200) return null;
    for (const rule of rules) moveOpenYearlyRuleNear(rule, local.year - 1);
    const zone = new ICAL.Timezone({ component: vtimezone, tzid });
    local.zone = zone;
    const offsetMinutes = Math.round((wallAsUtc.getTime() / 1000 - local.toUnixTime()) / 60);
    return Number.isFinite(offsetMinutes) && Math.abs(offsetMinutes) <= 18 * 60 ? offsetMinutes : null;
  } catch {
    return null;
  }
}

/**
 * Outlook starts its yearly rules in 1601; walking four centuries of transitions is slow.
 * An open-ended yearly rule gives the same transitions when it starts shortly before the event.
 */
function moveOpenYearlyRuleNear(rule: Component, year: number): void {
  const rrule = rawOf(rule.getFirstProperty("rrule"));
  const dtstart = rule.getFirstProperty("dtstart");
  const value = rawValue(dtstart);
  if (!rrule || !dtstart || !value || /until|count/i.test(rrule)) return;
  const match = /^(\d{4})(-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})$/.exec(value);
  if (!match || Number(match[1]) >= year || match[2]?.startsWith("-02-29")) return;
  dtstart.setValue(ICAL.Time.fromDateTimeString(`${year}${match[2]}`));
}

function rawOf(prop: Property | null): string | null {
  if (!prop) return null;
  const json: unknown = prop.toJSON();
  if (!Array.isArray(json)) return null;
  const value: unknown = json[3];
  return typeof value === "string"
    ? value
    : value && typeof value === "object"
      ? JSON.stringify(value)
      : null;
}

function readEnd(
  calendar: Component,
  zones: ZoneNames,
  event: Component,
  start: ReadTime,
  problems: string[],
): Date {
  const endProp = event.getFirstProperty("dtend") ?? event.getFirstProperty("due");
  if (endProp) {
    const end = readTime(calendar, zones, endProp, start.zone, []);
    if (end && end.time >= start.time) return end.time;
    problems.push("The invite's end time was unreadable or before its start; I used its start time instead.");
  }

  const durationProp = event.getFirstProperty("duration");
  if (durationProp) {
    const duration = readDuration(rawValue(durationProp));
    if (duration) return addInZone(start.time, duration, start.zone);
    problems.push("The invite's duration was unreadable.");
  }

  if (start.allDay) return addInZone(start.time, { days: 1 }, start.zone);
  if (!endProp) problems.push(`The invite had no end time; I assumed ${DEFAULT_MINUTES} minutes.`);
  return new Date(start.time.getTime() + (endProp ? 0 : DEFAULT_MINUTES) * 60_000);
}

/** An iCalendar duration: weeks and days are calendar days, the rest elapsed time. */
type DurationParts = Record<"weeks" | "days" | "hours" | "minutes" | "seconds", number>;

function readDuration(value: string | null): DurationParts | null {
  if (!value || value.length > 40) return null;
  try {
    const d = ICAL.Duration.fromString(value);
    if (d.isNegative) return null;
    const parts = { weeks: d.weeks, days: d.days, hours: d.hours, minutes: d.minutes, seconds: d.seconds };
    const total = d.toSeconds();
    return Number.isFinite(total) && total >= 0 && total <= 366 * 86400 ? parts : null;
  } catch {
    return null;
  }
}

function readUid(event: Component, start: Date, problems: string[]): string {
  const uid = cleanLine(textOf(event.getFirstProperty("uid")) ?? "", 500);
  if (uid) return uid;
  problems.push("The invite had no UID; later updates to it may not be recognised.");
  const summary = textOf(event.getFirstProperty("summary")) ?? "";
  const organizer = rawValue(event.getFirstProperty("organizer")) ?? "";
  return `nouid-${sha256(`${start.toISOString()}\n${summary}\n${organizer}`).slice(0, 32)}`;
}

function readSequence(event: Component): number {
  const raw = rawValue(event.getFirstProperty("sequence")) ?? textOf(event.getFirstProperty("sequence"));
  const n = Number.parseInt(String(raw ?? "0"), 10);
  return Number.isSafeInteger(n) && n >= 0 && n < 2 ** 31 ? n : 0;
}

const EMAIL = /^[^\s@<>()[\]",;:]{1,64}@[a-z0-9](?:[a-z0-9.-]{0,253}[a-z0-9])?$/i;

function personOf(prop: Property | null): InvitePerson | null {
  if (!prop) return null;
  const value = (rawValue(prop) ?? textOf(prop) ?? "").trim();
  const email = value
    .replace(/^mailto:/i, "")
    .trim()
    .toLowerCase();
  if (!EMAIL.test(email)) return null;
  const cn = cleanLine(parameterOf(prop, "cn") ?? "", 100)
    .replace(/^["']+|["']+$/g, "")
    .trim();
  return { name: cn && cn.toLowerCase() !== email ? cn : null, email };
}

function isoOf(time: Date, zone: string): string {
  return isoInZone(time, zone, { suppressMilliseconds: true });
}
