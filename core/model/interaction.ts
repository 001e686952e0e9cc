import * as v from "valibot";

export const InteractionKind = v.picklist([
  "outreach",
  "forward",
  "bcc",
  "invite",
  "update",
  "cancel",
  "reply",
]);

/** One logged contact with a person: the history behind the status page and `export`. */
export const Interaction = v.object({
  id: v.string(),
  at: v.string(),
  kind: InteractionKind,
  contactEmail: v.string(),
  subject: v.nullable(v.string()),
  messageKey: v.string(),
});
export type Interaction = v.InferOutput<typeof Interaction>;
