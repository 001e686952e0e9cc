import type { SendContext, SendContextKeys, Store } from "./store.js";

/**
 * What a send decides from, read live in one strongly consistent BatchGetItem (`getItems`): the
 * user and, when asked for, one contact and one meeting (null when absent).
 */
export async function readSendContext(
  store: Pick<Store, "getItems">,
  userId: string,
  { contactEmail, meetingId }: SendContextKeys,
): Promise<SendContext> {
  const items = await store.getItems(userId, {
    user: true,
    contacts: contactEmail ? [contactEmail] : [],
    meetings: meetingId ? [meetingId] : [],
  });
  return { user: items.user, contact: items.contacts[0] ?? null, meeting: items.meetings[0] ?? null };
}
