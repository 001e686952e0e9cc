import { oneLine } from "./escape.js";
import type { Block, MailContent } from "./layout.js";
import { signOff } from "./names.js";
import { monthsBetween, notesOf, type PromptView } from "./view.js";

/** Every few months: a short, useful note that keeps the relationship warm, never "just checking in". */
export function checkInContent(view: PromptView): MailContent {
  const { contact, who, hello, ctx } = view;
  const months = contact ? monthsBetween(contact.lastContactAt, ctx.now) : null;
  const notes = notesOf(view);
  const company = contact?.company ? oneLine(contact.company) : null;

  const blocks: Block[] = [
    {
      type: "paragraph",
      text: `${months ? `It has been about ${months} month${months === 1 ? "" : "s"} since you were last in touch with ${who}.` : `Time for a short note to ${who}.`} A short, useful note keeps the door open. Skip "just checking in": bring something.`,
    },
    {
      type: "list",
      items: [
        notes.length
          ? "An article or report about something you talked about (your notes are beside the draft)."
          : "An article or report they would find useful.",
        "A conference, talk or event they might want to know about.",
        "A small update from you: where your search stands, and what you did with their advice.",
      ],
    },
  ];

  if (contact) {
    blocks.push({
      type: "draft",
      draft: {
        label: `check-in note to ${who}`,
        to: contact.email,
        subject: "Thought of you",
        body: [
          hello,
          "",
          `I came across [an article / a report / an event] and thought of you, given [what we talked about${company ? ` / your work at ${company}` : ""}]: [link]`,
          "",
          "A small update from me: [what you have done since you talked, e.g. the advice you acted on].",
          "",
          signOff(ctx.user.name, "Hope all is well,"),
        ].join("\n"),
        notes,
      },
    });
  }

  return { subject: `A useful note for ${who}`, blocks };
}
