import * as v from "valibot";

export const MeetingStatus = v.picklist(["scheduled", "cancelled", "met", "no_show"]);
export type MeetingStatus = v.InferOutput<typeof MeetingStatus>;

export const Meeting = v.object({
  /** `mtg_` + a hash of the invite UID: UIDs are arbitrary text and may be long or hostile. */
  id: v.string(),
  uid: v.string(),
  sequence: v.pipe(v.number(), v.safeInteger()),
  contactEmail: v.string(),
  /** ISO 8601 with offset, in `timeZone`. */
  start: v.string(),
  end: v.string(),
  timeZone: v.string(),
  allDay: v.optional(v.boolean(), false),
  title: v.optional(v.nullable(v.string()), null),
  location: v.optional(v.nullable(v.string()), null),
  status: MeetingStatus,
  notes: v.optional(v.array(v.string()), []),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type Meeting = v.InferOutput<typeof Meeting>;
