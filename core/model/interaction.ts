import * as z from "zod/mini";
import { lazySchema } from "./parse.js";

const INTERACTION_KINDS = ["outreach", "forward", "bcc", "invite", "update", "cancel", "reply"] as const;

/** One logged contact with a person: the history behind the status page and `export`. Built on first use. */
export const interactionSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    at: z.string(),
    kind: z.enum(INTERACTION_KINDS),
    contactEmail: z.string(),
    subject: z.nullable(z.string()),
    messageKey: z.string(),
  }),
);
export type Interaction = z.output<ReturnType<typeof interactionSchema>>;
