import { readFileSync } from "node:fs";
import { formatInZone } from "../core/time/format.js";

const TEMPLATE = new URL("./samples/forwarded-invite.eml.tmpl", import.meta.url);

/**
 * A Gmail-style forward of Jane's Google Calendar invitation (New York time), for a meeting at
 * `start`, as if forwarded at `now`: the sample a newcomer sends with `npm run send -- --sample`.
 */
export function sampleInvite(start: Date, now: Date): string {
  const end = new Date(start.getTime() + 30 * 60_000);
  const local = (t: Date, pattern: string) => formatInZone(t, "America/New_York", pattern);
  const utc = (pattern: string) => formatInZone(now, "UTC", pattern);
  const values: Record<string, string> = {
    DATE: utc("ccc, dd LLL yyyy HH:mm:ss '+0000'"),
    MESSAGE_ID: `invite-${now.getTime()}`,
    UID: `sample${start.getTime()}`,
    HUMAN_WHEN: `${local(start, "ccc LLL d, yyyy h:mma")} - ${local(end, "h:mma")} (EST)`,
    DTSTART: local(start, "yyyyMMdd'T'HHmmss"),
    DTEND: local(end, "yyyyMMdd'T'HHmmss"),
    DTSTAMP: utc("yyyyMMdd'T'HHmmss'Z'"),
  };
  return readFileSync(TEMPLATE, "utf8")
    .replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? "")
    .replace(/\r?\n/g, "\r\n");
}
