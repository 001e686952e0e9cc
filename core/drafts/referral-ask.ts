import type { Purpose } from "../model/contact.js";
import { oneLine } from "./escape.js";
import { formatMeetingDay } from "./format.js";
import type { Block, MailContent } from "./layout.js";
import { type PromptView, referrerName } from "./view.js";

function learnNext(purpose: Purpose | null, company: string | null): string {
  const at = company ? ` at ${company}` : "";
  switch (purpose) {
    case "new_field":
      return "how people find their way into this field";
    case "new_job":
      return `how the other teams${at} work and what they need`;
    case "move_up":
      return `what the next step up looks like${at}`;
    default:
      return "the teams and roles closest to what I want to do next";
  }
}

/** A few days after: "who else should I talk to?", aimed at the person who could hire. */
export function referralAskContent(view: PromptView): MailContent {
  const { contact, meeting, who, zone, hello, signature, ctx } = view;
  const company = contact?.company ? oneLine(contact.company) : null;
  const topic = learnNext(contact?.purpose ?? null, company);
  const referrer = contact ? referrerName(contact, ctx.account.contacts) : null;
  const when = meeting ? formatMeetingDay(meeting.start, zone, ctx.now) : null;

  const blocks: Block[] = [
    {
      type: "paragraph",
      text: `Each chat should lead to the next one. Ask ${who} who else you should talk to, naming what you want to learn next: ${topic}.`,
    },
    {
      type: "paragraph",
      text: contact?.hiringManager
        ? `${view.first ?? "They"} could hire you: ask about their team too, and who on it you should meet.`
        : 'Aim the chain at the person who could hire you. When you reach them, reply "fix: hiring manager" on their prompt so the status page shows it.',
    },
  ];

  if (contact) {
    const opening = referrer
      ? `${referrer} put us in touch, and I'm glad they did: our conversation${when ? ` on ${when}` : ""} was a real help.`
      : `Thank you again for our conversation${when ? ` on ${when}` : ""}: it was a real help.`;
    // The person who could hire is the end of the chain: ask them about their team instead.
    const hiring = contact.hiringManager
      ? `And if a role opens on your team${company ? ` at ${company}` : ""} where I could help, I'd be glad to hear about it.`
      : company
        ? `And if you know who hires for this kind of role at ${company}, an introduction would mean a lot.`
        : "And if you know someone who hires for this kind of role, an introduction would mean a lot.";
    blocks.push({
      type: "draft",
      draft: {
        label: `referral ask to ${who}`,
        to: contact.email,
        subject: "Who else should I talk to?",
        body: [
          hello,
          "",
          opening,
          "",
          `As I keep exploring, I'd like to learn more about ${topic}. Who else do you think I should talk to? ${hiring}`,
          "",
          signature,
        ].join("\n"),
      },
    });
  }

  blocks.push({
    type: "paragraph",
    text: 'When they name someone, reply "referral: Name <email>" to log them.',
  });
  return { subject: `Ask ${who} who else to talk to`, blocks };
}
