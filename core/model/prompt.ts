import * as z from "zod";

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

export const PromptState = z.enum(["scheduled", "sending", "sent", "cancelled", "skipped", "failed"]);
export type PromptState = z.infer<typeof PromptState>;

/** Content fixed when the prompt is created (confirmations and answers describe a moment). */
export const PromptMessage = z.object({
  subject: z.string(),
  lines: z.array(z.string()),
  /** The export command's attachment, built at send time from the store. */
  attachExport: z.boolean().default(false),
});
export type PromptMessage = z.infer<typeof PromptMessage>;

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
  sesMessageId: z.string().nullable().default(null),
  reason: z.string().nullable().default(null),
  attempts: z.number().int().default(0),
  createdAt: z.string(),
  stateChangedAt: z.string(),
});
export type Prompt = z.infer<typeof Prompt>;

export const PENDING_STATES: readonly PromptState[] = ["scheduled"];
