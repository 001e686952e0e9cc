import { userZone } from "../followup/timing.js";
import type { Contact } from "../model/contact.js";
import type { Meeting } from "../model/meeting.js";
import type { Prompt } from "../model/prompt.js";
import type { User } from "../model/user.js";
import type { Account } from "../store/store.js";
import { type IsoParts, instantOfParts, parseIso } from "../time/iso.js";
import { addMonths, type CalendarDate, systemZone, wallTimeAt } from "../time/wall-clock.js";
import { oneLine } from "./escape.js";
import { describeContact } from "./format.js";
import type { MailLinks } from "./layout.js";
import { greeting, greetingName, signOff } from "./names.js";

export interface RenderContext {
  prompt: Prompt;
  user: User;
  account: Account;
  links: MailLinks;
  now: Date;
}

/** What every template needs, looked up once: the prompt's contact and meeting may be gone (`forget`). */
export interface PromptView {
  ctx: RenderContext;
  zone: string;
  contact: Contact | null;
  meeting: Meeting | null;
  /** "Jane Doe (Acme)", or "your contact" when the contact is gone. */
  who: string;
  /** Their first name when a real one is known ("Jane"); never an address's local part. */
  first: string | null;
  /** The draft's first line: "Hi Jane," or "Hi,". */
  hello: string;
  /** The draft's last lines: "Best," and the user's name when known. */
  signature: string;
}

const MAX_CHAIN = 5;
const NOTE_MAX = 240;

export function buildView(input: RenderContext): PromptView {
  const ctx = input;
  const { prompt, account } = ctx;
  const contact = prompt.contactEmail
    ? (account.contacts.find((c) => c.email === prompt.contactEmail) ?? null)
    : null;
  const meeting = prompt.meetingId ? (account.meetings.find((m) => m.id === prompt.meetingId) ?? null) : null;
  return {
    ctx,
    zone: userZone(ctx.user),
    contact,
    meeting,
    who: contact ? describeContact(contact) : "your contact",
    first: contact ? greetingName(contact) : null,
    hello: greeting(contact),
    signature: signOff(ctx.user.name),
  };
}

/** Who introduced whom, nearest first: Jane ← Bob ← Alice. Bounded and cycle-safe. */
export function referralChain(contact: Contact, contacts: readonly Contact[]): string[] {
  const chain: string[] = [];
  const seen = new Set([contact.email]);
  let next = contact.referredBy;
  while (next && chain.length < MAX_CHAIN && !seen.has(next)) {
    seen.add(next);
    const referrer = contacts.find((c) => c.email === next);
    chain.push(referrer ? describeContact(referrer) : oneLine(next));
    next = referrer?.referredBy ?? null;
  }
  return chain;
}

/** "You were referred by Bob Roe (Initech), whom you met through Alice Smith." or null. */
export function describeReferral(contact: Contact, contacts: readonly Contact[]): string | null {
  const [referrer, ...earlier] = referralChain(contact, contacts);
  if (!referrer) return null;
  const through = earlier.length ? `, whom you met through ${earlier.join(", then ")}` : "";
  return `You were referred by ${referrer}${through}.`;
}

/** The user's notes about this person and meeting, newest first, each one clean line. */
export function notesOf(view: PromptView): string[] {
  const all = [...(view.contact?.notes ?? []), ...(view.meeting?.notes ?? [])];
  const lines = all.map((note) => clip(oneLine(note), NOTE_MAX)).filter((note) => note.length > 0);
  // A note kept on both the contact and the meeting shows once.
  return [...new Set(lines)].reverse();
}

export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

/** Whole months between two instants, as the user would say it ("6 months"). */
export function monthsBetween(fromIso: string, to: Date): number | null {
  const from = parseIso(fromIso);
  const zone = systemZone();
  const start = from && instantOfParts(from, zone);
  if (!from || !start || !(to.getTime() > start.getTime())) return null;
  // Whole calendar months from the start as written, then the part of the next month begun.
  const after = (base: CalendarDate, months: number) => ({ ...from.wall, ...addMonths(base, months) });
  const at = (wall: IsoParts["wall"]) => instantOfParts({ ...from, wall }, zone)?.getTime() ?? Number.NaN;
  const later = wallTimeAt(to, zone);
  let whole = (later.year - from.wall.year) * 12 + later.month - from.wall.month;
  let highWater = at(after(from.wall, whole));
  let cursor = after(from.wall, whole);
  if (highWater > to.getTime()) {
    whole--;
    cursor = after(from.wall, whole);
    if (at(cursor) > to.getTime()) {
      highWater = at(cursor);
      whole--;
      cursor = after(from.wall, whole);
    }
  }
  if (highWater < to.getTime()) highWater = at(after(cursor, 1));
  const begun = highWater === at(cursor) ? 0 : (to.getTime() - at(cursor)) / (highWater - at(cursor));
  const months = Math.round(whole + begun);
  return months >= 1 ? months : null;
}

/** The name of whoever referred this contact, as the user would write it to them ("Bob Roe"). */
export function referrerName(contact: Contact, contacts: readonly Contact[]): string | null {
  if (!contact.referredBy) return null;
  const referrer = contacts.find((c) => c.email === contact.referredBy);
  return referrer ? oneLine(referrer.name ?? "") || oneLine(referrer.email) : oneLine(contact.referredBy);
}

const REPLY_PREFIX = /^(?:\s*(?:re|fwd?|aw|wg|sv|tr)\s*(?:\[\d+\])?\s*:\s*)+/i;

/**
 * What the user asked for when they first wrote: the subject of the outreach they logged
 * ("20 minutes on data science at Acme?"), without Re:/Fwd:, kept on the contact (or found among
 * the logged interactions). The user's own words, so a draft may restate them. Null when unknown.
 */
export function outreachAsk(view: PromptView): string | null {
  const contact = view.contact;
  if (!contact) return null;
  const first = (view.ctx.account.interactions ?? [])
    .filter((i) => i.contactEmail === contact.email && i.kind === "outreach" && i.subject)
    .sort((a, b) => a.at.localeCompare(b.at))[0];
  const subject = contact.outreachSubject ?? first?.subject ?? "";
  const ask = clip(oneLine(subject.replace(REPLY_PREFIX, "")), 120);
  return ask || null;
}

/** Whether the user is known to have written to this person (an outreach, forward or BCC logged). */
export function wroteToThem(view: PromptView): boolean {
  const email = view.contact?.email;
  if (!email) return false;
  if (view.contact?.outreachSubject) return true;
  return (view.ctx.account.interactions ?? []).some(
    (i) => i.contactEmail === email && (i.kind === "outreach" || i.kind === "bcc" || i.kind === "forward"),
  );
}
