import { describe, expect, it } from "vitest";
import { planMeetingPrompts, planOutreachPrompts } from "../../core/followup/policy.js";
import { formatInZone } from "../../core/time/format.js";
import { isoInZone, parseInstant } from "../../core/time/iso.js";
import { addInZone } from "../../core/time/wall-clock.js";
import { contact, dues, meeting, user } from "./helpers.js";

function plansFor(zone: string, startLocal: string, promptHour = 9, now = "2026-01-01T00:00:00Z") {
  const start = parseInstant(startLocal, zone) ?? new Date(Number.NaN);
  return planMeetingPrompts({
    meeting: meeting({
      start: isoInZone(start, zone),
      end: isoInZone(addInZone(start, { minutes: 30 }, zone), zone),
      timeZone: zone,
    }),
    contact: contact(),
    user: user({ timeZone: zone, promptHour }),
    referralFromContact: false,
    now: new Date(now),
  });
}

const local = (date: Date, zone: string) => formatInZone(date, zone, "yyyy-MM-dd HH:mm ZZ");

describe("US switch days (America/New_York)", () => {
  const zone = "America/New_York";

  it("spring forward 2026-03-08: prep on the switch day at 09:00 EDT, referral ask across it at 09:00 EDT", () => {
    expect(dues(plansFor(zone, "2026-03-09T10:00")).prep).toBe("2026-03-08T13:00:00.000Z");
    const friday = plansFor(zone, "2026-03-06T10:00");
    expect(dues(friday).referral_ask).toBe("2026-03-09T13:00:00.000Z");
    expect(local(friday[2]?.dueAt ?? new Date(Number.NaN), zone)).toBe("2026-03-09 09:00 -04:00");
  });

  it("a thank-you due across the jump (03:30 EDT, one real hour after 01:30 EST) waits for 09:00 EDT", () => {
    // Never a prompt at 3 a.m. local: the night rule moves it to the prompt hour that morning.
    expect(dues(plansFor(zone, "2026-03-08T01:00")).thank_you).toBe("2026-03-08T13:00:00.000Z");
  });

  it("fall back 2026-11-01: prep at 09:00 EST on the switch day, nudge across it at 09:00 EST", () => {
    expect(dues(plansFor(zone, "2026-11-02T10:00")).prep).toBe("2026-11-01T14:00:00.000Z");
    const nudges = planOutreachPrompts({
      contact: contact({ stage: "outreach" }),
      user: user({ timeZone: zone }),
      outreachAt: "2026-10-28T16:00:00Z",
      now: new Date("2026-10-28T16:00:00Z"),
    });
    expect(dues(nudges)).toEqual({ nudge: "2026-11-04T14:00:00.000Z", move_on: "2026-11-11T14:00:00.000Z" });
  });

  it("prompt hour 2 on the spring-forward day moves to 03:00 EDT, the same morning", () => {
    const prep = plansFor(zone, "2026-03-09T10:00", 2)[0];
    expect(prep?.kind).toBe("prep");
    expect(local(prep?.dueAt ?? new Date(Number.NaN), zone)).toBe("2026-03-08 03:00 -04:00");
  });
});

describe("EU switch days (Europe/Berlin)", () => {
  const zone = "Europe/Berlin";

  it("spring forward 2026-03-29: 09:00 CEST", () => {
    expect(dues(plansFor(zone, "2026-03-30T10:00")).prep).toBe("2026-03-29T07:00:00.000Z");
    expect(dues(plansFor(zone, "2026-03-27T10:00")).referral_ask).toBe("2026-03-30T07:00:00.000Z");
  });

  it("fall back 2026-10-25: 09:00 CET", () => {
    expect(dues(plansFor(zone, "2026-10-26T10:00")).prep).toBe("2026-10-25T08:00:00.000Z");
    expect(dues(plansFor(zone, "2026-10-23T10:00")).referral_ask).toBe("2026-10-26T08:00:00.000Z");
  });

  it("prompt hour 2 on the spring-forward day moves to 03:00 CEST", () => {
    const prep = plansFor(zone, "2026-03-30T10:00", 2)[0];
    expect(local(prep?.dueAt ?? new Date(Number.NaN), zone)).toBe("2026-03-29 03:00 +02:00");
  });
});

describe("zones east of UTC: the day before is the user's day before", () => {
  it("Asia/Tokyo: a 08:00 meeting gets its prep at 09:00 the previous local day (00:00 UTC)", () => {
    expect(dues(plansFor("Asia/Tokyo", "2026-12-03T08:00")).prep).toBe("2026-12-02T00:00:00.000Z");
  });

  it("Australia/Sydney on its own spring-forward day (2026-10-04): 09:00 AEDT is the previous UTC day", () => {
    const plans = plansFor("Australia/Sydney", "2026-10-05T10:00");
    expect(dues(plans).prep).toBe("2026-10-03T22:00:00.000Z");
    expect(dues(plans).referral_ask).toBe("2026-10-07T22:00:00.000Z");
  });

  it("Asia/Kolkata: a half-hour offset, 09:00 IST is 03:30 UTC", () => {
    expect(dues(plansFor("Asia/Kolkata", "2026-12-03T16:00")).prep).toBe("2026-12-02T03:30:00.000Z");
  });

  it("a meeting in another zone is prepped on the day before in the user's zone", () => {
    // 22:00 JST on 3 Dec is 08:00 EST on 3 Dec; the Tokyo user preps on 2 Dec at 09:00 JST.
    const plans = planMeetingPrompts({
      meeting: meeting({ start: "2026-12-03T08:00:00-05:00", end: "2026-12-03T08:30:00-05:00" }),
      contact: contact(),
      user: user({ timeZone: "Asia/Tokyo" }),
      referralFromContact: false,
      now: new Date("2026-11-25T00:00:00Z"),
    });
    expect(dues(plans).prep).toBe("2026-12-02T00:00:00.000Z");
  });
});
