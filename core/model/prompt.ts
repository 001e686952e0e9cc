import * as v from "valibot";

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
// A picklist has no `.exclude`: FollowUpKind is the list, PromptKind that list plus the immediate kinds.
export const FollowUpKind = v.picklist(followUpKinds);
export type FollowUpKind = v.InferOutput<typeof FollowUpKind>;

/**
 * Every mail coffeechat sends is a prompt: scheduled follow-ups and the immediate answers
 * (intake confirmations, command answers) alike, so all of them share one at-most-once path.
 */
export const PromptKind = v.picklist([...followUpKinds, "confirmation", "answer"]);
export type PromptKind = v.InferOutput<typeof PromptKind>;

const followUpKindSet: ReadonlySet<PromptKind> = new Set(FollowUpKind.options);
export const isFollowUpKind = (kind: PromptKind): kind is FollowUpKind => followUpKindSet.has(kind);

export const PromptState = v.picklist(["scheduled", "sending", "sent", "cancelled", "skipped", "failed"]);
export type PromptState = v.InferOutput<typeof PromptState>;

/** Content fixed when the prompt is created (confirmations and answers describe a moment). */
export const PromptMessage = v.object({
  subject: v.string(),
  lines: v.array(v.string()),
  /** Another recipient than the user's primary address: only for confirming a new address of theirs. */
  to: v.optional(v.nullable(v.string()), null),
  /** The export command's attachment, built at send time from the store. */
  attachExport: v.optional(v.boolean(), false),
});
export type PromptMessage = v.InferOutput<typeof PromptMessage>;

/**
 * A mail to send: it holds ids (contact, meeting), never a copy of them. What it says and
 * whether it still goes out are decided at send time from the live records (deliver-prompt.ts).
 */
export const Prompt = v.object({
  /** `prm_` + hash(userId, key): re-planning the same thing yields the same id. */
  id: v.string(),
  /** What the prompt is about, readable: `prep:mtg_…`, `nudge:jane@acme.com:…`, `confirm:<message key>`. */
  key: v.string(),
  kind: PromptKind,
  /** ISO 8601 UTC instant. */
  dueAt: v.string(),
  state: PromptState,
  contactEmail: v.optional(v.nullable(v.string()), null),
  meetingId: v.optional(v.nullable(v.string()), null),
  /** EventBridge schedule name; null for prompts sent at once. */
  scheduleName: v.optional(v.nullable(v.string()), null),
  message: v.optional(v.nullable(PromptMessage), null),
  sesMessageId: v.optional(v.nullable(v.string()), null),
  reason: v.optional(v.nullable(v.string()), null),
  attempts: v.optional(v.pipe(v.number(), v.safeInteger()), 0),
  createdAt: v.string(),
  stateChangedAt: v.string(),
});
export type Prompt = v.InferOutput<typeof Prompt>;
