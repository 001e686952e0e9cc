import * as z from "zod/mini";
import { lazySchema } from "./parse.js";

/** Marks a message (by its stable key) as handled, with the prompts it created, so a retry can finish them. */
export const markerSchema = lazySchema(() =>
  z.object({
    key: z.string(),
    at: z.string(),
    sesMessageId: z.nullable(z.string()),
    outcome: z.string(),
    /** The prompts the unit touched, so that a retry finishes their effects (at most MAX_MARKER_PROMPTS)… */
    promptIds: z._default(z.array(z.string()), () => []),
    /** …or, for a unit that touched more (a re-time of every pending prompt), every pending one. */
    allPending: z._default(z.boolean(), false),
  }),
);
/** A marker names at most this many prompts: past it, a retry settles every pending prompt. */
export const MAX_MARKER_PROMPTS = 100;
export type Marker = z.output<ReturnType<typeof markerSchema>>;

/** A token found by its hash: reply addresses and address confirmations (only those paths read one). */
export const tokenRecordSchema = lazySchema(() =>
  z.object({
    hash: z.string(),
    userId: z.string(),
    kind: z.enum(["reply", "address_confirm"]),
    promptId: z._default(z.nullable(z.string()), null),
    address: z._default(z.nullable(z.string()), null),
    expiresAt: z._default(z.nullable(z.string()), null),
  }),
);
export type TokenRecord = z.output<ReturnType<typeof tokenRecordSchema>>;

/** Mail we would not act on. Kept outside any user's data; the raw message stays in S3. */
export const refusalSchema = lazySchema(() =>
  z.object({
    sesMessageId: z.string(),
    at: z.string(),
    reason: z.string(),
    objectKey: z.nullable(z.string()),
    userId: z.nullable(z.string()),
  }),
);
export type Refusal = z.output<ReturnType<typeof refusalSchema>>;
