import { describeContact, formatDue, formatMeetingTime } from "../drafts/format.js";
import { inviteDraftLines } from "../drafts/invite-draft.js";
import {
  isOutreachPromptOf,
  MEETING_PROMPT_KINDS,
  meetingPromptKey,
  planMeetingPrompts,
  planOutreachPrompts,
} from "../followup/policy.js";
import { interactionId, meetingId, promptId } from "../ids.js";
import { meetingOutOfBounds } from "../interview/due-bounds.js";
import { PROMPT_KINDS } from "../interview/prompt-kinds.js";
import { nextStage } from "../interview/stage.js";
import { type ContactFacts, type ParsedMail, UNREADABLE_INVITE } from "../mail/parsed-mail.js";
import type { Contact, Purpose } from "../model/contact.js";
import { notesFit, notesFullLine } from "../model/contact-notes.js";
import type { Meeting } from "../model/meeting.js";
import type { Prompt } from "../model/prompt.js";
import type { User } from "../model/user.js";
import { formatInZone } from "../time/format.js";
import { zoneOrUtc } from "../zones.js";
import type { AccountChanges } from "./account-changes.js";
import type { SliceRequest } from "./account-slice.js";
import { retimePending } from "./commands/replan.js";
import { syncCheckIn } from "./keep-in-touch.js";

/** A mail that names nobody to log: its answer lists the commands (`help`). */
export function logsNobody(parsed: ParsedMail): boolean {
  return parsed.kind === "unknown" || !parsed.contact;
}

/**
 * What intake reads: the person the mail is about (with their meetings and pending prompts) and
 * the invite's meeting with its own prompts (one sent earlier is never planned again); every
 * pending prompt only for the first invite that tells the user's zone, when what was planned in
 * the guessed zone moves.
 */
export function intakeReads(parsed: ParsedMail, user: User): SliceRequest {
  const meeting = parsed.kind === "invite" ? parsed.meeting : null;
  return {
    ...intakeKeys(parsed, user.id),
    pending: meeting !== null && user.timeZoneSource === "default" && meeting.timeZone !== user.timeZone,
  };
}

/** The items of `intakeReads` that are known by key before the user is read. */
export function intakeKeys(
  parsed: ParsedMail,
  userId: string,
): { contacts: string[]; meetings: string[]; prompts: string[] } {
  const meeting = parsed.kind === "invite" ? parsed.meeting : null;
  const id = meeting ? meetingId(meeting.uid) : null;
  const email = parsed.contact?.email.toLowerCase();
  return {
    contacts: email ? [email] : [],
    meetings: id ? [id] : [],
    prompts: id ? MEETING_PROMPT_KINDS.map((kind) => promptId(userId, meetingPromptKey(kind, id))) : [],
  };
}

/**
 * Turns what a forwarded / BCC'd mail or invite told us into contacts, meetings and prompts,
 * and answers with what was understood, what was not, and how to fix it. `help`: the command
 * list, for a mail that `logsNobody` (the caller loads it only then: it is the verb table).
 */
export function logIntake(
  changes: AccountChanges,
  parsed: ParsedMail,
  messageKey: string,
  sesMessageId: string,
  help: readonly string[],
): void {
  const lines: string[] = [];
  let subject = "coffeechat: logged";
  let about: { contactEmail: string | null; meetingId: string | null } = {
    contactEmail: null,
    meetingId: null,
  };

  const bounds =
    parsed.kind === "invite" && parsed.meeting ? meetingOutOfBounds(parsed.meeting.start, changes.now) : null;
  if (bounds) {
    subject = "coffeechat: nothing logged";
    lines.push(
      bounds === "too_far_ahead"
        ? `This invite is dated ${parsed.meeting?.start.slice(0, 10)}, more than two years ahead, so I did not log it: is the date right? Forward the corrected invite and I'll plan around it.`
        : bounds === "too_far_back"
          ? `This invite is dated ${parsed.meeting?.start.slice(0, 10)}, more than ten years ago, so I did not log it: is the date right?`
          : "I could not read the time of this invite, so I did not log it.",
    );
  } else if (logsNobody(parsed) || !parsed.contact) {
    subject = "coffeechat: nothing logged";
    const unreadableInvite = parsed.problems.find((p) => p.startsWith(UNREADABLE_INVITE));
    lines.push(
      unreadableInvite
        ? `${unreadableInvite} Nothing was logged.`
        : parsed.kind === "unknown"
          ? "I couldn't find a forwarded mail, an invite or a command in this message, so nothing was logged."
          : "I couldn't tell who this mail is about, so nothing was logged.",
      "Forward a mail you exchanged with a contact, or their calendar invite, to this address — or put it in BCC when you write to them.",
      "",
      ...help,
    );
  } else if (parsed.kind === "invite" && parsed.meeting) {
    const { contact, notesFull } = upsertContact(changes, parsed.contact, parsed);
    const result = logMeeting(changes, contact, parsed, parsed.meeting);
    subject = result.subject;
    lines.push(...result.lines);
    if (notesFull) lines.push(notesFullLine(describeContact(contact)));
    about = { contactEmail: contact.email, meetingId: result.meetingId };
  } else {
    const { contact, notesFull } = upsertContact(changes, parsed.contact, parsed);
    lines.push(
      ...(parsed.kind === "answer"
        ? logAnswer(changes, contact, parsed, notesFull)
        : logOutreach(changes, contact, parsed, notesFull)),
    );
    about = { contactEmail: contact.email, meetingId: null };
  }

  for (const problem of parsed.problems)
    if (!lines.includes(`${problem} Nothing was logged.`)) lines.push(`Note: ${problem}`);
  if (about.contactEmail) {
    lines.push(
      "",
      "Something wrong? Reply with e.g. `fix: name Jane Doe`, `fix: company Acme` or `fix: time 2026-12-03 15:00`.",
    );
  }
  changes.putMarker({
    key: messageKey,
    at: changes.nowIso,
    sesMessageId,
    outcome: parsed.kind,
    promptIds: [],
  });
  // `fix:` replies to the confirmation act on what it was about.
  changes.sendMessage(
    `confirm:${messageKey}`,
    "confirmation",
    { subject, lines, to: null, attachExport: false },
    about,
  );
}

/** The contact as this mail leaves it; `notesFull` when its notes were not saved (the contact has the most kept). */
function upsertContact(
  changes: AccountChanges,
  facts: ContactFacts,
  parsed: ParsedMail,
): { contact: Contact; notesFull: boolean } {
  const email = facts.email.toLowerCase();
  const existing = changes.contact(email);
  const at = changes.nowIso;
  const notes = parsed.notes ? noteLines(parsed.notes) : { notes: [], purpose: null, hiringManager: false };
  const keptNotes = existing?.notes ?? [];
  const newNotes = notes.notes.filter((n) => !keptNotes.includes(n));
  const notesFull = !notesFit(keptNotes, newNotes);
  const contact: Contact = {
    email,
    name: existing?.name ?? facts.name,
    company: existing?.company ?? facts.company,
    stage: existing?.stage ?? "outreach",
    stopped: existing?.stopped ?? false,
    referredBy: existing?.referredBy ?? null,
    hiringManager: (existing?.hiringManager ?? false) || notes.hiringManager,
    purpose: notes.purpose ?? existing?.purpose ?? null,
    notes: notesFull ? keptNotes : [...keptNotes, ...newNotes],
    context: parsed.contactContext ?? existing?.context ?? null,
    outreachAt: existing?.outreachAt ?? null,
    outreachSubject: existing?.outreachSubject ?? null,
    lastContactAt: latest(existing?.lastContactAt, parsed.date ?? at),
    referrals: existing?.referrals ?? [],
    meetingIds: existing?.meetingIds ?? [],
    pendingPromptIds: existing?.pendingPromptIds ?? [],
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  changes.putContact(contact);
  return { contact, notesFull };
}

function logMeeting(
  changes: AccountChanges,
  contact: Contact,
  parsed: ParsedMail,
  facts: NonNullable<ParsedMail["meeting"]>,
): { subject: string; lines: string[]; meetingId: string } {
  const id = meetingId(facts.uid);
  const existing = changes.meeting(id);
  const who = describeContact(contact);
  const user = changes.user;

  const cancel = facts.method === "CANCEL";
  if (existing && (facts.sequence < existing.sequence || (facts.sequence === existing.sequence && !cancel))) {
    const same = existing.start === facts.start && existing.end === facts.end;
    return {
      subject: "coffeechat: already logged",
      meetingId: id,
      lines: same
        ? [
            `Already logged: ${who}, ${formatMeetingTime(existing.start, user.timeZone, changes.now)}. Nothing changed.`,
          ]
        : [
            `This is an older version of the invite with ${who} (update ${facts.sequence}; I have update ${existing.sequence}), so I ignored it.`,
            `The meeting stays at ${formatMeetingTime(existing.start, user.timeZone, changes.now)}.`,
          ],
    };
  }

  addInteraction(
    changes,
    contact,
    parsed,
    facts.method === "CANCEL" ? "cancel" : existing ? "update" : "invite",
  );

  if (cancel) {
    if (existing?.status === "cancelled") {
      return {
        subject: "coffeechat: already cancelled",
        meetingId: id,
        lines: [`The meeting with ${who} was already cancelled. Nothing changed.`],
      };
    }
    if (!existing) {
      return {
        subject: "coffeechat: cancellation for an unknown meeting",
        meetingId: id,
        lines: [`This cancels a meeting with ${who} that I never logged, so there was nothing to cancel.`],
      };
    }
    changes.putMeeting(
      {
        ...existing,
        status: "cancelled",
        sequence: Math.max(existing.sequence, facts.sequence),
        updatedAt: changes.nowIso,
      },
      Math.max(existing.sequence, facts.sequence) + 1,
    );
    changes.syncPrompts((p) => p.meetingId === id, []);
    const otherAhead = changes.account.meetings.some(
      (m) => m.contactEmail === contact.email && m.id !== id && m.status === "scheduled",
    );
    if (!otherAhead) {
      const stage = nextStage(contact.stage, "meeting_cancelled");
      if (stage !== contact.stage) changes.putContact({ ...contact, stage, updatedAt: changes.nowIso });
    }
    return {
      subject: `coffeechat: cancelled — ${who}`,
      meetingId: id,
      lines: [
        `Cancelled: ${who}, ${formatMeetingTime(existing.start, user.timeZone, changes.now)}. Its prep and follow-ups are off.`,
        "Reschedule or drop? If you find a new time, forward the new invite. Otherwise there is nothing to do — reply `stop` if you don't want prompts about them anymore.",
      ],
    };
  }

  if (user.timeZoneSource === "default" && facts.timeZone !== user.timeZone) {
    // The zone was a guess: what was planned under it moves to the prompt hour in the zone learned.
    changes.setUser({ ...user, timeZone: facts.timeZone, timeZoneSource: "invite" });
    retimePending(changes, user);
  } else if (user.timeZoneSource === "default") {
    changes.setUser({ ...user, timeZoneSource: "invite" });
  }
  const meeting: Meeting = {
    id,
    uid: facts.uid,
    sequence: facts.sequence,
    contactEmail: contact.email,
    start: facts.start,
    end: facts.end,
    timeZone: facts.timeZone,
    allDay: facts.allDay,
    title: facts.title,
    location: facts.location,
    status: "scheduled",
    // Notes written above a forward describe the person: they live on the contact.
    notes: existing?.notes ?? [],
    createdAt: existing?.createdAt ?? changes.nowIso,
    updatedAt: changes.nowIso,
  };
  changes.putMeeting(meeting, facts.sequence);
  const stage = nextStage(contact.stage, "meeting_scheduled");
  if (stage !== contact.stage) changes.putContact({ ...contact, stage, updatedAt: changes.nowIso });
  // A meeting answers the outreach: no more nudges.
  changes.syncPrompts(isOutreachPromptOf(contact.email), []);
  const plans = planMeetingPrompts({
    meeting,
    contact: changes.contact(contact.email) ?? contact,
    user: changes.user,
    referralFromContact: contact.referrals.length > 0,
    now: changes.now,
  });
  changes.syncPrompts((p) => p.meetingId === id, plans);
  restartCheckIn(changes, contact.email);

  const when = formatMeetingTime(meeting.start, changes.user.timeZone, changes.now);
  // Shown whole: the invite reader already kept its words short and its link whole (or left it out).
  const place = meeting.location ? ` (${meeting.location.replace(/\s+/g, " ").trim()})` : "";
  const past = Date.parse(meeting.end) <= changes.now.getTime();
  const prep = changes.pendingPrompts((p) => p.meetingId === id && p.kind === "prep")[0];
  const lines = [
    existing
      ? `Updated: ${who}, moved to ${when}${place}. Every pending prompt follows the new time.`
      : `Logged: ${who}, ${meeting.title ? `"${oneLine(meeting.title)}" ` : ""}${when}${place}.`,
    ...upcomingLines(changes, (p) => p.meetingId === id),
  ];
  if (past && !existing) {
    // An invite forwarded after the fact: the user decides what happened.
    lines.push(`This was on ${pastDay(meeting.start, changes.user.timeZone)}: log it as met? Reply \`met\`.`);
  }
  if (!prep && Date.parse(meeting.start) > changes.now.getTime())
    lines.push("Prep notes are on their way now.");
  return {
    subject: `coffeechat: ${existing ? "updated" : "logged"} — ${who}, ${when}`,
    lines,
    meetingId: id,
  };
}

/**
 * The contact's own mail, forwarded: they answered (or wrote first). The nudges and the move-on
 * note stop, and the user gets a draft proposing times.
 */
function logAnswer(
  changes: AccountChanges,
  contact: Contact,
  parsed: ParsedMail,
  notesFull: boolean,
): string[] {
  const who = describeContact(contact);
  addInteraction(changes, contact, parsed, "reply");
  const stage = nextStage(contact.stage, "answer_logged");
  if (stage !== contact.stage) changes.putContact({ ...contact, stage, updatedAt: changes.nowIso });
  changes.syncPrompts(isOutreachPromptOf(contact.email), []);
  restartCheckIn(changes, contact.email);
  const lines =
    stage === "answered"
      ? [
          `${who} answered. Send ${firstName(contact)} an invite; here is a draft with times:`,
          "",
          ...inviteDraftLines(contact, changes.user.timeZone, changes.now).map((l) => `> ${l}`),
          "",
          "Forward the invite once it is sent, and I'll plan the prep and follow-ups.",
        ]
      : [`Logged a mail from ${who}. Their keep-in-touch clock starts again.`];
  if (parsed.notes) lines.push(notesFull ? notesFullLine(who) : `Your notes are saved with ${who}.`);
  return lines;
}

function firstName(contact: Contact): string {
  return (contact.name ?? "").trim().split(/\s+/)[0] || contact.email;
}

function logOutreach(
  changes: AccountChanges,
  contact: Contact,
  parsed: ParsedMail,
  notesFull: boolean,
): string[] {
  const who = describeContact(contact);
  addInteraction(changes, contact, parsed, parsed.kind === "outreach" ? "outreach" : "forward");
  const lines: string[] = [];
  const stage = nextStage(contact.stage, "outreach_logged");
  if (stage === "outreach") {
    const outreachAt = contact.outreachAt ?? parsed.date ?? changes.nowIso;
    // The first mail's subject is what the user asked for: prep and the follow-up restate it.
    const outreachSubject = contact.outreachSubject ?? (parsed.kind === "outreach" ? parsed.subject : null);
    const updated: Contact = {
      ...contact,
      stage,
      outreachAt,
      outreachSubject,
      updatedAt: changes.nowIso,
    };
    changes.putContact(updated);
    const plans = planOutreachPrompts({
      contact: updated,
      user: changes.user,
      outreachAt: new Date(outreachAt),
      now: changes.now,
    });
    changes.syncPrompts(isOutreachPromptOf(contact.email), plans);
    lines.push(`Logged outreach to ${who}.`);
    lines.push(...upcomingLines(changes, (p) => p.contactEmail === contact.email && p.kind === "nudge"));
  } else {
    lines.push(`Logged a mail with ${who}. Their keep-in-touch clock starts again.`);
  }
  restartCheckIn(changes, contact.email);
  if (parsed.notes) lines.push(notesFull ? notesFullLine(who) : `Your notes are saved with ${who}.`);
  return lines;
}

/** Any logged contact restarts a pending keep-in-touch clock. */
function restartCheckIn(changes: AccountChanges, email: string): void {
  const contact = changes.contact(email);
  if (
    !contact ||
    changes.pendingPrompts((p) => p.kind === "check_in" && p.contactEmail === email).length === 0
  )
    return;
  syncCheckIn(changes, email, new Date(contact.lastContactAt));
}

function addInteraction(
  changes: AccountChanges,
  contact: Contact,
  parsed: ParsedMail,
  kind: "outreach" | "forward" | "invite" | "update" | "cancel" | "reply",
): void {
  const key = parsed.originalKey ?? parsed.messageId ?? changes.nowIso;
  changes.addInteraction({
    id: interactionId(`${kind}:${key}`, contact.email),
    at: parsed.date ?? changes.nowIso,
    kind,
    contactEmail: contact.email,
    subject: parsed.subject,
    messageKey: key,
  });
}

function upcomingLines(changes: AccountChanges, filter: (p: Prompt) => boolean): string[] {
  const zone = changes.user.timeZone;
  return changes
    .pendingPrompts(filter)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .map(
      (p) => `- ${PROMPT_KINDS[p.kind].upcoming} arrives ${formatDue(new Date(p.dueAt), zone, changes.now)}`,
    );
}

/** Notes may carry `purpose: new field | new job | move up` and `hiring manager`. */
function noteLines(text: string): { notes: string[]; purpose: Purpose | null; hiringManager: boolean } {
  let purpose: Purpose | null = null;
  let hiringManager = false;
  const notes: string[] = [];
  const kept: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const p = /^\s*purpose\s*:\s*(new field|new job|move up)\s*$/i.exec(line);
    if (p?.[1]) purpose = p[1].toLowerCase().replace(" ", "_") as Purpose;
    else if (/^\s*hiring manager\s*$/i.test(line)) hiringManager = true;
    else kept.push(line);
  }
  const note = kept.join("\n").trim();
  if (note) notes.push(note.slice(0, 4000));
  return { notes, purpose, hiringManager };
}

function latest(a: string | undefined, b: string): string {
  return a && a > b ? a : b;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 200);
}

/** "2 Dec 2020": the day a past meeting was on, with its year. */
function pastDay(isoStart: string, zone: string): string {
  const start = new Date(isoStart);
  return formatInZone(start, zoneOrUtc(zone), "d LLL yyyy", "en-GB");
}
