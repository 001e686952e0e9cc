import PostalMime, { type Address, type Attachment, addressParser, type Header } from "postal-mime";
import { CoffeechatError, ErrorCode } from "../errors.js";
import { normalizeAddress } from "./addresses.js";
import type { MailboxFact } from "./inline-forward.js";
import { checkRawLimits, type ParseLimits, tooManyParts } from "./limits.js";
import { cleanLine, cleanText, htmlToText, nullIfEmpty } from "./text.js";

export interface CalendarPart {
  text: string;
  /** `method` parameter of a text/calendar part, upper case. */
  method: string | null;
}

/** One message (the outer one, or one attached inside it), reduced to what parsing needs. */
export interface MessageView {
  headers: Header[];
  from: MailboxFact | null;
  /** Who redirected ("resent") the mail: the topmost Resent-From, when there is one. */
  resentFrom: MailboxFact | null;
  to: MailboxFact[];
  cc: MailboxFact[];
  deliveredTo: string[];
  subject: string | null;
  messageId: string | null;
  /** ISO 8601, when the Date header is readable. */
  date: string | null;
  /** The plain-text body (from the HTML when there is no text part). */
  text: string;
  attachedMessages: Uint8Array[];
  calendars: CalendarPart[];
  /** Every part count so far, this message included (limits apply to the whole tree). */
  partsCounted: number;
}

const MAX_NESTING = 60;
const MAX_BODY_CHARS = 256 * 1024;
const MAX_ATTACHED_MESSAGES = 3;
const MAX_CALENDARS = 8;

export async function readMessage(
  raw: Uint8Array,
  limits: ParseLimits,
  partsSoFar = 0,
): Promise<MessageView> {
  const partsCounted = checkRawLimits(raw, limits, partsSoFar);
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw, {
      forceRfc822Attachments: true,
      maxNestingDepth: MAX_NESTING,
      maxHeadersSize: limits.maxHeaderBytes,
      attachmentEncoding: "arraybuffer",
    });
  } catch (error) {
    throw mimeError(error, limits);
  }

  const attachments = email.attachments ?? [];
  return {
    headers: email.headers ?? [],
    from: mailboxesOf(email.from ? [email.from] : [])[0] ?? null,
    resentFrom: resentFromOf(email.headers ?? []),
    to: mailboxesOf(email.to),
    cc: mailboxesOf(email.cc),
    deliveredTo: (email.headers ?? [])
      .filter((h) => h.key === "delivered-to" || h.key === "x-original-to")
      .flatMap((h) => normalizeAddress(h.value) ?? []),
    subject: nullIfEmpty(cleanLine(email.subject ?? "", 300)),
    messageId: nullIfEmpty(cleanLine(email.messageId ?? "", 300).replace(/^<|>$/g, "")),
    date: isoDate(email.date),
    text: cleanText(email.text?.trim() ? email.text : htmlToText(email.html ?? ""), MAX_BODY_CHARS),
    attachedMessages: attachments.filter(isAttachedMessage).slice(0, MAX_ATTACHED_MESSAGES).map(bytesOf),
    calendars: attachments
      .filter(isCalendar)
      .slice(0, MAX_CALENDARS)
      .map((a) => ({ text: decodeCalendar(bytesOf(a)), method: a.method?.toUpperCase() ?? null })),
    partsCounted,
  };
}

function mimeError(error: unknown, limits: ParseLimits): CoffeechatError {
  if (error instanceof CoffeechatError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/nesting depth/i.test(message)) return tooManyParts(limits.maxParts);
  if (/header size/i.test(message)) {
    return new CoffeechatError(ErrorCode.TooLarge, "The message headers are too large; it was not read.", {
      cause: error,
    });
  }
  return new CoffeechatError(ErrorCode.Unparseable, "The message could not be read as email.", {
    cause: error,
  });
}

function mailboxesOf(list: Address[] | undefined): MailboxFact[] {
  const out: MailboxFact[] = [];
  for (const entry of list ?? []) {
    const boxes = entry.group ?? [entry];
    for (const box of boxes) {
      const address = normalizeAddress(box.address);
      if (address) out.push({ address, name: box.name?.trim() || null });
      if (out.length >= 100) return out;
    }
  }
  return out;
}

function resentFromOf(headers: Header[]): MailboxFact | null {
  const header = headers.find((h) => h.key === "resent-from");
  if (!header) return null;
  try {
    return mailboxesOf(addressParser(header.value, { flatten: true }))[0] ?? null;
  } catch {
    return null;
  }
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function isAttachedMessage(a: Attachment): boolean {
  return (
    a.mimeType === "message/rfc822" || a.mimeType === "message/global" || /\.eml$/i.test(a.filename ?? "")
  );
}

function isCalendar(a: Attachment): boolean {
  return (
    a.mimeType === "text/calendar" ||
    a.mimeType === "application/ics" ||
    a.mimeType === "text/x-vcalendar" ||
    /\.(ics|vcs)$/i.test(a.filename ?? "")
  );
}

function bytesOf(a: Attachment): Uint8Array {
  const c = a.content;
  if (typeof c === "string") return new TextEncoder().encode(c);
  return c instanceof Uint8Array ? c : new Uint8Array(c);
}

/** Calendars are UTF-8 by the standard; old exports are Latin-1, read as Windows-1252. */
function decodeCalendar(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
