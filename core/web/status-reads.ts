import type { Contact, ContactStage } from "../model/contact.js";
import type { Meeting } from "../model/meeting.js";
import type { Prompt } from "../model/prompt.js";
import type { User } from "../model/user.js";
import type { Account, Page, Store } from "../store/store.js";
import { FAILED_SHOWN_DAYS, STAGE_ORDER } from "./status-view.js";

/**
 * What the status page and the calendar feed read: bounded pages of the view index, never the
 * whole account, so both cost the same at 10 contacts as at 5,000 (docs/reads.md).
 */

/** Rows per section of the status page; the rest is a "more" link away. */
export const STATUS_PAGE_ROWS = 25;
/** The feed covers meetings from this long ago and everything ahead… */
export const FEED_WINDOW_DAYS = 90;
/** …up to this many meetings and this many follow-ups. */
export const FEED_MAX_EVENTS = 400;
/** A meeting that started up to this long ago may still be running: listed as upcoming until it ends. */
const RUNNING_MEETING_MS = 86_400_000;

export type StatusSection = "prompts" | "upcoming" | "past" | ContactStage;
const SECTIONS: readonly StatusSection[] = ["prompts", "upcoming", "past", ...STAGE_ORDER];

/** Where one section's next page starts (the page's `next`). */
export type MoreLinks = Partial<Record<StatusSection, string>>;

/** The page's rows: `account.contacts` are the listed ones; `named` only lends names to other rows. */
export interface StatusPageData {
  account: Account;
  named: Contact[];
  more: MoreLinks;
}

export interface StatusCursor {
  section: StatusSection;
  after: string;
}

/** Far longer than any view key (an instant, `#`, an address): anything longer is not ours. */
const MAX_CURSOR_LENGTH = 400;

/** The `?more=<section>&after=<key>` of a "more" link, or null for anything else. */
export function statusCursor(section: string | undefined, after: string | undefined): StatusCursor | null {
  if (!section || !after || after.length > MAX_CURSOR_LENGTH) return null;
  const known = SECTIONS.find((s) => s === section);
  return known ? { section: known, after } : null;
}

/**
 * One page of every section (the section in `cursor` from where its "more" link pointed), and
 * the contacts those rows name. At most ~10 queries and 8 × (rows + 1) items plus the contacts named.
 */
export async function readStatusPage(
  store: Store,
  user: User,
  now: Date,
  cursor: StatusCursor | null,
): Promise<StatusPageData> {
  const start = (section: StatusSection, first: string) =>
    cursor?.section === section ? cursor.after : first;
  const limit = STATUS_PAGE_ROWS;
  const [prompts, failed, upcoming, past, ...stages] = await Promise.all([
    store.listScheduledPrompts(user.id, { after: start("prompts", ""), limit }),
    store.listFailedPrompts(user.id, {
      after: new Date(now.getTime() - FAILED_SHOWN_DAYS * 86_400_000).toISOString(),
      limit,
    }),
    store.listMeetingsAfter(user.id, {
      after: start("upcoming", new Date(now.getTime() - RUNNING_MEETING_MS).toISOString()),
      limit,
    }),
    store.listMeetingsBefore(user.id, { after: start("past", now.toISOString()), limit }),
    ...STAGE_ORDER.map((stage) =>
      store.listContactsByStage(user.id, stage, { after: start(stage, ""), limit }),
    ),
  ]);
  const pages: [StatusSection, Page<unknown>][] = [
    ["prompts", prompts],
    ["upcoming", upcoming],
    ["past", past],
    ...STAGE_ORDER.map((stage, i): [StatusSection, Page<unknown>] => [
      stage,
      stages[i] ?? { items: [], next: null },
    ]),
  ];
  const more: MoreLinks = {};
  for (const [section, page] of pages) if (page.next) more[section] = page.next;

  const listed = stages.flatMap((page) => page.items);
  const meetings = uniqueById([...upcoming.items, ...past.items]);
  const named = await namedContacts(store, user.id, listed, meetings, [...prompts.items, ...failed.items]);
  return {
    account: {
      user,
      contacts: listed,
      meetings,
      prompts: [...prompts.items, ...failed.items],
      interactions: [],
    },
    named,
    more,
  };
}

/** The meetings and follow-ups of the feed's window, and the contacts they name. */
export async function readCalendarWindow(store: Store, user: User, now: Date): Promise<Account> {
  const windowStart = new Date(now.getTime() - FEED_WINDOW_DAYS * 86_400_000).toISOString();
  const [meetings, prompts] = await Promise.all([
    store.listMeetingsAfter(user.id, { after: windowStart, limit: FEED_MAX_EVENTS }),
    store.listScheduledPrompts(user.id, { after: "", limit: FEED_MAX_EVENTS }),
  ]);
  const contacts = await namedContacts(store, user.id, [], meetings.items, prompts.items);
  return { user, contacts, meetings: meetings.items, prompts: prompts.items, interactions: [] };
}

/** The contacts rows name (a meeting's or prompt's person, a referrer) that `listed` lacks, read by key. */
async function namedContacts(
  store: Store,
  userId: string,
  listed: readonly Contact[],
  meetings: readonly Meeting[],
  prompts: readonly Prompt[],
): Promise<Contact[]> {
  const have = new Set(listed.map((c) => c.email));
  const named = [
    ...meetings.map((m) => m.contactEmail),
    ...prompts.map((p) => p.contactEmail),
    ...listed.map((c) => c.referredBy),
  ].filter((email): email is string => typeof email === "string" && !have.has(email));
  return named.length > 0 ? await store.getContacts(userId, named) : [];
}

function uniqueById(meetings: readonly Meeting[]): Meeting[] {
  return [...new Map(meetings.map((m) => [m.id, m])).values()];
}
