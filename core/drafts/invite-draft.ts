import type { Contact } from "../model/contact.js";
import { addDays, dateAt, instantAt, weekdayOf } from "../time/wall-clock.js";
import { zoneOrUtc } from "../zones.js";
import { formatMeetingTime } from "./format.js";

const SLOTS = 3;
const SLOT_HOUR = 10;

/**
 * A contact answered: a short mail proposing three times (the next weekdays at 10:00 in the
 * user's zone, from tomorrow), for the user to send as they are or to edit.
 */
export function inviteDraftLines(
  contact: Pick<Contact, "name" | "email">,
  timeZone: string,
  now: Date,
  opening = "Thank you for getting back to me! Would one of these work for a 20-minute call?",
): string[] {
  const zone = zoneOrUtc(timeZone);
  const times: string[] = [];
  for (let day = dateAt(now, zone), i = 0; times.length < SLOTS && i < 14; i++) {
    day = addDays(day, 1);
    const weekday = weekdayOf(day);
    if (weekday >= 6) continue;
    times.push(formatMeetingTime(instantAt({ ...day, hour: SLOT_HOUR }, zone).toISOString(), zone, now));
  }
  const first = (contact.name ?? "").trim().split(/\s+/)[0] || "there";
  return [
    `Hi ${first},`,
    "",
    opening,
    ...times.map((t) => `- ${t}`),
    "",
    "I'll send an invite for the one you pick.",
  ];
}
