import * as z from "zod";

/** Where the user's time zone came from: a later invite never overrides an explicit `tz`. */
export const TimeZoneSource = z.enum(["default", "invite", "user"]);

export const PendingAddress = z.object({
  address: z.string(),
  tokenHash: z.string(),
  expiresAt: z.string(),
});

export const User = z.object({
  id: z.string(),
  /** Verified sending addresses, lower-cased; the first is where prompts go. */
  addresses: z.array(z.string()).min(1),
  pendingAddresses: z.array(PendingAddress).default([]),
  timeZone: z.string(),
  timeZoneSource: TimeZoneSource,
  promptHour: z.number().int().min(0).max(23),
  cadenceMonths: z.number().int().min(1).max(36),
  paused: z.boolean(),
  /** SES reported a bounce or complaint for the user's address: prompts stop until they write again. */
  bouncing: z.boolean().default(false),
  /** Hash of the current status-page token; the token itself is never stored (see tokens.ts). */
  statusTokenHash: z.string(),
  /** Bumped by `status`: the token is derived from it, so the old link stops working. */
  statusTokenVersion: z.number().int().default(1),
  landed: z.object({ company: z.string(), at: z.string() }).nullable().default(null),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;
