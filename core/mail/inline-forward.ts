import EmailForwardParser, { type EmailForwardMailbox } from "email-forward-parser";
import { normalizeAddress } from "./addresses.js";

/** One parser for the process, built on first use: building one compiles its many patterns (about 1 ms). */
let forwardParser: EmailForwardParser | undefined;

export interface MailboxFact {
  address: string;
  name: string | null;
}

/** The original message quoted in a body by a client's "Forward" button. */
export interface InlineForward {
  /** What the forwarding person wrote above the forwarded part. */
  message: string | null;
  from: MailboxFact | null;
  to: MailboxFact[];
  cc: MailboxFact[];
  subject: string | null;
  /** The date as the client printed it ("25 October 2021 at 11:17:21 EEST"). */
  date: string | null;
  body: string;
}

/** The forward parser runs plain RegExps (no RE2 here): only this much text reaches it. */
const MAX_FORWARD_CHARS = 64 * 1024;
/** Forwards of forwards: the innermost one is the original, within this many levels. */
const MAX_INLINE_LEVELS = 6;

function mailboxOf(box: EmailForwardMailbox | null | undefined): MailboxFact | null {
  const address = normalizeAddress(box?.address);
  return address ? { address, name: box?.name?.trim() || null } : null;
}

function mailboxesOf(value: EmailForwardMailbox | EmailForwardMailbox[] | null | undefined): MailboxFact[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((box) => mailboxOf(box) ?? []);
}

function readOnce(body: string, subject: string | null): InlineForward | null {
  let result: ReturnType<EmailForwardParser["read"]>;
  try {
    forwardParser ??= new EmailForwardParser();
    result = forwardParser.read(body.slice(0, MAX_FORWARD_CHARS), subject ?? undefined);
  } catch {
    return null;
  }
  if (!result.forwarded) return null;
  const email = result.email;
  return {
    message: result.message?.trim() || null,
    from: mailboxOf(email.from),
    to: mailboxesOf(email.to),
    cc: mailboxesOf(email.cc),
    subject: email.subject?.trim() || null,
    date: email.date?.trim() || null,
    body: email.body ?? "",
  };
}

/**
 * The innermost inline-forwarded original in a body, with the note written above the
 * outermost forward; null when the body forwards nothing.
 */
export function findInlineForward(body: string, subject: string | null): InlineForward | null {
  const outer = readOnce(body, subject);
  if (!outer) return null;
  let innermost = outer;
  for (let level = 1; level < MAX_INLINE_LEVELS; level++) {
    const next = readOnce(innermost.body, innermost.subject);
    if (!next?.from) break;
    innermost = next;
  }
  return { ...innermost, message: outer.message };
}
