import type { AppConfig } from "../../config.js";
import type { Contact } from "../../model/contact.js";
import type { Meeting } from "../../model/meeting.js";
import type { Prompt } from "../../model/prompt.js";
import type { AccountChanges } from "../account-changes.js";

/** What every command handler works with: the unit of work and the prompt the reply is about. */
export interface CommandContext {
  changes: AccountChanges;
  /** The prompt replied to (or acted on from the status page); null for mail to log@. */
  prompt: Prompt | null;
  /** A prompt was named but no longer exists (its contact was forgotten). */
  promptGone: boolean;
  config: AppConfig;
  messageKey: string;
  channel: "mail" | "web";
  /** Set by `export`: the answer carries the account as a JSON attachment. */
  attachExport: boolean;
}

/** The person (and meeting) a contact-level command is about, or the lines explaining why there is none. */
export type Subject = { contact: Contact; meeting: Meeting | null } | { lines: string[] };

export function subjectOf(ctx: CommandContext): Subject {
  if (ctx.promptGone)
    return { lines: ["That prompt no longer exists (its contact was forgotten), so nothing changed."] };
  const email = ctx.prompt?.contactEmail;
  if (!email) {
    return {
      lines: [
        ctx.prompt
          ? "This mail isn't about one person, so there is nobody to apply that to. Reply to a prompt about that person."
          : "That command is about one person: reply to a prompt about that person instead.",
      ],
    };
  }
  const contact = ctx.changes.contact(email);
  if (!contact) return { lines: ["That contact is no longer logged (forgotten?), so nothing changed."] };
  const meetingId = ctx.prompt?.meetingId;
  return { contact, meeting: meetingId ? (ctx.changes.meeting(meetingId) ?? null) : null };
}
