import type { Contact } from "../model/contact.js";
import { formatInZone, zoneNameAt } from "../time/format.js";
import { parseInstant } from "../time/iso.js";
import { dateAt } from "../time/wall-clock.js";
import { zoneOrUtc } from "../zones.js";
import { oneLine } from "./escape.js";

/** Locales tried in turn for a zone's short name: en-US knows EST, en-GB knows CET, en-AU AEDT, en-IN IST. */
const ABBREVIATION_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN"];
const WITHIN_A_WEEK_MS = 6 * 24 * 60 * 60 * 1000;

/** "EST", "CET", "AEDT", "IST" where a short name is known; otherwise "GMT+9". */
function zoneAbbreviation(instant: Date, zone: string): string {
  let fallback = "";
  for (const locale of ABBREVIATION_LOCALES) {
    const name = zoneNameAt(instant, zone, locale);
    if (!/^(GMT|UTC)[+-]/.test(name)) return name;
    fallback ||= name;
  }
  return fallback;
}

/** "Thu 3 Dec 15:00 EST": a meeting's start as the user will live it. */
export function formatMeetingTime(isoStart: string, zone: string, now?: Date): string {
  const start = parseInstant(isoStart);
  if (!start) return "(time unknown)";
  const shownZone = zoneOrUtc(zone);
  // Given `now`, a meeting in another year says which.
  const otherYear = now !== undefined && dateAt(start, shownZone).year !== dateAt(now, shownZone).year;
  const pattern = otherYear ? "ccc d LLL yyyy HH:mm" : "ccc d LLL HH:mm";
  return `${formatInZone(start, shownZone, pattern, "en-GB")} ${zoneAbbreviation(start, shownZone)}`;
}

/**
 * When a prompt will arrive: "Wed 09:00" within the coming week, "Wed 16 Dec 09:00" further out
 * or in the past, with the year when it is not the current one.
 */
export function formatDue(date: Date, zone: string, now: Date = new Date()): string {
  if (Number.isNaN(date.getTime())) return "(time unknown)";
  const shownZone = zoneOrUtc(zone);
  const ahead = date.getTime() - now.getTime();
  if (ahead >= 0 && ahead < WITHIN_A_WEEK_MS) return formatInZone(date, shownZone, "ccc HH:mm", "en-GB");
  const sameYear = dateAt(date, shownZone).year === dateAt(now, shownZone).year;
  return formatInZone(date, shownZone, sameYear ? "ccc d LLL HH:mm" : "ccc d LLL yyyy HH:mm", "en-GB");
}

/** "Jane Doe (Acme)", or the address when no name is known; always one clean line. */
export function describeContact(contact: Pick<Contact, "name" | "email" | "company">): string {
  const name = oneLine(contact.name ?? "") || oneLine(contact.email);
  const company = oneLine(contact.company ?? "");
  return company ? `${name} (${company})` : name;
}

/** The name to greet someone by: the first word of their name, else the address's local part. */
export function firstName(contact: Pick<Contact, "name" | "email">): string {
  const name = oneLine(contact.name ?? "");
  const first = name.split(" ")[0];
  if (first) return first;
  return oneLine(contact.email).split("@")[0] || "there";
}

/** "Thu 3 Dec": the meeting's day, for drafts to the contact (who may live in another zone). */
export function formatMeetingDay(isoStart: string, zone: string): string | null {
  const start = parseInstant(isoStart);
  if (!start) return null;
  return formatInZone(start, zoneOrUtc(zone), "ccc d LLL", "en-GB");
}
