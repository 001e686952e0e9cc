import * as v from "valibot";

/** Marks a message (by its stable key) as handled, with the prompts it created, so a retry can finish them. */
export const Marker = v.object({
  key: v.string(),
  at: v.string(),
  sesMessageId: v.nullable(v.string()),
  outcome: v.string(),
  promptIds: v.optional(v.array(v.string()), []),
});
export type Marker = v.InferOutput<typeof Marker>;

/** A token found by its hash: reply addresses and address confirmations. */
export const TokenRecord = v.object({
  hash: v.string(),
  userId: v.string(),
  kind: v.picklist(["reply", "address_confirm"]),
  promptId: v.optional(v.nullable(v.string()), null),
  address: v.optional(v.nullable(v.string()), null),
  expiresAt: v.optional(v.nullable(v.string()), null),
});
export type TokenRecord = v.InferOutput<typeof TokenRecord>;

/** Mail we would not act on. Kept outside any user's data; the raw message stays in S3. */
export const Refusal = v.object({
  sesMessageId: v.string(),
  at: v.string(),
  reason: v.string(),
  objectKey: v.nullable(v.string()),
  userId: v.nullable(v.string()),
});
export type Refusal = v.InferOutput<typeof Refusal>;
