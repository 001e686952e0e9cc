import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import {
  addMonthsAtPromptHour,
  atPromptHour,
  nextPromptHour,
  snoozeUntil,
  userZone,
} from "../../core/followup/timing.js";
import { formatInZone } from "../../core/time/format.js";

const ny = { timeZone: "America/New_York", promptHour: 9, cadenceMonths: 6 };
const berlin = { timeZone: "Europe/Berlin", promptHour: 9, cadenceMonths: 6 };

const iso = (date: Date) => date.toISOString();

describe("atPromptHour", () => {
  it("takes the calendar day in the user's zone, not in UTC", () => {
    // 03:00 UTC on 4 Dec is still 3 Dec in New York.
    expect(iso(atPromptHour(new Date("2026-12-04T03:00:00Z"), ny))).toBe("2026-12-03T14:00:00.000Z");
    // 23:30 UTC on 3 Dec is already 4 Dec in Tokyo.
    const tokyo = { ...ny, timeZone: "Asia/Tokyo" };
    expect(iso(atPromptHour(new Date("2026-12-03T23:30:00Z"), tokyo))).toBe("2026-12-04T00:00:00.000Z");
  });

  it("accepts a date in another zone (TZDate) and re-reads its day in the user's zone", () => {
    const day = new TZDate(2026, 6, 1, 23, 0, 0, "Asia/Tokyo"); // 14:00Z on 1 Jul
    expect(iso(atPromptHour(day, ny))).toBe("2026-07-01T13:00:00.000Z");
  });

  it("keeps the local hour across the DST switch (no hand-made 24 h math)", () => {
    expect(iso(atPromptHour(new Date("2026-03-07T17:00:00Z"), ny))).toBe("2026-03-07T14:00:00.000Z");
    expect(iso(atPromptHour(new Date("2026-03-08T17:00:00Z"), ny))).toBe("2026-03-08T13:00:00.000Z");
    expect(iso(atPromptHour(new Date("2026-10-24T12:00:00Z"), berlin))).toBe("2026-10-24T07:00:00.000Z");
    expect(iso(atPromptHour(new Date("2026-10-25T12:00:00Z"), berlin))).toBe("2026-10-25T08:00:00.000Z");
  });

  it("moves a prompt hour that does not exist (spring forward) forward by the gap, on the same day", () => {
    const at2 = { ...ny, promptHour: 2 };
    const due = atPromptHour(new Date("2026-03-08T17:00:00Z"), at2);
    expect(iso(due)).toBe("2026-03-08T07:00:00.000Z");
    expect(formatInZone(due, ny.timeZone, "yyyy-MM-dd HH:mm")).toBe("2026-03-08 03:00");
    const berlinAt2 = { ...berlin, promptHour: 2 };
    expect(iso(atPromptHour(new Date("2026-03-29T12:00:00Z"), berlinAt2))).toBe("2026-03-29T01:00:00.000Z");
  });

  it("fires once in a repeated hour (fall back), at that local hour", () => {
    const at1 = { ...ny, promptHour: 1 };
    const due = atPromptHour(new Date("2026-11-01T17:00:00Z"), at1);
    expect(["2026-11-01T05:00:00.000Z", "2026-11-01T06:00:00.000Z"]).toContain(iso(due));
    expect(formatInZone(due, ny.timeZone, "yyyy-MM-dd HH:mm")).toBe("2026-11-01 01:00");
  });

  it("falls back to UTC for a zone name that is not IANA, without throwing", () => {
    const broken = { ...ny, timeZone: "Mars/Olympus_Mons" };
    expect(userZone(broken)).toBe("UTC");
    expect(iso(atPromptHour(new Date("2026-12-03T20:00:00Z"), broken))).toBe("2026-12-03T09:00:00.000Z");
  });
});

describe("nextPromptHour", () => {
  it("is later today before the prompt hour, tomorrow at or after it", () => {
    expect(iso(nextPromptHour(new Date("2026-12-03T13:59:00Z"), ny))).toBe("2026-12-03T14:00:00.000Z");
    expect(iso(nextPromptHour(new Date("2026-12-03T14:00:00Z"), ny))).toBe("2026-12-04T14:00:00.000Z");
    expect(iso(nextPromptHour(new Date("2026-12-03T22:00:00Z"), ny))).toBe("2026-12-04T14:00:00.000Z");
  });

  it("crosses a DST switch at the local hour", () => {
    expect(iso(nextPromptHour(new Date("2026-03-07T20:00:00Z"), ny))).toBe("2026-03-08T13:00:00.000Z");
  });
});

describe("snoozeUntil", () => {
  it("snooze 3d is three calendar days later at the prompt hour", () => {
    expect(iso(snoozeUntil(new Date("2026-12-03T20:00:00Z"), 3, ny))).toBe("2026-12-06T14:00:00.000Z");
    // Across the spring-forward night: still 09:00 local.
    expect(iso(snoozeUntil(new Date("2026-03-06T20:00:00Z"), 3, ny))).toBe("2026-03-09T13:00:00.000Z");
  });

  it("never lands at or before now (0 days after the prompt hour means tomorrow)", () => {
    expect(iso(snoozeUntil(new Date("2026-12-03T20:00:00Z"), 0, ny))).toBe("2026-12-04T14:00:00.000Z");
    expect(iso(snoozeUntil(new Date("2026-12-03T20:00:00Z"), -5, ny))).toBe("2026-12-04T14:00:00.000Z");
  });

  it("caps absurd values instead of producing an invalid date", () => {
    const due = snoozeUntil(new Date("2026-12-03T20:00:00Z"), 1e12, ny);
    expect(iso(due)).toBe("2027-12-03T14:00:00.000Z");
    expect(Number.isNaN(snoozeUntil(new Date("2026-12-03T20:00:00Z"), Number.NaN, ny).getTime())).toBe(false);
  });
});

describe("addMonthsAtPromptHour", () => {
  it("adds calendar months in the user's zone and clamps to the month's end", () => {
    expect(iso(addMonthsAtPromptHour(new Date("2026-12-03T20:30:00Z"), 6, ny))).toBe(
      "2027-06-03T13:00:00.000Z",
    );
    expect(iso(addMonthsAtPromptHour(new Date("2026-08-31T16:00:00Z"), 6, ny))).toBe(
      "2027-02-28T14:00:00.000Z",
    );
  });
});
