import { formatMeetingDay } from "./format.js";
import type { MailContent } from "./layout.js";
import type { PromptView } from "./view.js";

/** Two weeks of silence: the usual advice is to move on. The contact is now marked cold. */
export function moveOnContent(view: PromptView): MailContent {
  const { contact, who, first, zone, ctx } = view;
  const sentOn = contact?.outreachAt ? formatMeetingDay(contact.outreachAt, zone, ctx.now) : null;
  return {
    subject: `No answer from ${who}: time to move on`,
    blocks: [
      {
        type: "paragraph",
        text: `Two weeks without an answer from ${who}${sentOn ? ` since ${sentOn}` : ""}. That is common and not personal: move on to others. ${first ? `${first} is` : "They are"} now marked cold, and no more reminders will come about them.`,
      },
      {
        type: "list",
        items: [
          "Write to someone else in the same organisation or field.",
          "Ask the people you have already met who else you should talk to.",
          "If they write back later, forward it to the log address: coffeechat picks up from there.",
        ],
      },
    ],
  };
}
