import ICAL from "ical.js";
import type { Meeting } from "../model/meeting.js";
import type { Prompt } from "../model/prompt.js";
import type { Account } from "../store/store.js";
import { parseIso } from "../time/iso.js";
import { FEED_WINDOW_DAYS } from "./status-reads.js";
import { isFollowUp, promptLabel } from "./status-view.js";

/** A follow-up is a reminder, not a meeting: a short slot that does not block the day. */
const FOLLOW_UP_MINUTES = 15;
const MAX_TEXT = 2_000;

/**
 * The user's meetings (held or planned, from the last 90 days on) and pending follow-ups as an
 * iCalendar feed, for a calendar subscription. `account` holds only that window (see
 * status-reads.ts). UIDs come from stored ids, so a calendar app updates events in place.
 */
export function calendarFeed(account: Account, now: Date, uidDomain: string): string {
  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.updatePropertyWithValue("prodid", "-//coffeechat//status feed//EN");
  calendar.updatePropertyWithValue("version", "2.0");
  calendar.updatePropertyWithValue("calscale", "GREGORIAN");
  calendar.updatePropertyWithValue("x-wr-calname", "coffeechat");
  calendar.updatePropertyWithValue("x-published-ttl", "PT1H");

  const names = new Map(account.contacts.map((c) => [c.email, c]));
  const who = (email: string) => {
    const contact = names.get(email);
    const name = contact?.name?.trim() || email;
    return contact?.company ? `${name} (${contact.company})` : name;
  };

  const windowStart = now.getTime() - FEED_WINDOW_DAYS * 86_400_000;
  for (const meeting of account.meetings) {
    if (meeting.status !== "scheduled" && meeting.status !== "met") continue;
    const end = Date.parse(meeting.end);
    if (!Number.isFinite(end) || end <= windowStart) continue;
    const event = meetingEvent(meeting, who(meeting.contactEmail), uidDomain);
    if (event) calendar.addSubcomponent(event);
  }

  for (const prompt of account.prompts.filter(isFollowUp)) {
    const person = prompt.contactEmail ? who(prompt.contactEmail) : null;
    const event = promptEvent(prompt, promptLabel(prompt.kind, person), uidDomain);
    if (event) calendar.addSubcomponent(event);
  }

  return `${calendar.toString()}\r\n`;
}

function meetingEvent(meeting: Meeting, person: string, uidDomain: string): ICAL.Component | null {
  const start = utcTime(meeting.start);
  const end = utcTime(meeting.end);
  if (!start || !end) return null;
  const event = new ICAL.Component("vevent");
  event.updatePropertyWithValue("uid", `${meeting.id}@${uidDomain}`);
  event.updatePropertyWithValue("dtstamp", utcTime(meeting.updatedAt) ?? start);
  if (meeting.allDay) {
    event.updatePropertyWithValue("dtstart", calendarDate(meeting.start));
    event.updatePropertyWithValue("dtend", calendarDate(meeting.end));
  } else {
    event.updatePropertyWithValue("dtstart", start);
    event.updatePropertyWithValue("dtend", end);
  }
  event.updatePropertyWithValue("sequence", Math.max(0, Math.trunc(meeting.sequence)));
  event.updatePropertyWithValue("summary", text(`Coffee chat with ${person}`));
  const description = [meeting.title, ...meeting.notes].filter((line): line is string => Boolean(line));
  if (description.length > 0) event.updatePropertyWithValue("description", text(description.join("\n")));
  if (meeting.location) event.updatePropertyWithValue("location", text(meeting.location));
  event.updatePropertyWithValue("status", "CONFIRMED");
  return event;
}

function promptEvent(prompt: Prompt, label: string, uidDomain: string): ICAL.Component | null {
  const start = utcTime(prompt.dueAt);
  if (!start) return null;
  const event = new ICAL.Component("vevent");
  event.updatePropertyWithValue("uid", `${prompt.id}@${uidDomain}`);
  event.updatePropertyWithValue("dtstamp", utcTime(prompt.stateChangedAt) ?? start);
  event.updatePropertyWithValue("dtstart", start);
  event.updatePropertyWithValue("duration", ICAL.Duration.fromSeconds(FOLLOW_UP_MINUTES * 60));
  event.updatePropertyWithValue("summary", text(label));
  event.updatePropertyWithValue("description", "coffeechat emails you about this at this time.");
  event.updatePropertyWithValue("transp", "TRANSPARENT");
  return event;
}

function utcTime(iso: string): ICAL.Time | null {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ICAL.Time.fromJSDate(new Date(ms), true) : null;
}

/** The date as written in the invite (its own offset), as an iCalendar DATE. */
function calendarDate(iso: string): ICAL.Time {
  const day = parseIso(iso)?.wall;
  return ICAL.Time.fromData({
    year: day?.year ?? Number.NaN,
    month: day?.month ?? Number.NaN,
    day: day?.day ?? Number.NaN,
    isDate: true,
  });
}

/**
 * ical.js escapes `,` `;` `\` and LF in TEXT values but passes a bare CR through, which would
 * split the content line: line breaks are normalised and other control characters dropped.
 */
function text(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/\p{Cc}/gu, (char) => (char === "\n" || char === "\t" ? char : ""))
    .slice(0, MAX_TEXT);
}
