import { beforeEach, describe, expect, it } from "vitest";
import { firePrompt } from "../../core/usecases/fire-prompt.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { accountOf, BOB, JANE, MEETING_ID, markSent, NOW, promptOf, reply, seedAccount } from "./seed.js";

let deps: TestDeps;
let userId: string;

beforeEach(async () => {
  deps = testDeps({ now: NOW });
  ({ userId } = await seedAccount(deps));
});

const answer = () => {
  expect(deps.mailer.sent).toHaveLength(1);
  const mail = deps.mailer.sent[0];
  if (!mail) throw new Error("no answer");
  return mail;
};

describe("done / sent", () => {
  it("on a pending prep: the prompt is closed and its schedule removed", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await reply(deps, userId, prep.id, "Done!");
    const after = await promptOf(deps, userId, "prep");
    expect(after.state).toBe("skipped");
    expect(after.reason).toBe("done");
    expect(deps.scheduler.calls).toContainEqual({ op: "remove", name: prep.scheduleName });
    expect(deps.scheduler.schedules.has(prep.scheduleName as string)).toBe(false);
    const mail = answer();
    expect(mail.to).toBe("you@example.com");
    expect(mail.text).toContain("Marked done: the prep notes for Jane Doe (Acme).");
  });

  it("on a sent thank-you: the meeting counts as met and Jane's keep-in-touch clock restarts", async () => {
    deps.clock.set("2026-12-03T21:40:00Z");
    const thanks = await promptOf(deps, userId, "thank_you");
    await markSent(deps, userId, thanks);
    await reply(deps, userId, thanks.id, "sent");
    const account = await accountOf(deps, userId);
    expect(account.meetings.find((m) => m.id === MEETING_ID)?.status).toBe("met");
    const jane = account.contacts.find((c) => c.email === JANE);
    expect(jane?.stage).toBe("met");
    expect(jane?.lastContactAt).toBe("2026-12-03T21:40:00.000Z");
    expect(account.prompts.find((p) => p.id === thanks.id)?.state).toBe("sent");
  });

  it("on a nudge: the follow-up was sent; on a move-on note: the outreach is cold", async () => {
    const nudge = await promptOf(deps, userId, "nudge", BOB);
    deps.clock.set(nudge.dueAt);
    await markSent(deps, userId, nudge);
    await reply(deps, userId, nudge.id, "done");
    let bob = (await accountOf(deps, userId)).contacts.find((c) => c.email === BOB);
    expect(bob?.lastContactAt).toBe(nudge.dueAt);
    expect(bob?.stage).toBe("outreach");

    const moveOn = await promptOf(deps, userId, "move_on", BOB);
    deps.clock.set(moveOn.dueAt);
    await markSent(deps, userId, moveOn);
    await reply(deps, userId, moveOn.id, "done");
    bob = (await accountOf(deps, userId)).contacts.find((c) => c.email === BOB);
    expect(bob?.stage).toBe("cold");
  });

  it("to mail sent to log@ (no prompt) explains where it works", async () => {
    const { verbs } = await reply(deps, userId, null, "done");
    expect(verbs).toEqual([{ kind: "refused", why: "no_prompt" }]);
    expect(answer().text).toContain("Reply to the prompt itself");
  });
});

describe("snooze", () => {
  it("moves a pending prompt N days later at the prompt hour and moves its schedule", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await reply(deps, userId, prep.id, "snooze 2 days");
    const after = await promptOf(deps, userId, "prep");
    // 1 Dec + 2 days, 09:00 in New York.
    expect(after.dueAt).toBe("2026-12-03T14:00:00.000Z");
    expect(after.state).toBe("scheduled");
    expect(deps.scheduler.schedules.get(prep.scheduleName as string)?.at.toISOString()).toBe(
      "2026-12-03T14:00:00.000Z",
    );
    expect(answer().text).toContain("Snoozed: the prep notes for Jane Doe (Acme) will now arrive");
  });

  it("brings a sent prompt back 3 days later as a reminder, once", async () => {
    const prep = await promptOf(deps, userId, "prep");
    deps.clock.set("2026-12-02T14:05:00Z");
    await markSent(deps, userId, prep);
    await reply(deps, userId, prep.id, "snooze 3d");
    await reply(deps, userId, prep.id, "snooze 3d");
    const reminders = (await accountOf(deps, userId)).prompts.filter((p) =>
      p.key.startsWith(`${prep.key}:again:`),
    );
    expect(reminders).toHaveLength(1);
    const reminder = reminders[0];
    expect(reminder?.kind).toBe("prep");
    expect(reminder?.state).toBe("scheduled");
    expect(reminder?.dueAt).toBe("2026-12-05T14:00:00.000Z");
    expect(reminder?.contactEmail).toBe(JANE);
    expect(deps.scheduler.schedules.get(reminder?.scheduleName as string)?.at.toISOString()).toBe(
      "2026-12-05T14:00:00.000Z",
    );
    // When it fires, the user gets the prep mail again.
    deps.mailer.sent.length = 0;
    deps.clock.set("2026-12-05T14:00:00Z");
    expect(await firePrompt(deps, userId, reminder?.id as string)).toBe("sent");
    expect(deps.mailer.sent).toHaveLength(1);
    expect(deps.mailer.sent[0]?.text).toContain("Jane");
  });

  it("says so for a cancelled prompt", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await reply(deps, userId, prep.id, "stop");
    deps.mailer.sent.length = 0;
    const { verbs } = await reply(deps, userId, prep.id, "snooze 1w");
    expect(verbs).toEqual([
      {
        kind: "snooze_cancelled",
        prompt: { kind: "prep", contact: expect.objectContaining({ email: JANE }) },
        reason: "stopped",
      },
    ]);
    expect(answer().text).toContain("was cancelled");
    expect((await promptOf(deps, userId, "prep")).state).toBe("cancelled");
  });
});

describe("skip", () => {
  it("skips a pending prompt and removes its schedule; the others stay", async () => {
    const ask = await promptOf(deps, userId, "referral_ask");
    await reply(deps, userId, ask.id, "skip");
    expect((await promptOf(deps, userId, "referral_ask")).state).toBe("skipped");
    expect((await promptOf(deps, userId, "thank_you")).state).toBe("scheduled");
    expect(deps.scheduler.calls).toEqual([{ op: "remove", name: ask.scheduleName }]);
  });

  it("a sent prompt cannot be skipped, and says so", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await markSent(deps, userId, prep);
    const { verbs } = await reply(deps, userId, prep.id, "skip");
    expect(verbs).toMatchObject([{ kind: "skip_ended", prompt: { kind: "prep" }, state: "sent" }]);
    expect((await promptOf(deps, userId, "prep")).state).toBe("sent");
  });
});

describe("met / no-show", () => {
  it("met: the meeting is met, Jane is at stage met, prep goes, thank-you and referral ask stay", async () => {
    const prep = await promptOf(deps, userId, "prep");
    deps.clock.set("2026-12-03T20:35:00Z");
    await markSent(deps, userId, prep);
    await reply(deps, userId, prep.id, "met");
    const account = await accountOf(deps, userId);
    expect(account.meetings[0]?.status).toBe("met");
    expect(account.contacts.find((c) => c.email === JANE)?.stage).toBe("met");
    expect((await promptOf(deps, userId, "thank_you")).state).toBe("scheduled");
    expect((await promptOf(deps, userId, "referral_ask")).state).toBe("scheduled");
  });

  it("no-show: the meeting is marked and its thank-you and referral ask are cancelled with their schedules", async () => {
    const prep = await promptOf(deps, userId, "prep");
    const thanks = await promptOf(deps, userId, "thank_you");
    const ask = await promptOf(deps, userId, "referral_ask");
    deps.clock.set("2026-12-03T20:35:00Z");
    await markSent(deps, userId, prep);
    await reply(deps, userId, prep.id, "no-show");
    const account = await accountOf(deps, userId);
    expect(account.meetings[0]?.status).toBe("no_show");
    expect((await promptOf(deps, userId, "thank_you")).state).toBe("cancelled");
    expect((await promptOf(deps, userId, "referral_ask")).state).toBe("cancelled");
    expect(deps.scheduler.calls).toEqual(
      expect.arrayContaining([
        { op: "remove", name: thanks.scheduleName },
        { op: "remove", name: ask.scheduleName },
      ]),
    );
    expect(answer().text).toContain("didn't show");
  });
});

describe("stop", () => {
  it("stops the contact and cancels all their pending prompts; other contacts are untouched", async () => {
    const prep = await promptOf(deps, userId, "prep");
    const { verbs } = await reply(deps, userId, prep.id, "stop");
    expect(verbs).toMatchObject([{ kind: "stopped", contact: { email: JANE }, promptsCancelled: 3 }]);
    const account = await accountOf(deps, userId);
    expect(account.contacts.find((c) => c.email === JANE)?.stopped).toBe(true);
    const janes = account.prompts.filter((p) => p.contactEmail === JANE && p.kind !== "answer");
    expect(janes.map((p) => p.state)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(deps.scheduler.calls.filter((c) => c.op === "remove")).toHaveLength(3);
    expect([...deps.scheduler.schedules.keys()]).toHaveLength(2); // Bob's nudge and move-on
    expect(answer().text).toContain("Stopped: no more prompts about Jane Doe (Acme) (3 cancelled).");
  });
});

describe("several commands, unknown lines, duplicates", () => {
  it("applies several commands in order and answers each, plus the help for what was not understood", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await reply(
      deps,
      userId,
      prep.id,
      "notes: ask about the data team\nfix: hiring manager\nplease call me\n\nThanks,\nSam",
    );
    const jane = (await accountOf(deps, userId)).contacts.find((c) => c.email === JANE);
    expect(jane?.notes).toEqual(["ask about the data team"]);
    expect(jane?.hiringManager).toBe(true);
    const text = answer().text;
    expect(text).toContain("Saved your note with Jane Doe (Acme)");
    expect(text).toContain("Marked Jane Doe (Acme) as the hiring manager.");
    expect(text).toContain('I didn\'t understand: "please call me"');
    expect(text).toContain("snooze 3d");
  });

  it("a reply with no command gets the list of commands and changes nothing", async () => {
    const before = await accountOf(deps, userId);
    await reply(deps, userId, null, "Thanks!");
    expect(answer().text).toContain("I didn't find a command");
    const after = await accountOf(deps, userId);
    expect(after.contacts).toEqual(before.contacts);
    expect(after.prompts.filter((p) => p.kind !== "answer")).toEqual(before.prompts);
  });

  it("the same reply delivered twice acts once and answers once", async () => {
    const prep = await promptOf(deps, userId, "prep");
    const first = await reply(deps, userId, prep.id, "snooze 2d\nnotes: likes trains", "mid:same");
    const second = await reply(deps, userId, prep.id, "snooze 2d\nnotes: likes trains", "mid:same");
    expect(first.outcome).toBe("committed");
    expect(second.outcome).toBe("duplicate");
    expect(deps.mailer.sent).toHaveLength(1);
    const account = await accountOf(deps, userId);
    expect(account.contacts.find((c) => c.email === JANE)?.notes).toEqual(["likes trains"]);
    expect(account.prompts.filter((p) => p.kind === "answer")).toHaveLength(1);
    expect(
      deps.scheduler.calls.filter((c) => c.op === "ensure" && c.name === prep.scheduleName),
    ).toHaveLength(2);
    expect((await promptOf(deps, userId, "prep")).dueAt).toBe("2026-12-03T14:00:00.000Z");
  });

  it("a reply to a prompt of a forgotten contact changes nothing and says why", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await reply(deps, userId, null, `forget ${JANE}`);
    deps.mailer.sent.length = 0;
    await reply(deps, userId, prep.id, "met");
    expect(answer().text).toContain("no longer exists");
  });
});
