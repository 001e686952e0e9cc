/**
 * A mail read by the parsers coffeechat must use, doing the least they do for an invite: the MIME
 * tree (postal-mime), the inline forward (email-forward-parser) and the first calendar part's
 * events (ical.js). No checks, no limits, nothing made of what they return.
 */
import EmailForwardParser from "email-forward-parser";
import ICAL from "ical.js";
import PostalMime from "postal-mime";

const CALENDAR_TYPES = new Set(["text/calendar", "application/ics"]);

/** How many things were found: the forward, and the events with a start. */
export async function readWithRequiredParsers(raw: Uint8Array): Promise<number> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: "arraybuffer" });
  const forward = new EmailForwardParser().read(email.text ?? "", email.subject);
  const calendar = email.attachments.find((part) => CALENDAR_TYPES.has(part.mimeType));
  let found = forward.forwarded ? 1 : 0;
  if (calendar && typeof calendar.content !== "string") {
    const root = new ICAL.Component(ICAL.parse(new TextDecoder().decode(calendar.content)));
    for (const event of root.getAllSubcomponents("vevent"))
      if (new ICAL.Event(event).startDate.toJSDate().getTime() > 0) found++;
  }
  return found;
}
