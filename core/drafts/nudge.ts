import { oneLine } from "./escape.js";
import { formatMeetingDay } from "./format.js";
import type { MailContent } from "./layout.js";
import { outreachAsk, type PromptView, referrerName, wroteToThem } from "./view.js";

/** A week after an unanswered outreach: one short, friendly follow-up that restates the ask. */
export function nudgeContent(view: PromptView): MailContent {
  const { contact, who, zone, hello, signature, ctx } = view;
  const sentOn = contact?.outreachAt ? formatMeetingDay(contact.outreachAt, zone, ctx.now) : null;
  const company = contact?.company ? oneLine(contact.company) : null;
  const referrer = contact ? referrerName(contact, ctx.account.contacts) : null;
  const ask = outreachAsk(view);
  // A referral is logged before anyone writes: only claim a first note when one was logged.
  const noteSent = contact !== null && (!referrer || wroteToThem(view));

  const content: MailContent = {
    subject: noteSent
      ? `No answer from ${who} yet: a short follow-up`
      : `Write to ${who}: ${referrer} referred you`,
    blocks: [
      {
        type: "paragraph",
        text: noteSent
          ? `You wrote to ${who}${sentOn ? ` on ${sentOn}` : ""} and have not heard back. People are busy; one short, friendly follow-up is normal and often works.`
          : `${referrer} referred you to ${who} and no mail to them is logged yet. A short note that names ${referrer} is the easiest one to answer.`,
      },
    ],
  };
  if (contact) {
    const chat = `15–20 minutes in the coming weeks to hear about your work${company ? ` at ${company}` : ""}`;
    const opening = noteSent
      ? `I wanted to follow up on my note${sentOn ? ` from ${sentOn}` : ""}${ask ? ` ("${ask}")` : ""}.${referrer ? ` ${referrer} suggested I get in touch with you.` : ""} I know you're busy: if you had ${chat}, I would love that.`
      : `${referrer} suggested I get in touch with you. I'm [one line about you and what you are exploring], and I would love ${chat}.`;
    content.blocks.push({
      type: "draft",
      draft: {
        label: noteSent ? `follow-up to ${who}` : `first note to ${who}`,
        to: contact.email,
        subject: noteSent
          ? ask
            ? `Re: ${ask}`
            : "Following up: 20 minutes?"
          : `${referrer} suggested I get in touch`,
        body: [
          hello,
          "",
          `${opening} I'm happy to fit around your schedule, or to keep it to a few questions by email if that's easier.`,
          "",
          signature,
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
