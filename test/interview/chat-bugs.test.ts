import { beforeEach, describe, expect, it } from "vitest";
import type { Prompt } from "../../core/model/prompt.js";
import { firePrompt } from "../../core/usecases/fire-prompt.js";
import { runCommands } from "../../core/usecases/run-commands.js";
import { settle } from "../../core/usecases/settle.js";
import { sweepOverdue } from "../../core/usecases/sweep.js";
import { readStatusPage } from "../../core/web/status-reads.js";
import { statusView } from "../../core/web/status-view.js";
import { accountOf, BOB, JANE, markSent, NOW, promptOf, reply, seedAccount } from "../commands/seed.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { DAY, Flow } from "../support/flow.js";
import { forwardedInvite, forwardedMail } from "../support/mail-builder.js";

let deps: TestDeps;
let userId: string;

beforeEach(async () => {
  deps = testDeps({ now: NOW });
  ({ userId } = await seedAccount(deps));
});

const live = (p: Prompt) => p.state === "scheduled" || p.state === "sending";

async function livePrompts(kind: Prompt["kind"], email = JANE): Promise<Prompt[]> {
  return (await accountOf(deps, userId)).prompts.filter(
    (p) => p.kind === kind && p.contactEmail === email && live(p),
  );
}

describe("done and snooze on one prompt", () => {
  it("done after snooze ends the snoozed reminder: nothing comes back", async () => {
    const prep = await promptOf(deps, userId, "prep");
    deps.clock.set("2026-12-02T14:05:00Z");
    await markSent(deps, userId, prep);
    await reply(deps, userId, prep.id, "snooze 3d");
    expect(await livePrompts("prep")).toHaveLength(1);
    await reply(deps, userId, prep.id, "done");
    expect(await livePrompts("prep")).toHaveLength(0);
    const reminder = (await accountOf(deps, userId)).prompts.find((p) =>
      p.key.startsWith(`${prep.key}:again:`),
    );
    expect(reminder?.state).toBe("skipped");
    expect(deps.scheduler.schedules.has(reminder?.scheduleName as string)).toBe(false);
  });

  it("done and `snooze 3d` in one mail leave exactly one live check-in, 3 days out", async () => {
    deps.clock.set("2026-12-03T21:35:00Z");
    const thanks = await promptOf(deps, userId, "thank_you");
    expect(await firePrompt(deps, userId, thanks.id)).toBe("sent");
    const checkIn = (await livePrompts("check_in"))[0];
    if (!checkIn) throw new Error("no check-in planned after the thank-you");
    deps.clock.set(checkIn.dueAt);
    expect(await firePrompt(deps, userId, checkIn.id)).toBe("sent");
    await reply(deps, userId, checkIn.id, "done\nsnooze 3d");
    const after = await livePrompts("check_in");
    expect(after).toHaveLength(1);
    expect(Date.parse(after[0]?.dueAt as string) - Date.parse(checkIn.dueAt)).toBeGreaterThan(2 * 86_400_000);
    expect(Date.parse(after[0]?.dueAt as string) - Date.parse(checkIn.dueAt)).toBeLessThan(4 * 86_400_000);
  });
});

describe("the contact's answer, forwarded", () => {
  it("ends the nudges and the move-on note, moves Priya to answered, and offers an invite draft", async () => {
    const deps = testDeps({ now: "2026-12-01T13:00:00Z" });
    const flow = new Flow(deps);
    const { userId } = await flow.register();
    await flow.receive(forwardedMail());
    let account = await flow.account(userId);
    expect(account.prompts.filter((p) => p.kind === "nudge" && p.state === "scheduled")).toHaveLength(1);

    flow.mails.length = 0;
    deps.clock.set("2026-12-03T15:00:00Z");
    await flow.receive(forwardedMail({ byContact: true }));
    expect(flow.mails).toHaveLength(1);
    expect(flow.mails[0]?.text).toContain(
      "Priya Shah (Initech) answered. Send Priya an invite; here is a draft with times:",
    );
    expect(flow.mails[0]?.text).toContain("Would one of these work");
    account = await flow.account(userId);
    expect(account.contacts[0]?.stage).toBe("answered");
    expect(account.interactions.map((i) => i.kind)).toEqual(expect.arrayContaining(["outreach", "reply"]));
    expect(
      account.prompts.filter((p) => (p.kind === "nudge" || p.kind === "move_on") && p.state === "scheduled"),
    ).toEqual([]);

    flow.mails.length = 0;
    await flow.advance(20 * DAY);
    expect(flow.mails.map((m) => m.subject)).toEqual([]);
  });
});

describe("a nudge snoozed after the answer", () => {
  it("does not come back, and the answer says why", async () => {
    const deps = testDeps({ now: "2026-12-01T13:00:00Z" });
    const flow = new Flow(deps);
    const { userId } = await flow.register();
    await flow.receive(forwardedMail());
    const nudge = (await flow.account(userId)).prompts.find((p) => p.kind === "nudge");
    if (!nudge) throw new Error("no nudge planned after the outreach");
    await runCommands(deps, {
      userId,
      promptId: nudge.id,
      commands: [{ verb: "done" }],
      unknown: [],
      messageKey: "mid:nudge-done",
      channel: "mail",
    });
    await flow.receive(forwardedMail({ byContact: true }));

    flow.mails.length = 0;
    await runCommands(deps, {
      userId,
      promptId: nudge.id,
      commands: [{ verb: "snooze", days: 1 }],
      unknown: [],
      messageKey: "mid:nudge-snooze",
      channel: "mail",
    });
    expect(flow.mails[0]?.text).toContain(
      "Priya Shah (Initech) is at Answered now, so the follow-up nudge will not come back.",
    );
    const account = await flow.account(userId);
    expect(
      account.prompts
        .filter((p) => (p.kind === "nudge" || p.kind === "move_on") && live(p))
        .map((p) => p.key),
    ).toEqual([]);
  });
});

describe("a zone learned from the first invite", () => {
  it("moves prompts planned under the guessed zone to the prompt hour in the zone learned", async () => {
    const deps = testDeps({ now: "2026-11-25T14:00:00Z" });
    const flow = new Flow(deps);
    const { userId } = await flow.register();
    await flow.receive(forwardedMail({ date: "Wed, 25 Nov 2026 08:00:00 -0500" }));
    let nudge = (await flow.account(userId)).prompts.find((p) => p.kind === "nudge");
    expect(nudge?.dueAt).toBe("2026-12-02T09:00:00.000Z"); // 09:00 in UTC, the guess
    await flow.receive(forwardedInvite());
    const account = await flow.account(userId);
    expect(account.user.timeZone).toBe("America/New_York");
    nudge = account.prompts.find((p) => p.kind === "nudge");
    expect(nudge?.dueAt).toBe("2026-12-02T14:00:00.000Z"); // 09:00 in New York
    expect(deps.scheduler.schedules.get(nudge?.scheduleName as string)?.at.toISOString()).toBe(
      "2026-12-02T14:00:00.000Z",
    );
  });
});

describe("a prompt decides at send time from the live records", () => {
  it("sends nothing for a paused user, even when the pause wrote only the user item", async () => {
    const user = (await accountOf(deps, userId)).user;
    // What a pause leaves when only its first write lands: the user paused, no prompt touched.
    await deps.store.commit(userId, [{ op: "putUser", user: { ...user, paused: true } }]);
    const nudge = await promptOf(deps, userId, "nudge", BOB);
    deps.clock.set(nudge.dueAt);
    expect(await firePrompt(deps, userId, nudge.id)).toBe("skipped");
    expect(deps.mailer.sent).toEqual([]);
    expect(await promptOf(deps, userId, "nudge", BOB)).toMatchObject({ reason: "missed while paused" });
  });

  it("sends nothing about a contact stopped, or a meeting cancelled, by a write that touched no prompt", async () => {
    const account = await accountOf(deps, userId);
    const bob = account.contacts.find((c) => c.email === BOB);
    const meeting = account.meetings[0];
    if (!bob || !meeting) throw new Error("seed");
    await deps.store.commit(userId, [
      { op: "putContact", contact: { ...bob, stopped: true } },
      { op: "putMeeting", meeting: { ...meeting, status: "cancelled" } },
    ]);
    for (const [kind, email] of [
      ["nudge", BOB],
      ["prep", JANE],
    ] as const) {
      const prompt = await promptOf(deps, userId, kind, email);
      deps.clock.set(prompt.dueAt);
      expect(await firePrompt(deps, userId, prompt.id)).toBe("skipped");
    }
    expect(deps.mailer.sent).toEqual([]);
  });
});

describe("stages agree with the mails", () => {
  it("the move-on note says cold, and the page shows Bob under Cold", async () => {
    const moveOn = await promptOf(deps, userId, "move_on", BOB);
    deps.clock.set(moveOn.dueAt);
    expect(await firePrompt(deps, userId, moveOn.id)).toBe("sent");
    const view = statusView(await accountOf(deps, userId), deps.clock.now());
    const cold = view.stages.find((s) => s.stage === "cold");
    expect(cold?.contacts.map((c) => c.email)).toEqual([BOB]);
  });

  it("a cancelled meeting leaves the contact at Cancelled, not Scheduled", async () => {
    const flowDeps = testDeps({ now: "2026-11-25T14:00:00Z" });
    const flow = new Flow(flowDeps);
    const { userId: id } = await flow.register();
    await flow.receive(forwardedInvite());
    await flow.receive(
      forwardedInvite({ method: "CANCEL", sequence: 1, messageId: "fwd-cancel@mail.example.com" }),
    );
    const account = await flow.account(id);
    expect(account.contacts[0]?.stage).toBe("cancelled");
    expect(flow.mails.at(-1)?.text).toContain("Cancelled: Jane Doe");
  });

  it("no-show: Jane is at Cancelled, no check-in is planned, and the answer offers a reschedule draft", async () => {
    const prep = await promptOf(deps, userId, "prep");
    deps.clock.set("2026-12-03T20:35:00Z");
    await markSent(deps, userId, prep);
    await reply(deps, userId, prep.id, "no-show");
    const account = await accountOf(deps, userId);
    expect(account.contacts.find((c) => c.email === JANE)?.stage).toBe("cancelled");
    expect(await livePrompts("check_in")).toEqual([]);
    expect(await livePrompts("thank_you")).toEqual([]);
    const text = deps.mailer.sent.at(-1)?.text ?? "";
    expect(text).toContain("Here is a draft proposing new times");
    expect(text).toContain("Sorry we missed each other");
  });
});

describe("a prompt lost to a crash mid-send", () => {
  it("is on the status page with what to do, and the user gets one mail about it", async () => {
    const flowDeps = testDeps({ now: "2026-11-25T14:00:00Z" });
    const flow = new Flow(flowDeps);
    const { userId: id } = await flow.register();
    await flow.receive(forwardedInvite());
    const prep = (await flow.account(id)).prompts.find((p) => p.kind === "prep");
    if (!prep) throw new Error("no prep");
    flowDeps.clock.set(prep.dueAt);
    flowDeps.mailer.failWith = Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
    await expect(firePrompt(flowDeps, id, prep.id)).rejects.toThrow("socket hang up");
    flowDeps.mailer.failWith = null;
    flow.mails.length = 0;

    flowDeps.clock.set(new Date(Date.parse(prep.dueAt) + 20 * 60_000));
    await sweepOverdue(flowDeps);
    await sweepOverdue(flowDeps);
    expect(flow.mails.map((m) => m.subject)).toEqual(["coffeechat: a mail may not have reached you"]);
    expect(flow.mails[0]?.text).toContain('"Prep notes for your chat with Jane Doe (Acme)"');
    expect(flow.mails[0]?.text).toContain("“Send again”");

    // What the page reads: its bounded pages, not the whole account.
    const onPage = async () => {
      const user = (await flow.account(id)).user;
      const { account, named } = await readStatusPage(flowDeps.store, user, flowDeps.clock.now(), null);
      return statusView(account, flowDeps.clock.now(), { named }).failedPrompts;
    };
    expect(await onPage()).toMatchObject([
      {
        id: prep.id,
        label: "Prep notes for your chat with Jane Doe",
        reason: expect.stringMatching(/not resent/),
      },
    ]);

    // "Send again" on the page: the prep comes back tomorrow, and the row goes.
    await runCommands(flowDeps, {
      userId: id,
      promptId: prep.id,
      commands: [{ verb: "snooze", days: 1 }],
      unknown: [],
      messageKey: "web:again",
      channel: "web",
    });
    const after = await flow.account(id);
    expect(after.prompts.filter((p) => p.kind === "prep" && p.state === "scheduled")).toHaveLength(1);
    expect(await onPage()).toEqual([]);
  });
});

describe("due times a schedule cannot hold", () => {
  it("an invite dated 9999 is refused at intake with a clear answer, and nothing is planned", async () => {
    const flowDeps = testDeps({ now: "2026-11-25T14:00:00Z" });
    const flow = new Flow(flowDeps);
    const { userId: id } = await flow.register();
    await flow.receive(forwardedInvite({ start: "99991231T230000", end: "99991231T233000", tzid: "UTC" }));
    const account = await flow.account(id);
    expect(account.meetings).toEqual([]);
    expect(account.prompts.filter((p) => p.state === "scheduled" && p.scheduleName)).toEqual([]);
    expect(flowDeps.scheduler.calls).toEqual([]);
    expect(flow.mails.at(-1)?.subject).toBe("coffeechat: nothing logged");
    expect(flow.mails.at(-1)?.text).toContain("more than two years ahead");
  });

  it("one prompt whose schedule is refused does not keep the others from being scheduled", async () => {
    const prompts = (await accountOf(deps, userId)).prompts.filter((p) => p.state === "scheduled");
    expect(prompts.length).toBeGreaterThanOrEqual(3);
    const [bad, ...good] = prompts;
    const ensure = deps.scheduler.ensure.bind(deps.scheduler);
    deps.scheduler.ensure = async (request) => {
      if (request.name === bad?.scheduleName)
        throw Object.assign(new Error("at(10000-01-01T00:00:00) is invalid"), {
          name: "ValidationException",
        });
      return ensure(request);
    };
    deps.scheduler.schedules.clear();
    await expect(
      settle(deps, userId, { schedule: prompts, unschedule: [], deliver: [] }, "America/New_York"),
    ).rejects.toThrow("is invalid");
    expect([...deps.scheduler.schedules.keys()].sort()).toEqual(good.map((p) => p.scheduleName).sort());
  });
});
