import * as z from "zod/mini";

export const InteractionKind = z.enum(["outreach", "forward", "bcc", "invite", "update", "cancel", "reply"]);

/** One logged contact with a person: the history behind the status page and `export`. */
export const Interaction = z.object({
  id: z.string(),
  at: z.string(),
  kind: InteractionKind,
  contactEmail: z.string(),
  subject: z.nullable(z.string()),
  messageKey: z.string(),
});
export type Interaction = z.output<typeof Interaction>;
