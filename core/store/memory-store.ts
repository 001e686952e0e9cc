import { accountFrom, itemsFrom, keysOf } from "./account-items.js";
import {
  accountRange,
  addressKey,
  compareKeys,
  contactKey,
  dueDayPartition,
  dueIndexEntry,
  dueUpTo,
  Entities,
  type Item,
  type ItemKey,
  markerKey,
  meetingKey,
  promptKey,
  refusalPartition,
  tokenKey,
  userKey,
} from "./keys.js";
import { transitionWrite } from "./prompt-transition.js";
import type { OverduePrompt, Store } from "./store.js";
import { tableSchema } from "./table-schema.js";
import { type ViewQuery, viewListings, viewPage } from "./view-listings.js";
import { type Condition, planWrites, withoutUndefined } from "./write-plan.js";

/** DynamoDB's item size limit; the memory store refuses what the table would refuse. */
const MAX_ITEM_BYTES = 400 * 1024;

/** One item written (`item`) or deleted (`item: null`) by a store call. */
export interface ItemChange {
  key: ItemKey;
  item: Item | null;
}

export interface MemoryStoreOptions {
  /** Items to start from (a store re-opened from disk). */
  items?: Iterable<Item>;
  /**
   * Called with the item changes of every mutating call, as one batch, before any of them is
   * applied and before the call returns; if it throws, nothing is applied and the call fails.
   * A durable store logs the batch here, so a call is acknowledged only once it is on disk.
   */
  beforeApply?: (changes: readonly ItemChange[]) => void;
}

/**
 * The Store over the same item layout as the table, kept in memory: the same keys, conditions,
 * all-or-nothing commits and due index, for unit tests, the benchmark and (made durable by
 * embedded-store.ts) the local stack without Java. Items are copied in and out, so a caller can
 * never change what is stored by mutating a returned value.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  /** pk → sk → item. */
  const partitions = new Map<string, Map<string, Item>>();

  const read = (key: ItemKey): Item | null => {
    const item = partitions.get(key.pk)?.get(key.sk);
    return item ? structuredClone(item) : null;
  };

  const set = ({ key, item }: ItemChange): void => {
    if (item === null) {
      const partition = partitions.get(key.pk);
      partition?.delete(key.sk);
      if (partition?.size === 0) partitions.delete(key.pk);
      return;
    }
    const partition = partitions.get(key.pk) ?? new Map<string, Item>();
    partition.set(key.sk, structuredClone(item));
    partitions.set(key.pk, partition);
  };

  for (const item of options.items ?? []) set({ key: { pk: String(item.pk), sk: String(item.sk) }, item });

  /** Every change goes through here, one batch per call: all of it is applied, or none. */
  const applyAll = (changes: ItemChange[]): void => {
    options.beforeApply?.(changes);
    for (const change of changes) set(change);
  };

  const write = (key: ItemKey, item: Item): void => applyAll([{ key, item }]);

  /** A partition's items in sort-key order, as a Query returns them. */
  const query = (pk: string, accept: (sk: string) => boolean): Item[] => {
    const partition = partitions.get(pk);
    if (!partition) return [];
    return [...partition.keys()]
      .filter(accept)
      .sort(compareKeys)
      .map((sk) => structuredClone(partition.get(sk) as Item));
  };

  /** The view index of one user: their partition's items in that range, ordered by its sort key. */
  const viewQuery = async (q: ViewQuery) => {
    const userPartition = partitions.get(userKey(q.userId).pk);
    const { partitionKey, sortKey } = tableSchema.viewIndex;
    const entries: { sk: string; item: Item }[] = [];
    for (const item of userPartition?.values() ?? []) {
      const sk = item[sortKey];
      if (item[partitionKey] !== q.partition || typeof sk !== "string") continue;
      if (q.bound && (q.order === "asc" ? compareKeys(sk, q.bound) <= 0 : compareKeys(sk, q.bound) >= 0))
        continue;
      entries.push({ sk, item });
    }
    entries.sort((a, b) => (q.order === "asc" ? 1 : -1) * compareKeys(a.sk, b.sk));
    return viewPage(
      entries.slice(0, q.limit + 1).map((e) => structuredClone(e.item)),
      q.limit,
    );
  };

  const getPrompt = async (userId: string, promptId: string) => {
    const item = read(promptKey(userId, promptId));
    return item ? Entities.prompt(userId).fromItem(item) : null;
  };

  return {
    async findUserIdByAddress(address) {
      const item = read(addressKey(address));
      return item ? Entities.address.fromItem(item).userId : null;
    },

    async findToken(hash) {
      const item = read(tokenKey(hash));
      return item ? Entities.token.fromItem(item) : null;
    },

    async loadAccount(userId) {
      const range = accountRange(userId);
      const items = query(
        range.pk,
        (sk) => compareKeys(sk, range.from) >= 0 && compareKeys(sk, range.to) <= 0,
      );
      return accountFrom(userId, items);
    },

    getPrompt,

    async getUser(userId) {
      const item = read(userKey(userId));
      return item ? Entities.user(userId).fromItem(item) : null;
    },

    async getContact(userId, email) {
      const item = read(contactKey(userId, email));
      return item ? Entities.contact(userId).fromItem(item) : null;
    },

    async getMeeting(userId, meetingId) {
      const item = read(meetingKey(userId, meetingId));
      return item ? Entities.meeting(userId).fromItem(item) : null;
    },

    async getItems(userId, keys) {
      return itemsFrom(
        userId,
        keysOf(userId, keys)
          .map(read)
          .filter((item) => item !== null),
      );
    },

    async getMarker(userId, key) {
      const item = read(markerKey(userId, key));
      return item ? Entities.marker(userId).fromItem(item) : null;
    },

    async commit(userId, ops) {
      const writes = planWrites(userId, ops);
      for (const w of writes) if (w.type === "put") assertItemSize(w.item);
      // Check every condition before touching anything: all or nothing, as a transaction.
      if (!writes.every((w) => w.type === "delete" || !w.condition || holds(w.condition, read(w.key)))) {
        return { ok: false, reason: "condition_failed" };
      }
      applyAll(writes.map((w) => ({ key: w.key, item: w.type === "put" ? w.item : null })));
      return { ok: true };
    },

    async transitionPrompt(userId, promptId, from, patch) {
      const key = promptKey(userId, promptId);
      const stored = read(key);
      if (!stored || !(from as readonly unknown[]).includes(stored.state)) return null;
      const dueAt = patch.dueAt ?? String(stored.dueAt);
      const change = transitionWrite(userId, promptId, patch, dueAt);
      const next: Item = { ...stored, ...structuredClone(withoutUndefined(change.set)) };
      for (const field of change.remove) delete next[field];
      for (const { attribute, from, fallback } of change.copy) next[attribute] = stored[from] ?? fallback;
      const parsed = Entities.prompt(userId).fromItem(next);
      assertItemSize(next);
      write(key, next);
      return parsed;
    },

    async listOverdue(now, lookbackDays, limit) {
      const upTo = dueUpTo(now);
      const found: OverduePrompt[] = [];
      for (let back = Math.max(0, Math.floor(lookbackDays)); back >= 0; back--) {
        const partition = dueDayPartition(
          new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10),
        );
        const entries: { sk: string; item: Item }[] = [];
        for (const items of partitions.values()) {
          for (const item of items.values()) {
            const sk = item[tableSchema.dueIndex.sortKey];
            if (
              item[tableSchema.dueIndex.partitionKey] === partition &&
              typeof sk === "string" &&
              compareKeys(sk, upTo) <= 0
            ) {
              entries.push({ sk, item });
            }
          }
        }
        entries.sort((a, b) => compareKeys(a.sk, b.sk));
        for (const { item } of entries) {
          const entry = dueIndexEntry(item);
          if (entry) found.push(entry);
        }
      }
      return found.slice(0, Math.max(0, limit));
    },

    async getContacts(userId, emails) {
      const contact = Entities.contact(userId);
      return [...new Set(emails)].flatMap((email) => {
        const item = read(contactKey(userId, email));
        return item ? [contact.fromItem(item)] : [];
      });
    },

    ...viewListings(viewQuery),

    async recordRefusal(refusal) {
      const item = withoutUndefined(Entities.refusal.toItem(refusal));
      assertItemSize(item);
      write({ pk: String(item.pk), sk: String(item.sk) }, item);
    },

    async listRefusals(day) {
      return query(refusalPartition(day), () => true).map((item) => Entities.refusal.fromItem(item));
    },
  };
}

/** Approximates DynamoDB's size rule (names + values) closely enough to refuse what it would refuse. */
function assertItemSize(item: Item): void {
  if (Buffer.byteLength(JSON.stringify(item)) > MAX_ITEM_BYTES) {
    throw new Error(`item ${String(item.sk)} is larger than DynamoDB's 400 KB item limit`);
  }
}

/** Evaluates a condition against the stored item (null: absent) the way DynamoDB does. */
function holds(condition: Condition, stored: Item | null): boolean {
  switch (condition.type) {
    case "absent":
      return stored === null;
    case "in":
      return stored !== null && condition.values.includes(stored[condition.attribute] as string);
    case "below": {
      const value = stored?.[condition.attribute];
      return typeof value === "number" && value < condition.value;
    }
    case "missing":
      return stored?.[condition.attribute] === undefined;
    case "anyOf":
      return condition.conditions.some((c) => holds(c, stored));
  }
}
