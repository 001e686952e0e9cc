import * as z from "zod/mini";
import { lazySchema } from "./parse.js";

/** The follow-ups scheduled ahead of time; confirmations and command answers go out at once. */
export const FOLLOW_UP_KINDS = [
  "prep",
  "thank_you",
  "referral_ask",
  "check_in",
  "nudge",
  "move_on",
  "celebrate",
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/**
 * Every mail coffeechat sends is a prompt: scheduled follow-ups and the immediate answers
 * (intake confirmations, command answers) alike, so all of them share one at-most-once path.
 */
const PROMPT_KINDS = [...FOLLOW_UP_KINDS, "confirmation", "answer"] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

const followUpKindSet: ReadonlySet<PromptKind> = new Set(FOLLOW_UP_KINDS);
export const isFollowUpKind = (kind: PromptKind): kind is FollowUpKind => followUpKindSet.has(kind);

const PROMPT_STATES = ["scheduled", "sending", "sent", "cancelled", "skipped", "failed"] as const;
export type PromptState = (typeof PROMPT_STATES)[number];

/** Content fixed when the prompt is created (confirmations and answers describe a moment). */
export interface PromptMessage {
  subject: string;
  lines: string[];
  /** Another recipient than the user's primary address: only for confirming a new address of theirs. */
  to: string | null;
  /** The export command's attachment, built at send time from the store. */
  attachExport: boolean;
}

/**
 * A mail to send: it holds ids (contact, meeting), never a copy of them. What it says and
 * whether it still goes out are decided at send time from the live records (deliver-prompt.ts).
 */
export const promptSchema = lazySchema(() =>
  z.object({
    /** `prm_` + hash(userId, key): re-planning the same thing yields the same id. */
    id: z.string(),
    /** What the prompt is about, readable: `prep:mtg_…`, `nudge:jane@acme.com:…`, `confirm:<message key>`. */
    key: z.string(),
    kind: z.enum(PROMPT_KINDS),
    /** ISO 8601 UTC instant. */
    dueAt: z.string(),
    state: z.enum(PROMPT_STATES),
    contactEmail: z._default(z.nullable(z.string()), null),
    meetingId: z._default(z.nullable(z.string()), null),
    /** EventBridge schedule name; null for prompts sent at once. */
    scheduleName: z._default(z.nullable(z.string()), null),
    message: z._default(
      z.nullable(
        z.object({
          subject: z.string(),
          lines: z.array(z.string()),
          to: z._default(z.nullable(z.string()), null),
          attachExport: z._default(z.boolean(), false),
        }),
      ),
      null,
    ),
    sesMessageId: z._default(z.nullable(z.string()), null),
    reason: z._default(z.nullable(z.string()), null),
    attempts: z._default(z.int(), 0),
    /** A failed prompt the user asked to send again ("Send again"): it leaves the page's failed list. */
    resentAt: z._default(z.nullable(z.string()), null),
    createdAt: z.string(),
    stateChangedAt: z.string(),
  }),
);
export type Prompt = z.output<ReturnType<typeof promptSchema>>;
