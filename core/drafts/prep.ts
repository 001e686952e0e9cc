import type { Purpose } from "../model/contact.js";
import { oneLine } from "./escape.js";
import { formatMeetingTime } from "./format.js";
import type { Block, MailContent } from "./layout.js";
import { pickQuestions } from "./question-bank.js";
import { clip, describeReferral, notesOf, type PromptView } from "./view.js";

const CONTEXT_MAX = 600;

const PURPOSE_LABEL: Record<Purpose, string> = {
  new_field: "learning about a new field",
  new_job: "finding your feet somewhere new",
  move_up: "moving up where you are",
};

export const PREP_ADVICE: readonly string[] = [
  "Research them and their organisation first: their role, recent news, what they have written or shared.",
  "Keep it to 15–30 minutes: be on time, and end on time even if it is going well.",
  "Bring something to the table: an article, an idea, a contact who might help them.",
  "Bring a résumé, but offer it only if they ask.",
  "If it is over coffee, offer to pay.",
  "End by asking who else you should talk to.",
];

/** Before a meeting: who they are, what the user noted, when and where, what to ask, and how to do it well. */
export function prepContent(view: PromptView): MailContent {
  const { contact, meeting, zone, who, ctx } = view;
  const when = meeting ? formatMeetingTime(meeting.start, zone) : null;
  const where = meeting?.location ? oneLine(meeting.location) : null;

  const intro = when ? `Your chat with ${who} is on ${when}.` : `Your chat with ${who} is coming up.`;
  const blocks: Block[] = [{ type: "paragraph", text: where ? `${intro}\nWhere: ${where}` : intro }];

  const about: string[] = [];
  if (contact?.company) about.push(`Works at ${oneLine(contact.company)}.`);
  if (contact?.hiringManager)
    about.push("Marked as a hiring manager: ask about the team's needs and what they look for.");
  const referral = contact ? describeReferral(contact, ctx.account.contacts) : null;
  if (referral) about.push(referral);
  if (contact?.context) about.push(clip(oneLine(contact.context), CONTEXT_MAX));
  if (about.length === 0)
    about.push("Not much yet: a few minutes on their profile and their organisation's site will pay off.");
  blocks.push({ type: "heading", text: `Who ${view.first} is` }, { type: "list", items: about });

  const notes = notesOf(view);
  blocks.push(
    { type: "heading", text: "Your notes" },
    notes.length
      ? { type: "list", items: notes }
      : { type: "paragraph", text: 'None yet. Reply "notes: …" to keep one here for next time.' },
  );

  const purpose = contact?.purpose ?? null;
  blocks.push(
    { type: "heading", text: purpose ? `Questions to ask (${PURPOSE_LABEL[purpose]})` : "Questions to ask" },
    {
      type: "list",
      items: pickQuestions({ purpose, name: contact?.name ?? null, company: contact?.company ?? null }),
    },
  );
  if (!purpose) {
    blocks.push({
      type: "paragraph",
      text: 'Reply "purpose: new field", "purpose: new job" or "purpose: move up" for questions that fit this chat.',
    });
  }

  blocks.push({ type: "heading", text: "Before you go" }, { type: "list", items: [...PREP_ADVICE] });

  return { subject: when ? `Prep: ${who}, ${when}` : `Prep: ${who}`, blocks };
}
