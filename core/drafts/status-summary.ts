import type { ContactStage } from "../model/contact.js";
import { isFollowUpKind, type PromptKind } from "../model/prompt.js";
import type { Account } from "../store/store.js";
import { describeContact, formatDue } from "./format.js";

const STAGE_WORDS: Record<ContactStage, string> = {
  outreach: "waiting for an answer",
  answered: "answered, no meeting yet",
  scheduled: "meeting scheduled",
  met: "met",
  keeping_in_touch: "keeping in touch",
  cold: "gone cold",
  cancelled: "meeting cancelled or missed",
};

const NEXT_WORDS: Partial<Record<PromptKind, string>> = {
  prep: "prep notes",
  thank_you: "a thank-you draft",
  referral_ask: "a referral ask",
  check_in: "a check-in",
  nudge: "a follow-up nudge",
  move_on: "a move-on note",
  celebrate: "your good-news drafts",
};

/** `status` by mail: where things stand in three lines; the page has the rest. */
export function statusSummary(
  account: Pick<Account, "contacts" | "prompts">,
  now: Date,
  zone: string,
): string[] {
  const live = account.contacts.filter((c) => !c.stopped);
  const counts = (Object.keys(STAGE_WORDS) as ContactStage[])
    .map((stage) => [stage, live.filter((c) => c.stage === stage).length] as const)
    .filter(([, n]) => n > 0)
    .map(([stage, n]) => `${n} ${STAGE_WORDS[stage]}`);
  const people = `${live.length} ${live.length === 1 ? "person" : "people"}${counts.length ? `: ${counts.join(", ")}` : ""}.`;

  const upcoming = account.prompts
    .filter((p) => p.state === "scheduled" && isFollowUpKind(p.kind))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const next = upcoming[0];
  const about = next?.contactEmail ? account.contacts.find((c) => c.email === next.contactEmail) : undefined;
  const nextLine = next
    ? `Next from coffeechat: ${NEXT_WORDS[next.kind] ?? next.kind}${about ? ` for ${describeContact(about)}` : ""}, ${formatDue(new Date(next.dueAt), zone, now)}${
        upcoming.length > 1 ? ` (${upcoming.length} follow-ups scheduled).` : "."
      }`
    : "No follow-ups scheduled.";
  return [`Where things stand: ${people}`, nextLine];
}
