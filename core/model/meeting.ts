import * as z from "zod/mini";
import { lazySchema } from "./parse.js";

const MEETING_STATUSES = ["scheduled", "cancelled", "met", "no_show"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** The stored meeting, parsed on read; built on first use (parse.ts, `lazySchema`). */
export const meetingSchema = lazySchema(() =>
  z.object({
    /** `mtg_` + a hash of the invite UID: UIDs are arbitrary text and may be long or hostile. */
    id: z.string(),
    uid: z.string(),
    sequence: z.int(),
    contactEmail: z.string(),
    /** ISO 8601 with offset, in `timeZone`. */
    start: z.string(),
    end: z.string(),
    timeZone: z.string(),
    allDay: z._default(z.boolean(), false),
    title: z._default(z.nullable(z.string()), null),
    location: z._default(z.nullable(z.string()), null),
    status: z.enum(MEETING_STATUSES),
    notes: z._default(z.array(z.string()), () => []),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export type Meeting = z.output<ReturnType<typeof meetingSchema>>;
