import type { Contact } from "../model/contact.js";
import type { Meeting } from "../model/meeting.js";
import type { Prompt } from "../model/prompt.js";

/**
 * A contact's refs say where its own items are, so that a mail about one person reads that
 * person by key whatever the account holds: `meetingIds` (every meeting with them: `forget` must
 * find them all, and one person's meetings stay far below an item's size) and
 * `pendingPromptIds` (their planned prompts that may still be pending; one sent since is
 * dropped the next time the contact is written). Answers and confirmations are not planned
 * prompts: they go at once.
 */

/** Whether the refs keep this prompt: a planned prompt still pending. */
export function isPendingRef(prompt: Prompt): boolean {
  return prompt.state === "scheduled" && prompt.scheduleName !== null;
}

/**
 * The contact's refs after a unit of work, from what it knows: the refs it read, the meetings
 * and prompts in its copy of the account (read or changed), and what it deleted. A ref to an
 * item it does not know is kept: it was not read, so nothing says it went.
 */
export function refsAfter(
  contact: Contact,
  known: { meetings: readonly Meeting[]; prompts: readonly Prompt[] },
  deleted: { meetings: ReadonlySet<string>; prompts: ReadonlySet<string> },
): Pick<Contact, "meetingIds" | "pendingPromptIds"> {
  const meetingById = new Map(known.meetings.map((m) => [m.id, m]));
  const ownMeetings = known.meetings.filter((m) => m.contactEmail === contact.email).map((m) => m.id);
  const meetingIds = [...new Set([...contact.meetingIds, ...ownMeetings])]
    .filter((id) => !deleted.meetings.has(id))
    // Latest first by start; unknown ones (not read) keep their place after the known.
    .sort((a, b) => startOf(meetingById.get(b)) - startOf(meetingById.get(a)) || 0);
  const promptById = new Map(known.prompts.map((p) => [p.id, p]));
  const ownPending = known.prompts.filter((p) => p.contactEmail === contact.email && isPendingRef(p));
  const pendingPromptIds = [...new Set([...contact.pendingPromptIds, ...ownPending.map((p) => p.id)])].filter(
    (id) => {
      if (deleted.prompts.has(id)) return false;
      const prompt = promptById.get(id);
      return !prompt || isPendingRef(prompt);
    },
  );
  return { meetingIds, pendingPromptIds };
}

/** Unknown or unreadable starts sort last, keeping their order (the comparator says 0 between them). */
function startOf(meeting: Meeting | undefined): number {
  const ms = meeting ? Date.parse(meeting.start) : Number.NaN;
  return Number.isNaN(ms) ? -8.64e15 : ms;
}

export function sameRefs(
  a: Pick<Contact, "meetingIds" | "pendingPromptIds">,
  b: Pick<Contact, "meetingIds" | "pendingPromptIds">,
): boolean {
  const same = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.meetingIds, b.meetingIds) && same(a.pendingPromptIds, b.pendingPromptIds);
}
