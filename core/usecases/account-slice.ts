import type { Deps } from "../deps.js";
import type { Contact } from "../model/contact.js";
import type { Interaction } from "../model/interaction.js";
import type { Meeting } from "../model/meeting.js";
import type { Prompt } from "../model/prompt.js";
import type { User } from "../model/user.js";
import { unique } from "../store/account-items.js";
import { refsAfter } from "../store/contact-refs.js";
import type { Account, ItemKeys, Items, Store, WriteOp } from "../store/store.js";
import { allPages } from "../store/view-listings.js";
import { MAX_OPS_PER_COMMIT } from "../store/write-plan.js";
import { AccountChanges } from "./account-changes.js";

/**
 * What a unit of work concerns, read by key: a mail about one person reads that person, never
 * the account around them, so it costs the same at 5,000 contacts as at 10 (docs/reads.md).
 */
export interface SliceRequest {
  /** These people, each with their refs: their meetings and the prompts that may still be pending. */
  contacts?: readonly (string | null | undefined)[];
  meetings?: readonly (string | null | undefined)[];
  /** By id; each comes with its person (and their refs) and its meeting. */
  prompts?: readonly (string | null | undefined)[];
  /** Every pending prompt with its person and meeting: what `tz`, `hour` and `cadence` re-time. */
  pending?: boolean;
  /**
   * Every trace of one person, for `forget`: their refs, the mails logged with them, their ended
   * and failed prompts, and the people they referred or were referred by.
   */
  everythingAbout?: string | null;
}

/** One request asking for everything the given ones ask for. */
export function mergeRequests(requests: readonly SliceRequest[]): SliceRequest {
  const all = <K extends "contacts" | "meetings" | "prompts">(key: K) =>
    requests.flatMap((r) => r[key] ?? []);
  return {
    contacts: all("contacts"),
    meetings: all("meetings"),
    prompts: all("prompts"),
    pending: requests.some((r) => r.pending),
    everythingAbout: requests.find((r) => r.everythingAbout)?.everythingAbout ?? null,
  };
}

/** The account of a unit about the user alone (pause, a bounce, a refusal's answer). */
export function userOnly(user: User): Account {
  return { user, contacts: [], meetings: [], prompts: [], interactions: [] };
}

/**
 * Reads what `request` concerns, strongly consistent, in at most three rounds of BatchGetItem
 * (plus the pending listing when asked): the user and the named items; the people and meetings
 * the prompts name; the refs of those people. `known`: items the caller already read. Null when
 * the user does not exist. An account stored before contact refs existed is moved over first
 * (one whole read, once).
 */
export async function readSlice(
  store: Store,
  userId: string,
  request: SliceRequest,
  known?: KnownItems,
): Promise<Account | null> {
  return (await sliceOf(store, userId, request, known))?.account ?? null;
}

/** The slice, and the prompts it asked for by key that do not exist. */
async function sliceOf(
  store: Store,
  userId: string,
  request: SliceRequest,
  known?: KnownItems,
): Promise<{ account: Account; absentPrompts: Set<string> } | null> {
  const slice = new Slice(known);
  const about = request.everythingAbout ?? null;
  const named = {
    contacts: present([...(request.contacts ?? []), about]),
    meetings: present(request.meetings),
  };
  await slice.fetch(store, userId, {
    user: true,
    contacts: named.contacts,
    meetings: named.meetings,
    prompts: present(request.prompts),
  });
  const user = slice.user;
  if (!user) return null;
  if (!user.contactRefs) {
    const whole = await moveToContactRefs(store, user);
    return whole ? { account: whole, absentPrompts: new Set() } : null;
  }

  if (request.pending) {
    const listed = await allPages((page) => store.listScheduledPrompts(userId, page));
    // The listing is eventually consistent: the prompts themselves are read by key.
    await slice.fetch(store, userId, { prompts: listed.map((p) => p.id) });
  }

  const namedPrompts = present(request.prompts)
    .map((id) => slice.prompts.get(id))
    .filter(isSome);
  const people = unique([...named.contacts, ...present(namedPrompts.map((p) => p.contactEmail))]);
  await slice.fetch(store, userId, {
    contacts: [...people, ...present([...slice.prompts.values()].map((p) => p.contactEmail))],
    meetings: present([...slice.prompts.values()].map((p) => p.meetingId)),
  });
  const refs = people.map((email) => slice.contacts.get(email)).filter(isSome);
  await slice.fetch(store, userId, {
    meetings: refs.flatMap((c) => c.meetingIds),
    prompts: refs.flatMap((c) => c.pendingPromptIds),
  });
  if (about) await slice.readHistory(store, userId, about);
  // A ref to an item that is gone (forgotten meanwhile) is left out of what the unit sees.
  for (const contact of refs) {
    slice.contacts.set(contact.email, {
      ...contact,
      meetingIds: contact.meetingIds.filter((id) => slice.meetings.has(id)),
      pendingPromptIds: contact.pendingPromptIds.filter((id) => slice.prompts.has(id)),
    });
  }
  return { account: slice.account(user), absentPrompts: slice.absentPrompts() };
}

/** Items a caller already read by key (`asked`), and what it found. */
export interface KnownItems {
  asked: ItemKeys;
  items: Items;
}

/** A unit prepared on its slice, with what its work returned. */
export interface PreparedUnit<T> {
  changes: AccountChanges;
  result: T;
}

/** Rounds of "plan, read what the plans name" before a unit is taken as it stands. */
const PLAN_ROUNDS = 3;

/**
 * Prepares one unit of work on what it concerns: reads the slice, runs `work` on a fresh copy
 * and, when the work planned prompts the slice did not hold (a nudge skipped earlier is never
 * planned again), reads those by key and runs it again on the fuller slice. `work` must be pure
 * over `changes`: it may run more than once. Null when the user does not exist.
 */
export async function prepareUnit<T>(
  deps: Pick<Deps, "store" | "clock" | "config">,
  userId: string,
  request: SliceRequest,
  work: (changes: AccountChanges) => T,
  known?: KnownItems,
): Promise<PreparedUnit<T> | null> {
  const slice = await sliceOf(deps.store, userId, request, known);
  if (!slice) return null;
  const { account, absentPrompts: absent } = slice;
  for (let round = 1; ; round++) {
    const changes = new AccountChanges(account, deps.clock.now(), deps.config.tokenKey, absent);
    const result = work(changes);
    const unread = changes.unreadPrompts();
    if (unread.length === 0 || round >= PLAN_ROUNDS) return { changes, result };
    const { prompts } = await deps.store.getItems(userId, { prompts: unread });
    account.prompts.push(...prompts);
    for (const id of unread) if (!prompts.some((p) => p.id === id)) absent.add(id);
  }
}

/** The items read so far, by key; each is asked for once. */
class Slice {
  user: User | null = null;
  readonly contacts = new Map<string, Contact>();
  readonly meetings = new Map<string, Meeting>();
  readonly prompts = new Map<string, Prompt>();
  readonly interactions = new Map<string, Interaction>();
  private readonly asked = new Set<string>();

  constructor(known?: KnownItems) {
    if (!known) return;
    this.markAsked(known.asked);
    this.add(known.items);
  }

  async fetch(store: Store, userId: string, keys: ItemKeys): Promise<void> {
    const fresh = (kind: string, ids: readonly string[] = []) =>
      unique(ids).filter((id) => !this.asked.has(`${kind}:${id}`));
    const wanted = {
      user: keys.user === true && this.user === null && !this.asked.has("user"),
      contacts: fresh("contact", keys.contacts),
      meetings: fresh("meeting", keys.meetings),
      prompts: fresh("prompt", keys.prompts),
    };
    if (!wanted.user && !wanted.contacts.length && !wanted.meetings.length && !wanted.prompts.length) return;
    this.markAsked(wanted);
    this.add(await store.getItems(userId, wanted));
  }

  private add(items: Items): void {
    if (items.user) this.user = items.user;
    for (const c of items.contacts) this.contacts.set(c.email, c);
    for (const m of items.meetings) this.meetings.set(m.id, m);
    for (const p of items.prompts) this.prompts.set(p.id, p);
    this.markAsked({
      user: items.user !== null,
      contacts: items.contacts.map((c) => c.email),
      meetings: items.meetings.map((m) => m.id),
      prompts: items.prompts.map((p) => p.id),
    });
  }

  private markAsked(keys: ItemKeys): void {
    if (keys.user) this.asked.add("user");
    for (const id of keys.contacts ?? []) this.asked.add(`contact:${id}`);
    for (const id of keys.meetings ?? []) this.asked.add(`meeting:${id}`);
    for (const id of keys.prompts ?? []) this.asked.add(`prompt:${id}`);
  }

  /** Prompts asked for by key that were not found. */
  absentPrompts(): Set<string> {
    const absent = new Set<string>();
    for (const key of this.asked)
      if (key.startsWith("prompt:") && !this.prompts.has(key.slice(7))) absent.add(key.slice(7));
    return absent;
  }

  /**
   * What `forget` must find of a person beyond their refs: the people linked by a referral, the
   * mails logged with them, their ended prompts and their failed ones (the failed range is the
   * user's, and small: only what could not be sent and was not sent again).
   */
  async readHistory(store: Store, userId: string, email: string): Promise<void> {
    const person = this.contacts.get(email);
    await this.fetch(store, userId, {
      contacts: present([...(person?.referrals ?? []), person?.referredBy]),
    });
    const [interactions, ended, failed] = await Promise.all([
      allPages((page) => store.listInteractionsOf(userId, email, page)),
      allPages((page) => store.listPromptHistoryOf(userId, email, page)),
      allPages((page) => store.listFailedPrompts(userId, page)),
    ]);
    for (const i of interactions) this.interactions.set(i.id, i);
    for (const p of [...ended, ...failed.filter((f) => f.contactEmail === email)])
      if (!this.prompts.has(p.id)) this.prompts.set(p.id, p);
  }

  account(user: User): Account {
    return {
      user,
      contacts: [...this.contacts.values()],
      meetings: [...this.meetings.values()],
      prompts: [...this.prompts.values()],
      interactions: [...this.interactions.values()],
    };
  }
}

/**
 * An account stored before contacts carried refs: each contact gets them (and `referrals`)
 * from one whole read, and its logged mails and prompts are written again with their view
 * ranges, each write guarded as read; then the user is marked. Runs once per
 * account; returns the whole account, which the unit that asked may use as its slice.
 */
async function moveToContactRefs(store: Store, user: User): Promise<Account | null> {
  const account = await store.loadAccount(user.id);
  if (!account) return null;
  const none = { meetings: new Set<string>(), prompts: new Set<string>() };
  const contacts = account.contacts.map((contact) => ({
    ...contact,
    ...refsAfter({ ...contact, meetingIds: [], pendingPromptIds: [] }, account, none),
    referrals: account.contacts.filter((c) => c.referredBy === contact.email).map((c) => c.email),
  }));
  const ops: WriteOp[] = [
    ...contacts.map((contact): WriteOp => ({ op: "putContact", contact, ifUpdatedAt: contact.updatedAt })),
    // Written again as they are, so that they carry the view ranges `forget` reads (keys.ts).
    ...account.interactions.map((interaction): WriteOp => ({ op: "putInteraction", interaction })),
    ...account.prompts.map(
      (prompt): WriteOp => ({ op: "putPrompt", prompt, ifStateChangedAt: prompt.stateChangedAt }),
    ),
  ];
  for (let i = 0; i < ops.length; i += MAX_OPS_PER_COMMIT) {
    const result = await store.commit(user.id, ops.slice(i, i + MAX_OPS_PER_COMMIT));
    // Something changed meanwhile: the next read moves the account over again.
    if (!result.ok) return account;
  }
  // Guarded by the revision read with everything else: a change meanwhile leaves the flag for
  // the next read.
  const flagged = { ...account.user, contactRefs: true, revision: account.user.revision + 1 };
  const marked = await store.commit(user.id, [
    { op: "putUser", user: flagged, ifRevision: account.user.revision },
  ]);
  return { ...account, contacts, user: marked.ok ? flagged : account.user };
}

function present(values: readonly (string | null | undefined)[] | undefined): string[] {
  return unique((values ?? []).filter((v): v is string => typeof v === "string" && v.length > 0));
}

function isSome<T>(value: T | undefined): value is T {
  return value !== undefined;
}
