import type { AppConfig } from "../../config.js";
import type { Refusal } from "../../interview/outcome.js";
import type { Contact } from "../../model/contact.js";
import type { Meeting } from "../../model/meeting.js";
import type { Prompt } from "../../model/prompt.js";
import type { StatusPageData } from "../../web/status-reads.js";
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
  /** For `status`: the status page's first page of every section (null for other commands). */
  statusPage: StatusPageData | null;
}

/** The person (and meeting) a contact-level command is about, or why there is none. */
export type Subject = { contact: Contact; meeting: Meeting | null } | Refused;

export type Refused = { kind: "refused"; why: Refusal };

export function subjectOf(ctx: CommandContext): Subject {
  if (ctx.promptGone) return refused("prompt_gone");
  const email = ctx.prompt?.contactEmail;
  if (!email) return refused(ctx.prompt ? "not_about_one_person" : "needs_a_person");
  const contact = ctx.changes.contact(email);
  if (!contact) return refused("contact_gone");
  const meetingId = ctx.prompt?.meetingId;
  return { contact, meeting: meetingId ? (ctx.changes.meeting(meetingId) ?? null) : null };
}

export function refused(why: Refusal): Refused {
  return { kind: "refused", why };
}
