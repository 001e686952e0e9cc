import { oneLine } from "./escape.js";
import { formatMeetingTime } from "./format.js";
import type { Block, MailContent } from "./layout.js";
import { notesOf, type PromptView, referrerName } from "./view.js";

/** Right after a meeting: a same-day thank-you with a slot for one specific thing, the notes beside it. */
export function thankYouContent(view: PromptView): MailContent {
  const { contact, meeting, who, first, zone, hello, signature, ctx } = view;
  const notes = notesOf(view);
  const when = meeting ? formatMeetingTime(meeting.start, zone, ctx.now) : null;
  const title = meeting?.title ? oneLine(meeting.title) : null;
  const referrer = contact ? referrerName(contact, ctx.account.contacts) : null;
  const detail = [title ? `"${title}"` : null, when].filter(Boolean).join(", ");

  const blocks: Block[] = [
    {
      type: "paragraph",
      text: `Your chat with ${who}${detail ? ` (${detail})` : ""} is over: a thank-you sent today is the one that gets remembered.`,
    },
    {
      type: "paragraph",
      text: notes.length
        ? "Fill the [brackets] with one specific thing you took from the chat, in your own words; your notes are beside the draft as a reminder and stay out of it."
        : 'Fill the [brackets] with one specific thing you took from the chat, and reply "notes: …" to keep it for later.',
    },
  ];

  if (contact) {
    blocks.push({
      type: "draft",
      draft: {
        label: `thank-you to ${who}`,
        to: contact.email,
        subject: first ? `Thank you, ${first}` : "Thank you",
        body: [
          hello,
          "",
          `Thank you for taking the time to talk with me today. I especially appreciated [one specific thing you told me]; it gave me a lot to think about.`,
          ...(referrer ? ["", `I'll let ${referrer} know how helpful the introduction was.`] : []),
          "",
          "I'll let you know how things go.",
          "",
          signature,
        ].join("\n"),
        notes,
      },
    });
  }

  blocks.push({
    type: "paragraph",
    text: "For someone you would like to stay close to, a short handwritten card on top of the mail is a lovely touch.",
  });

  return { subject: `Thank-you draft for ${who}`, blocks };
}
