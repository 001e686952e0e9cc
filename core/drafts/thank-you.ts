import { formatMeetingTime } from "./format.js";
import type { Block, MailContent } from "./layout.js";
import { notesOf, type PromptView } from "./view.js";

/** Right after a meeting: a same-day thank-you that names something specific. */
export function thankYouContent(view: PromptView): MailContent {
  const { contact, meeting, who, first, zone } = view;
  // Only what was noted about this chat: the notes from before it are background, not a memory of it.
  const [note] = notesOf({ ...view, contact: null });
  const when = meeting ? formatMeetingTime(meeting.start, zone) : null;

  const blocks: Block[] = [
    {
      type: "paragraph",
      text: `${when ? `Your chat with ${who} (${when}) is over` : `Your chat with ${who} is over`}: a thank-you sent today is the one that gets remembered.`,
    },
    note
      ? { type: "paragraph", text: `Mention something specific. You noted: "${note}"` }
      : {
          type: "paragraph",
          text: 'Mention one specific thing you took from the chat: fill in the brackets below, and reply "notes: …" to keep it for later.',
        },
  ];

  if (contact) {
    const specific = note ? `what you said about "${note}"` : "[one specific thing they told you]";
    blocks.push({
      type: "draft",
      draft: {
        label: `thank-you to ${who}`,
        to: contact.email,
        subject: `Thank you, ${first}`,
        body: [
          `Hi ${first},`,
          "",
          `Thank you for taking the time to talk with me today. I especially appreciated ${specific}; it gave me a lot to think about.`,
          "",
          "I'll let you know how things go.",
          "",
          "Best,",
        ].join("\n"),
      },
    });
  }

  blocks.push({
    type: "paragraph",
    text: "For someone you would like to stay close to, a short handwritten card on top of the mail is a lovely touch.",
  });

  return { subject: `Thank-you draft for ${who}`, blocks };
}
