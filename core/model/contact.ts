import * as z from "zod/mini";
import { lazySchema } from "./parse.js";

/** In the order the status page shows them; what each means and how one leads to another: core/interview/stage.ts. */
export const CONTACT_STAGES = [
  "outreach",
  "answered",
  "scheduled",
  "met",
  "keeping_in_touch",
  "cold",
  "cancelled",
] as const;
export type ContactStage = (typeof CONTACT_STAGES)[number];

const PURPOSES = ["new_field", "new_job", "move_up"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The stored contact, parsed on read; built on first use (parse.ts, `lazySchema`). */
export const contactSchema = lazySchema(() =>
  z.object({
    /** Lower-cased address: contacts are deduplicated by it. */
    email: z.string(),
    name: z.nullable(z.string()),
    company: z.nullable(z.string()),
    stage: z.enum(CONTACT_STAGES),
    /** `stop` was said for this contact: no more prompts about them. */
    stopped: z._default(z.boolean(), false),
    referredBy: z._default(z.nullable(z.string()), null),
    hiringManager: z._default(z.boolean(), false),
    purpose: z._default(z.nullable(z.enum(PURPOSES)), null),
    /** The user's own notes (from above a forward, or `notes:` replies), oldest first. */
    notes: z._default(z.array(z.string()), () => []),
    /** What the mail told us about them (signature, invite description), for prep. */
    context: z._default(z.nullable(z.string()), null),
    outreachAt: z._default(z.nullable(z.string()), null),
    /** The subject of the user's first mail to them ("20 minutes on data science?"): what they asked for. */
    outreachSubject: z._default(z.nullable(z.string()), null),
    lastContactAt: z.string(),
    /** The people they referred (`referral:`), latest last: no referral ask is planned for them. */
    referrals: z._default(z.array(z.string()), () => []),
    /**
     * Where this contact's own items are, so a mail about them reads them by key (see
     * core/store/contact-refs.ts): their meetings, and their prompts that may still be pending.
     */
    meetingIds: z._default(z.array(z.string()), () => []),
    pendingPromptIds: z._default(z.array(z.string()), () => []),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export type Contact = z.output<ReturnType<typeof contactSchema>>;
