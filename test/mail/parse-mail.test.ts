import { describe, expect, it } from "vitest";
import { parseFixture } from "./fixture.js";

describe("forwarded mail: the other person is the contact; their own mail to the user is an answer", () => {
  it("reads a Gmail inline forward, the note above it and the signature", async () => {
    const mail = await parseFixture("gmail-inline-forward.eml", { userAddresses: ["sam@gmail.com"] });
    // Jane wrote to the user: she answered (or wrote first).
    expect(mail.kind).toBe("answer");
    expect(mail.contact).toEqual({ name: "Jane Doe", email: "jane@acme.com", company: "Acme Corp" });
    expect(mail.notes).toBe("Met Jane at the PyData meetup, she runs partnerships.");
    expect(mail.subject).toBe("Coffee next week?");
    expect(mail.contactContext).toContain("Director of Partnerships, Acme Corp");
    expect(mail.meeting).toBeNull();
  });

  it("reads an Apple Mail forward", async () => {
    const mail = await parseFixture("apple-forward.eml");
    expect(mail.kind).toBe("answer");
    expect(mail.contact).toEqual({ name: "Bob Roe", email: "bob@initech.io", company: "Initech" });
    expect(mail.notes).toBe("Bob is Jane's referral.");
  });

  it("reads a Thunderbird forward and turns a hyphenated domain into a company name", async () => {
    const mail = await parseFixture("thunderbird-forward.eml");
    expect(mail.contact).toEqual({
      name: "Karl Berg",
      email: "karl@umbrella-corp.de",
      company: "Umbrella Corp",
    });
    expect(mail.notes).toBe("Reached out after his talk.");
    expect(mail.date).toBe("2026-11-24T09:00:00.000Z");
  });

  it("reads a forward-as-attachment, keyed by the original's Message-ID however often it is forwarded", async () => {
    const first = await parseFixture("forward-as-attachment-1.eml");
    const second = await parseFixture("forward-as-attachment-2.eml");
    expect(first.kind).toBe("answer");
    expect(first.contact?.email).toBe("jane@acme.com");
    expect(first.notes).toBe("Forwarding Jane's answer.");
    expect(first.messageId).toBe("attach-fwd-1@gmail.com");
    expect(first.originalKey).toBe("orig-123@mail.acme.com");
    expect(second.messageId).not.toBe(first.messageId);
    expect(second.originalKey).toBe(first.originalKey);
    expect(first.contactContext).toBeNull();
  });

  it("keys an inline forward by the original's sender, date and subject", async () => {
    const a = await parseFixture("invite-seq0.eml");
    const b = await parseFixture("invite-seq1.eml");
    expect(a.originalKey).toMatch(/^fwd-[0-9a-f]{32}$/);
    expect(a.originalKey).not.toBe(b.originalKey);
  });
});

describe("invites", () => {
  it("maps Outlook's Windows zone and prefers the Teams link over 'Microsoft Teams Meeting'", async () => {
    const mail = await parseFixture("outlook-forward-invite.eml");
    expect(mail.kind).toBe("invite");
    expect(mail.contact).toEqual({ name: "Priya Natarajan", email: "priya@globex.com", company: "Globex" });
    expect(mail.meeting).toMatchObject({
      start: "2026-12-03T15:00:00-05:00",
      end: "2026-12-03T15:30:00-05:00",
      timeZone: "America/New_York",
      sequence: 0,
      method: "REQUEST",
      location: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0",
      title: "Coffee chat",
    });
    expect(mail.notes).toBe("She is a hiring manager on the data team.");
    expect(mail.contactContext).toBe("Quick coffee to talk about the data team.");
  });

  it("takes the host from a Calendly-style invite, never the service that sent it", async () => {
    const mail = await parseFixture("calendly-invite.eml", { userAddresses: ["sam@gmail.com"] });
    expect(mail.kind).toBe("invite");
    expect(mail.from).toBe("notifications@calendly.com");
    expect(mail.contact).toEqual({ name: "Maria Garcia", email: "maria@hooli.com", company: "Hooli" });
    expect(mail.otherPeople).toEqual([]);
    expect(mail.meeting?.uid).toBe("calendly-evt-9f2@calendly.com");
  });

  it("reads a Zoom invite with DURATION and the join link as location", async () => {
    const mail = await parseFixture("zoom-invite.eml");
    expect(mail.kind).toBe("invite");
    expect(mail.contact?.email).toBe("ken@vandelay.com");
    expect(mail.meeting).toMatchObject({
      start: "2026-12-07T13:00:00-08:00",
      end: "2026-12-07T13:30:00-08:00",
      timeZone: "America/Los_Angeles",
      location: "https://us02web.zoom.us/j/8123456789?pwd=abcDEF",
    });
    expect(mail.notes).toBe("Ken is an eng manager at Vandelay.");
  });

  it("follows an update and cancel series: same UID, rising SEQUENCE, then CANCEL", async () => {
    const names = ["invite-seq0.eml", "invite-seq1.eml", "invite-seq2-moved.eml", "invite-cancel.eml"];
    const series = await Promise.all(names.map((n) => parseFixture(n)));
    expect(new Set(series.map((m) => m.meeting?.uid))).toEqual(new Set(["coffee-series-42@hooli.com"]));
    expect(series.map((m) => m.meeting?.sequence)).toEqual([0, 1, 2, 3]);
    expect(series.map((m) => m.meeting?.method)).toEqual(["REQUEST", "REQUEST", "REQUEST", "CANCEL"]);
    expect(series.map((m) => m.kind)).toEqual(["invite", "invite", "invite", "invite"]);
    expect(series[2]?.meeting?.start).toBe("2026-12-04T10:00:00-05:00");
    expect(series.every((m) => m.contact?.email === "maria@hooli.com")).toBe(true);
  });
});

describe("BCC, replies and commands", () => {
  it("logs the first To of a mail the user sent with log@ in BCC", async () => {
    const mail = await parseFixture("bcc-sent.eml", {
      userAddresses: ["sam@gmail.com"],
      recipients: ["log@localhost"],
    });
    expect(mail.kind).toBe("outreach");
    expect(mail.contact).toEqual({ name: "Jane Doe", email: "jane@acme.com", company: "Acme" });
    expect(mail.notes).toContain("I'm moving into partnerships");
  });

  it.each([
    ["reply-gmail.eml", "snooze 3d"],
    ["reply-apple.eml", "notes: he suggested I talk to the platform team"],
  ])("takes only the new text of %s", async (name, text) => {
    const mail = await parseFixture(name);
    expect(mail.kind).toBe("reply");
    expect(mail.replyToken).toBe("abcdefghij234567");
    expect(mail.commandText).toBe(text);
    expect(mail.contact).toBeNull();
  });

  it("cuts an Outlook reply at its From/Sent block", async () => {
    const mail = await parseFixture("reply-outlook.eml");
    expect(mail.kind).toBe("reply");
    expect(mail.commandText?.split("\n")[0]).toBe("done");
    expect(mail.commandText).not.toContain("Here is a draft");
  });

  it("sees the reply token in the envelope when the header does not show it", async () => {
    const mail = await parseFixture("command.eml", { recipients: ["reply+zzzzzzzzzzzz@localhost"] });
    expect(mail.kind).toBe("reply");
    expect(mail.replyToken).toBe("zzzzzzzzzzzz");
  });

  it("reads a mail to log@ alone as a command without its signature", async () => {
    const mail = await parseFixture("command.eml");
    expect(mail.kind).toBe("command");
    expect(mail.commandText).toBe("tz Europe/Berlin");
  });

  it("does not take a mail from someone else than the user as a command", async () => {
    const mail = await parseFixture("command.eml", { userAddresses: ["someone@else.com"] });
    expect(mail.kind).toBe("unknown");
    expect(mail.problems.length).toBeGreaterThan(0);
  });
});

describe("hostile and odd input", () => {
  it("keeps HTML in names as text and strips CR/LF from names and subjects", async () => {
    const mail = await parseFixture("hostile-names.eml");
    expect(mail.contact?.name).toBe("<img src=x onerror=alert(1)>");
    expect(mail.subject).toBe("hi Bcc: x@y");
    const crlf = await parseFixture("hostile-crlf-name.eml");
    expect(crlf.contact?.email).toBe("jane@acme.com");
    expect(crlf.contact?.name).not.toMatch(/[\r\n]/);
    for (const value of [mail.subject, crlf.contact?.name, crlf.subject]) expect(value).not.toMatch(/[\r\n]/);
  });

  it("decodes ISO-8859-1 and windows-1257 headers and bodies", async () => {
    const latin1 = await parseFixture("charset-latin1.eml", { userAddresses: ["sam@gmail.com"] });
    expect(latin1.subject).toBe("Café");
    expect(latin1.from).toBe("renee@lumon.fr");
    const baltic = await parseFixture("charset-windows-1257.eml");
    expect(baltic.subject).toBe("Susitikimas četvirtadienį");
    expect(baltic.notes).toBe("Labas, susitikime četvirtadienį.");
  });

  it("survives unknown charsets, UTF-7, NUL bytes and broken encoded words", async () => {
    const mail = await parseFixture("charset-unknown-utf7-broken.eml");
    expect(mail.from).toBe("mystery@example.net");
    expect(mail.date).toBeNull();
    expect(mail.notes ?? "").not.toContain("\u0000");
  });

  it.each([
    ["from-two-headers.eml", /more than one From/],
    ["from-two-addresses.eml", /several addresses/],
    ["from-name-shows-other-address.eml", /shows another address/],
    ["from-encoded-name-address.eml", /shows another address/],
    ["from-encoded-address.eml", /no address|encoded/],
  ])("refuses an ambiguous From in %s", async (name, reason) => {
    const mail = await parseFixture(name);
    expect(mail.from).toBeNull();
    expect(mail.fromProblem).toMatch(reason);
    expect(mail.kind).not.toBe("command");
  });
});
