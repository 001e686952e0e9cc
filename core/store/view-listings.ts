import { Entities, type Entity, type Item, viewPartition } from "./keys.js";
import type { Page, Store } from "./store.js";
import { tableSchema } from "./table-schema.js";

/** One page of a view range: `asc` lists keys above `bound`, `desc` keys below it (no bound: from the end). */
export interface ViewQuery {
  /** Whose range it is: every view range lies within one user's items. */
  userId: string;
  partition: string;
  order: "asc" | "desc";
  bound: string | null;
  limit: number;
}

export type RunViewQuery = (q: ViewQuery) => Promise<Page<Item>>;

type ViewListings = Pick<
  Store,
  | "listContactsByStage"
  | "listMeetingsAfter"
  | "listMeetingsBefore"
  | "listScheduledPrompts"
  | "listFailedPrompts"
>;

/** Splits what a view query read (one item more than the limit) into the page and where the next starts. */
export function viewPage(items: readonly Item[], limit: number): Page<Item> {
  const page = items.slice(0, limit);
  const last = page.at(-1);
  const next = items.length > limit && last ? String(last[tableSchema.viewIndex.sortKey]) : null;
  return { items: page, next };
}

/** The Store's paged listings over one adapter's view-index query (see table-schema.ts). */
export function viewListings(query: RunViewQuery): ViewListings {
  async function list<T>(entity: Entity<T>, q: ViewQuery): Promise<Page<T>> {
    const { items, next } = await query({ ...q, limit: Math.max(1, Math.floor(q.limit)) });
    return { items: items.map((item) => entity.fromItem(item)), next };
  }
  return {
    listContactsByStage: (userId, stage, page) =>
      list(Entities.contact(userId), {
        userId,
        partition: viewPartition.contacts(userId, stage),
        order: "desc",
        bound: page.after,
        limit: page.limit,
      }),
    listMeetingsAfter: (userId, page) =>
      list(Entities.meeting(userId), {
        userId,
        partition: viewPartition.meetings(userId),
        order: "asc",
        bound: page.after,
        limit: page.limit,
      }),
    listMeetingsBefore: (userId, page) =>
      list(Entities.meeting(userId), {
        userId,
        partition: viewPartition.meetings(userId),
        order: "desc",
        bound: page.after,
        limit: page.limit,
      }),
    listScheduledPrompts: (userId, page) =>
      list(Entities.prompt(userId), {
        userId,
        partition: viewPartition.scheduledPrompts(userId),
        order: "asc",
        bound: page.after,
        limit: page.limit,
      }),
    listFailedPrompts: (userId, page) =>
      list(Entities.prompt(userId), {
        userId,
        partition: viewPartition.failedPrompts(userId),
        order: "asc",
        bound: page.after,
        limit: page.limit,
      }),
  };
}
