import { describe, expect, it } from "vitest";
import {
  planCheckIn,
  planMeetingPrompts,
  planOutreachPrompts,
  reconcilePrompts,
} from "../../core/followup/policy.js";
import { formatInZone } from "../../core/time/format.js";
import { isoInZone } from "../../core/time/iso.js";
import { addInZone, instantAt } from "../../core/time/wall-clock.js";
import { contact, dues, meeting, stored, user } from "./helpers.js";

const now = new Date("2026-11-25T12:00:00Z");

describe("an invite's full timeline", () => {
  it("plans prep the day before at 09:00, thank-you 1 h after the end, referral ask 3 days later", () => {
    const plans = planMeetingPrompts({
      meeting: meeting(),
      contact: contact(),
      user: user(),
      referralFromContact: false,
      now,
    });
    expect(plans.map((p) => p.key)).toEqual(["prep:mtg_abc", "thank_you:mtg_abc", "referral_ask:mtg_abc"]);
    expect(dues(plans)).toEqual({
      prep: "2026-12-02T14:00:00.000Z", // Wed 2 Dec 09:00 EST
      thank_you: "2026-12-03T21:30:00.000Z", // 16:30 EST
      referral_ask: "2026-12-06T14:00:00.000Z", // Sun 6 Dec 09:00 EST
    });
    for (const plan of plans) {
      expect(plan.contactEmail).toBe("jane@acme.com");
      expect(plan.meetingId).toBe("mtg_abc");
    }
  });

  it("chains check-ins: each one is planned cadenceMonths after the previous send", () => {
    const jane = contact({ stage: "met" });
    const first = planCheckIn({ contact: jane, user: user(), lastContactAt: "2026-12-03T20:30:00Z", now });
    expect(first).toEqual({
      key: "check_in:jane@acme.com:2026-12-03",
      kind: "check_in",
      dueAt: new Date("2027-06-03T13:00:00Z"), // 09:00 EDT
      contactEmail: "jane@acme.com",
      meetingId: null,
    });
    if (!first) throw new Error("unreachable");

    const sentAt = new Date("2027-06-03T13:00:04Z");
    const second = planCheckIn({ contact: jane, user: user(), lastContactAt: sentAt, now: sentAt });
    expect(second?.key).toBe("check_in:jane@acme.com:2027-06-03");
    expect(second?.dueAt.toISOString()).toBe("2027-12-03T14:00:00.000Z"); // 09:00 EST

    if (!second) throw new Error("unreachable");
    const change = reconcilePrompts([stored(first, "sent")], [second]);
    expect(change.create).toEqual([second]);
    expect(change.cancel).toEqual([]);
    expect(change.retime).toEqual([]);
  });

  it("a new interaction restarts the keep-in-touch clock: the old check-in is cancelled, a new one planned", () => {
    const jane = contact({ stage: "keeping_in_touch" });
    const old = planCheckIn({ contact: jane, user: user(), lastContactAt: "2026-12-03T20:30:00Z", now });
    const fresh = planCheckIn({ contact: jane, user: user(), lastContactAt: "2027-02-10T15:00:00Z", now });
    if (!old || !fresh) throw new Error("expected plans");
    const change = reconcilePrompts([stored(old)], [fresh]);
    expect(change.cancel.map((p) => p.key)).toEqual([old.key]);
    expect(change.create.map((p) => p.key)).toEqual(["check_in:jane@acme.com:2027-02-10"]);
  });

  it("honours the user's cadence", () => {
    const plan = planCheckIn({
      contact: contact({ stage: "met" }),
      user: user({ cadenceMonths: 3 }),
      lastContactAt: "2026-12-03T20:30:00Z",
      now,
    });
    expect(plan?.dueAt.toISOString()).toBe("2027-03-03T14:00:00.000Z");
  });

  it("an overdue check-in comes at the next prompt hour, never in the past", () => {
    const later = new Date("2028-01-10T20:00:00Z");
    const plan = planCheckIn({
      contact: contact({ stage: "met" }),
      user: user(),
      lastContactAt: "2026-12-03T20:30:00Z",
      now: later,
    });
    expect(plan?.dueAt.toISOString()).toBe("2028-01-11T14:00:00.000Z");
  });

  it("no check-in for a stopped contact or one never met", () => {
    const at = "2026-12-03T20:30:00Z";
    expect(
      planCheckIn({
        contact: contact({ stopped: true, stage: "met" }),
        user: user(),
        lastContactAt: at,
        now,
      }),
    ).toBeNull();
    expect(
      planCheckIn({ contact: contact({ stage: "cold" }), user: user(), lastContactAt: at, now }),
    ).toBeNull();
    expect(
      planCheckIn({ contact: contact({ stage: "outreach" }), user: user(), lastContactAt: at, now }),
    ).toBeNull();
    expect(
      planCheckIn({ contact: contact({ stage: "met" }), user: user(), lastContactAt: "garbage", now }),
    ).toBeNull();
  });
});

describe("invite updates and cancellations", () => {
  const first = planMeetingPrompts({
    meeting: meeting(),
    contact: contact(),
    user: user(),
    referralFromContact: false,
    now,
  });

  it("an updated invite moves every pending prompt", () => {
    const moved = meeting({
      sequence: 1,
      start: "2026-12-10T11:00:00-05:00",
      end: "2026-12-10T11:45:00-05:00",
    });
    const desired = planMeetingPrompts({
      meeting: moved,
      contact: contact(),
      user: user(),
      referralFromContact: false,
      now,
    });
    const change = reconcilePrompts(
      first.map((p) => stored(p)),
      desired,
    );
    expect(change.create).toEqual([]);
    expect(change.cancel).toEqual([]);
    expect(Object.fromEntries(change.retime.map((r) => [r.prompt.kind, r.dueAt.toISOString()]))).toEqual({
      prep: "2026-12-09T14:00:00.000Z",
      thank_you: "2026-12-10T17:45:00.000Z",
      referral_ask: "2026-12-13T14:00:00.000Z",
    });
  });

  it("the same invite again changes nothing", () => {
    const again = planMeetingPrompts({
      meeting: meeting(),
      contact: contact(),
      user: user(),
      referralFromContact: false,
      now,
    });
    expect(
      reconcilePrompts(
        first.map((p) => stored(p)),
        again,
      ),
    ).toEqual({ create: [], retime: [], cancel: [] });
  });

  it("a prompt already sent or skipped is neither moved nor re-created", () => {
    const [prep, thankYou, ask] = first;
    if (!prep || !thankYou || !ask) throw new Error("expected three plans");
    const existing = [stored(prep, "sent"), stored(thankYou, "skipped"), stored(ask)];
    const moved = meeting({
      sequence: 1,
      start: "2026-12-10T11:00:00-05:00",
      end: "2026-12-10T11:45:00-05:00",
    });
    const desired = planMeetingPrompts({
      meeting: moved,
      contact: contact(),
      user: user(),
      referralFromContact: false,
      now,
    });
    const change = reconcilePrompts(existing, desired);
    expect(change.create).toEqual([]);
    expect(change.cancel).toEqual([]);
    expect(change.retime.map((r) => r.prompt.kind)).toEqual(["referral_ask"]);
  });

  it("a cancellation cancels every scheduled prompt and leaves sent ones alone", () => {
    const [prep, thankYou, ask] = first;
    if (!prep || !thankYou || !ask) throw new Error("expected three plans");
    const existing = [stored(prep, "sent"), stored(thankYou), stored(ask)];
    const desired = planMeetingPrompts({
      meeting: meeting({ status: "cancelled", sequence: 2 }),
      contact: contact(),
      user: user(),
      referralFromContact: false,
      now,
    });
    expect(desired).toEqual([]);
    const change = reconcilePrompts(existing, desired);
    expect(change.cancel.map((p) => p.kind)).toEqual(["thank_you", "referral_ask"]);
    expect(change.create).toEqual([]);
    expect(change.retime).toEqual([]);
  });

  it("a cancelled meeting that is re-sent brings its cancelled prompts back", () => {
    const existing = first.map((p) => stored(p, "cancelled"));
    const change = reconcilePrompts(existing, first);
    expect(change.create.map((p) => p.key)).toEqual(first.map((p) => p.key));
  });

  it("no-show and stopped contacts get nothing", () => {
    const base = { contact: contact(), user: user(), referralFromContact: false, now };
    expect(planMeetingPrompts({ ...base, meeting: meeting({ status: "no_show" }) })).toEqual([]);
    expect(planMeetingPrompts({ ...base, meeting: meeting(), contact: contact({ stopped: true }) })).toEqual(
      [],
    );
  });

  it("`met` drops the prep but keeps the thank-you and the referral ask", () => {
    const during = new Date("2026-12-03T20:10:00Z");
    const plans = planMeetingPrompts({
      meeting: meeting({ status: "met" }),
      contact: contact(),
      user: user(),
      referralFromContact: false,
      now: during,
    });
    expect(plans.map((p) => p.kind)).toEqual(["thank_you", "referral_ask"]);
  });

  it("a meeting with unreadable times plans nothing rather than throwing", () => {
    const plans = planMeetingPrompts({
      meeting: meeting({ start: "not a date", end: "" }),
      contact: contact(),
      user: user(),
      referralFromContact: false,
      now,
    });
    expect(plans).toEqual([]);
  });
});

describe("prep timing near the meeting", () => {
  const base = { contact: contact(), user: user(), referralFromContact: false };

  it("sends the prep at once when the meeting is under 24 h away, after the user's night", () => {
    const soon = new Date("2026-12-03T15:00:00Z"); // 10:00 EST, meeting at 20:00Z
    expect(planMeetingPrompts({ ...base, meeting: meeting(), now: soon })[0]).toMatchObject({
      kind: "prep",
      dueAt: soon,
    });
    const night = new Date("2026-12-03T10:00:00Z"); // 05:00 EST: it waits for 09:00, still before the meeting
    expect(planMeetingPrompts({ ...base, meeting: meeting(), now: night })[0]).toMatchObject({
      kind: "prep",
      dueAt: new Date("2026-12-03T14:00:00Z"),
    });
  });

  it("sends the prep at once when the day-before slot has passed even if 24 h remain", () => {
    const late = new Date("2026-12-02T15:00:00Z"); // Wed 10:00 EST, meeting Thu 15:00 EST: 29 h away
    const plans = planMeetingPrompts({ ...base, meeting: meeting(), now: late });
    expect(plans[0]).toMatchObject({ kind: "prep", dueAt: late });
  });

  it("sends no prep once the meeting has started, but still the thank-you", () => {
    const started = new Date("2026-12-03T20:10:00Z");
    const plans = planMeetingPrompts({ ...base, meeting: meeting(), now: started });
    expect(plans.map((p) => p.kind)).toEqual(["thank_you", "referral_ask"]);
  });

  it("leaves out prompts whose time has passed (a meeting logged after the fact)", () => {
    const after = new Date("2026-12-04T12:00:00Z");
    const plans = planMeetingPrompts({ ...base, meeting: meeting(), now: after });
    expect(plans.map((p) => p.kind)).toEqual(["referral_ask"]);
  });

  it("an all-day event is thanked the next morning at the prompt hour, not at 01:00", () => {
    const plans = planMeetingPrompts({
      ...base,
      meeting: meeting({
        allDay: true,
        start: "2026-12-03T00:00:00-05:00",
        end: "2026-12-04T00:00:00-05:00",
      }),
      now,
    });
    expect(dues(plans).thank_you).toBe("2026-12-04T14:00:00.000Z");
  });

  it.each([
    [
      "a late call (ends 21:45)",
      "2026-12-03T21:00:00-05:00",
      "2026-12-03T21:45:00-05:00",
      "2026-12-04T14:00:00.000Z",
    ],
    [
      "a call ending 05:30",
      "2026-12-03T05:00:00-05:00",
      "2026-12-03T05:30:00-05:00",
      "2026-12-03T14:00:00.000Z",
    ],
    [
      "a call ending 20:59",
      "2026-12-03T20:30:00-05:00",
      "2026-12-03T20:59:00-05:00",
      "2026-12-04T02:59:00.000Z",
    ],
  ])(
    "the thank-you for %s waits out the user's night (22:00–07:00) for the prompt hour",
    (_, start, end, due) => {
      const plans = planMeetingPrompts({ ...base, meeting: meeting({ start, end }), now });
      expect(dues(plans).thank_you).toBe(due);
    },
  );
});

describe("referrals", () => {
  it("no referral ask when a referral from this contact is already logged", () => {
    const plans = planMeetingPrompts({
      meeting: meeting(),
      contact: contact(),
      user: user(),
      referralFromContact: true,
      now,
    });
    expect(plans.map((p) => p.kind)).toEqual(["prep", "thank_you"]);
  });

  it("a referral logged later cancels the pending referral ask", () => {
    const before = planMeetingPrompts({
      meeting: meeting(),
      contact: contact(),
      user: user(),
      referralFromContact: false,
      now,
    });
    const after = planMeetingPrompts({
      meeting: meeting(),
      contact: contact(),
      user: user(),
      referralFromContact: true,
      now,
    });
    const change = reconcilePrompts(
      before.map((p) => stored(p)),
      after,
    );
    expect(change.cancel.map((p) => p.key)).toEqual(["referral_ask:mtg_abc"]);
    expect(change.create).toEqual([]);
    expect(change.retime).toEqual([]);
  });
});

describe("outreach nudges", () => {
  const outreach = contact({ stage: "outreach", outreachAt: "2026-11-02T15:00:00Z" });

  it("nudges after 7 days and says move on after 14, at the prompt hour", () => {
    const plans = planOutreachPrompts({
      contact: outreach,
      user: user(),
      outreachAt: "2026-11-02T15:00:00Z",
      now: new Date("2026-11-02T15:01:00Z"),
    });
    expect(plans).toEqual([
      {
        key: "nudge:jane@acme.com:2026-11-02",
        kind: "nudge",
        dueAt: new Date("2026-11-09T14:00:00Z"),
        contactEmail: "jane@acme.com",
        meetingId: null,
      },
      {
        key: "move_on:jane@acme.com:2026-11-02",
        kind: "move_on",
        dueAt: new Date("2026-11-16T14:00:00Z"),
        contactEmail: "jane@acme.com",
        meetingId: null,
      },
    ]);
  });

  it("a meeting logged for the contact cancels both", () => {
    const t0 = new Date("2026-11-02T15:01:00Z");
    const planned = planOutreachPrompts({
      contact: outreach,
      user: user(),
      outreachAt: "2026-11-02T15:00:00Z",
      now: t0,
    });
    const scheduledNow = { ...outreach, stage: "scheduled" as const };
    const desired = planOutreachPrompts({
      contact: scheduledNow,
      user: user(),
      outreachAt: "2026-11-02T15:00:00Z",
      now: new Date("2026-11-05T12:00:00Z"),
    });
    expect(desired).toEqual([]);
    const change = reconcilePrompts(
      planned.map((p) => stored(p)),
      desired,
    );
    expect(change.cancel.map((p) => p.kind)).toEqual(["nudge", "move_on"]);
  });

  it("after the nudge was sent, only move-on is still to come", () => {
    const plans = planOutreachPrompts({
      contact: outreach,
      user: user(),
      outreachAt: "2026-11-02T15:00:00Z",
      now: new Date("2026-11-10T12:00:00Z"),
    });
    expect(plans.map((p) => p.kind)).toEqual(["move_on"]);
  });

  it("nothing for a stopped contact", () => {
    expect(
      planOutreachPrompts({
        contact: { ...outreach, stopped: true },
        user: user(),
        outreachAt: "2026-11-02T15:00:00Z",
        now,
      }),
    ).toEqual([]);
  });
});

describe("only the immediate prep and the thank-you fall outside the prompt hour", () => {
  const zones = [
    "America/New_York",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Auckland",
  ];

  it.each(zones)("in %s, for a meeting on every day of 2026", (zone) => {
    const u = user({ timeZone: zone, promptHour: 8 });
    const start = instantAt({ year: 2026, month: 1, day: 1, hour: 14 }, zone);
    const isoDate = (instant: Date) => formatInZone(instant, zone, "yyyy-MM-dd");
    for (let day = 0; day < 365; day++) {
      const s = addInZone(start, { days: day }, zone);
      const t0 = addInZone(s, { days: -10 }, zone);
      const plans = [
        ...planMeetingPrompts({
          meeting: meeting({
            start: isoInZone(s, zone),
            end: isoInZone(addInZone(s, { minutes: 30 }, zone), zone),
            timeZone: zone,
          }),
          contact: contact(),
          user: u,
          referralFromContact: false,
          now: t0,
        }),
        ...planOutreachPrompts({ contact: contact({ stage: "outreach" }), user: u, outreachAt: t0, now: t0 }),
      ];
      const check = planCheckIn({
        contact: contact({ stage: "met" }),
        user: u,
        lastContactAt: s,
        now: t0,
      });
      if (check) plans.push(check);
      expect(plans).toHaveLength(6);
      for (const plan of plans.filter((p) => p.kind !== "thank_you")) {
        expect(formatInZone(plan.dueAt, zone, "HH:mm"), `${plan.key} on ${isoDate(s)}`).toBe("08:00");
      }
      const prep = plans.find((p) => p.kind === "prep");
      expect(prep && isoDate(prep.dueAt)).toBe(isoDate(addInZone(s, { days: -1 }, zone)));
    }
  });
});
