import * as v from "valibot";

/** Where the user's time zone came from: a later invite never overrides an explicit `tz`. */
export const TimeZoneSource = v.picklist(["default", "invite", "user"]);

export const PendingAddress = v.object({
  address: v.string(),
  tokenHash: v.string(),
  expiresAt: v.string(),
});

export const User = v.object({
  id: v.string(),
  /** Verified sending addresses, lower-cased; the first is where prompts go. */
  addresses: v.pipe(v.array(v.string()), v.minLength(1)),
  pendingAddresses: v.optional(v.array(PendingAddress), []),
  /** The user's own name, signed under every draft: their From display name, or set with `name Sam Seeker`. */
  name: v.optional(v.nullable(v.string()), null),
  timeZone: v.string(),
  timeZoneSource: TimeZoneSource,
  promptHour: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(23)),
  cadenceMonths: v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(36)),
  paused: v.boolean(),
  /** SES reported a bounce or complaint for the user's address: prompts stop until they write again. */
  bouncing: v.optional(v.boolean(), false),
  /** Hash of the current status-page token; the token itself is never stored (see tokens.ts). */
  statusTokenHash: v.string(),
  /** Bumped by `status`: the token is derived from it, so the old link stops working. */
  statusTokenVersion: v.optional(v.pipe(v.number(), v.safeInteger()), 1),
  landed: v.optional(v.nullable(v.object({ company: v.string(), at: v.string() })), null),
  createdAt: v.string(),
});
export type User = v.InferOutput<typeof User>;
