import { describe, expect, it } from "vitest";
import { parseMail } from "../../core/mail/parse-mail.js";
import { readPrintedDate } from "../../core/mail/printed-date.js";
import { fixture, parseFixture } from "./fixture.js";

describe("the user in every role; the contact is always the other person", () => {
  it("organizer on Google Calendar with log@ on the guest list: the guest is the contact, the description the note", async () => {
    const mail = await parseFixture("google-organizer-log-guest.eml");
    expect(mail.kind).toBe("invite");
    expect(mail.contact).toEqual({ name: "Jane Doe", email: "jane@acme.com", company: "Acme" });
    expect(mail.notes).toBe(
      "Jane moved from consulting into partnerships two years ago; ask how she made the switch.",
    );
    expect(mail.contactContext).toBeNull();
    expect(mail.otherPeople).toEqual([]);
  });

  it("organizer in Outlook (Windows zone) who forwards the invite: no Original Appointment block in the note", async () => {
    const mail = await parseFixture("outlook-organizer-forward.eml", { userAddresses: ["sam@outlook.com"] });
    expect(mail.kind).toBe("invite");
    expect(mail.contact).toEqual({ name: "Priya Natarajan", email: "priya@globex.com", company: "Globex" });
    expect(mail.meeting).toMatchObject({ timeZone: "Europe/Berlin", start: "2026-12-03T15:00:00+01:00" });
    expect(mail.notes).toBe("Priya leads the Berlin analytics team; ask about the reorg.");
  });

  it("organizer in Apple Calendar with log@ as a guest: the mail's own words are the note", async () => {
    const mail = await parseFixture("apple-calendar-organizer.eml");
    expect(mail.kind).toBe("invite");
    expect(mail.contact).toEqual({
      name: "Amir Haddad",
      email: "amir@pied-piper.com",
      company: "Pied Piper",
    });
    expect(mail.meeting).toMatchObject({
      start: "2026-12-03T08:30:00-08:00",
      location: "Blue Bottle Coffee, Palo Alto",
    });
    expect(mail.notes).toBe(
      "Amir built the compression team at Pied Piper; bring questions about hiring juniors.",
    );
  });

  it("organizer in Thunderbird, forwarded with a German separator", async () => {
    const mail = await parseFixture("thunderbird-organizer-forward-de.eml");
    expect(mail.contact).toEqual({ name: "Lena Vogel", email: "lena@initech.de", company: "Initech" });
    expect(mail.notes).toBe("Lena leitet das Data-Team bei Initech Berlin.");
  });

  it("organizer of a Zoom meeting with log@ as a guest: Zoom's join block is not a note", async () => {
    const mail = await parseFixture("zoom-organizer-log-guest.eml");
    expect(mail.kind).toBe("invite");
    expect(mail.contact?.email).toBe("ken@vandelay.com");
    expect(mail.notes).toBe(
      "Ken, thanks for making time. I'd love to hear how you moved from QA into engineering management.",
    );
  });

  it("host of a Calendly booking, forwarded: the invitee is the contact, never Calendly", async () => {
    const mail = await parseFixture("calendly-host-forward.eml");
    expect(mail.contact).toEqual({ name: "Maria Garcia", email: "maria@hooli.com", company: "Hooli" });
    expect(mail.notes).toBe("Maria booked through my Calendly link; she's a PM at Hooli.");
  });

  it("attendee of a Teams meeting, forwarded: the organizer is the contact and the long join link stays whole", async () => {
    const mail = await parseFixture("teams-long-link-forward.eml");
    expect(mail.contact?.email).toBe("wei@contoso.com");
    expect(mail.meeting?.timeZone).toBe("America/Los_Angeles");
    expect(mail.meeting?.location).toMatch(/deeplinkId=8f2c1d3e-4b5a-6978-8a9b-0c1d2e3f4a5b$/);
    expect(mail.notes).toBe("Wei runs the search team.");
  });

  it("resender: an Apple Mail redirect is the user's forward, with the original's writer as contact", async () => {
    const mail = await parseFixture("apple-redirect.eml");
    expect(mail.resentFrom).toBe("sam@icloud.com");
    expect(["outreach", "answer"]).toContain(mail.kind);
    expect(mail.contact).toEqual({ name: "Bob Roe", email: "bob@initech.io", company: "Initech" });
    expect(mail.notes).toBeNull();
  });

  it("sender with log@ in BCC of an Outlook reply in German: only the user's words are the note", async () => {
    const mail = await parseFixture("bcc-reply-quoted-de.eml", { recipients: ["log@localhost"] });
    expect(mail.kind).toBe("outreach");
    expect(mail.contact?.email).toBe("karl@umbrella-corp.de");
    expect(mail.notes).toBe("Hallo Karl, Donnerstag passt mir gut.");
  });

  it("sender with log@ in BCC of a long mail: the user's words whole, the link in them uncut", async () => {
    const mail = await parseFixture("bcc-long-with-link.eml", { recipients: ["log@localhost"] });
    expect(mail.kind).toBe("outreach");
    expect(mail.notes).toContain(
      "https://docs.example.com/d/1a2b3c4d5e6f7g8h9i0j/partner-programs-what-i-learned-from-twelve-interviews-2026-edition?usp=sharing",
    );
    expect(mail.notes?.endsWith("Thanks,\nSam")).toBe(true);
  });

  it("forwarder with Outlook's -----Original Message-----: the note stops above it", async () => {
    const mail = await parseFixture("outlook-original-message-forward.eml");
    // Ken wrote to the user: forwarded, that is his answer (DESIGN §5).
    expect(mail.kind).toBe("answer");
    expect(mail.contact?.email).toBe("ken@vandelay.com");
    expect(mail.notes).toBe("Met Ken at the meetup; he offered to intro me to his manager.");
  });
});

describe("coffeechat's own addresses at any domain", () => {
  it("reads a mail to log@ at another domain as a command, not an outreach to coffeechat", async () => {
    const mail = await parseFixture("command-other-domain.eml");
    expect(mail.kind).toBe("command");
    expect(mail.contact).toBeNull();
  });

  it("reads a mail to reply+… at another domain as a reply", async () => {
    const mail = await parseFixture("reply-other-domain.eml");
    expect(mail.kind).toBe("reply");
    expect(mail.replyToken).toBe("abcdefghij234567");
  });
});

describe("machines and providers", () => {
  it("takes an out-of-office to a reply+ address as automatic, never as a reply", async () => {
    const mail = await parseFixture("auto-reply-to-reply.eml");
    expect(mail.kind).toBe("automatic");
    expect(mail.automatic).toMatch(/Auto-Submitted/);
    expect(mail.commandText).toBeNull();
  });

  it("reads Gmail's forwarding confirmation: who asked, the code and the whole link", async () => {
    const mail = await parseFixture("gmail-forwarding-confirmation.eml");
    expect(mail.kind).toBe("forwarding-confirmation");
    expect(mail.contact).toBeNull();
    expect(mail.forwardingConfirmation).toEqual({
      requester: "sam@gmail.com",
      code: "58213744",
      link: "https://mail-settings.google.com/mail/vf-%5BANGjdJ9_kQ2mZr8TcPaY3vLs0WfXn7BoEu4HiGd1KxJtNyq6Re5SpUw%5D-Zq3Vd7x2Lm9Pt4Yb8Nc6Hf0Ks",
    });
  });

  it("does not believe a forwarding confirmation written by anyone else than the provider", async () => {
    const raw = new TextDecoder()
      .decode(fixture("gmail-forwarding-confirmation.eml"))
      .replace("From: Gmail Team <forwarding-noreply@google.com>", "From: Mallory <mallory@evil.example>");
    const mail = await parseMail(new TextEncoder().encode(raw), {
      userAddresses: [],
      mailDomain: "localhost",
    });
    expect(mail.kind).not.toBe("forwarding-confirmation");
  });
});

describe("unreadable parts and times", () => {
  it("says the attached invite could not be read instead of running the note as a command", async () => {
    const mail = await parseFixture("broken-ics-note.eml");
    expect(mail.kind).toBe("unknown");
    expect(mail.commandText).toBeNull();
    expect(mail.problems[0]).toMatch(/^The attached invite could not be read: .+/);
  });

  it("reads a forwarded Date printed without a zone in the user's zone", async () => {
    const mail = await parseFixture("outlook-original-message-forward.eml", {
      timeZone: "America/Los_Angeles",
    });
    expect(mail.date).toBe("2026-11-24T17:00:00.000Z"); // 9:00 AM Pacific
    const inBerlin = await parseFixture("outlook-organizer-forward.eml", { timeZone: "Europe/Berlin" });
    expect(inBerlin.date).toBe("2026-11-24T16:10:00.000Z"); // 5:10 PM Berlin
  });

  it.each([
    ["Tuesday, November 24, 2026 9:00 AM", "Asia/Tokyo", "2026-11-24T00:00:00.000Z"],
    ["Tue, Nov 24, 2026 at 9:00 AM", "America/New_York", "2026-11-24T14:00:00.000Z"],
    ["Tue, 24 Nov 2026 09:00:00 +0200", "America/New_York", "2026-11-24T07:00:00.000Z"],
    ["Tue, 24 Nov 2026 09:00:00 GMT", "Asia/Tokyo", "2026-11-24T09:00:00.000Z"],
    ["Tue, 24 Nov 2026 09:00:00 PST", "Asia/Tokyo", "2026-11-24T17:00:00.000Z"],
    ["Sat, 24 Oct 2026 09:00", "Europe/Berlin", "2026-10-24T07:00:00.000Z"],
    ["not a date", "UTC", null],
  ])("reads %s in %s", (printed, zone, iso) => {
    expect(readPrintedDate(printed, zone)).toBe(iso);
  });
});
