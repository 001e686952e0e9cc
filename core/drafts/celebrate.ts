import type { Contact } from "../model/contact.js";
import { oneLine } from "./escape.js";
import { describeContact } from "./format.js";
import type { Block, MailContent } from "./layout.js";
import { greeting } from "./names.js";
import { clip, type PromptView } from "./view.js";

const NOTE_MAX = 200;
const NOTES_PER_PERSON = 3;

/** Everyone the user met: a meeting marked met or a scheduled one already past, or a contact at a met stage. Stopped contacts are left out. */
export function peopleMet(view: PromptView): Contact[] {
  const { account, now } = view.ctx;
  const met = new Set<string>();
  for (const meeting of account.meetings) {
    const past = Date.parse(meeting.start) < now.getTime();
    if (meeting.status === "met" || (meeting.status === "scheduled" && past)) met.add(meeting.contactEmail);
  }
  return account.contacts.filter(
    (c) => !c.stopped && (met.has(c.email) || c.stage === "met" || c.stage === "keeping_in_touch"),
  );
}

/** The user's latest notes about one person, newest first: shown beside their draft, never in it. */
function notesAbout(contact: Contact, view: PromptView): string[] {
  const meetingNotes = view.ctx.account.meetings
    .filter((m) => m.contactEmail === contact.email)
    .flatMap((m) => m.notes);
  const notes = [...contact.notes, ...meetingNotes].map((n) => clip(oneLine(n), NOTE_MAX)).filter(Boolean);
  return [...new Set(notes)].reverse().slice(0, NOTES_PER_PERSON);
}

/** `landed:`: good news and thanks for every person met, each saying what their advice changed. */
export function celebrateContent(view: PromptView): MailContent {
  const company = view.ctx.user.landed?.company ? oneLine(view.ctx.user.landed.company) : null;
  const people = peopleMet(view);
  const news = company ? `I've accepted a role at ${company}` : "I've landed a new role";

  const blocks: Block[] = [
    {
      type: "paragraph",
      text: `Congratulations${company ? ` on ${company}` : ""}! The people who helped will be glad to hear it. ${
        people.length
          ? `Here is a short "good news + thank you" draft for each of the ${people.length} ${people.length === 1 ? "person" : "people"} you met. Fill the [brackets] with what their advice changed; your notes about each are beside their draft.`
          : "No one is logged as met yet: forward a thank-you from your sent mail to add them."
      }`,
    },
  ];

  for (const contact of people) {
    blocks.push({
      type: "draft",
      draft: {
        label: `good news for ${describeContact(contact)}`,
        to: contact.email,
        subject: "Good news, and thank you",
        body: [
          greeting(contact),
          "",
          `Some good news: ${news}!`,
          "",
          "Thank you for your help along the way. Your advice on [what they advised] made a real difference: [what you did because of it].",
          "",
          "I'd love to stay in touch.",
          "",
          view.signature,
        ].join("\n"),
        notes: notesAbout(contact, view),
      },
    });
  }

  return {
    subject: company
      ? `You landed at ${company}: tell the people who helped`
      : "You landed: tell the people who helped",
    blocks,
  };
}
