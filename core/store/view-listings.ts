import { Entities, type Entity, type Item, viewPartition } from "./keys.js";
import type { Page, PageRequest, Store } from "./store.js";
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
  | "listInteractionsOf"
  | "listPromptHistoryOf"
>;

/** Every page of a listing, one after another (`limit` items a page): for the rare paths that need a whole range. */
export async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>, limit = 100): Promise<T[]> {
  const found: T[] = [];
  let after = "";
  do {
    const page = await list({ after, limit });
    found.push(...page.items);
    after = page.next ?? "";
  } while (after);
  return found;
}

/** Splits what a view query read (one item more than the limit) into the page and where the next starts. */
export function viewPage(items: readonly Item[], limit: number): Page<Item> {
  const page = items.slice(0, limit);
  const last = page.at(-1);
  const next = items.length > limit && last ? String(last[tableSchema.viewIndex.sortKey]) : null;
  return { items: page, next };
}

/** The Store's paged listings over one adapter's view-index query (see table-schema.ts). */
export function viewListings(query: RunViewQuery): ViewListings {
  /** One page of `partition`, read as `entity`, in `order` from the page's `after`. */
  async function list<T>(
    entity: Entity<T>,
    userId: string,
    partition: string,
    order: ViewQuery["order"],
    page: PageRequest,
  ): Promise<Page<T>> {
    const limit = Math.max(1, Math.floor(page.limit));
    const { items, next } = await query({ userId, partition, order, bound: page.after, limit });
    return { items: items.map((item) => entity.fromItem(item)), next };
  }
  return {
    listContactsByStage: (userId, stage, page) =>
      list(Entities.contact(userId), userId, viewPartition.contacts(userId, stage), "desc", page),
    listMeetingsAfter: (userId, page) =>
      list(Entities.meeting(userId), userId, viewPartition.meetings(userId), "asc", page),
    listMeetingsBefore: (userId, page) =>
      list(Entities.meeting(userId), userId, viewPartition.meetings(userId), "desc", page),
    listScheduledPrompts: (userId, page) =>
      list(Entities.prompt(userId), userId, viewPartition.scheduledPrompts(userId), "asc", page),
    listFailedPrompts: (userId, page) =>
      list(Entities.prompt(userId), userId, viewPartition.failedPrompts(userId), "asc", page),
    listInteractionsOf: (userId, email, page) =>
      list(Entities.interaction(userId), userId, viewPartition.interactions(userId, email), "asc", page),
    listPromptHistoryOf: (userId, email, page) =>
      list(Entities.prompt(userId), userId, viewPartition.promptHistory(userId, email), "asc", page),
  };
}
