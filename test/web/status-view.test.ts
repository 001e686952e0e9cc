import { describe, expect, it } from "vitest";
import { referralTree, statusView } from "../../core/web/status-view.js";
import { contact, meeting, NOW, prompt, sampleAccount, user } from "./helpers.js";

describe("statusView", () => {
  it("groups contacts by stage, in the order of the interview, most recent contact first", () => {
    const account = sampleAccount();
    account.contacts.push(
      contact({
        email: "eve@acme.com",
        name: "Eve",
        stage: "scheduled",
        lastContactAt: "2026-11-18T15:00:00Z",
      }),
    );
    const view = statusView(account, NOW);
    expect(view.stages.map((s) => s.stage)).toEqual([
      "outreach",
      "answered",
      "scheduled",
      "met",
      "keeping_in_touch",
      "cold",
      "cancelled",
    ]);
    expect(view.stages.map((s) => s.label)).toEqual([
      "Outreach",
      "Answered",
      "Scheduled",
      "Met",
      "Keeping in touch",
      "Cold",
      "Cancelled or missed",
    ]);
    const byStage = Object.fromEntries(
      view.stages.map((s) => [s.stage, s.contacts.map((c) => c.displayName)]),
    );
    expect(byStage).toEqual({
      outreach: ["Carol Hiring"],
      answered: [],
      scheduled: ["Eve", "Jane Doe"],
      met: ["Bob Roe"],
      keeping_in_touch: [],
      cold: ["dan@old.co"],
      cancelled: [],
    });
    const bob = view.stages.find((s) => s.stage === "met")?.contacts[0];
    expect(bob).toMatchObject({
      referredBy: "Jane Doe",
      notes: ["Ask about the platform team"],
      company: "Roe Labs",
    });
    expect(bob?.lastContact).toBe("Thu 12 Nov");
  });

  it("lists pending follow-ups soonest first, with their time in the user's zone", () => {
    const view = statusView(sampleAccount(), NOW);
    expect(view.upcomingPrompts.map((p) => [p.kind, p.label, p.dueLocal])).toEqual([
      ["nudge", "Follow up with Carol Hiring (no answer yet)", "Sun 22 Nov 09:00 EST"],
      ["prep", "Prep notes for your chat with Jane Doe", "Wed 2 Dec 09:00 EST"],
      ["thank_you", "Thank-you draft for Jane Doe", "Thu 3 Dec 16:30 EST"],
    ]);
  });

  it("shows times in another zone when the user's zone changes", () => {
    const account = sampleAccount();
    account.user = user({ timeZone: "Europe/Berlin" });
    const view = statusView(account, NOW);
    expect(view.upcomingPrompts[0]?.dueLocal).toBe("Sun 22 Nov 15:00 CET");
    expect(view.upcomingMeetings[0]?.when).toBe("Thu 3 Dec 21:00–21:30 CET");
  });

  it("leaves out sent, cancelled and immediate prompts", () => {
    const account = sampleAccount();
    account.prompts.push(prompt("check_in:x", { kind: "check_in", state: "cancelled" }));
    account.prompts.push(prompt("answer:x", { kind: "answer", state: "scheduled", contactEmail: null }));
    const ids = statusView(account, NOW).upcomingPrompts.map((p) => p.kind);
    expect(ids).toEqual(["nudge", "prep", "thank_you"]);
  });

  it("offers stop only for a prompt about a contact who has not been stopped", () => {
    const account = sampleAccount();
    account.prompts.push(
      prompt("celebrate", {
        kind: "celebrate",
        contactEmail: null,
        meetingId: null,
        dueAt: "2026-11-20T14:00:00Z",
      }),
    );
    account.contacts = account.contacts.map((c) =>
      c.email === "carol@roe.io" ? { ...c, stopped: true } : c,
    );
    const rows = statusView(account, NOW).upcomingPrompts;
    expect(rows.map((r) => [r.kind, r.canStop])).toEqual([
      ["celebrate", false],
      ["nudge", false],
      ["prep", true],
      ["thank_you", true],
    ]);
  });

  it("splits meetings into upcoming and past, past newest first, with their notes", () => {
    const account = sampleAccount();
    account.meetings.push(
      meeting({
        id: "mtg_over",
        contactEmail: "dan@old.co",
        start: "2026-11-18T09:00:00-05:00",
        end: "2026-11-18T09:30:00-05:00",
        status: "scheduled",
      }),
      meeting({
        id: "mtg_cancelled",
        status: "cancelled",
        start: "2026-12-10T09:00:00-05:00",
        end: "2026-12-10T09:30:00-05:00",
      }),
    );
    const view = statusView(account, NOW);
    expect(view.upcomingMeetings.map((m) => m.id)).toEqual(["mtg_janecoffee"]);
    expect(view.upcomingMeetings[0]).toMatchObject({
      with: "Jane Doe",
      company: "Acme",
      when: "Thu 3 Dec 15:00–15:30 EST",
      location: "Blue Bottle, 5th Ave",
    });
    expect(view.pastMeetings.map((m) => [m.id, m.with, m.statusLabel])).toEqual([
      ["mtg_over", "dan@old.co", "Scheduled"],
      ["mtg_bobcall", "Bob Roe", "Met"],
    ]);
    expect(view.pastMeetings[1]?.notes).toEqual([
      "Bob suggested talking to Carol",
      "Platform team is hiring in Q1",
    ]);
  });

  it("shows the user's settings", () => {
    const account = sampleAccount();
    account.user = user({
      promptHour: 8,
      cadenceMonths: 3,
      paused: true,
      landed: { company: "Roe Labs", at: "2026-11-18T20:00:00Z" },
    });
    expect(statusView(account, NOW).settings).toEqual({
      timeZone: "America/New_York",
      promptHour: "08:00",
      cadenceMonths: 3,
      paused: true,
      bouncing: false,
      landed: { company: "Roe Labs", on: "Wed 18 Nov" },
    });
  });

  it("survives unreadable stored values", () => {
    const account = sampleAccount();
    account.user = user({ timeZone: "Not/AZone" });
    account.prompts.push(prompt("nudge:bad", { kind: "nudge", dueAt: "not a date" }));
    account.contacts.push(contact({ email: "__proto__", name: "   ", lastContactAt: "garbage" }));
    const view = statusView(account, NOW);
    expect(view.upcomingPrompts.at(-1)?.dueLocal).toBe("unknown time");
    expect(view.upcomingPrompts[0]?.dueLocal).toBe("Sun 22 Nov 14:00 UTC");
    const proto = view.stages
      .find((s) => s.stage === "scheduled")
      ?.contacts.find((c) => c.email === "__proto__");
    expect(proto).toMatchObject({ displayName: "__proto__", lastContact: "unknown date" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("referralTree", () => {
  it("nests who referred whom", () => {
    const tree = referralTree(sampleAccount().contacts);
    expect(tree).toEqual([
      {
        email: "jane@acme.com",
        displayName: "Jane Doe",
        company: "Acme",
        stage: "scheduled",
        hiringManager: false,
        children: [
          {
            email: "bob@roe.io",
            displayName: "Bob Roe",
            company: "Roe Labs",
            stage: "met",
            hiringManager: false,
            children: [
              {
                email: "carol@roe.io",
                displayName: "Carol Hiring",
                company: "Roe Labs",
                stage: "outreach",
                hiringManager: true,
                children: [],
              },
            ],
          },
        ],
      },
    ]);
  });

  it("is empty when nobody was referred", () => {
    expect(referralTree([contact(), contact({ email: "x@y.z" })])).toEqual([]);
  });

  it("roots a chain at a referrer who is no longer a contact", () => {
    const tree = referralTree([contact({ email: "a@x.io", name: "A", referredBy: "gone@x.io" })]);
    expect(tree).toMatchObject([
      { email: "gone@x.io", displayName: "gone@x.io", stage: null, children: [{ email: "a@x.io" }] },
    ]);
  });

  it("shows each person once even when stored referrals form a cycle", () => {
    const tree = referralTree([
      contact({ email: "a@x.io", referredBy: "b@x.io", createdAt: "2026-01-01T00:00:00Z" }),
      contact({ email: "b@x.io", referredBy: "a@x.io", createdAt: "2026-01-02T00:00:00Z" }),
      contact({ email: "c@x.io", referredBy: "c@x.io" }),
    ]);
    expect(tree).toMatchObject([{ email: "a@x.io", children: [{ email: "b@x.io", children: [] }] }]);
  });

  it("handles a long chain without blowing the stack", () => {
    const chain = Array.from({ length: 2_000 }, (_, i) =>
      contact({
        email: `p${i}@x.io`,
        referredBy: i === 0 ? null : `p${i - 1}@x.io`,
        createdAt: new Date(i * 1000).toISOString(),
      }),
    );
    let node = referralTree(chain)[0];
    let depth = 0;
    while (node) {
      depth += 1;
      node = node.children[0];
    }
    expect(depth).toBe(2_000);
  });
});
