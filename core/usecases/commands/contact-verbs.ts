import { describeContact, formatMeetingTime } from "../../drafts/format.js";
import { isOutreachPromptOf, planOutreachPrompts } from "../../followup/policy.js";
import { userZone } from "../../followup/timing.js";
import type { Outcome } from "../../interview/outcome.js";
import { cleanLine, cleanText } from "../../mail/text.js";
import type { Contact, Purpose } from "../../model/contact.js";
import { notesFit } from "../../model/contact-notes.js";
import { isoInZone, parseInstant } from "../../time/iso.js";
import { instantAt, isRealWallTime, type WallTime } from "../../time/wall-clock.js";
import { zoneOrUtc } from "../../zones.js";
import { type CommandContext, subjectOf } from "./context.js";
import { replanMeeting } from "./prompt-verbs.js";

/**
 * Verbs that correct or add to what is known about the person the prompt is about.
 * - notes: appended to the contact, and to the meeting when the prompt is about one; pending
 *   prompts' snapshots refresh with the commit, so later drafts use them.
 * - referral: a new contact referred by this one, at `outreach` with its own nudges counted
 *   from today; the referrer's pending referral ask is cancelled (it was answered).
 * - fix: name / company / hiring manager / purpose on the contact; time on the meeting (read in
 *   the user's zone, the duration kept), whose pending prompts then follow the new time.
 */

const MAX_NOTE_CHARS = 2_000;
/** The people one contact referred that their item names (the latest). */
const MAX_REFERRALS = 100;

export function notes(ctx: CommandContext, text: string): Outcome {
  const subject = subjectOf(ctx);
  if ("kind" in subject) return subject;
  const { changes } = ctx;
  const { contact, meeting } = subject;
  const note = cleanText(text, MAX_NOTE_CHARS).trim();
  if (!note) return { kind: "note_not_saved", contact, why: "empty" };
  if (contact.notes.includes(note)) return { kind: "note_not_saved", contact, why: "already_saved" };
  if (!notesFit(contact.notes, [note])) return { kind: "note_not_saved", contact, why: "full" };
  changes.putContact({ ...contact, notes: [...contact.notes, note], updatedAt: changes.nowIso });
  if (meeting && !meeting.notes.includes(note)) {
    changes.putMeeting({ ...meeting, notes: [...meeting.notes, note], updatedAt: changes.nowIso });
  }
  return { kind: "note_saved", contact };
}

export function referral(ctx: CommandContext, name: string | null, email: string): Outcome {
  const subject = subjectOf(ctx);
  if ("kind" in subject) return subject;
  const { changes } = ctx;
  const referrer = subject.contact;
  if (email === referrer.email) return { kind: "referral_refused", why: "same_person" };
  if (changes.user.addresses.includes(email)) return { kind: "referral_refused", why: "own_address" };
  const cleanName = name ? cleanLine(name, 100) || null : null;

  const asks = changes.pendingPrompts((p) => p.kind === "referral_ask" && p.contactEmail === referrer.email);
  for (const ask of asks) changes.endPrompt(ask, "cancelled", "referral logged");

  const existing = changes.contact(email);
  // The referrer names who they referred: no referral ask is planned for them again, and `forget`
  // finds the link from either side.
  if (!existing?.referredBy) {
    const referrals = [...referrer.referrals.filter((r) => r !== email), email].slice(-MAX_REFERRALS);
    changes.putContact({ ...referrer, referrals, updatedAt: changes.nowIso });
  }
  if (existing) {
    if (!existing.referredBy) {
      changes.putContact({
        ...existing,
        referredBy: referrer.email,
        name: existing.name ?? cleanName,
        updatedAt: changes.nowIso,
      });
    }
    return { kind: "referral_known", contact: existing, referrer };
  }
  const at = changes.nowIso;
  const contact: Contact = {
    email,
    name: cleanName,
    company: null,
    stage: "outreach",
    stopped: false,
    referredBy: referrer.email,
    hiringManager: false,
    purpose: referrer.purpose,
    notes: [],
    context: null,
    outreachAt: at,
    outreachSubject: null,
    lastContactAt: at,
    referrals: [],
    meetingIds: [],
    pendingPromptIds: [],
    createdAt: at,
    updatedAt: at,
  };
  changes.putContact(contact);
  const plans = planOutreachPrompts({
    contact,
    user: changes.user,
    outreachAt: changes.now,
    now: changes.now,
  });
  changes.syncPrompts(isOutreachPromptOf(email), plans);
  const nudge = changes.pendingPrompts((p) => p.kind === "nudge" && p.contactEmail === email)[0];
  return { kind: "referral_logged", contact, referrer, nudge: nudge ? new Date(nudge.dueAt) : null };
}

export function purpose(ctx: CommandContext, value: Purpose): Outcome {
  const subject = subjectOf(ctx);
  if ("kind" in subject) return subject;
  const { changes } = ctx;
  const { contact } = subject;
  changes.putContact({ ...contact, purpose: value, updatedAt: changes.nowIso });
  return { kind: "purpose_set", contact, purpose: value };
}

export function fix(
  ctx: CommandContext,
  field: "name" | "company" | "time" | "hiring_manager" | "purpose",
  value: string,
): Outcome | string[] {
  if (field === "purpose") {
    return value === "new_field" || value === "new_job" || value === "move_up"
      ? purpose(ctx, value)
      : ["Purpose is one of: new field, new job, move up."];
  }
  const subject = subjectOf(ctx);
  if ("kind" in subject) return subject;
  const { changes } = ctx;
  const { contact } = subject;
  const before = describeContact(contact);

  if (field === "hiring_manager") {
    const yes = value !== "no";
    changes.putContact({ ...contact, hiringManager: yes, updatedAt: changes.nowIso });
    return [
      yes
        ? `Marked ${before} as the hiring manager.`
        : `${before} is no longer marked as the hiring manager.`,
    ];
  }
  if (field === "name" || field === "company") {
    const clean = cleanLine(value, 100);
    if (!clean) return [`That ${field} was empty, so nothing changed.`];
    const updated = { ...contact, [field]: clean, updatedAt: changes.nowIso };
    changes.putContact(updated);
    return [`Fixed: ${before} is now ${describeContact(updated)}.`];
  }

  const meeting = subject.meeting;
  if (!meeting)
    return [`I can only fix a time on a mail about a meeting; this one is about ${before} without one.`];
  const zone = userZone(changes.user);
  const start = parseLocalTime(value, zone);
  if (!start)
    return [`I couldn't read "${cleanLine(value, 60)}" as a time. Write it like: fix: time 2026-12-03 15:00`];
  const length = Math.max(0, Date.parse(meeting.end) - Date.parse(meeting.start));
  const inMeetingZone = (instant: Date) => isoInZone(instant, zoneOrUtc(meeting.timeZone));
  const updated = {
    ...meeting,
    start: inMeetingZone(start),
    end: inMeetingZone(new Date(start.getTime() + length)),
    updatedAt: changes.nowIso,
  };
  changes.putMeeting(updated);
  replanMeeting(changes, updated);
  return [
    `Fixed: the meeting with ${before} is now ${formatMeetingTime(updated.start, changes.user.timeZone, changes.now)}. Its prompts follow the new time.`,
  ];
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH = `(${MONTHS.join("|")}|${MONTHS.map((m) => m.slice(0, 3)).join("|")})`;
const DAY = String.raw`(\d{4})-(\d{2})-(\d{2})`;

/** The written forms besides ISO 8601, each read into a wall time; `pm` is set by an am/pm. */
const TIME_FORMATS: readonly { pattern: RegExp; read: (m: string[]) => WallTime & { pm?: boolean } }[] = [
  // 2026-12-03 15:00, 2026-12-03 9:00
  {
    pattern: new RegExp(String.raw`^${DAY} (\d{1,2}):(\d{2})$`),
    read: (m) => wall(m[1], m[2], m[3], m[4], m[5]),
  },
  // 2026-12-03 3:00 pm
  {
    pattern: new RegExp(String.raw`^${DAY} (\d{1,2}):(\d{2}) (am|pm)$`, "i"),
    read: (m) => ({ ...wall(m[1], m[2], m[3], m[4], m[5]), pm: /pm/i.test(m[6] ?? "") }),
  },
  // 2026-12-03 3pm, 2026-12-03 3 pm
  {
    pattern: new RegExp(String.raw`^${DAY} (\d{1,2}) ?(am|pm)$`, "i"),
    read: (m) => ({ ...wall(m[1], m[2], m[3], m[4], "0"), pm: /pm/i.test(m[5] ?? "") }),
  },
  // 2026/12/03 15:00
  { pattern: /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})$/, read: (m) => wall(m[1], m[2], m[3], m[4], m[5]) },
  // 3 Dec 2026 15:00, 3 December 2026 15:00
  {
    pattern: new RegExp(String.raw`^(\d{1,2}) ${MONTH} (\d{4}) (\d{2}):(\d{2})$`, "i"),
    read: (m) => {
      const month = MONTHS.findIndex((name) => name.startsWith((m[2] ?? "").toLowerCase())) + 1;
      return wall(m[3], String(month), m[1], m[4], m[5]);
    },
  },
];

function wall(...[year, month, day, hour, minute]: (string | undefined)[]): WallTime {
  const n = (text: string | undefined) => Number(text ?? Number.NaN);
  return {
    year: n(year),
    month: n(month),
    day: n(day),
    hour: n(hour),
    minute: n(minute),
    second: 0,
    millisecond: 0,
  };
}

/** 12 am is midnight, 12 pm noon; other hours before 12 move to the afternoon with pm. */
function withMeridiem(time: WallTime & { pm?: boolean }): WallTime {
  const { pm, ...rest } = time;
  if (pm === undefined) return rest;
  if (pm && rest.hour < 12) return { ...rest, hour: rest.hour + 12 };
  if (!pm && rest.hour === 12) return { ...rest, hour: 0 };
  return rest;
}

/** A wall-clock time in the user's zone (or an ISO 8601 instant with its own offset). */
function parseLocalTime(text: string, zone: string): Date | null {
  const value = text.trim().replace(/\s+/g, " ");
  const isoInstant = parseInstant(value.replace(" ", "T"), zone);
  if (isoInstant && /^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}/.test(value)) return isoInstant;
  for (const format of TIME_FORMATS) {
    const m = format.pattern.exec(value);
    if (!m) continue;
    const time = withMeridiem(format.read([...m]));
    if (isRealWallTime(time)) return instantAt(time, zone);
  }
  return null;
}
