import * as z from "zod";
import { Contact } from "./contact.js";
import { Meeting } from "./meeting.js";
import { User } from "./user.js";

/**
 * Every mail coffeechat sends is a prompt: scheduled follow-ups and the immediate answers
 * (intake confirmations, command answers) alike, so all of them share one at-most-once path.
 */
export const PromptKind = z.enum([
  "prep",
  "thank_you",
  "referral_ask",
  "check_in",
  "nudge",
  "move_on",
  "celebrate",
  "confirmation",
  "answer",
]);
export type PromptKind = z.infer<typeof PromptKind>;

/** The follow-ups scheduled ahead of time; confirmations and command answers go out at once. */
export const FollowUpKind = PromptKind.exclude(["confirmation", "answer"]);
export type FollowUpKind = z.infer<typeof FollowUpKind>;
const followUpKinds: ReadonlySet<PromptKind> = new Set(FollowUpKind.options);
export const isFollowUpKind = (kind: PromptKind): kind is FollowUpKind => followUpKinds.has(kind);

export const PromptState = z.enum(["scheduled", "sending", "sent", "cancelled", "skipped", "failed"]);
export type PromptState = z.infer<typeof PromptState>;

/** Content fixed when the prompt is created (confirmations and answers describe a moment). */
export const PromptMessage = z.object({
  subject: z.string(),
  lines: z.array(z.string()),
  /** Another recipient than the user's primary address: only for confirming a new address of theirs. */
  to: z.string().nullable().default(null),
  /** The export command's attachment, built at send time from the store. */
  attachExport: z.boolean().default(false),
});
export type PromptMessage = z.infer<typeof PromptMessage>;

/**
 * What a prompt needs to be rendered, refreshed by every change that touches it, so that
 * sending costs no read beyond the claim (see usecases/account-changes.ts).
 */
export const PromptSnapshot = z.object({
  user: User,
  contact: Contact.nullable().default(null),
  meeting: Meeting.nullable().default(null),
  referrer: Contact.nullable().default(null),
  /** For `celebrate`: everyone the user met, with their meetings. */
  people: z.array(Contact).default([]),
  meetings: z.array(Meeting).default([]),
});
export type PromptSnapshot = z.infer<typeof PromptSnapshot>;

export const Prompt = z.object({
  /** `prm_` + hash(userId, key): re-planning the same thing yields the same id. */
  id: z.string(),
  /** What the prompt is about, readable: `prep:mtg_…`, `nudge:jane@acme.com:…`, `confirm:<message key>`. */
  key: z.string(),
  kind: PromptKind,
  /** ISO 8601 UTC instant. */
  dueAt: z.string(),
  state: PromptState,
  contactEmail: z.string().nullable().default(null),
  meetingId: z.string().nullable().default(null),
  /** EventBridge schedule name; null for prompts sent at once. */
  scheduleName: z.string().nullable().default(null),
  message: PromptMessage.nullable().default(null),
  snapshot: PromptSnapshot.nullable().default(null),
  sesMessageId: z.string().nullable().default(null),
  reason: z.string().nullable().default(null),
  attempts: z.number().int().default(0),
  createdAt: z.string(),
  stateChangedAt: z.string(),
});
export type Prompt = z.infer<typeof Prompt>;

export const PENDING_STATES: readonly PromptState[] = ["scheduled"];
