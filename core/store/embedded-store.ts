import { type ItemLogOptions, openItemLog } from "./item-log.js";
import { createMemoryStore } from "./memory-store.js";
import type { Store } from "./store.js";

/** A Store in this process that keeps its data in a folder; close it to release the folder. */
export interface EmbeddedStore extends Store {
  close(): void;
}

/**
 * The memory store made durable: every batch of item changes it applies is first appended to the
 * folder's log and flushed to disk, so a call returns only once its writes would survive a crash;
 * re-opening the folder brings back every acknowledged write. Conditions, transactions and the
 * due index are the memory store's own, so the two never differ in what they accept or return.
 * For the local stack on a machine without Java (DynamoDB Local's runtime).
 */
export function openEmbeddedStore(dir: string, options: ItemLogOptions = {}): EmbeddedStore {
  const log = openItemLog(dir, options);
  const store = createMemoryStore({ items: log.items, beforeApply: (changes) => log.append(changes) });
  return { ...store, close: () => log.close() };
}
