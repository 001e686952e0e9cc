import * as z from "zod";

export const ContactStage = z.enum(["outreach", "scheduled", "met", "keeping_in_touch", "cold"]);
export type ContactStage = z.infer<typeof ContactStage>;

export const Purpose = z.enum(["new_field", "new_job", "move_up"]);
export type Purpose = z.infer<typeof Purpose>;

export const Contact = z.object({
  /** Lower-cased address: contacts are deduplicated by it. */
  email: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  stage: ContactStage,
  /** `stop` was said for this contact: no more prompts about them. */
  stopped: z.boolean().default(false),
  referredBy: z.string().nullable().default(null),
  hiringManager: z.boolean().default(false),
  purpose: Purpose.nullable().default(null),
  /** The user's own notes (from above a forward, or `notes:` replies), oldest first. */
  notes: z.array(z.string()).default([]),
  /** What the mail told us about them (signature, invite description), for prep. */
  context: z.string().nullable().default(null),
  outreachAt: z.string().nullable().default(null),
  lastContactAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;
