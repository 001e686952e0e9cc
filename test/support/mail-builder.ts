/** Builds realistic test messages (our own fixtures), so each test states only what matters to it. */

export interface InviteOptions {
  uid?: string;
  sequence?: number;
  method?: "REQUEST" | "CANCEL";
  /** Local wall time in `tzid`, e.g. "20261203T150000". */
  start?: string;
  end?: string;
  tzid?: string;
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
  summary?: string;
  location?: string;
}

const NEW_YORK_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:America/New_York",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:-0500",
  "TZOFFSETTO:-0400",
  "TZNAME:EDT",
  "DTSTART:19700308T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:-0400",
  "TZOFFSETTO:-0500",
  "TZNAME:EST",
  "DTSTART:19701101T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

export function inviteIcs(o: InviteOptions = {}): string {
  const organizer = o.organizer ?? { name: "Jane Doe", email: "jane@acme.com" };
  const attendee = o.attendee ?? { name: "Sam User", email: "you@example.com" };
  const tzid = o.tzid ?? "America/New_York";
  const method = o.method ?? "REQUEST";
  return [
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    ...(tzid === "America/New_York" ? NEW_YORK_VTIMEZONE : []),
    "BEGIN:VEVENT",
    `DTSTART;TZID=${tzid}:${o.start ?? "20261203T150000"}`,
    `DTEND;TZID=${tzid}:${o.end ?? "20261203T153000"}`,
    "DTSTAMP:20261125T120000Z",
    `ORGANIZER;CN=${organizer.name}:mailto:${organizer.email}`,
    `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=${attendee.name}:mailto:${attendee.email}`,
    `UID:${o.uid ?? "coffee-jane-1@google.com"}`,
    `SEQUENCE:${o.sequence ?? 0}`,
    `STATUS:${method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
    `SUMMARY:${o.summary ?? "Coffee chat: Jane / Sam"}`,
    `LOCATION:${o.location ?? "https://meet.google.com/abc-defg-hij"}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

/** The user forwards Jane's invite (Gmail style: the original inline, the .ics attached). */
export function forwardedInvite(
  o: InviteOptions & { messageId?: string; from?: string; notes?: string } = {},
): string {
  const from = o.from ?? "you@example.com";
  const ics = inviteIcs(o);
  return [
    `From: Sam User <${from}>`,
    "To: log@coffee.test",
    `Subject: Fwd: Invitation: Coffee chat: Jane / Sam @ Thu Dec 3, 2026 3pm - 3:30pm (EST)`,
    `Message-ID: <${o.messageId ?? "fwd-1@mail.example.com"}>`,
    "Date: Wed, 25 Nov 2026 09:00:00 -0500",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="outer"',
    "",
    "--outer",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    o.notes ?? "Met her at the PyData meetup; she leads the data platform team.",
    "",
    "---------- Forwarded message ---------",
    "From: Jane Doe <jane@acme.com>",
    "Date: Tue, Nov 24, 2026 at 4:12 PM",
    `Subject: Invitation: Coffee chat: Jane / Sam @ Thu Dec 3, 2026 3pm - 3:30pm (EST)`,
    "To: <you@example.com>",
    "",
    "Happy to chat! Looking forward to it.",
    "",
    "Jane Doe",
    "Director of Data Platform, Acme",
    "",
    "--outer",
    `Content-Type: text/calendar; charset=UTF-8; method=${o.method ?? "REQUEST"}`,
    "Content-Transfer-Encoding: 7bit",
    "",
    ics,
    "--outer",
    `Content-Type: application/ics; name="invite.ics"`,
    'Content-Disposition: attachment; filename="invite.ics"',
    "Content-Transfer-Encoding: 7bit",
    "",
    ics,
    "--outer--",
    "",
  ].join("\r\n");
}

/**
 * The user forwards a plain mail (Gmail style, inline): by default one they wrote to Priya; with
 * `byContact` Priya's own mail to them (her answer).
 */
export function forwardedMail(
  o: {
    byContact?: boolean;
    contact?: { name: string; email: string };
    messageId?: string;
    date?: string;
    user?: string;
    body?: string;
  } = {},
): string {
  const user = o.user ?? "you@example.com";
  const contact = o.contact ?? { name: "Priya Shah", email: "priya@initech.io" };
  const writer = o.byContact ? `${contact.name} <${contact.email}>` : `Sam User <${user}>`;
  const reader = o.byContact ? `Sam User <${user}>` : `${contact.name} <${contact.email}>`;
  const id = o.messageId ?? `fwd-${o.byContact ? "answer" : "outreach"}@mail.example.com`;
  return [
    `From: Sam User <${user}>`,
    "To: log@coffee.test",
    `Subject: Fwd: ${o.byContact ? "Re: " : ""}Coffee?`,
    `Message-ID: <${id}>`,
    `Date: ${o.date ?? "Tue, 01 Dec 2026 07:00:00 -0500"}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "---------- Forwarded message ---------",
    `From: ${writer}`,
    `Date: ${o.date ?? "Tue, 01 Dec 2026 06:30:00 -0500"}`,
    `Subject: ${o.byContact ? "Re: " : ""}Coffee?`,
    `To: ${reader}`,
    "",
    o.body ??
      (o.byContact ? "Happy to chat! Next week works." : "Would you have 20 minutes for a coffee chat?"),
    "",
  ].join("\r\n");
}

/** The user writes to person `i` with log@ in BCC: an outreach, whose contact gets two pending nudges. */
export function bccOutreach(i: number): string {
  return [
    "From: Sam User <you@example.com>",
    `To: Person ${i} <person${i}@company${i}.com>`,
    "Bcc: log@coffee.test",
    `Subject: Could we talk for 20 minutes? (${i})`,
    `Message-ID: <outreach-${i}@mail.example.com>`,
    "Date: Wed, 25 Nov 2026 09:00:00 -0500",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    `Hi Person ${i}, I'd love to hear how you got into data engineering.`,
    "",
  ].join("\r\n");
}

/** A reply the user writes to a prompt (Gmail quoting below the command). */
export function replyMail(o: {
  token: string;
  body: string;
  from?: string;
  messageId?: string;
  domain?: string;
}): string {
  return [
    `From: Sam User <${o.from ?? "you@example.com"}>`,
    `To: coffeechat <reply+${o.token}@${o.domain ?? "coffee.test"}>`,
    "Subject: Re: Prep for your coffee with Jane Doe",
    `Message-ID: <${o.messageId ?? "reply-1@mail.example.com"}>`,
    "Date: Wed, 02 Dec 2026 10:00:00 -0500",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    o.body,
    "",
    "On Wed, Dec 2, 2026 at 9:00 AM coffeechat <coffeechat@coffee.test> wrote:",
    "> Prep for your coffee with Jane Doe (Acme)",
    "> done / snooze 3d / skip",
    "",
  ].join("\r\n");
}

export function sesEvent(o: {
  messageId: string;
  recipients?: string[];
  from?: string;
  verdicts?: Partial<Record<"spf" | "dkim" | "dmarc" | "spam" | "virus", string>>;
  timestamp?: string;
}) {
  const v = { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS", ...o.verdicts };
  return {
    Records: [
      {
        eventSource: "aws:ses",
        eventVersion: "1.0",
        ses: {
          mail: {
            timestamp: o.timestamp ?? "2026-11-25T14:00:00.000Z",
            source: o.from ?? "you@example.com",
            messageId: o.messageId,
            destination: o.recipients ?? ["log@coffee.test"],
            headersTruncated: false,
            commonHeaders: {
              from: [`Sam User <${o.from ?? "you@example.com"}>`],
              to: o.recipients ?? ["log@coffee.test"],
            },
          },
          receipt: {
            timestamp: o.timestamp ?? "2026-11-25T14:00:00.000Z",
            processingTimeMillis: 100,
            recipients: o.recipients ?? ["log@coffee.test"],
            spamVerdict: { status: v.spam },
            virusVerdict: { status: v.virus },
            spfVerdict: { status: v.spf },
            dkimVerdict: { status: v.dkim },
            dmarcVerdict: { status: v.dmarc },
            action: {
              type: "Lambda",
              functionArn: "arn:aws:lambda:us-east-1:123456789012:function:inbound",
              invocationType: "Event",
            },
          },
        },
      },
    ],
  };
}
