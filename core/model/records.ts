import * as z from "zod";

/** Marks a message (by its stable key) as handled, with the prompts it created, so a retry can finish them. */
export const Marker = z.object({
  key: z.string(),
  at: z.string(),
  sesMessageId: z.string().nullable(),
  outcome: z.string(),
  promptIds: z.array(z.string()).default([]),
});
export type Marker = z.infer<typeof Marker>;

/** A token found by its hash: reply addresses and address confirmations. */
export const TokenRecord = z.object({
  hash: z.string(),
  userId: z.string(),
  kind: z.enum(["reply", "address_confirm"]),
  promptId: z.string().nullable().default(null),
  address: z.string().nullable().default(null),
  expiresAt: z.string().nullable().default(null),
});
export type TokenRecord = z.infer<typeof TokenRecord>;

/** Mail we would not act on. Kept outside any user's data; the raw message stays in S3. */
export const Refusal = z.object({
  sesMessageId: z.string(),
  at: z.string(),
  reason: z.string(),
  objectKey: z.string().nullable(),
  userId: z.string().nullable(),
});
export type Refusal = z.infer<typeof Refusal>;
