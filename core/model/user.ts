import * as z from "zod/mini";
import { lazySchema } from "./parse.js";

/** Where the user's time zone came from: a later invite never overrides an explicit `tz`. */
const TIME_ZONE_SOURCES = ["default", "invite", "user"] as const;
export type TimeZoneSource = (typeof TIME_ZONE_SOURCES)[number];

/** The stored user, parsed on read; built on first use, like every stored entity's schema (parse.ts, `lazySchema`). */
export const userSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    /** Verified sending addresses, lower-cased; the first is where prompts go. */
    addresses: z.array(z.string()).check(z.minLength(1)),
    pendingAddresses: z._default(
      z.array(z.object({ address: z.string(), tokenHash: z.string(), expiresAt: z.string() })),
      () => [],
    ),
    /** The user's own name, signed under every draft: their From display name, or set with `name Sam Seeker`. */
    name: z._default(z.nullable(z.string()), null),
    timeZone: z.string(),
    timeZoneSource: z.enum(TIME_ZONE_SOURCES),
    promptHour: z.int().check(z.gte(0), z.lte(23)),
    cadenceMonths: z.int().check(z.gte(1), z.lte(36)),
    paused: z.boolean(),
    /** SES reported a bounce or complaint for the user's address: prompts stop until they write again. */
    bouncing: z._default(z.boolean(), false),
    /** Hash of the current status-page token; the token itself is never stored (see tokens.ts). */
    statusTokenHash: z.string(),
    /** Bumped by `new link`: the token is derived from it, so every earlier link stops working. */
    statusTokenVersion: z._default(z.int(), 1),
    landed: z._default(z.nullable(z.object({ company: z.string(), at: z.string() })), null),
    /**
     * Every contact carries its refs (`meetingIds`, `pendingPromptIds`): false only for an account
     * stored before they existed, which is moved over once, on its next read (account-slice.ts).
     */
    contactRefs: z._default(z.boolean(), false),
    /**
     * Goes up with every unit of work that writes the profile, which writes it only if it is still
     * the revision the unit read: a `pause` and a mail at the same moment both land.
     */
    revision: z._default(z.int(), 0),
    createdAt: z.string(),
  }),
);
export type User = z.output<ReturnType<typeof userSchema>>;
