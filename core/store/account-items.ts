import type { Item, ItemKey } from "./keys.js";
import { contactKey, Entities, meetingKey, promptKey, userKey } from "./keys.js";
import type { Account, ItemKeys, Items } from "./store.js";

/** The table keys of what `Store.getItems` is asked for, each once. */
export function keysOf(userId: string, keys: ItemKeys): ItemKey[] {
  return [
    ...(keys.user ? [userKey(userId)] : []),
    ...unique(keys.contacts).map((email) => contactKey(userId, email)),
    ...unique(keys.meetings).map((id) => meetingKey(userId, id)),
    ...unique(keys.prompts).map((id) => promptKey(userId, id)),
  ];
}

/** Sorts the items of one account range by entity. Null when the user has no profile. */
export function accountFrom(userId: string, items: readonly Item[]): Account | null {
  const { user, ...rest } = sortByEntity(userId, items);
  return user ? { user, ...rest } : null;
}

/** Sorts items read by key by entity (see `Store.getItems`). */
export function itemsFrom(userId: string, items: readonly Item[]): Items {
  const { interactions: _none, ...found } = sortByEntity(userId, items);
  return found;
}

function sortByEntity(userId: string, items: readonly Item[]): Items & Pick<Account, "interactions"> {
  const e = {
    user: Entities.user(userId),
    contact: Entities.contact(userId),
    meeting: Entities.meeting(userId),
    prompt: Entities.prompt(userId),
    interaction: Entities.interaction(userId),
  };
  const sorted: Items & Pick<Account, "interactions"> = {
    user: null,
    contacts: [],
    meetings: [],
    prompts: [],
    interactions: [],
  };
  for (const item of items) {
    if (e.user.is(item)) sorted.user = e.user.fromItem(item);
    else if (e.contact.is(item)) sorted.contacts.push(e.contact.fromItem(item));
    else if (e.meeting.is(item)) sorted.meetings.push(e.meeting.fromItem(item));
    else if (e.prompt.is(item)) sorted.prompts.push(e.prompt.fromItem(item));
    else if (e.interaction.is(item)) sorted.interactions.push(e.interaction.fromItem(item));
  }
  return sorted;
}

/** Each value once, in first-seen order. */
export function unique<T>(values: readonly T[] | undefined): T[] {
  return [...new Set(values ?? [])];
}
