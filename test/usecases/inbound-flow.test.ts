import { beforeEach, describe, expect, it } from "vitest";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { DAY, Flow } from "../support/flow.js";
import { found } from "../support/found.js";
import { forwardedInvite } from "../support/mail-builder.js";

describe("a forwarded invite, end to end through the handlers", () => {
  let deps: TestDeps;
  let flow: Flow;
  let userId: string;

  beforeEach(async () => {
    deps = testDeps({ now: "2026-11-25T14:00:00Z" });
    flow = new Flow(deps);
    ({ userId } = await flow.register());
  });

  it("logs Jane and the meeting, confirms in the user's zone, and schedules prep, thank-you and referral ask", async () => {
    await flow.receive(forwardedInvite());

    const account = await flow.account(userId);
    expect(account.contacts).toHaveLength(1);
    expect(account.contacts[0]).toMatchObject({
      email: "jane@acme.com",
      name: "Jane Doe",
      stage: "scheduled",
    });
    expect(account.contacts[0]?.notes.join(" ")).toContain("PyData");
    expect(account.meetings[0]).toMatchObject({
      uid: "coffee-jane-1@google.com",
      sequence: 0,
      timeZone: "America/New_York",
    });
    expect(Date.parse(found(account.meetings[0], "the meeting").start)).toBe(
      Date.parse("2026-12-03T20:00:00Z"),
    );
    expect(account.user.timeZone).toBe("America/New_York");

    const pending = account.prompts.filter((p) => p.state === "scheduled").map((p) => [p.kind, p.dueAt]);
    expect(pending).toEqual(
      expect.arrayContaining([
        ["prep", "2026-12-02T14:00:00.000Z"], // Wed 09:00 EST
        ["thank_you", "2026-12-03T21:30:00.000Z"], // 1 h after the end
        ["referral_ask", "2026-12-06T14:00:00.000Z"], // 3 days later, 09:00 EST
      ]),
    );
    expect(deps.scheduler.schedules.size).toBe(3);
    for (const schedule of deps.scheduler.schedules.values()) {
      expect(schedule.timeZone).toBe("America/New_York");
      expect(schedule.input).toMatchObject({ type: "prompt", userId });
    }

    expect(flow.mails).toHaveLength(1);
    const confirmation = found(flow.mails[0], "the confirmation");
    expect(confirmation.to).toBe("you@example.com");
    expect(confirmation.replyTo).toMatch(/^reply\+[a-z2-7]{32}@coffee\.test$/);
    expect(confirmation.text).toContain("Jane Doe (Acme)");
    expect(confirmation.text).toContain("Thu 3 Dec 15:00 EST");
    expect(confirmation.text).toMatch(/Prep arrives Wed 2 Dec 09:00/);
    expect(account.prompts.find((p) => p.kind === "confirmation")?.state).toBe("sent");
  });

  it("learns the user's name from their From display name and signs the drafts with it", async () => {
    await flow.receive(forwardedInvite());
    expect((await flow.account(userId)).user.name).toBe("Sam User");
    await flow.advance(9 * DAY);
    const thanks = flow.mails.find((m) => m.subject.startsWith("Thank-you draft"));
    expect(thanks?.text).toContain("Hi Jane,");
    expect(thanks?.text).toContain("Best,\nSam User\n===");
    // The note forwarded above the invite is the user's: beside the draft, never in it.
    const draft = thanks?.text.slice(thanks.text.indexOf("=== Draft:")) ?? "";
    expect(thanks?.text).toContain("Met her at the PyData meetup");
    expect(draft).not.toContain("PyData");
  });

  it("a forwarded outreach: the week-later follow-up restates what the user asked for", async () => {
    const outreach = [
      "From: Sam User <you@example.com>",
      "To: log@coffee.test",
      "Subject: Fwd: 20 minutes on data platforms?",
      "Message-ID: <fwd-outreach@mail.example.com>",
      "Date: Wed, 25 Nov 2026 09:00:00 -0500",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "---------- Forwarded message ---------",
      "From: Sam User <you@example.com>",
      "Date: Wed, Nov 25, 2026 at 8:30 AM",
      "Subject: 20 minutes on data platforms?",
      "To: Bob Stone <bob@globex.com>",
      "",
      "Hi Bob, would you have 20 minutes for a coffee chat about data platforms?",
      "",
      "Sam",
      "",
    ].join("\r\n");
    await flow.receive(outreach);
    expect((await flow.account(userId)).contacts[0]?.outreachSubject).toBe("20 minutes on data platforms?");
    await flow.advance(8 * DAY);
    const nudge = flow.mails.find((m) => m.subject.startsWith("No answer from"));
    expect(nudge?.text).toContain("Subject: Re: 20 minutes on data platforms?");
    expect(nudge?.text).toContain('follow up on my note from Wed 25 Nov ("20 minutes on data platforms?")');
    expect(nudge?.text).toContain("Best,\nSam User\n===");
  });

  it("acts once when SES delivers the same event three times, or the same mail arrives again", async () => {
    const first = await flow.receive(forwardedInvite());
    await flow.redeliver(first);
    await flow.redeliver(first, { timestamp: "2026-11-25T15:00:00.000Z" });
    await flow.receive(forwardedInvite()); // new SES id, same Message-ID header

    const account = await flow.account(userId);
    expect(account.contacts).toHaveLength(1);
    expect(account.meetings).toHaveLength(1);
    expect(account.interactions).toHaveLength(1);
    expect(account.prompts.filter((p) => p.kind !== "confirmation")).toHaveLength(3);
    // A duplicate re-asserts the same three schedules (idempotent: that is how a crashed run finishes).
    expect(deps.scheduler.schedules.size).toBe(3);
    expect(new Set(deps.scheduler.calls.map((c) => c.name)).size).toBe(3);
    expect(flow.mails).toHaveLength(1);
  });

  it("moves every pending prompt when an update with a higher SEQUENCE arrives, and ignores a stale one", async () => {
    await flow.receive(forwardedInvite());
    await flow.receive(
      forwardedInvite({
        sequence: 1,
        start: "20261204T100000",
        end: "20261204T103000",
        messageId: "fwd-2@mail.example.com",
      }),
    );
    let account = await flow.account(userId);
    expect(account.meetings[0]).toMatchObject({ sequence: 1 });
    expect(Date.parse(found(account.meetings[0], "the meeting").start)).toBe(
      Date.parse("2026-12-04T15:00:00Z"),
    );
    const byKind = Object.fromEntries(
      account.prompts.filter((p) => p.state === "scheduled").map((p) => [p.kind, p.dueAt]),
    );
    expect(byKind).toEqual({
      prep: "2026-12-03T14:00:00.000Z",
      thank_you: "2026-12-04T16:30:00.000Z",
      referral_ask: "2026-12-07T14:00:00.000Z",
    });
    expect(deps.scheduler.schedules.size).toBe(3);
    expect([...deps.scheduler.schedules.values()].map((s) => s.at.toISOString()).sort()).toEqual(
      Object.values(byKind).sort(),
    );
    expect(flow.mails[1]?.text).toContain("moved to");

    await flow.receive(forwardedInvite({ sequence: 0, messageId: "fwd-3@mail.example.com" }));
    account = await flow.account(userId);
    expect(account.meetings[0]).toMatchObject({ sequence: 1 });
    expect(flow.mails[2]?.text).toContain("older version");
  });

  it("cancels the meeting's prompts and their schedules on METHOD:CANCEL, and asks reschedule or drop", async () => {
    await flow.receive(forwardedInvite());
    await flow.receive(
      forwardedInvite({ method: "CANCEL", sequence: 1, messageId: "fwd-cancel@mail.example.com" }),
    );
    const account = await flow.account(userId);
    expect(account.meetings[0]?.status).toBe("cancelled");
    expect(account.prompts.filter((p) => p.state === "scheduled")).toHaveLength(0);
    expect(deps.scheduler.schedules.size).toBe(0);
    expect(flow.mails.at(-1)?.text).toMatch(/Reschedule or drop\?/);
  });

  it("sends prep, thank-you and referral ask once each as time passes, each with a draft and a reply address", async () => {
    await flow.receive(forwardedInvite());
    await flow.advance(12 * DAY);
    const kinds = flow.mails.slice(1).map((m) => m.subject);
    expect(kinds).toHaveLength(3);
    const [prep, thankYou, referral] = flow.mails.slice(1);
    expect(prep?.subject).toMatch(/prep/i);
    expect(prep?.text).toContain("PyData");
    expect(thankYou?.text).toMatch(/mailto:jane@acme\.com\?/);
    expect(referral?.text).toMatch(/mailto:jane@acme\.com\?/);
    for (const mail of flow.mails.slice(1)) {
      expect(mail.replyTo).toMatch(/^reply\+[a-z2-7]{32}@coffee\.test$/);
      expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      expect(mail.text).toContain("https://web.coffee.test/s/usr_");
    }
    // The thank-you starts the keep-in-touch chain: a check-in six months on.
    const account = await flow.account(userId);
    const checkIn = account.prompts.find((p) => p.kind === "check_in" && p.state === "scheduled");
    expect(checkIn?.dueAt.slice(0, 7)).toBe("2027-06");
  });

  it("sends nothing more when a schedule fires twice", async () => {
    await flow.receive(forwardedInvite());
    const prep = found(
      [...deps.scheduler.schedules.values()].find((s) => s.at.toISOString() === "2026-12-02T14:00:00.000Z"),
      "the prep schedule",
    );
    deps.clock.set("2026-12-02T14:00:00Z");
    await flow.fire(prep.input);
    await flow.fire(prep.input);
    await Promise.all([flow.fire(prep.input), flow.fire(prep.input)]);
    expect(flow.mails.filter((m) => /prep/i.test(m.subject))).toHaveLength(1);
  });

  it("never answers an unknown sender and touches no user's data", async () => {
    await flow.receive(forwardedInvite({ from: "stranger@elsewhere.com" }), {
      from: "stranger@elsewhere.com",
    });
    expect(flow.mails).toHaveLength(0);
    expect((await flow.account(userId)).contacts).toHaveLength(0);
    const refusals = await deps.store.listRefusals("2026-11-25");
    expect(refusals.map((r) => r.reason)).toEqual(["mail.unknown_sender"]);
  });

  it("ignores a spoofed From (DMARC fail, no aligned DKIM): no state change, no mail", async () => {
    await flow.receive(forwardedInvite(), { verdicts: { dmarc: "FAIL", dkim: "FAIL", spf: "PASS" } });
    expect(flow.mails).toHaveLength(0);
    expect((await flow.account(userId)).contacts).toHaveLength(0);
    expect((await deps.store.listRefusals("2026-11-25"))[0]?.reason).toMatch(/^mail\.untrusted/);
  });

  it("drops mail SES marked as a virus or spam, keeping the refusal on record", async () => {
    await flow.receive(forwardedInvite(), { verdicts: { virus: "FAIL" } });
    expect(flow.mails).toHaveLength(0);
    expect((await deps.store.listRefusals("2026-11-25"))[0]?.reason).toBe("mail.spam");
  });

  it("refuses an oversize mail before parsing it, tells the verified user why, and keeps the raw mail", async () => {
    const big = forwardedInvite({ notes: "x".repeat(deps.config.limits.maxBytes + 10) });
    const id = await flow.receive(big);
    expect(deps.rawMail.objects.has(`inbound/${id}`)).toBe(true);
    expect((await flow.account(userId)).contacts).toHaveLength(0);
    expect((await deps.store.listRefusals("2026-11-25"))[0]?.reason).toMatch(/^mail\.too_large/);
    expect(flow.mails).toHaveLength(1);
    expect(flow.mails[0]?.text).toMatch(/MB/);
  });
});
