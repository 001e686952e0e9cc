import { beforeEach, describe, expect, it } from "vitest";
import { MailRejectedError } from "../../core/errors.js";
import { sweepOverdue } from "../../core/usecases/sweep.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { DAY, Flow, HOUR } from "../support/flow.js";
import { found } from "../support/found.js";
import { forwardedInvite } from "../support/mail-builder.js";

/** What dispatch and the sweep must survive (RELIABILITY.md cases 4–10, 21–22). */
describe("sending prompts when things go wrong", () => {
  let deps: TestDeps;
  let flow: Flow;
  let userId: string;

  const prepDue = new Date("2026-12-02T14:00:00Z");
  const prompts = async () => (await flow.account(userId)).prompts;
  const prep = async () =>
    found(
      (await prompts()).find((p) => p.kind === "prep"),
      "the prep prompt",
    );
  const prepSchedule = () =>
    found(
      [...deps.scheduler.schedules.values()].find((s) => s.at.getTime() === prepDue.getTime()),
      "the prep schedule",
    );

  beforeEach(async () => {
    deps = testDeps({ now: "2026-11-25T14:00:00Z" });
    flow = new Flow(deps);
    ({ userId } = await flow.register());
    await flow.receive(forwardedInvite());
    expect(flow.mails).toHaveLength(1); // the confirmation
  });

  it("finishes the work on retry after CreateSchedule failed mid-way: no orphan, no duplicate (case 4)", async () => {
    const fresh = testDeps({ now: "2026-11-25T14:00:00Z" });
    const f = new Flow(fresh);
    const { userId: id } = await f.register();
    const ensure = fresh.scheduler.ensure.bind(fresh.scheduler);
    let calls = 0;
    fresh.scheduler.ensure = async (request) => {
      if (++calls === 2) throw Object.assign(new Error("throttled"), { name: "ThrottlingException" });
      return ensure(request);
    };
    const sesId = await f.receive(forwardedInvite()).catch(() => "ses-in-1");
    // The one that failed does not hold back the others; the retry makes the missing one.
    expect(fresh.scheduler.schedules.size).toBe(2);
    await f.redeliver(sesId);
    expect(fresh.scheduler.schedules.size).toBe(3);
    expect(new Set([...fresh.scheduler.schedules.keys()]).size).toBe(3);
    expect(f.mails).toHaveLength(1);
    expect((await f.account(id)).prompts.filter((p) => p.kind !== "confirmation")).toHaveLength(3);
  });

  it("fires a prompt whose schedule was lost, once, from the hourly sweep (case 9)", async () => {
    deps.scheduler.schedules.delete(prepSchedule().name);
    deps.clock.set(new Date(prepDue.getTime() + HOUR));
    expect(await sweepOverdue(deps)).toMatchObject({ fired: 1 });
    expect(await sweepOverdue(deps)).toMatchObject({ fired: 0 });
    expect(flow.mails.filter((m) => /prep/i.test(m.subject))).toHaveLength(1);
    expect((await prep()).state).toBe("sent");
  });

  it("leaves a send with an unknown outcome alone, then marks it failed rather than risk a duplicate (case 7)", async () => {
    deps.clock.set(prepDue);
    deps.mailer.failWith = Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
    await expect(flow.fire(prepSchedule().input)).rejects.toThrow("socket hang up");
    expect((await prep()).state).toBe("sending");

    deps.mailer.failWith = null;
    await flow.fire(prepSchedule().input); // Lambda's retry
    expect(flow.mails).toHaveLength(1);

    deps.clock.set(new Date(prepDue.getTime() + 20 * 60_000));
    await sweepOverdue(deps);
    expect(await prep()).toMatchObject({ state: "failed", reason: expect.stringMatching(/not resent/) });
    // No resend; one mail tells the user it may not have arrived.
    expect(flow.mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^coffeechat: logged/),
      "coffeechat: a mail may not have reached you",
    ]);
  });

  it("releases a throttled send and sends it once on retry", async () => {
    deps.clock.set(prepDue);
    deps.mailer.failWith = Object.assign(new Error("slow down"), { name: "TooManyRequestsException" });
    await expect(flow.fire(prepSchedule().input)).rejects.toThrow("slow down");
    expect((await prep()).state).toBe("scheduled");
    deps.mailer.failWith = null;
    await flow.fire(prepSchedule().input);
    await flow.fire(prepSchedule().input);
    expect(flow.mails.filter((m) => /prep/i.test(m.subject))).toHaveLength(1);
    expect((await prep()).sesMessageId).toBe("ses-2");
  });

  it("marks a prompt failed with SES's reason when the sandbox rejects it, with no retry loop (case 22)", async () => {
    deps.clock.set(prepDue);
    deps.mailer.failWith = new MailRejectedError("Email address is not verified.");
    await flow.fire(prepSchedule().input);
    expect(await prep()).toMatchObject({ state: "failed", reason: "Email address is not verified." });
    deps.clock.set(new Date(prepDue.getTime() + 2 * HOUR));
    expect(await sweepOverdue(deps)).toMatchObject({ examined: 0 });
  });

  it("sends nothing for a prompt fired before its time by a stale schedule, and keeps it pending", async () => {
    deps.clock.set(new Date(prepDue.getTime() - DAY));
    expect(flow.mails).toHaveLength(1);
    await flow.fire(prepSchedule().input);
    expect(flow.mails).toHaveLength(1);
    expect((await prep()).state).toBe("scheduled");
  });

  it("stops prompts for a user whose address bounced, without retrying (case 21)", async () => {
    const { createMailFeedbackHandler } = await import("../../functions/mail-feedback.js");
    const feedback = createMailFeedbackHandler(deps);
    const bounce = {
      eventType: "Bounce",
      bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: "You@Example.com" }] },
    };
    await feedback({ Records: [{ Sns: { Message: JSON.stringify(bounce) } }] });
    await feedback({ Records: [{ Sns: { Message: JSON.stringify(bounce) } }] });
    expect((await flow.account(userId)).user.bouncing).toBe(true);
    await flow.advance(12 * DAY);
    expect(flow.mails).toHaveLength(1);
    expect((await prompts()).filter((p) => p.kind !== "confirmation").map((p) => p.state)).toEqual([
      "skipped",
      "skipped",
      "skipped",
    ]);
  });
});
