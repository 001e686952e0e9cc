import type { ContactStage } from "../model/contact.js";
import { isFollowUpKind, type PromptKind } from "../model/prompt.js";
import type { StatusPageData } from "../web/status-reads.js";
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

/**
 * `status` by mail: where things stand in three lines, from the status page's first page of each
 * section (a section with more rows reads "25+"); the page has the rest.
 */
export function statusSummary(page: StatusPageData, now: Date, zone: string): string[] {
  const { account, named, more } = page;
  const live = account.contacts.filter((c) => !c.stopped);
  const counted = (n: number, hasMore: boolean) => `${n}${hasMore ? "+" : ""}`;
  const counts = (Object.keys(STAGE_WORDS) as ContactStage[])
    .map((stage) => [stage, live.filter((c) => c.stage === stage).length] as const)
    .filter(([, n]) => n > 0)
    .map(([stage, n]) => `${counted(n, more[stage] !== undefined)} ${STAGE_WORDS[stage]}`);
  const anyMore = (Object.keys(STAGE_WORDS) as ContactStage[]).some((stage) => more[stage] !== undefined);
  const people = `${counted(live.length, anyMore)} ${live.length === 1 && !anyMore ? "person" : "people"}${counts.length ? `: ${counts.join(", ")}` : ""}.`;

  const upcoming = account.prompts
    .filter((p) => p.state === "scheduled" && isFollowUpKind(p.kind))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const next = upcoming[0];
  const contacts = [...account.contacts, ...named];
  const about = next?.contactEmail ? contacts.find((c) => c.email === next.contactEmail) : undefined;
  const scheduled = counted(upcoming.length, more.prompts !== undefined);
  const nextLine = next
    ? `Next from coffeechat: ${NEXT_WORDS[next.kind] ?? next.kind}${about ? ` for ${describeContact(about)}` : ""}, ${formatDue(new Date(next.dueAt), zone, now)}${
        upcoming.length > 1 || more.prompts ? ` (${scheduled} follow-ups scheduled).` : "."
      }`
    : "No follow-ups scheduled.";
  return [`Where things stand: ${people}`, nextLine];
}
