import { oneLine } from "./escape.js";
import { formatMeetingDay } from "./format.js";
import type { MailContent } from "./layout.js";
import type { PromptView } from "./view.js";

/** A week after an unanswered outreach: one short, friendly follow-up. */
export function nudgeContent(view: PromptView): MailContent {
  const { contact, who, first, zone } = view;
  const sentOn = contact?.outreachAt ? formatMeetingDay(contact.outreachAt, zone) : null;
  const company = contact?.company ? oneLine(contact.company) : null;

  const content: MailContent = {
    subject: `No answer from ${who} yet: a short follow-up`,
    blocks: [
      {
        type: "paragraph",
        text: `You wrote to ${who}${sentOn ? ` on ${sentOn}` : ""} and have not heard back. People are busy; one short, friendly follow-up is normal and often works.`,
      },
    ],
  };
  if (contact) {
    content.blocks.push({
      type: "draft",
      draft: {
        label: `follow-up to ${who}`,
        to: contact.email,
        subject: "Following up: 20 minutes?",
        body: [
          `Hi ${first},`,
          "",
          `I wanted to follow up on my note${sentOn ? ` from ${sentOn}` : ""}. I know you're busy: if you had 15–20 minutes in the coming weeks, I would love to hear about your work${company ? ` at ${company}` : ""}. I'm happy to fit around your schedule, or to keep it to a few questions by email if that's easier.`,
          "",
          "Best,",
        ].join("\n"),
      },
    });
  }
  content.blocks.push({
    type: "paragraph",
    text: 'Sent it? Reply "done". If they answer, forward it to the log address.',
  });
  return content;
}
