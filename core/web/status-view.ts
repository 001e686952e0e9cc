import { PROMPT_KINDS } from "../interview/prompt-kinds.js";
import { STAGE_LABELS, STAGES } from "../interview/stage.js";
import type { Contact, ContactStage } from "../model/contact.js";
import type { Meeting, MeetingStatus } from "../model/meeting.js";
import { isFollowUpKind, type Prompt, type PromptKind } from "../model/prompt.js";
import type { Account } from "../store/store.js";
import { formatDay, formatSpan, formatWhen } from "../time/format.js";
import { parseInstant, parseIso } from "../time/iso.js";
import { instantAt } from "../time/wall-clock.js";
import { zoneOrUtc } from "../zones.js";
import type { MoreLinks } from "./status-reads.js";

/** Everything the status page shows, already shaped and formatted: rendering only lays it out. */
export interface StatusView {
  settings: SettingsView;
  stages: StageView[];
  upcomingMeetings: MeetingRow[];
  upcomingPrompts: PromptRow[];
  /** Prompts that failed in the last 30 days and were not sent again: what they were and why. */
  failedPrompts: FailedPromptRow[];
  pastMeetings: MeetingRow[];
  referralTree: ReferralNode[];
  /** Sections with more rows than shown: where their next page starts. */
  more: MoreLinks;
}

export interface SettingsView {
  timeZone: string;
  /** `09:00` */
  promptHour: string;
  cadenceMonths: number;
  paused: boolean;
  /** SES reported a bounce or complaint: prompts are held until the user writes again. */
  bouncing: boolean;
  landed: { company: string; on: string } | null;
}

export interface StageView {
  stage: ContactStage;
  label: string;
  contacts: ContactRow[];
}

export interface ContactRow {
  email: string;
  displayName: string;
  company: string | null;
  lastContact: string;
  referredBy: string | null;
  hiringManager: boolean;
  stopped: boolean;
  /** The latest few notes, each cut to a readable length: a page stays small whatever was saved. */
  notes: string[];
  /** Earlier notes not shown. */
  hiddenNotes: number;
}

export interface PromptRow {
  id: string;
  kind: PromptKind;
  /** "Thank-you draft for Jane Doe" */
  label: string;
  dueAt: string;
  /** The due time in the user's zone, e.g. `Thu 3 Dec 09:00 EST`. */
  dueLocal: string;
  /** `stop` is about a contact: only offered when the prompt is about one. */
  canStop: boolean;
}

export interface FailedPromptRow extends PromptRow {
  reason: string;
}

export interface MeetingRow {
  id: string;
  contactEmail: string;
  with: string;
  company: string | null;
  title: string | null;
  location: string | null;
  start: string;
  /** Start and end in the user's zone. */
  when: string;
  status: MeetingStatus;
  statusLabel: string;
  notes: string[];
  hiddenNotes: number;
}

export interface ReferralNode {
  email: string;
  displayName: string;
  company: string | null;
  /** Null when the referrer is no longer (or never was) a logged contact. */
  stage: ContactStage | null;
  hiringManager: boolean;
  children: ReferralNode[];
}

export const STAGE_ORDER: readonly ContactStage[] = STAGES;
/** A failed prompt stays on the page this long, unless it is sent again first. */
export const FAILED_SHOWN_DAYS = 30;

const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: "Scheduled",
  cancelled: "Cancelled",
  met: "Met",
  no_show: "No-show",
};

export function isFollowUp(prompt: Prompt): boolean {
  return prompt.state === "scheduled" && isFollowUpKind(prompt.kind);
}

/**
 * The page from what was read: `account` holds the rows to show (one page of each section),
 * `named` further contacts whose names those rows use, `more` the sections that go on.
 */
export function statusView(
  account: Account,
  now: Date,
  { named = [], more = {} }: { named?: readonly Contact[]; more?: MoreLinks } = {},
): StatusView {
  const zone = zoneOrUtc(account.user.timeZone);
  const byEmail = new Map([...named, ...account.contacts].map((c) => [c.email, c]));
  const nameOf = (email: string) => displayName(byEmail.get(email) ?? null, email);
  const nowMs = now.getTime();

  const meetingRow = (m: Meeting): MeetingRow => {
    const contact = byEmail.get(m.contactEmail) ?? null;
    return {
      id: m.id,
      contactEmail: m.contactEmail,
      with: displayName(contact, m.contactEmail),
      company: contact?.company ?? null,
      title: m.title,
      location: m.location,
      start: m.start,
      when: meetingTime(m, zone, now),
      status: m.status,
      statusLabel: MEETING_STATUS_LABELS[m.status],
      ...shownNotes(m.notes),
    };
  };

  const isOver = (m: Meeting) => instant(m.end) <= nowMs;
  const upcomingMeetings = account.meetings
    .filter((m) => m.status === "scheduled" && !isOver(m))
    .sort(byInstant((m) => m.start))
    .map(meetingRow);
  const pastMeetings = account.meetings
    .filter((m) => m.status === "met" || m.status === "no_show" || (m.status === "scheduled" && isOver(m)))
    .sort(byInstant((m) => m.start))
    .reverse()
    .map(meetingRow);

  const promptRow = (p: Prompt, canStop: boolean): PromptRow => ({
    id: p.id,
    kind: p.kind,
    label: promptLabel(p.kind, p.contactEmail ? nameOf(p.contactEmail) : null),
    dueAt: p.dueAt,
    dueLocal: localTime(p.dueAt, zone, now),
    canStop,
  });
  const upcomingPrompts = account.prompts
    .filter(isFollowUp)
    .sort(byInstant((p) => p.dueAt))
    .map((p) => promptRow(p, p.contactEmail !== null && byEmail.get(p.contactEmail)?.stopped !== true));

  const failedSince = nowMs - FAILED_SHOWN_DAYS * 86_400_000;
  const failedPrompts = account.prompts
    .filter((p) => p.state === "failed" && instant(p.stateChangedAt) >= failedSince && !p.resentAt)
    .sort(byInstant((p) => p.dueAt))
    .map((p): FailedPromptRow => ({ ...promptRow(p, false), reason: p.reason ?? "it could not be sent" }));

  const stages = STAGE_ORDER.map(
    (stage): StageView => ({
      stage,
      label: STAGE_LABELS[stage],
      contacts: account.contacts
        .filter((c) => c.stage === stage)
        .sort(byInstant((c) => c.lastContactAt))
        .reverse()
        .map((c) => ({
          email: c.email,
          displayName: displayName(c, c.email),
          company: c.company,
          lastContact: localDate(c.lastContactAt, zone, now),
          referredBy: c.referredBy ? nameOf(c.referredBy) : null,
          hiringManager: c.hiringManager,
          stopped: c.stopped,
          ...shownNotes(c.notes),
        })),
    }),
  );

  const user = account.user;
  return {
    settings: {
      timeZone: user.timeZone,
      promptHour: `${String(user.promptHour).padStart(2, "0")}:00`,
      cadenceMonths: user.cadenceMonths,
      paused: user.paused,
      bouncing: user.bouncing,
      landed: user.landed ? { company: user.landed.company, on: localDate(user.landed.at, zone, now) } : null,
    },
    stages,
    upcomingMeetings,
    upcomingPrompts,
    failedPrompts,
    pastMeetings,
    referralTree: referralTree(account.contacts),
    more,
  };
}

/**
 * Who referred whom, as a forest. Roots are people who referred someone but were not referred
 * themselves (or whose referrer is unknown). Stored data may hold a cycle (a→b→a): each person
 * appears once, and a cycle with no way in is entered at its earliest logged contact.
 */
export function referralTree(contacts: readonly Contact[]): ReferralNode[] {
  const byEmail = new Map(contacts.map((c) => [c.email, c]));
  const childrenOf = new Map<string, Contact[]>();
  for (const c of [...contacts].sort(byInstant((x) => x.createdAt))) {
    if (!c.referredBy || c.referredBy === c.email) continue;
    const siblings = childrenOf.get(c.referredBy) ?? [];
    siblings.push(c);
    childrenOf.set(c.referredBy, siblings);
  }
  if (childrenOf.size === 0) return [];

  const placed = new Set<string>();
  const build = (email: string): ReferralNode => {
    placed.add(email);
    const contact = byEmail.get(email) ?? null;
    const children: ReferralNode[] = [];
    for (const child of childrenOf.get(email) ?? []) {
      if (!placed.has(child.email)) children.push(build(child.email));
    }
    return {
      email,
      displayName: displayName(contact, email),
      company: contact?.company ?? null,
      stage: contact?.stage ?? null,
      hiringManager: contact?.hiringManager ?? false,
      children,
    };
  };

  const isRoot = (email: string) => {
    const referrer = byEmail.get(email)?.referredBy;
    return !referrer || referrer === email || !byEmail.has(referrer);
  };
  const roots: ReferralNode[] = [];
  for (const email of childrenOf.keys()) {
    if (isRoot(email) && !placed.has(email)) roots.push(build(email));
  }
  // Whatever is left hangs in a referral cycle.
  for (const c of [...contacts].sort(byInstant((x) => x.createdAt))) {
    if (childrenOf.has(c.email) && !placed.has(c.email)) roots.push(build(c.email));
  }
  return roots;
}

export function promptLabel(kind: PromptKind, person: string | null): string {
  return PROMPT_KINDS[kind].label(person ?? "a contact");
}

/** Notes shown per person or meeting on the page, and how much of each. */
const SHOWN_NOTES = 3;
const SHOWN_NOTE_CHARS = 500;

function shownNotes(notes: readonly string[]): { notes: string[]; hiddenNotes: number } {
  const shown = notes
    .slice(-SHOWN_NOTES)
    .map((n) => (n.length > SHOWN_NOTE_CHARS ? `${n.slice(0, SHOWN_NOTE_CHARS)}…` : n));
  return { notes: shown, hiddenNotes: notes.length - shown.length };
}

function displayName(contact: Contact | null, email: string): string {
  const name = contact?.name?.trim();
  return name ? name : email;
}

function instant(iso: string): number {
  return parseInstant(iso)?.getTime() ?? Number.NaN;
}

/** Oldest first; unreadable times sort last. */
function byInstant<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = instant(key(a));
    const y = instant(key(b));
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x - y;
  };
}

/** Every time on the page in the one format of the mails (core/time/format.ts). */
export function localTime(iso: string, zone: string, now: Date): string {
  const time = parseInstant(iso);
  return time ? formatWhen(time, zone, now) : "unknown time";
}

function localDate(iso: string, zone: string, now: Date): string {
  const time = parseInstant(iso);
  return time ? formatDay(time, zone, now) : "unknown date";
}

function meetingTime(meeting: Meeting, zone: string, now: Date): string {
  const start = parseInstant(meeting.start);
  const end = parseInstant(meeting.end);
  if (!start) return "unknown time";
  // An all-day date is a calendar date, not an instant: shown as written, never shifted.
  const written = parseIso(meeting.start);
  if (meeting.allDay && written) return formatDay(instantAt(written.wall, "UTC"), "UTC", now);
  if (!end) return formatWhen(start, zone, now);
  return formatSpan(start, end, zone, now);
}
