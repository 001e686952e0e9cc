import type { Item } from "./keys.js";
import { Entities } from "./keys.js";
import type { Account } from "./store.js";

/** Sorts the items of one account range by entity. Null when the user has no profile. */
export function accountFrom(userId: string, items: readonly Item[]): Account | null {
  const e = {
    user: Entities.user(userId),
    contact: Entities.contact(userId),
    meeting: Entities.meeting(userId),
    prompt: Entities.prompt(userId),
    interaction: Entities.interaction(userId),
  };
  const account: Omit<Account, "user"> & { user: Account["user"] | null } = {
    user: null,
    contacts: [],
    meetings: [],
    prompts: [],
    interactions: [],
  };
  for (const item of items) {
    if (e.user.is(item)) account.user = e.user.fromItem(item);
    else if (e.contact.is(item)) account.contacts.push(e.contact.fromItem(item));
    else if (e.meeting.is(item)) account.meetings.push(e.meeting.fromItem(item));
    else if (e.prompt.is(item)) account.prompts.push(e.prompt.fromItem(item));
    else if (e.interaction.is(item)) account.interactions.push(e.interaction.fromItem(item));
  }
  const { user } = account;
  return user ? { ...account, user } : null;
}
