import type { ForwardingConfirmation } from "./forwarding-confirmation.js";

/**
 * What coffeechat understood from one message. The first four fields are the
 * `npm run parse` contract (DESIGN §5); the rest feeds the use cases.
 */
/**
 * `answer`: the innermost forwarded mail was written by the other person to the user (they
 * answered, or wrote first); `outreach`: the last word is the user's.
 */
export type MailKind =
  | "invite"
  | "outreach"
  | "answer"
  | "reply"
  | "command"
  | "automatic"
  | "forwarding-confirmation"
  | "unknown";

/** How a problem about an unreadable calendar attachment starts (the answer leads with it). */
export const UNREADABLE_INVITE = "The attached invite could not be read:";

export interface ContactFacts {
  name: string | null;
  email: string;
  company: string | null;
}

export interface MeetingFacts {
  /** ISO 8601 with offset, in `timeZone`. */
  start: string;
  end: string;
  /** IANA name (Windows names mapped). */
  timeZone: string;
  uid: string;
  sequence: number;
  /** iTIP method, upper case: REQUEST, CANCEL, PUBLISH… */
  method: string;
  location: string | null;
}

export interface ParsedMail {
  kind: MailKind;
  contact: ContactFacts | null;
  meeting: (MeetingFacts & { allDay: boolean; title: string | null }) | null;
  /** What the user wrote above a forward (or the body of a BCC'd mail's intro), trimmed; null if nothing. */
  notes: string | null;

  /** Outer Message-ID header without angle brackets, if any. */
  messageId: string | null;
  /**
   * Stable key of the *original* message (inner Message-ID of a forwarded/attached mail, or a
   * hash of its From/Date/Subject when it has none; the outer Message-ID otherwise):
   * forwarding the same mail twice yields the same key.
   */
  originalKey: string | null;
  /** The outer sender, lower-cased; null when From is missing or ambiguous. */
  from: string | null;
  /** Who redirected the mail (Resent-From), lower-cased: then they, not From, sent it to coffeechat. */
  resentFrom: string | null;
  /** Why From is not trustworthy as one address (several From headers or addresses, encoded tricks). */
  fromProblem: string | null;
  /** The outer sender's display name as written ("Sam Seeker"), when From is trustworthy: the name drafts are signed with. */
  fromName?: string | null;
  subject: string | null;
  /** Date of the original message (ISO), when known. */
  date: string | null;
  /** For `reply` (to reply+<token>@): the token. */
  replyToken: string | null;
  /** For `reply` and `command`: the user's new text only (quotes and signature stripped). */
  commandText: string | null;
  /** Other people on the mail (not the user, not coffeechat, not calendar services), for context. */
  otherPeople: ContactFacts[];
  /** What the mail told us about the contact (their signature, the invite's description), short. */
  contactContext: string | null;
  /** For `automatic`: what showed a machine wrote it ("Auto-Submitted: auto-replied"). */
  automatic: string | null;
  /** For `forwarding-confirmation`: who asked to forward, with the code and link to confirm. */
  forwardingConfirmation: ForwardingConfirmation | null;
  /** Things we could not understand, phrased for the user ("no time zone in the invite; assumed UTC"). */
  problems: string[];
}

export interface ParseOptions {
  /** The user's addresses (lower-case); when empty, the outer From is taken as the user. */
  userAddresses: string[];
  /** coffeechat's own mail domain (`log@<domain>`, `reply+…@<domain>`). */
  mailDomain: string;
  /** The user's IANA zone: a forwarded date printed without a zone is read in it (UTC when absent). */
  timeZone?: string;
  /** Envelope recipients (SES receipt.recipients): how a BCC to log@ or reply+ is seen. */
  recipients?: string[];
  limits?: { maxParts: number; maxHeaderBytes: number; parseBudgetMs: number };
}
