import type { Contact } from "../model/contact.js";
import { formatDay, formatWhen } from "../time/format.js";
import { parseInstant } from "../time/iso.js";
import { zoneOrUtc } from "../zones.js";
import { oneLine } from "./escape.js";
import { isMailboxName } from "./names.js";

/** "Thu 3 Dec 15:00 EST": a meeting's start as the user will live it (core/time/format.ts is the one format). */
export function formatMeetingTime(isoStart: string, zone: string, now: Date): string {
  const start = parseInstant(isoStart);
  if (!start) return "(time unknown)";
  return formatWhen(start, zoneOrUtc(zone), now);
}

/** When a prompt will arrive, in the same format as every other time: "Wed 16 Dec 09:00 EST". */
export function formatDue(date: Date, zone: string, now: Date): string {
  if (Number.isNaN(date.getTime())) return "(time unknown)";
  return formatWhen(date, zoneOrUtc(zone), now);
}

/** "Jane Doe (Acme)", or the address when no real name is known; always one clean line. */
export function describeContact(contact: Pick<Contact, "name" | "email" | "company">): string {
  const name = (isMailboxName(contact) ? "" : oneLine(contact.name ?? "")) || oneLine(contact.email);
  const company = oneLine(contact.company ?? "");
  return company ? `${name} (${company})` : name;
}

/** "Thu 3 Dec": the meeting's day, for drafts to the contact (who may live in another zone). */
export function formatMeetingDay(isoStart: string, zone: string, now: Date): string | null {
  const start = parseInstant(isoStart);
  if (!start) return null;
  return formatDay(start, zoneOrUtc(zone), now);
}
