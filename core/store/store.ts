import type { Contact, ContactStage } from "../model/contact.js";
import type { Interaction } from "../model/interaction.js";
import type { Meeting } from "../model/meeting.js";
import type { Prompt, PromptState } from "../model/prompt.js";
import type { Marker, Refusal, TokenRecord } from "../model/records.js";
import type { User } from "../model/user.js";

/** What a unit of work decides from: the whole account (`loadAccount`), or the slice a request concerns (account-slice.ts). */
export interface Account {
  user: User;
  contacts: Contact[];
  meetings: Meeting[];
  prompts: Prompt[];
  interactions: Interaction[];
}

/** One change in a unit of work. Conditions are part of the op so both adapters enforce them alike. */
export type WriteOp =
  /** `ifRevision`: only if the stored profile is at that revision (a profile stored before revisions counts as 0). */
  | { op: "putUser"; user: User; ifNew?: boolean; ifRevision?: number }
  | { op: "putAddress"; address: string; userId: string; ifNew?: boolean }
  | { op: "deleteAddress"; address: string }
  /**
   * `ifUpdatedAt`: only if the stored contact is the one read (its `updatedAt`), or with null only
   * if there is none: a unit never overwrites a contact that changed since it read it.
   */
  | { op: "putContact"; contact: Contact; ifUpdatedAt?: string | null }
  | { op: "deleteContact"; email: string }
  /** `ifSequenceBelow`: only if no meeting with this id exists or its sequence is lower (invite updates). */
  | { op: "putMeeting"; meeting: Meeting; ifSequenceBelow?: number }
  | { op: "deleteMeeting"; id: string }
  /**
   * `ifState`: only if the stored prompt is in one of these states; `ifNew`: only if absent;
   * `ifStateChangedAt`: only if it has not changed since it was read (a rewrite of the same prompt).
   */
  | { op: "putPrompt"; prompt: Prompt; ifNew?: boolean; ifState?: PromptState[]; ifStateChangedAt?: string }
  | { op: "deletePrompt"; id: string }
  | { op: "putInteraction"; interaction: Interaction }
  | { op: "deleteInteraction"; id: string; at: string }
  /** Always conditional on absence: the message-level dedupe. */
  | { op: "putMarker"; marker: Marker }
  | { op: "putToken"; token: TokenRecord }
  | { op: "deleteToken"; hash: string };

/** Which contact and meeting a send is about. */
export interface SendContextKeys {
  contactEmail?: string | null | undefined;
  meetingId?: string | null | undefined;
}

export interface SendContext {
  user: User | null;
  contact: Contact | null;
  meeting: Meeting | null;
}

/** Items of one user to read by key. */
export interface ItemKeys {
  user?: boolean;
  contacts?: readonly string[];
  meetings?: readonly string[];
  prompts?: readonly string[];
}

/** What `getItems` found (missing items left out). */
export interface Items {
  user: User | null;
  contacts: Contact[];
  meetings: Meeting[];
  prompts: Prompt[];
}

export type CommitResult = { ok: true } | { ok: false; reason: "condition_failed" };

export interface OverduePrompt {
  userId: string;
  promptId: string;
  dueAt: string;
  /** `sending`: a send claimed long ago that never finished (see deliver-prompt.ts). */
  state: "scheduled" | "sending";
}

/** One page of a listing, and the key to ask for the next one (null on the last page). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * Where a listing starts: `after` is the `next` of the page before, or on the first page an
 * ISO instant (listings are ordered by time). Exclusive either way.
 */
export interface PageRequest {
  after: string;
  limit: number;
}

/**
 * The store. `loadAccount` reads a whole user partition with strong consistency: only `export`,
 * `forget` and the one-time move of an older account to contact refs use it (see
 * core/store/account-slice.ts). A mail reads by key what it concerns (`getItems`); the status
 * page and calendar feed read `getUser` and the eventually consistent `getContacts` and `list…`
 * pages: each costs at most its `limit` items (plus one to know whether more follow), whatever
 * the account's size.
 */
export interface Store {
  findUserIdByAddress(address: string): Promise<string | null>;
  findToken(hash: string): Promise<TokenRecord | null>;
  loadAccount(userId: string): Promise<Account | null>;
  getPrompt(userId: string, promptId: string): Promise<Prompt | null>;
  /** By key, one strongly consistent GetItem each (a send reads with `readSendContext`, send-context.ts). */
  getUser(userId: string): Promise<User | null>;
  getContact(userId: string, email: string): Promise<Contact | null>;
  getMeeting(userId: string, meetingId: string): Promise<Meeting | null>;
  /** These items, strongly consistent, in BatchGetItems of at most 100 keys: one item read each. */
  getItems(userId: string, keys: ItemKeys): Promise<Items>;
  getMarker(userId: string, key: string): Promise<Marker | null>;
  /** All ops of one user (addresses and tokens included) in one transaction: all or nothing. */
  commit(userId: string, ops: WriteOp[]): Promise<CommitResult>;
  /**
   * Conditional state move of one prompt: applies `patch` only if the stored state is one of `from`.
   * Returns the updated prompt, or null when the condition failed or the prompt is gone.
   */
  transitionPrompt(
    userId: string,
    promptId: string,
    from: readonly PromptState[],
    patch: Partial<Prompt> & { state: PromptState },
  ): Promise<Prompt | null>;
  /**
   * Prompts still `scheduled` whose due time is at or before `now`, and `sending` ones whose send
   * should have finished by then, looking back `lookbackDays`. Uses the due-time index.
   */
  listOverdue(now: Date, lookbackDays: number, limit: number): Promise<OverduePrompt[]>;
  /** These contacts (missing ones left out), eventually consistent: one item read each. */
  getContacts(userId: string, emails: readonly string[]): Promise<Contact[]>;
  /** Contacts of one stage, most recently in touch first; `after` from an earlier page, or "" for the first. */
  listContactsByStage(
    userId: string,
    stage: ContactStage,
    page: { after: string; limit: number },
  ): Promise<Page<Contact>>;
  /** Meetings starting after `after`, earliest first. */
  listMeetingsAfter(userId: string, page: PageRequest): Promise<Page<Meeting>>;
  /** Meetings starting before `after`, latest first. */
  listMeetingsBefore(userId: string, page: PageRequest): Promise<Page<Meeting>>;
  /** Prompts in state `scheduled` due after `after`, soonest first. */
  listScheduledPrompts(userId: string, page: PageRequest): Promise<Page<Prompt>>;
  /** Prompts that failed after `after` and were not sent again, oldest first. */
  listFailedPrompts(userId: string, page: PageRequest): Promise<Page<Prompt>>;
  /** The mails logged with one person, oldest first (for `forget`). */
  listInteractionsOf(userId: string, email: string, page: PageRequest): Promise<Page<Interaction>>;
  /** The ended prompts about one person (sent, skipped, cancelled, failed and sent again), oldest first. */
  listPromptHistoryOf(userId: string, email: string, page: PageRequest): Promise<Page<Prompt>>;
  recordRefusal(refusal: Refusal): Promise<void>;
  listRefusals(day: string): Promise<Refusal[]>;
}
