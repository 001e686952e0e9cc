import { defaultLimits } from "../config.js";
import { CoffeechatError, ErrorCode } from "../errors.js";
import { sha256 } from "../ids.js";
import type { InviteFacts } from "../invite/parse-invite.js";
import {
  companyFromAddress,
  displayName,
  isCalendarService,
  isCoffeechatAddress,
  normalizeAddress,
  replyTokenOf,
} from "./addresses.js";
import { automaticReason } from "./automatic.js";
import { readForwardingConfirmation } from "./forwarding-confirmation.js";
import { checkFrom } from "./from-check.js";
import { findInlineForward, type InlineForward, type MailboxFact } from "./inline-forward.js";
import { ParseBudget, type ParseLimits } from "./limits.js";
import {
  type ContactFacts,
  type MailKind,
  type ParsedMail,
  type ParseOptions,
  UNREADABLE_INVITE,
} from "./parsed-mail.js";
import { readPrintedDate } from "./printed-date.js";
import { newText, userNote } from "./quotes.js";
import { type MessageView, readMessage } from "./read-message.js";
import {
  companyFromSignature,
  contextFromDescription,
  contextFromSignature,
  signatureBlock,
} from "./signature.js";
import { cleanLine, nullIfEmpty } from "./text.js";

/** Forwarded-as-attachment messages are followed this deep; deeper nesting is refused. */
const MAX_FORWARD_DEPTH = 8;
const MAX_CALENDARS_TRIED = 6;
const MAX_OTHER_PEOPLE = 20;

/** The message that was forwarded (or the mail itself when nothing was). */
interface Original {
  how: "attached" | "inline" | "none";
  from: MailboxFact | null;
  to: MailboxFact[];
  cc: MailboxFact[];
  subject: string | null;
  date: string | null;
  messageId: string | null;
  text: string;
}

interface ForwardChain {
  /** Outer message first, then each attached message inside the one before. */
  views: MessageView[];
  original: Original;
  /** What the user wrote above the forward. */
  notes: string | null;
}

/**
 * Raw RFC 5322 bytes → what coffeechat understood. Throws CoffeechatError only for mail over
 * a limit (`mail.too_many_parts`, `mail.too_large`, `mail.parse_budget`) or that is not mail
 * at all (`mail.unparseable`); anything else not understood becomes a `problems` sentence.
 */
export async function parseMail(raw: Uint8Array, options: ParseOptions): Promise<ParsedMail> {
  const limits: ParseLimits = options.limits ?? defaultLimits;
  const budget = new ParseBudget(limits.parseBudgetMs);
  const mailDomain = options.mailDomain.trim().toLowerCase();
  const problems: string[] = [];

  const outer = await readMessage(raw, limits);
  budget.check();

  const fromCheck = checkFrom(outer.headers);
  const from = fromCheck.problem ? null : fromCheck.address;
  const isOurs = (a: string) => isCoffeechatAddress(a, mailDomain);
  const headerRecipients = [...outer.to, ...outer.cc].map((m) => m.address);
  const recipients = options.recipients
    ? options.recipients.flatMap((a) => normalizeAddress(a) ?? [])
    : headerRecipients;

  const replyToken = firstOf([...recipients, ...headerRecipients, ...outer.deliveredTo], replyTokenOf);
  const resentFrom = outer.resentFrom?.address ?? null;
  const chain = await followForwards(outer, limits, budget, problems, options.timeZone ?? "UTC");
  // A redirect (Resent-From) hands the mail on unchanged: it is the resender's forward.
  const forwarded = chain.original.how !== "none" || resentFrom !== null;
  const invite = await findInvite(chain.views, budget, problems);

  const users = new Set(options.userAddresses.flatMap((a) => normalizeAddress(a) ?? []));
  // No user known: whoever sent it to coffeechat is the user, whatever their role in an invite.
  const sender = resentFrom ?? from;
  if (users.size === 0 && sender) users.add(sender);
  const isUser = (a: string) => users.has(a);
  const isPerson = (a: string) => !isUser(a) && !isOurs(a) && !isCalendarService(a);
  const confirmation = readForwardingConfirmation(outer.headers, from, outer.subject, outer.text, isOurs);
  const automatic = confirmation ? null : automaticReason(outer.headers, from, outer.subject);

  const isInvite = invite !== null && isMeetingInvite(invite, isPerson, isUser, problems);

  const signature = signatureBlock(chain.original.text);
  const named = namesOnMail(chain.views, chain.original);
  const contactOf = (address: string, name: string | null, fromSignature: boolean): ContactFacts => ({
    name: displayName(name, address) ?? displayName(named.get(address), address),
    email: address,
    company:
      (fromSignature ? companyFromSignature(signature) : null) ?? companyFromAddress(address, mailDomain),
  });

  let kind: MailKind = "unknown";
  let contact: ContactFacts | null = null;
  let notes: string | null = null;
  let commandText: string | null = null;
  let contactContext: string | null = null;

  if (confirmation) {
    kind = "forwarding-confirmation";
  } else if (automatic && !isInvite) {
    // Never a command, even to a reply+ address: an out-of-office must not be answered.
    kind = "automatic";
  } else if (replyToken) {
    kind = "reply";
    // A List-Unsubscribe mailto arrives as an empty mail whose subject is the command.
    commandText = nullIfEmpty(newText(outer.text)) ?? nullIfEmpty(commandInSubject(outer.subject));
  } else if (isInvite && invite) {
    kind = "invite";
    const host = [invite.organizer, ...invite.attendees].find((p) => p !== null && isPerson(p.email)) ?? null;
    // An invite that names nobody (some servers leave ORGANIZER out): the mail's own people.
    const correspondent = host ? null : personIn(chain.original, isPerson);
    if (host) contact = contactOf(host.email, host.name, host.email === chain.original.from?.address);
    else if (correspondent) contact = contactOf(correspondent.address, correspondent.name, false);
    else problems.push("I could not tell who the meeting is with: the invite names only you.");
    // When the user organised it, the invite's description is their own words: a note, not the contact's.
    const userOrganised = invite.organizer !== null && isUser(invite.organizer.email);
    notes =
      chain.notes ??
      (userOrganised
        ? (contextFromDescription(invite.description) ?? ownInvitationNote(outer, forwarded))
        : null);
    contactContext =
      (userOrganised ? null : contextFromDescription(invite.description)) ??
      (contact && contact.email === chain.original.from?.address ? contextFromSignature(signature) : null);
  } else if (forwarded) {
    const original = chain.original;
    const person = personIn(original, isPerson);
    if (person) {
      const wroteIt = person.address === original.from?.address;
      const toUser = [...original.to, ...original.cc].some((m) => isUser(m.address));
      kind = wroteIt && toUser ? "answer" : "outreach";
      contact = contactOf(person.address, person.name, wroteIt);
      contactContext = wroteIt ? contextFromSignature(signature) : null;
    } else {
      problems.push("I could not find who the forwarded mail was with.");
    }
    notes = chain.notes;
  } else if (from && isUser(from)) {
    const others = [...outer.to, ...outer.cc].filter((m) => isPerson(m.address));
    const person = others[0];
    if (person) {
      kind = "outreach";
      contact = contactOf(person.address, person.name, false);
      // The same note as above a forward: the user's words whole, quotes and signature removed.
      notes = userNote(outer.text);
    } else if (!hasUnreadableInvite(problems) && [...recipients, ...headerRecipients].some(isOurs)) {
      // (A note beside an unreadable invite is not a command: the answer says what could not be read.)
      kind = "command";
      commandText = nullIfEmpty(newText(outer.text)) ?? nullIfEmpty(commandInSubject(outer.subject));
    }
  }
  if (invite && invite.problems.length > 0 && kind === "invite") problems.push(...invite.problems);
  if (kind === "invite" && invite?.recurring)
    problems.push("The invite repeats; I logged only its first meeting.");
  if (kind === "unknown" && problems.length === 0) {
    problems.push(
      from && !isUser(from)
        ? "The mail was not sent by you, and it forwards nothing I could read."
        : "I could not find a forwarded mail, an invite or a command in this message.",
    );
  }

  return {
    kind,
    contact,
    meeting:
      kind === "invite" && invite
        ? {
            start: invite.start,
            end: invite.end,
            timeZone: invite.timeZone,
            uid: invite.uid,
            sequence: invite.sequence,
            method: invite.method,
            location: invite.location,
            allDay: invite.allDay,
            title: invite.title,
          }
        : null,
    notes,
    messageId: outer.messageId,
    originalKey: originalKeyOf(chain.original, outer),
    from,
    resentFrom,
    fromProblem: fromCheck.problem,
    fromName: fromCheck.problem ? null : fromCheck.name,
    subject: chain.original.subject ?? outer.subject,
    date: chain.original.date ?? outer.date,
    replyToken,
    commandText: commandText ? commandText.slice(0, 2000) : null,
    otherPeople: otherPeopleOf(chain, invite, contact, isPerson, (m) => contactOf(m.address, m.name, false)),
    contactContext,
    automatic: kind === "automatic" ? automatic : null,
    forwardingConfirmation: confirmation,
    problems: [...new Set(problems)],
  };
}

/**
 * What the user wrote in the body of an invitation they sent themselves (Apple Calendar, Outlook),
 * when its event has no description. A calendar service's own invitation text (Google sends on
 * the organizer's behalf, Sender: calendar-notification@google.com) is nobody's words.
 */
function ownInvitationNote(outer: MessageView, forwarded: boolean): string | null {
  if (forwarded) return null;
  const sender = outer.headers.find((h) => h.key === "sender")?.value ?? "";
  const senderAddress = /<([^<>\s]+)>/.exec(sender)?.[1] ?? sender.trim();
  if (senderAddress && isCalendarService(senderAddress.toLowerCase())) return null;
  return contextFromDescription(userNote(outer.text));
}

function hasUnreadableInvite(problems: string[]): boolean {
  return problems.some((p) => p.startsWith(UNREADABLE_INVITE));
}

/** The original's sender when that is the other person, else its first other recipient. */
function personIn(original: Original, isPerson: (a: string) => boolean): MailboxFact | null {
  return (
    [original.from, ...original.to, ...original.cc].find((m) => m !== null && isPerson(m.address)) ?? null
  );
}

function firstOf<T>(items: string[], pick: (item: string) => T | null): T | null {
  for (const item of items) {
    const value = pick(item);
    if (value !== null) return value;
  }
  return null;
}

async function followForwards(
  outer: MessageView,
  limits: ParseLimits,
  budget: ParseBudget,
  problems: string[],
  timeZone: string,
): Promise<ForwardChain> {
  const views = [outer];
  let current = outer;
  for (let depth = 1; current.attachedMessages[0]; depth++) {
    if (depth > MAX_FORWARD_DEPTH) {
      throw new CoffeechatError(
        ErrorCode.TooManyParts,
        `The message nests forwarded mails more than ${MAX_FORWARD_DEPTH} deep; it was not read.`,
      );
    }
    let inner: MessageView;
    try {
      inner = await readMessage(current.attachedMessages[0], limits, current.partsCounted);
    } catch (error) {
      if (error instanceof CoffeechatError && error.code !== ErrorCode.Unparseable) throw error;
      problems.push("A forwarded message attached to the mail could not be read.");
      break;
    }
    budget.check();
    views.push(inner);
    current = inner;
  }

  const inline = current.text ? findInlineForward(current.text, current.subject) : null;
  budget.check();
  const attachedNotes = views.length > 1 ? userNote(outer.text) : null;
  if (inline) {
    return {
      views,
      original: inlineOriginal(inline, timeZone),
      notes: views.length > 1 ? attachedNotes : userNote(inline.message),
    };
  }
  if (views.length > 1) {
    return {
      views,
      original: originalOf("attached", current),
      notes: attachedNotes,
    };
  }
  return { views, original: originalOf("none", outer), notes: null };
}

function originalOf(how: "attached" | "none", view: MessageView): Original {
  const { from, to, cc, subject, date, messageId, text } = view;
  return { how, from, to, cc, subject, date, messageId, text };
}

function inlineOriginal(inline: InlineForward, timeZone: string): Original {
  return {
    how: "inline",
    from: inline.from,
    to: inline.to,
    cc: inline.cc,
    subject: nullIfEmpty(cleanLine(inline.subject ?? "", 300)),
    date: readPrintedDate(inline.date, timeZone),
    messageId: null,
    text: inline.body,
  };
}

/** The first calendar that reads as an event: the innermost message first, method-bearing parts first. */
async function findInvite(
  views: MessageView[],
  budget: ParseBudget,
  problems: string[],
): Promise<InviteFacts | null> {
  const parts = [...views]
    .reverse()
    .flatMap((v) => [...v.calendars].sort((a, b) => Number(b.method !== null) - Number(a.method !== null)))
    .slice(0, MAX_CALENDARS_TRIED);
  if (parts.length === 0) return null;
  // Only mail with a calendar part loads the iCalendar parser (ical.js): replies and plain forwards never do.
  const { parseInvite } = await import("../invite/parse-invite.js");
  for (const part of parts) {
    const facts = await parseInvite(part.text, { methodHint: part.method });
    budget.check();
    if (facts) return facts;
  }
  problems.push(`${UNREADABLE_INVITE} ${whyUnreadable(parts[0]?.text ?? "")}`);
  return null;
}

/** Why a calendar part held no event, in the user's words. */
function whyUnreadable(text: string): string {
  if (!/BEGIN:VCALENDAR/i.test(text)) return "it is not a calendar file (no BEGIN:VCALENDAR).";
  if (!/BEGIN:VEVENT/i.test(text)) return "it holds no event.";
  if (!/END:VCALENDAR/i.test(text)) return "the file is cut off before its end.";
  return "its event has no start time I could read.";
}

/**
 * REQUEST and CANCEL are invitations. A PUBLISH is one only when it is a single event that a
 * person organises with someone else; booking confirmations and calendar exports are not.
 */
function isMeetingInvite(
  invite: InviteFacts,
  isPerson: (a: string) => boolean,
  isUser: (a: string) => boolean,
  problems: string[],
): boolean {
  if (invite.method === "REQUEST" || invite.method === "CANCEL") return true;
  if (invite.method === "PUBLISH") {
    const organizer = invite.organizer?.email;
    const guests = invite.attendees.filter((a) => a.email !== organizer);
    if (
      invite.eventCount === 1 &&
      organizer &&
      (isPerson(organizer) || isUser(organizer)) &&
      guests.length > 0
    ) {
      return true;
    }
    problems.push(
      "The calendar in this mail is a published event (such as a booking confirmation), not an invitation from a person; I did not log a meeting.",
    );
    return false;
  }
  problems.push(
    `The calendar in this mail is an ${invite.method} (an answer about an invitation), not an invitation; I did not log a meeting.`,
  );
  return false;
}

/** Display names seen in the mail's headers, for an invite attendee the calendar names without one. */
function namesOnMail(views: MessageView[], original: Original): Map<string, string> {
  const names = new Map<string, string>();
  const boxes = [
    original.from,
    ...original.to,
    ...original.cc,
    ...views.flatMap((v) => [v.from, ...v.to, ...v.cc]),
  ];
  for (const box of boxes) {
    if (box?.name && !names.has(box.address)) names.set(box.address, box.name);
  }
  return names;
}

function originalKeyOf(original: Original, outer: MessageView): string | null {
  if (original.how === "none") return outer.messageId;
  if (original.messageId) return original.messageId;
  const fingerprint = [original.from?.address ?? "", original.date ?? "", original.subject ?? ""]
    .join("\n")
    .toLowerCase();
  return `fwd-${sha256(fingerprint).slice(0, 32)}`;
}

function commandInSubject(subject: string | null): string {
  return (subject ?? "").replace(/^((re|fwd?|aw|tr|wg)\s*:\s*)+/i, "");
}

function otherPeopleOf(
  chain: ForwardChain,
  invite: InviteFacts | null,
  contact: ContactFacts | null,
  isPerson: (a: string) => boolean,
  describe: (m: MailboxFact) => ContactFacts,
): ContactFacts[] {
  const original = chain.original;
  const outer = chain.views[0];
  const boxes: MailboxFact[] = [
    ...[original.from, ...original.to, ...original.cc].filter((m): m is MailboxFact => m !== null),
    ...(invite ? [invite.organizer, ...invite.attendees] : [])
      .filter((p) => p !== null)
      .map((p) => ({ address: p.email, name: p.name })),
    ...(original.how === "none" && outer ? [...outer.to, ...outer.cc] : []),
  ];
  const seen = new Set<string>(contact ? [contact.email] : []);
  const people: ContactFacts[] = [];
  for (const box of boxes) {
    if (seen.has(box.address) || !isPerson(box.address)) continue;
    seen.add(box.address);
    people.push(describe(box));
    if (people.length >= MAX_OTHER_PEOPLE) break;
  }
  return people;
}
