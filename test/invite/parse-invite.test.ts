import { describe, expect, it } from "vitest";
import { parseInvite } from "../../core/invite/parse-invite.js";
import { ianaZoneFor } from "../../core/invite/time-zones.js";

function calendar(event: string, extra = "", method = "REQUEST"): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `METHOD:${method}`,
    extra,
    "BEGIN:VEVENT",
    "UID:abc-1@example.com",
    'ORGANIZER;CN="Jane Doe":mailto:Jane@Acme.com',
    "ATTENDEE;CN=Sam:mailto:sam@gmail.com",
    event,
    "END:VEVENT",
    "END:VCALENDAR",
  ]
    .filter(Boolean)
    .join("\r\n");
}

describe("parseInvite", () => {
  it("reads times in the event's IANA zone with its offset", async () => {
    const facts = await parseInvite(
      calendar(
        "DTSTART;TZID=Europe/Berlin:20260702T150000\r\nDTEND;TZID=Europe/Berlin:20260702T153000\r\nSEQUENCE:4\r\nSUMMARY:Coffee",
      ),
    );
    expect(facts).toMatchObject({
      method: "REQUEST",
      uid: "abc-1@example.com",
      sequence: 4,
      start: "2026-07-02T15:00:00+02:00",
      end: "2026-07-02T15:30:00+02:00",
      timeZone: "Europe/Berlin",
      allDay: false,
      title: "Coffee",
      organizer: { name: "Jane Doe", email: "jane@acme.com" },
      attendees: [{ name: "Sam", email: "sam@gmail.com" }],
    });
  });

  it("maps Windows zone names, including Lotus Notes' short form", async () => {
    expect(await ianaZoneFor("FLE Standard Time")).toBe("Europe/Helsinki");
    expect(await ianaZoneFor("FLE")).toBe("Europe/Helsinki");
    expect(await ianaZoneFor("W. Europe Standard Time")).toBe("Europe/Berlin");
    expect(await ianaZoneFor("(UTC-05:00) Eastern Time (US & Canada)")).toBe("America/New_York");
    expect(await ianaZoneFor("/mozilla.org/20050126_1/Europe/Paris")).toBe("Europe/Paris");
    expect(await ianaZoneFor("Customized Time Zone")).toBeNull();
  });

  it("reads an Outlook invite whose TZID is a Windows zone name (the lazily loaded table)", async () => {
    const facts = await parseInvite(
      calendar(
        "DTSTART;TZID=W. Europe Standard Time:20260702T150000\r\nDTEND;TZID=W. Europe Standard Time:20260702T160000",
        "X-WR-TIMEZONE:Eastern Standard Time",
      ),
    );
    expect(facts).toMatchObject({
      start: "2026-07-02T15:00:00+02:00",
      end: "2026-07-02T16:00:00+02:00",
      timeZone: "Europe/Berlin",
      problems: [],
    });
    const utc = await parseInvite(
      calendar("DTSTART:20260702T130000Z", "X-WR-TIMEZONE:Eastern Standard Time"),
    );
    expect(utc).toMatchObject({ start: "2026-07-02T09:00:00-04:00", timeZone: "America/New_York" });
  });

  it("uses the VTIMEZONE's offset for a custom zone and says so", async () => {
    const vtimezone = [
      "BEGIN:VTIMEZONE",
      "TZID:Customized Time Zone",
      "BEGIN:STANDARD",
      "DTSTART:16010101T020000",
      "TZOFFSETFROM:-0400",
      "TZOFFSETTO:-0500",
      "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
      "END:STANDARD",
      "BEGIN:DAYLIGHT",
      "DTSTART:16010101T020000",
      "TZOFFSETFROM:-0500",
      "TZOFFSETTO:-0400",
      "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
      "END:DAYLIGHT",
      "END:VTIMEZONE",
    ].join("\r\n");
    const facts = await parseInvite(
      calendar(
        "DTSTART;TZID=Customized Time Zone:20260715T100000\r\nDTEND;TZID=Customized Time Zone:20260715T110000",
        vtimezone,
      ),
    );
    expect(facts?.start).toBe("2026-07-15T10:00:00-04:00");
    expect(facts?.timeZone).toBe("Etc/GMT+4");
    expect(facts?.problems.join(" ")).toMatch(/Customized Time Zone.*offset/);
  });

  it("assumes UTC for an unknown zone without a definition, and for floating times, and says so", async () => {
    const unknown = await parseInvite(
      calendar("DTSTART;TZID=Mars/Olympus_Mons:20260715T100000\r\nDURATION:PT45M"),
    );
    expect(unknown?.timeZone).toBe("UTC");
    expect(unknown?.end).toBe("2026-07-15T10:45:00Z");
    expect(unknown?.problems.join(" ")).toMatch(/not one I know; I assumed UTC/);

    const floating = await parseInvite(calendar("DTSTART:20260715T100000"));
    expect(floating?.problems).toContain("The invite had no time zone; I assumed UTC.");
    expect(floating?.problems.join(" ")).toMatch(/no end time; I assumed 30 minutes/);
  });

  it("reads all-day events", async () => {
    const facts = await parseInvite(
      calendar("DTSTART;VALUE=DATE:20260801\r\nDTEND;VALUE=DATE:20260802", "X-WR-TIMEZONE:America/Chicago"),
    );
    expect(facts).toMatchObject({
      allDay: true,
      start: "2026-08-01T00:00:00-05:00",
      end: "2026-08-02T00:00:00-05:00",
      timeZone: "America/Chicago",
    });
  });

  it("takes the first instance of a dense recurrence without expanding it", async () => {
    const started = performance.now();
    const facts = await parseInvite(
      calendar("DTSTART:20260101T090000Z\r\nDTEND:20260101T091500Z\r\nRRULE:FREQ=SECONDLY;INTERVAL=1"),
    );
    expect(performance.now() - started).toBeLessThan(500);
    expect(facts?.start).toBe("2026-01-01T09:00:00Z");
    expect(facts?.recurring).toBe(true);
    const invalid = await parseInvite(
      calendar("DTSTART:20260101T090000Z\r\nRRULE:FREQ=BOGUS;BYDAY=99XX;INTERVAL=0"),
    );
    expect(invalid?.start).toBe("2026-01-01T09:00:00Z");
  });

  it("takes the series event over an exception, and the exception when it is alone", async () => {
    const text = calendar("DTSTART:20260101T090000Z\r\nRRULE:FREQ=WEEKLY").replace(
      "END:VCALENDAR",
      "BEGIN:VEVENT\r\nUID:abc-1@example.com\r\nRECURRENCE-ID:20260108T090000Z\r\nDTSTART:20260108T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR",
    );
    expect((await parseInvite(text))?.start).toBe("2026-01-01T09:00:00Z");
    const alone = calendar("RECURRENCE-ID:20260108T090000Z\r\nDTSTART:20260108T100000Z");
    expect(await parseInvite(alone)).toMatchObject({
      start: "2026-01-08T10:00:00Z",
      recurrenceId: "2026-01-08T09:00:00Z",
    });
  });

  it("survives UID:__proto__ without polluting Object.prototype", async () => {
    const facts = await parseInvite(
      calendar("DTSTART:20260101T090000Z").replace("UID:abc-1@example.com", "UID:__proto__"),
    );
    expect(facts?.uid).toBe("__proto__");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it("finds the video link when the location only names the service", async () => {
    const facts = await parseInvite(
      calendar(
        "DTSTART:20260101T090000Z\r\nLOCATION:Zoom\r\nDESCRIPTION:Join: https://acme.zoom.us/j/123456?pwd=x\\nMeeting ID 123",
      ),
    );
    expect(facts?.location).toBe("https://acme.zoom.us/j/123456?pwd=x");
  });

  it("returns null for text without an event, and never throws on junk", async () => {
    expect(await parseInvite("BEGIN:VCALENDAR\r\nEND:VCALENDAR")).toBeNull();
    for (const junk of [
      "",
      "\u0000\u0000",
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID="x:1\r\n',
      "x".repeat(100_000),
    ]) {
      await expect(parseInvite(junk)).resolves.toSatisfy(
        (facts) => facts === null || typeof facts === "object",
      );
    }
  });
});

describe("a meeting link is whole or left out, never cut", () => {
  const ics = (location: string) =>
    [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "METHOD:REQUEST",
      "BEGIN:VEVENT",
      "UID:links-1@example.com",
      "DTSTART:20261203T150000Z",
      "DTEND:20261203T153000Z",
      "ORGANIZER:mailto:jane@acme.com",
      "ATTENDEE:mailto:sam@gmail.com",
      `LOCATION:${location}`,
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
  const longLink = `https://zoom.us/j/8123456789?pwd=${"a".repeat(600)}`;

  it("keeps a 600-character join link whole, and the words beside it", async () => {
    const facts = await parseInvite(ics(`Room 4 ${"and more words ".repeat(30)}${longLink}`));
    expect(facts?.location?.endsWith(longLink)).toBe(true);
    expect(facts?.location).toMatch(/^Room 4 and more words/);
  });

  it("leaves out a link longer than any real one rather than cutting it", async () => {
    const facts = await parseInvite(ics(`Cafe ${"x".repeat(300)} https://example.com/${"b".repeat(2500)}`));
    expect(facts?.location ?? "").not.toContain("https://");
    expect(facts?.location?.length ?? 0).toBeLessThanOrEqual(300);
  });
});
