import * as z from "zod/mini";
import { type Contact, type ContactStage, contactSchema } from "../model/contact.js";
import { type Interaction, interactionSchema } from "../model/interaction.js";
import { type Meeting, meetingSchema } from "../model/meeting.js";
import { lazySchema, parseOrThrow } from "../model/parse.js";
import { type Prompt, promptSchema } from "../model/prompt.js";
import {
  type Marker,
  markerSchema,
  type Refusal,
  refusalSchema,
  type TokenRecord,
  tokenRecordSchema,
} from "../model/records.js";
import { type User, userSchema } from "../model/user.js";
import { tableSchema } from "./table-schema.js";

/**
 * The named single-table design: every entity declares its key composition here, once.
 * Nothing else in the code base writes a `pk`/`sk` string (see table-schema.ts for the layout).
 */

/** One stored item: its keys, the entity's name and version, and the entity's own fields. */
export type Item = Record<string, unknown>;

export interface ItemKey {
  pk: string;
  sk: string;
}

const ENTITY = "_et";
const VERSION = "_v";

/** The due index's attributes on a `scheduled` prompt; every other state removes them. */
export interface DueIndexKey {
  gsi1pk: string;
  gsi1sk: string;
}

const userPk = (userId: string) => `USER#${userId}`;

/** Sender addresses are matched case-insensitively, whatever case a mail client used. */
export const normalizeAddress = (address: string) => address.trim().toLowerCase();

/** `yyyy-mm-dd` (UTC) of an ISO instant; the day partitions of the due index and of refusals. */
export function utcDay(iso: string): string {
  return canonicalInstant(iso).slice(0, 10);
}

/** The one ISO form (`…T…:…:…sssZ`) the due index sorts on, whatever form `dueAt` was written in. */
export function canonicalInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO instant: ${JSON.stringify(iso.slice(0, 40))}`);
  return new Date(ms).toISOString();
}

interface EntityDef<T> {
  name: string;
  version: number;
  /** The schema, or how to build it on first use (see `lazySchema`). */
  schema: z.ZodMiniType<T> | (() => z.ZodMiniType<T>);
  key(value: T): ItemKey;
  /** Attributes an item carries beside the value's own fields (TTL, index keys). */
  extra?(value: T): Item;
  /** Reverse of the renames `extra` made, before the schema parses the item. */
  restore?(item: Item): Item;
}

export interface Entity<T> {
  readonly name: string;
  key(value: T): ItemKey;
  toItem(value: T): Item;
  /** Parses with the entity's schema: unknown attributes (keys, markers of the design) are stripped. */
  fromItem(item: Item): T;
  is(item: Item): boolean;
}

function entity<T>(def: EntityDef<T>): Entity<T> {
  return {
    name: def.name,
    key: def.key,
    toItem(value) {
      return {
        ...value,
        ...def.extra?.(value),
        ...def.key(value),
        [ENTITY]: def.name,
        [VERSION]: def.version,
      };
    },
    fromItem(item) {
      const schema = typeof def.schema === "function" ? def.schema() : def.schema;
      return parseOrThrow(schema, def.restore ? def.restore(item) : item);
    },
    is(item) {
      return item[ENTITY] === def.name;
    },
  };
}

export const userKey = (userId: string): ItemKey => ({ pk: userPk(userId), sk: "A#PROFILE" });
export const contactKey = (userId: string, email: string): ItemKey => ({
  pk: userPk(userId),
  sk: `C#${email}`,
});
export const meetingKey = (userId: string, id: string): ItemKey => ({ pk: userPk(userId), sk: `M#${id}` });
export const promptKey = (userId: string, id: string): ItemKey => ({ pk: userPk(userId), sk: `P#${id}` });
export const interactionKey = (userId: string, at: string, id: string): ItemKey => ({
  pk: userPk(userId),
  sk: `I#${at}#${id}`,
});
export const markerKey = (userId: string, key: string): ItemKey => ({ pk: userPk(userId), sk: `X#${key}` });
export const addressKey = (address: string): ItemKey => ({
  pk: `ADDR#${normalizeAddress(address)}`,
  sk: "ADDR",
});
export const tokenKey = (hash: string): ItemKey => ({ pk: `TOKEN#${hash}`, sk: "TOKEN" });
export const refusalKey = (day: string, sesMessageId: string): ItemKey => ({
  pk: `REFUSAL#${day}`,
  sk: sesMessageId,
});
export const refusalPartition = (day: string): string => `REFUSAL#${day}`;

/**
 * The account range of one user: profile (A#), contacts (C#), interactions (I#), meetings (M#)
 * and prompts (P#) sort between these bounds, so one Query reads them all; markers (X#) sort after.
 */
export function accountRange(userId: string): { pk: string; from: string; to: string } {
  return { pk: userPk(userId), from: "A#", to: "P#\uffff" };
}

export function dueIndexKey(userId: string, prompt: Pick<Prompt, "id" | "dueAt">): DueIndexKey {
  const at = canonicalInstant(prompt.dueAt);
  return { gsi1pk: dueDayPartition(at.slice(0, 10)), gsi1sk: `${at}#${userId}#${prompt.id}` };
}

/** A send that has not finished this long after its claim is resolved by the sweep (see deliver-prompt.ts). */
export const SENDING_TIMEOUT_MS = 15 * 60_000;

/**
 * Where a prompt sits in the due index: a `scheduled` one at its due time, a `sending` one at the
 * time its send must have finished by; every other state is out of the index.
 */
export function dueIndexFor(
  userId: string,
  prompt: Pick<Prompt, "id" | "dueAt" | "state" | "stateChangedAt">,
): DueIndexKey | null {
  if (prompt.state === "scheduled") return dueIndexKey(userId, prompt);
  if (prompt.state === "sending") {
    const resolveBy = new Date(Date.parse(prompt.stateChangedAt) + SENDING_TIMEOUT_MS).toISOString();
    return dueIndexKey(userId, { id: prompt.id, dueAt: resolveBy });
  }
  return null;
}

export const dueDayPartition = (day: string): string => `DUE#${day}`;

/** Upper bound of the due index's sort key for "due at or before `now`". */
export const dueUpTo = (now: Date): string => `${now.toISOString()}#\uffff`;

/** Reads back who and what an entry of the due index is about (ids never contain `#`). */
export function dueIndexEntry(
  item: Item,
): { userId: string; promptId: string; dueAt: string; state: "scheduled" | "sending" } | null {
  const parts = typeof item.gsi1sk === "string" ? item.gsi1sk.split("#") : [];
  const [at, userId, promptId] = parts;
  if (parts.length !== 3 || !at || !userId || !promptId) return null;
  return {
    userId,
    promptId,
    dueAt: typeof item.dueAt === "string" ? item.dueAt : at,
    state: item.state === "sending" ? "sending" : "scheduled",
  };
}

export const DUE_INDEX_ATTRIBUTES = ["gsi1pk", "gsi1sk"] as const;

/** The view index's attributes: where an item sits in the status page's and feed's ordered ranges. */
export interface ViewIndexKey {
  gsi2pk: string;
  gsi2sk: string;
}

export const VIEW_INDEX_ATTRIBUTES = ["gsi2pk", "gsi2sk"] as const;

/**
 * Every prompt item carries the history range of its person here, so that a transition (an
 * UpdateItem that does not read the prompt first) can move it there when it ends.
 */
export const HISTORY_ATTRIBUTE = "gsi2history";

/** Which view range a prompt in this state sits in: its person's history once it has ended. */
export function promptViewRange(
  prompt: Pick<Prompt, "state" | "resentAt">,
): "scheduled" | "failed" | "history" {
  if (prompt.state === "scheduled") return "scheduled";
  if (prompt.state === "failed" && !prompt.resentAt) return "failed";
  return "history";
}

/** The ranges of the view index, one per section of the status page. */
export const viewPartition = {
  contacts: (userId: string, stage: ContactStage) => `VIEW#${userId}#C#${stage}`,
  meetings: (userId: string) => `VIEW#${userId}#M`,
  scheduledPrompts: (userId: string) => `VIEW#${userId}#P`,
  failedPrompts: (userId: string) => `VIEW#${userId}#F`,
  /** What `forget` must find of one person beyond their refs: the mails logged with them… */
  interactions: (userId: string, email: string) => `VIEW#${userId}#I#${email}`,
  /** …and the prompts about them that have ended (sent, skipped, cancelled, or failed and sent again). */
  promptHistory: (userId: string, email: string) => `VIEW#${userId}#H#${email}`,
} as const;

/**
 * `<instant>#<id>`: sorts by time, unique by id. An unreadable time sorts first (the epoch), so
 * the item is still listed rather than lost.
 */
export function viewSortKey(iso: string, id: string): string {
  const ms = Date.parse(iso);
  const at = Number.isNaN(ms) ? new Date(0).toISOString() : new Date(ms).toISOString();
  return `${at}#${id}`;
}

/**
 * The page lists what is still to come (`scheduled`, by due time) and what could not be sent
 * (`failed` and not sent again, by when it failed); any other prompt about a person is in that
 * person's history (for `forget`), by when it ended.
 */
export function promptViewKey(
  userId: string,
  prompt: Pick<Prompt, "id" | "dueAt" | "state" | "stateChangedAt" | "resentAt" | "contactEmail">,
): ViewIndexKey {
  switch (promptViewRange(prompt)) {
    case "scheduled":
      return { gsi2pk: viewPartition.scheduledPrompts(userId), gsi2sk: viewSortKey(prompt.dueAt, prompt.id) };
    case "failed":
      return {
        gsi2pk: viewPartition.failedPrompts(userId),
        gsi2sk: viewSortKey(prompt.stateChangedAt, prompt.id),
      };
    case "history":
      return {
        gsi2pk: viewPartition.promptHistory(userId, prompt.contactEmail ?? ""),
        gsi2sk: viewSortKey(prompt.stateChangedAt, prompt.id),
      };
  }
}

/** Confirmations and answers describe a moment: kept this long after they were due, then TTL removes them. */
export const IMMEDIATE_PROMPT_TTL_DAYS = 30;

function promptExpiry(prompt: Prompt): Item {
  if (prompt.kind !== "confirmation" && prompt.kind !== "answer") return {};
  const due = Date.parse(prompt.dueAt);
  const changed = Date.parse(prompt.stateChangedAt);
  const latest = Math.max(Number.isNaN(due) ? 0 : due, Number.isNaN(changed) ? 0 : changed);
  if (latest === 0) return {};
  return { [tableSchema.ttlAttribute]: Math.ceil(latest / 1000) + IMMEDIATE_PROMPT_TTL_DAYS * 86_400 };
}

export const Entities = {
  user: (userId: string) =>
    entity<User>({ name: "user", version: 1, schema: userSchema, key: () => userKey(userId) }),
  contact: (userId: string) =>
    entity<Contact>({
      name: "contact",
      version: 1,
      schema: contactSchema,
      key: (c) => contactKey(userId, c.email),
      extra: (c) => ({
        gsi2pk: viewPartition.contacts(userId, c.stage),
        gsi2sk: viewSortKey(c.lastContactAt, c.email),
      }),
    }),
  meeting: (userId: string) =>
    entity<Meeting>({
      name: "meeting",
      version: 1,
      schema: meetingSchema,
      key: (m) => meetingKey(userId, m.id),
      extra: (m) => ({ gsi2pk: viewPartition.meetings(userId), gsi2sk: viewSortKey(m.start, m.id) }),
    }),
  prompt: (userId: string) =>
    entity<Prompt>({
      name: "prompt",
      version: 1,
      schema: promptSchema,
      key: (p) => promptKey(userId, p.id),
      extra: (p) => ({
        ...dueIndexFor(userId, p),
        ...promptViewKey(userId, p),
        [HISTORY_ATTRIBUTE]: viewPartition.promptHistory(userId, p.contactEmail ?? ""),
        ...promptExpiry(p),
      }),
    }),
  interaction: (userId: string) =>
    entity<Interaction>({
      name: "interaction",
      version: 1,
      schema: interactionSchema,
      key: (i) => interactionKey(userId, i.at, i.id),
      extra: (i) => ({
        gsi2pk: viewPartition.interactions(userId, i.contactEmail),
        gsi2sk: viewSortKey(i.at, i.id),
      }),
    }),
  marker: (userId: string) =>
    entity<Marker>({
      name: "marker",
      version: 1,
      schema: markerSchema,
      key: (m) => markerKey(userId, m.key),
    }),
  address: entity<{ address: string; userId: string }>({
    name: "address",
    version: 1,
    schema: lazySchema(() => z.object({ address: z.string(), userId: z.string() })),
    key: (a) => addressKey(a.address),
  }),
  token: entity<TokenRecord>({
    name: "token",
    version: 1,
    schema: tokenRecordSchema,
    key: (t) => tokenKey(t.hash),
    // TTL needs epoch seconds; the record's own ISO expiry is kept under another name.
    extra: (t) => ({ validUntil: t.expiresAt, [tableSchema.ttlAttribute]: ttlSeconds(t.expiresAt) }),
    restore: (item) => ({ ...item, expiresAt: item.validUntil ?? null }),
  }),
  refusal: entity<Refusal>({
    name: "refusal",
    version: 1,
    schema: refusalSchema,
    key: (r) => refusalKey(utcDay(r.at), r.sesMessageId),
  }),
} as const;

/** Epoch seconds for DynamoDB's TTL, or undefined (no expiry) for a missing or unreadable time. */
function ttlSeconds(iso: string | null): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : Math.ceil(ms / 1000);
}

/** Sorts items as DynamoDB sorts string keys: by UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
