import { readFileSync } from "node:fs";
import { DateTime } from "luxon";

const TEMPLATE = new URL("./samples/forwarded-invite.eml.tmpl", import.meta.url);

/**
 * A Gmail-style forward of Jane's Google Calendar invitation (New York time), for a meeting at
 * `start`, as if forwarded at `now`: the sample a newcomer sends with `npm run send -- --sample`.
 */
export function sampleInvite(start: DateTime, now: Date): string {
  const at = start.setZone("America/New_York");
  const end = at.plus({ minutes: 30 });
  const local = (t: DateTime) => t.toFormat("yyyyMMdd'T'HHmmss");
  const sent = DateTime.fromJSDate(now).toUTC();
  const values: Record<string, string> = {
    DATE: sent.toRFC2822() ?? "",
    MESSAGE_ID: `invite-${sent.toMillis()}`,
    UID: `sample${at.toMillis()}`,
    HUMAN_WHEN: `${at.toFormat("ccc LLL d, yyyy h:mma")} - ${end.toFormat("h:mma")} (EST)`,
    DTSTART: local(at),
    DTEND: local(end),
    DTSTAMP: sent.toFormat("yyyyMMdd'T'HHmmss'Z'"),
  };
  return readFileSync(TEMPLATE, "utf8")
    .replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? "")
    .replace(/\r?\n/g, "\r\n");
}
