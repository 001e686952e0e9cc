import type { Purpose } from "../model/contact.js";
import { oneLine } from "./escape.js";
import { formatMeetingTime } from "./format.js";
import type { Block, MailContent } from "./layout.js";
import { pickQuestions } from "./question-bank.js";
import { clip, describeReferral, notesOf, outreachAsk, type PromptView, referrerName } from "./view.js";

const CONTEXT_MAX = 600;

const PURPOSE_LABEL: Record<Purpose, string> = {
  new_field: "learning about a new field",
  new_job: "finding your feet somewhere new",
  move_up: "moving up where you are",
};

const RESUME_ADVICE = "Bring a résumé, but offer it only if they ask.";

export const PREP_ADVICE: readonly string[] = [
  "Research them and their organisation first: their role, recent news, what they have written or shared.",
  "Keep it to 15–30 minutes: be on time, and end on time even if it is going well.",
  "Bring something to the table: an article, an idea, a contact who might help them.",
  RESUME_ADVICE,
  "If it is over coffee, offer to pay.",
  "End by asking who else you should talk to.",
];

/** What to do beyond the usual, by what the chat is for. */
const PURPOSE_ADVICE: Record<Purpose, string> = {
  new_field:
    "You are learning the field: ask how people got in and which skills count, and say plainly that you are exploring, not asking for a job.",
  new_job:
    "You are new here: learn how their team works with yours and who to know; offer what your own team can do for them.",
  move_up:
    "You want to move up: ask what the next role really asks for and how others got there; mention what you already carry in your current role.",
};

/** A chat with someone who could hire is closer to an interview: it prepares differently. */
const HIRING_MANAGER_ADVICE: readonly string[] = [
  "They could hire you: read the team's open roles and recent work, and have a two-minute story of what you bring.",
  "Ask about the team's needs and what they look for; listen for the problems you could solve.",
  "Have your résumé ready to send the same day, and ask what the best next step would be.",
];

/** Before a meeting: who they are, what the user asked and noted, when and where, what to ask, and how to do it well. */
export function prepContent(view: PromptView): MailContent {
  const { contact, meeting, zone, who, ctx } = view;
  const when = meeting ? formatMeetingTime(meeting.start, zone, ctx.now) : null;
  const where = meeting?.location ? oneLine(meeting.location) : null;
  const title = meeting?.title ? oneLine(meeting.title) : null;

  const intro = when ? `Your chat with ${who} is on ${when}.` : `Your chat with ${who} is coming up.`;
  const lines = [intro, ...(title ? [`Event: ${title}`] : []), ...(where ? [`Where: ${where}`] : [])];
  const blocks: Block[] = [{ type: "paragraph", text: lines.join("\n") }];

  const about: string[] = [];
  if (contact?.company) about.push(`Works at ${oneLine(contact.company)}.`);
  if (contact?.hiringManager) about.push("Marked as a hiring manager: someone who could hire you.");
  const referral = contact ? describeReferral(contact, ctx.account.contacts) : null;
  const introducer = contact ? referrerName(contact, ctx.account.contacts) : null;
  if (referral)
    about.push(`${referral} Mention ${introducer} early on, and tell ${introducer} afterwards how it went.`);
  if (contact?.context) about.push(clip(oneLine(contact.context), CONTEXT_MAX));
  if (about.length === 0)
    about.push("Not much yet: a few minutes on their profile and their organisation's site will pay off.");
  blocks.push(
    { type: "heading", text: view.first ? `Who ${view.first} is` : "Who they are" },
    { type: "list", items: about },
  );

  const ask = outreachAsk(view);
  if (ask) {
    blocks.push(
      { type: "heading", text: "What you asked for" },
      {
        type: "paragraph",
        text: `Your first mail asked: "${ask}" Make sure the chat answers it.`,
      },
    );
  }

  const notes = notesOf(view);
  blocks.push(
    { type: "heading", text: "Your notes" },
    notes.length
      ? { type: "list", items: notes }
      : { type: "paragraph", text: 'None yet. Reply "notes: …" to keep one here for next time.' },
  );

  const purpose = contact?.purpose ?? null;
  const hiringManager = contact?.hiringManager ?? false;
  const questionsFor = hiringManager
    ? " (with someone who could hire you)"
    : purpose
      ? ` (${PURPOSE_LABEL[purpose]})`
      : "";
  blocks.push(
    { type: "heading", text: `Questions to ask${questionsFor}` },
    {
      type: "list",
      items: pickQuestions({
        purpose,
        hiringManager,
        name: contact?.name ?? null,
        company: contact?.company ?? null,
      }),
    },
  );
  if (!purpose) {
    blocks.push({
      type: "paragraph",
      text: 'Reply "purpose: new field", "purpose: new job" or "purpose: move up" for questions that fit this chat.',
    });
  }

  const advice = [
    ...(hiringManager ? HIRING_MANAGER_ADVICE : []),
    ...(purpose ? [PURPOSE_ADVICE[purpose]] : []),
    // Someone who could hire gets the résumé the same day: the "only if asked" rule is for the rest.
    ...PREP_ADVICE.filter((line) => !(hiringManager && line === RESUME_ADVICE)),
  ];
  blocks.push({ type: "heading", text: "Before you go" }, { type: "list", items: advice });

  return { subject: when ? `Prep: ${who}, ${when}` : `Prep: ${who}`, blocks };
}
