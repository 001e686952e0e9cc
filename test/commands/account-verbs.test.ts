import { beforeEach, describe, expect, it } from "vitest";
import { statusToken } from "../../core/tokens.js";
import { firePrompt } from "../../core/usecases/fire-prompt.js";
import { afterSent } from "../../core/usecases/keep-in-touch.js";
import { runCommands } from "../../core/usecases/run-commands.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { accountOf, BOB, JANE, markSent, NOW, promptOf, reply, seedAccount } from "./seed.js";

let deps: TestDeps;
let userId: string;

beforeEach(async () => {
  deps = testDeps({ now: NOW });
  ({ userId } = await seedAccount(deps));
});

const texts = () => deps.mailer.sent.map((m) => m.text).join("\n");
const dueOf = async (kind: Parameters<typeof promptOf>[2], email = JANE) =>
  (await promptOf(deps, userId, kind, email)).dueAt;

describe("landed", () => {
  it("records the news and sends one celebrate mail at once, naming everyone met; a repeat sends nothing more", async () => {
    deps.clock.set("2026-12-03T21:00:00Z");
    await reply(deps, userId, (await promptOf(deps, userId, "prep")).id, "met");
    deps.mailer.sent.length = 0;
    await reply(deps, userId, null, "landed: Initech");
    const account = await accountOf(deps, userId);
    expect(account.user.landed).toEqual({ company: "Initech", at: "2026-12-03T21:00:00.000Z" });
    const celebrate = account.prompts.filter((p) => p.kind === "celebrate");
    expect(celebrate).toHaveLength(1);
    expect(celebrate[0]?.state).toBe("sent");
    // The prompt holds no copy of the people: they are read when it is sent.
    expect(celebrate[0]).not.toHaveProperty("snapshot");
    expect(deps.mailer.sent).toHaveLength(2);
    expect(texts()).toContain("Initech");
    expect(texts()).toContain("Jane");

    deps.mailer.sent.length = 0;
    await reply(deps, userId, null, "landed: Initech");
    expect(deps.mailer.sent).toHaveLength(1);
    expect(texts()).toContain("already went out today");
  });
});

describe("status and new link", () => {
  it("status mails a short summary and the same link: links in earlier mails keep working", async () => {
    const link = statusToken(deps.config.tokenKey, userId, 1);
    await reply(deps, userId, null, "status");
    const after = await accountOf(deps, userId);
    expect(after.user.statusTokenVersion).toBe(1);
    expect(after.user.statusTokenHash).toBe(link.hash);
    const mail = deps.mailer.sent[0];
    expect(mail?.subject).toBe("coffeechat: where things stand");
    expect(mail?.text).toContain(
      "Where things stand: 2 people: 1 waiting for an answer, 1 meeting scheduled.",
    );
    expect(mail?.text).toContain(
      "Next from coffeechat: prep notes for Jane Doe (Acme), Wed 2 Dec 09:00 EST (5 follow-ups scheduled).",
    );
    expect(mail?.text).toContain(`/s/${link.token}`);
    expect(mail?.html).toContain(`/s/${link.token}`);
  });

  it("new link rotates the status token: the answer carries the new link, the old one stops matching", async () => {
    const oldLink = statusToken(deps.config.tokenKey, userId, 1);
    const newLink = statusToken(deps.config.tokenKey, userId, 2);
    await reply(deps, userId, null, "new link");
    const after = await accountOf(deps, userId);
    expect(after.user.statusTokenVersion).toBe(2);
    expect(after.user.statusTokenHash).toBe(newLink.hash);
    const mail = deps.mailer.sent[0];
    expect(mail?.text).toContain("Every earlier link no longer works.");
    expect(mail?.text).toContain(`/s/${newLink.token}`);
    expect(mail?.text).not.toContain(oldLink.token);
    expect(mail?.html).toContain(`/s/${newLink.token}`);
  });
});

describe("name", () => {
  it("sets the name every draft is signed with", async () => {
    await reply(deps, userId, null, "name Sam Seeker");
    expect((await accountOf(deps, userId)).user.name).toBe("Sam Seeker");
    expect(texts()).toContain('Your drafts are now signed "Sam Seeker".');
    // Prompts already planned are signed with it too when they go out.
    deps.mailer.sent.length = 0;
    deps.clock.set("2026-12-03T21:30:00Z");
    expect(await firePrompt(deps, userId, (await promptOf(deps, userId, "thank_you")).id)).toBe("sent");
    expect(deps.mailer.sent[0]?.text).toContain("Best,\nSam Seeker\n===");
  });
});

describe("near misses", () => {
  it("a misspelt verb gets the correction, not the whole help, and changes nothing", async () => {
    const before = await accountOf(deps, userId);
    await reply(deps, userId, (await promptOf(deps, userId, "prep")).id, "snoze 3d");
    expect(texts()).toContain('I didn\'t understand: "snoze 3d"');
    expect(texts()).toContain('"snoze 3d": did you mean `snooze 3d`?');
    expect(texts()).not.toContain("address add sam@work.com");
    expect((await accountOf(deps, userId)).prompts.filter((p) => p.kind !== "answer")).toEqual(
      before.prompts,
    );
  });

  it("a misspelt zone gets the zone it most likely meant; a city is taken as it is", async () => {
    await reply(deps, userId, null, "tz Europe/Berln");
    expect(texts()).toContain("did you mean `tz Europe/Berlin`?");
    expect((await accountOf(deps, userId)).user.timeZone).toBe("America/New_York");
    await reply(deps, userId, null, "tz Berlin");
    expect((await accountOf(deps, userId)).user.timeZone).toBe("Europe/Berlin");
  });
});

describe("pause / resume", () => {
  it("pause is one write: schedules stay, a prompt firing while paused is skipped unsent; resume is one write too", async () => {
    const before = await accountOf(deps, userId);
    const pending = before.prompts.filter((p) => p.state === "scheduled");
    expect(pending).toHaveLength(5);
    await reply(deps, userId, null, "pause");
    let account = await accountOf(deps, userId);
    expect(account.user.paused).toBe(true);
    expect(account.prompts.filter((p) => p.kind !== "answer")).toEqual(before.prompts);
    expect(deps.scheduler.calls).toEqual([]);

    // The prep's schedule fires while paused: nothing is sent, the prompt says why.
    deps.mailer.sent.length = 0;
    deps.clock.set("2026-12-02T18:00:00Z");
    const prep = await promptOf(deps, userId, "prep");
    deps.scheduler.schedules.delete(prep.scheduleName as string); // fired: ActionAfterCompletion DELETE
    expect(await firePrompt(deps, userId, prep.id)).toBe("skipped");
    expect(deps.mailer.sent).toEqual([]);
    expect(await promptOf(deps, userId, "prep")).toMatchObject({
      state: "skipped",
      reason: "missed while paused",
    });

    deps.scheduler.calls.length = 0;
    await reply(deps, userId, null, "resume");
    account = await accountOf(deps, userId);
    expect(account.user.paused).toBe(false);
    expect(deps.scheduler.calls).toEqual([]);
    const still = account.prompts.filter((p) => p.state === "scheduled" && p.kind !== "answer");
    expect(still.map((p) => p.kind).sort()).toEqual(["move_on", "nudge", "referral_ask", "thank_you"]);
    expect([...deps.scheduler.schedules.keys()].sort()).toEqual(still.map((p) => p.scheduleName).sort());
    expect(texts()).toContain("Resumed");
  });

  it("a celebrate asked for while paused waits for resume, then goes once", async () => {
    await reply(deps, userId, null, "pause");
    deps.mailer.sent.length = 0;
    await reply(deps, userId, null, "landed: Initech");
    expect(deps.mailer.sent.map((m) => m.subject)).toEqual(["coffeechat: congratulations!"]);
    await reply(deps, userId, null, "resume");
    expect(deps.mailer.sent).toHaveLength(3);
    expect(deps.mailer.sent.map((m) => m.text).join("\n")).toContain("Initech");
  });

  it("pause twice and resume when not paused say so and change nothing", async () => {
    await reply(deps, userId, null, "resume");
    expect(texts()).toContain("weren't paused");
    expect(deps.scheduler.calls).toEqual([]);
  });

  it("the status page's pause (web) changes the same state, without an answer mail", async () => {
    const result = await runCommands(deps, {
      userId,
      promptId: null,
      commands: [{ verb: "pause" }],
      unknown: [],
      messageKey: "web:abc",
      channel: "web",
    });
    expect(result.lines[0]).toContain("Paused");
    expect((await accountOf(deps, userId)).user.paused).toBe(true);
    expect(deps.mailer.sent).toEqual([]);
    expect(deps.scheduler.calls).toEqual([]);
  });
});

describe("help", () => {
  it("answers with the list of commands", async () => {
    await reply(deps, userId, null, "help");
    expect(texts()).toContain("snooze 3d");
    expect(texts()).toContain("address add");
  });
});

describe("tz / hour / cadence", () => {
  it("tz: the zone is the user's choice and pending prompts move to the prompt hour there", async () => {
    await reply(deps, userId, null, "tz Europe/Berlin");
    const account = await accountOf(deps, userId);
    expect(account.user).toMatchObject({ timeZone: "Europe/Berlin", timeZoneSource: "user" });
    expect(await dueOf("prep")).toBe("2026-12-02T08:00:00.000Z");
    // The call ends 21:30 in Berlin: 1 h later is the user's night, so the thank-you waits for 09:00.
    expect(await dueOf("thank_you")).toBe("2026-12-04T08:00:00.000Z");
    expect(await dueOf("referral_ask")).toBe("2026-12-06T08:00:00.000Z");
    expect(await dueOf("nudge", BOB)).toBe("2026-12-05T08:00:00.000Z");
    expect(await dueOf("move_on", BOB)).toBe("2026-12-12T08:00:00.000Z");
    const prep = await promptOf(deps, userId, "prep");
    expect(deps.scheduler.schedules.get(prep.scheduleName as string)).toMatchObject({
      at: new Date("2026-12-02T08:00:00.000Z"),
      timeZone: "Europe/Berlin",
    });
    expect(texts()).toContain("Time zone set to Europe/Berlin");
  });

  it("hour: prompts arrive at the new hour", async () => {
    await reply(deps, userId, null, "hour 7");
    expect((await accountOf(deps, userId)).user.promptHour).toBe(7);
    expect(await dueOf("prep")).toBe("2026-12-02T12:00:00.000Z");
    expect(await dueOf("referral_ask")).toBe("2026-12-06T12:00:00.000Z");
    expect(await dueOf("thank_you")).toBe("2026-12-03T21:30:00.000Z");
  });

  it("cadence: the pending check-in moves by the change of cadence", async () => {
    deps.clock.set("2026-12-03T21:40:00Z");
    const thanks = await promptOf(deps, userId, "thank_you");
    await markSent(deps, userId, thanks);
    await afterSent(deps, userId, thanks);
    expect(await dueOf("check_in")).toBe("2027-06-03T13:00:00.000Z");
    await reply(deps, userId, null, "cadence 3m");
    expect((await accountOf(deps, userId)).user.cadenceMonths).toBe(3);
    expect(await dueOf("check_in")).toBe("2027-03-03T14:00:00.000Z");
  });

  it("an invalid zone is not understood and changes nothing", async () => {
    await reply(deps, userId, null, "tz Mars/Olympus");
    expect((await accountOf(deps, userId)).user.timeZone).toBe("America/New_York");
    expect(texts()).toContain('I didn\'t understand: "tz Mars/Olympus"');
  });
});
