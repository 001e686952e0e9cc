import { describe, expect, it } from "vitest";
import { escapeHtml, headerSafe } from "../../core/drafts/escape.js";
import { describeContact, formatDue, formatMeetingTime } from "../../core/drafts/format.js";
import { helpLines } from "../../core/drafts/help.js";
import { pickQuestions, QUESTION_BANK } from "../../core/drafts/question-bank.js";

describe("formatMeetingTime", () => {
  const now = new Date("2026-11-30T15:00:00Z");
  it("shows the start in the given zone with its short name", () => {
    expect(formatMeetingTime("2026-12-03T15:00:00-05:00", "America/New_York", now)).toBe(
      "Thu 3 Dec 15:00 EST",
    );
    expect(formatMeetingTime("2026-12-03T20:00:00Z", "Europe/Berlin", now)).toBe("Thu 3 Dec 21:00 CET");
    expect(formatMeetingTime("2026-07-03T20:00:00Z", "Europe/Berlin", now)).toBe("Fri 3 Jul 22:00 CEST");
    expect(formatMeetingTime("2026-12-03T20:00:00Z", "Australia/Sydney", now)).toBe("Fri 4 Dec 07:00 AEDT");
    expect(formatMeetingTime("2026-12-03T20:00:00Z", "Asia/Kolkata", now)).toBe("Fri 4 Dec 01:30 IST");
    expect(formatMeetingTime("2026-12-03T20:00:00Z", "Asia/Tokyo", now)).toBe("Fri 4 Dec 05:00 GMT+9");
  });

  it("never throws on a bad time or zone", () => {
    expect(formatMeetingTime("yesterday-ish", "America/New_York", now)).toBe("(time unknown)");
    expect(formatMeetingTime("2026-12-03T20:00:00Z", "Not/AZone", now)).toBe("Thu 3 Dec 20:00 UTC");
  });
});

describe("formatDue", () => {
  const now = new Date("2026-11-30T15:00:00Z"); // Mon
  it("is the one format: weekday, day, month, 24 h and the zone's short name, even within a week", () => {
    expect(formatDue(new Date("2026-12-02T14:00:00Z"), "America/New_York", now)).toBe("Wed 2 Dec 09:00 EST");
    expect(formatDue(new Date("2026-12-09T14:00:00Z"), "America/New_York", now)).toBe("Wed 9 Dec 09:00 EST");
    expect(formatDue(new Date("2026-11-29T14:00:00Z"), "America/New_York", now)).toBe("Sun 29 Nov 09:00 EST");
  });
  it("with the year when it is not this year", () => {
    expect(formatDue(new Date("2027-06-03T13:00:00Z"), "America/New_York", now)).toBe(
      "Thu 3 Jun 2027 09:00 EDT",
    );
    expect(formatMeetingTime("2027-01-05T08:00:00Z", "Europe/Berlin", now)).toBe("Tue 5 Jan 2027 09:00 CET");
  });
});

describe("describeContact", () => {
  it("name and company, or what is known", () => {
    expect(describeContact({ name: "Jane Doe", email: "jane@acme.com", company: "Acme" })).toBe(
      "Jane Doe (Acme)",
    );
    expect(describeContact({ name: null, email: "jane@acme.com", company: null })).toBe("jane@acme.com");
    expect(describeContact({ name: "  ", email: "jane@acme.com", company: "Acme" })).toBe(
      "jane@acme.com (Acme)",
    );
    expect(describeContact({ name: "Jane\r\nBcc: evil@x", email: "j@x", company: null })).toBe(
      "Jane Bcc: evil@x",
    );
  });
});

describe("escape", () => {
  it("escapeHtml covers the five characters", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
  it("headerSafe strips CR/LF and controls, collapses spaces, caps length", () => {
    expect(headerSafe("Jane\r\nBcc: evil@x")).toBe("Jane Bcc: evil@x");
    expect(headerSafe("a\u0000b\u2028c\u202ed\t\te")).toBe("a b c d e");
    const long = headerSafe("x".repeat(500));
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith("…")).toBe(true);
    expect(headerSafe("  spaced   out  ")).toBe("spaced out");
  });
});

describe("question bank", () => {
  it("has the five groups, and the prep questions of the design", () => {
    expect(Object.keys(QUESTION_BANK).sort()).toEqual([
      "general",
      "hiring_manager",
      "move_up",
      "new_field",
      "new_job",
    ]);
    const all = Object.values(QUESTION_BANK).flat().join("\n");
    for (const topic of [
      "get into this line of work",
      "enjoy most",
      "not so great",
      "changing in the sector",
      "do well here",
      "do differently",
      "culture",
      "next few years",
    ]) {
      expect(all).toContain(topic);
    }
  });

  it("puts the purpose's questions first, customised, and always ends with who else to talk to", () => {
    const field = pickQuestions({ purpose: "new_field", name: "Jane Doe", company: "Acme" });
    expect(field[0]).toBe(QUESTION_BANK.new_field[0]);
    expect(field).toContain("What does a typical week look like for you at Acme?");
    expect(field.at(-1)).toBe("Who else should I talk to? (Ask if you may mention that Jane sent you.)");

    const up = pickQuestions({ purpose: "move_up", name: null, company: "Acme" });
    expect(up[0]).toBe("How did you get to the role you have now at Acme?");
    expect(up).not.toContain(field[0]);

    const newJob = pickQuestions({ purpose: "new_job", name: null, company: null });
    expect(newJob[0]).toContain("at your organisation");

    const general = pickQuestions({ purpose: null, name: null, company: "Acme" });
    expect(general[0]).toBe(QUESTION_BANK.general[0]);
    expect(new Set(general).size).toBe(general.length);
  });
});

describe("helpLines", () => {
  it("lists every reply and account command with an explanation", () => {
    const help = helpLines().join("\n");
    for (const command of [
      "done",
      "snooze 3d",
      "skip",
      "met / no-show",
      "stop",
      "notes:",
      "referral:",
      "landed:",
      "status",
      "pause / resume",
      "help",
      "tz Europe/Berlin",
      "hour 8",
      "cadence 3m",
      "export",
      "forget jane@acme.com",
      "address add",
    ]) {
      expect(help).toContain(command);
    }
    for (const line of helpLines().filter((l) => l.startsWith("  "))) expect(line).toMatch(/ — \S/);
  });
});
