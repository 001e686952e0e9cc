import * as v from "valibot";

export const ContactStage = v.picklist(["outreach", "scheduled", "met", "keeping_in_touch", "cold"]);
export type ContactStage = v.InferOutput<typeof ContactStage>;

export const Purpose = v.picklist(["new_field", "new_job", "move_up"]);
export type Purpose = v.InferOutput<typeof Purpose>;

export const Contact = v.object({
  /** Lower-cased address: contacts are deduplicated by it. */
  email: v.string(),
  name: v.nullable(v.string()),
  company: v.nullable(v.string()),
  stage: ContactStage,
  /** `stop` was said for this contact: no more prompts about them. */
  stopped: v.optional(v.boolean(), false),
  referredBy: v.optional(v.nullable(v.string()), null),
  hiringManager: v.optional(v.boolean(), false),
  purpose: v.optional(v.nullable(Purpose), null),
  /** The user's own notes (from above a forward, or `notes:` replies), oldest first. */
  notes: v.optional(v.array(v.string()), []),
  /** What the mail told us about them (signature, invite description), for prep. */
  context: v.optional(v.nullable(v.string()), null),
  outreachAt: v.optional(v.nullable(v.string()), null),
  /** The subject of the user's first mail to them ("20 minutes on data science?"): what they asked for. */
  outreachSubject: v.optional(v.nullable(v.string()), null),
  lastContactAt: v.string(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type Contact = v.InferOutput<typeof Contact>;
