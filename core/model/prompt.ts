import * as z from "zod/mini";

/** The follow-ups scheduled ahead of time; confirmations and command answers go out at once. */
const followUpKinds = [
  "prep",
  "thank_you",
  "referral_ask",
  "check_in",
  "nudge",
  "move_on",
  "celebrate",
] as const;
// zod/mini's enum has no `.exclude`: FollowUpKind is the list, PromptKind that list plus the immediate kinds.
export const FollowUpKind = z.enum(followUpKinds);
export type FollowUpKind = z.output<typeof FollowUpKind>;

/**
 * Every mail coffeechat sends is a prompt: scheduled follow-ups and the immediate answers
 * (intake confirmations, command answers) alike, so all of them share one at-most-once path.
 */
export const PromptKind = z.enum([...followUpKinds, "confirmation", "answer"]);
export type PromptKind = z.output<typeof PromptKind>;

const followUpKindSet: ReadonlySet<PromptKind> = new Set(FollowUpKind.options);
export const isFollowUpKind = (kind: PromptKind): kind is FollowUpKind => followUpKindSet.has(kind);

export const PromptState = z.enum(["scheduled", "sending", "sent", "cancelled", "skipped", "failed"]);
export type PromptState = z.output<typeof PromptState>;

/** Content fixed when the prompt is created (confirmations and answers describe a moment). */
export const PromptMessage = z.object({
  subject: z.string(),
  lines: z.array(z.string()),
  /** Another recipient than the user's primary address: only for confirming a new address of theirs. */
  to: z._default(z.nullable(z.string()), null),
  /** The export command's attachment, built at send time from the store. */
  attachExport: z._default(z.boolean(), false),
});
export type PromptMessage = z.output<typeof PromptMessage>;

/**
 * A mail to send: it holds ids (contact, meeting), never a copy of them. What it says and
 * whether it still goes out are decided at send time from the live records (deliver-prompt.ts).
 */
export const Prompt = z.object({
  /** `prm_` + hash(userId, key): re-planning the same thing yields the same id. */
  id: z.string(),
  /** What the prompt is about, readable: `prep:mtg_…`, `nudge:jane@acme.com:…`, `confirm:<message key>`. */
  key: z.string(),
  kind: PromptKind,
  /** ISO 8601 UTC instant. */
  dueAt: z.string(),
  state: PromptState,
  contactEmail: z._default(z.nullable(z.string()), null),
  meetingId: z._default(z.nullable(z.string()), null),
  /** EventBridge schedule name; null for prompts sent at once. */
  scheduleName: z._default(z.nullable(z.string()), null),
  message: z._default(z.nullable(PromptMessage), null),
  sesMessageId: z._default(z.nullable(z.string()), null),
  reason: z._default(z.nullable(z.string()), null),
  attempts: z._default(z.int(), 0),
  /** A failed prompt the user asked to send again ("Send again"): it leaves the page's failed list. */
  resentAt: z._default(z.nullable(z.string()), null),
  createdAt: z.string(),
  stateChangedAt: z.string(),
});
export type Prompt = z.output<typeof Prompt>;
