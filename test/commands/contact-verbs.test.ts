import { beforeEach, describe, expect, it } from "vitest";
import { firePrompt } from "../../core/usecases/fire-prompt.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { accountOf, JANE, MEETING_ID, NOW, promptOf, reply, seedAccount } from "./seed.js";

let deps: TestDeps;
let userId: string;

beforeEach(async () => {
  deps = testDeps({ now: NOW });
  ({ userId } = await seedAccount(deps));
});

const answerText = () => deps.mailer.sent.map((m) => m.text).join("\n");

describe("notes", () => {
  it("are kept on the contact and the meeting, and the prep read at send time shows them", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await reply(deps, userId, prep.id, "notes: She moved from Globex last year.\nAsk about the Berlin team.");
    const account = await accountOf(deps, userId);
    const note = "She moved from Globex last year.\nAsk about the Berlin team.";
    expect(account.contacts.find((c) => c.email === JANE)?.notes).toEqual([note]);
    expect(account.meetings.find((m) => m.id === MEETING_ID)?.notes).toEqual([note]);
    deps.mailer.sent.length = 0;
    deps.clock.set(prep.dueAt);
    expect(await firePrompt(deps, userId, prep.id)).toBe("sent");
    expect(deps.mailer.sent[0]?.text).toContain("Ask about the Berlin team.");
  });

  it("sent to log@ they need a person, and nothing changes", async () => {
    await reply(deps, userId, null, "notes: hello");
    expect(answerText()).toContain("reply to a prompt about that person");
    expect((await accountOf(deps, userId)).contacts.every((c) => c.notes.length === 0)).toBe(true);
  });
});

describe("referral", () => {
  it("logs a new contact referred by Jane, with its own nudges, and cancels Jane's referral ask", async () => {
    const ask = await promptOf(deps, userId, "referral_ask");
    await reply(deps, userId, ask.id, "referral: Bob Roe <Bob.Roe@Initech.com>");
    const account = await accountOf(deps, userId);
    const bob = account.contacts.find((c) => c.email === "bob.roe@initech.com");
    expect(bob).toMatchObject({
      name: "Bob Roe",
      referredBy: JANE,
      stage: "outreach",
      outreachAt: "2026-12-01T12:00:00.000Z",
    });
    const nudges = account.prompts.filter(
      (p) => p.contactEmail === "bob.roe@initech.com" && p.state === "scheduled",
    );
    expect(nudges.map((p) => [p.kind, p.dueAt])).toEqual([
      ["nudge", "2026-12-08T14:00:00.000Z"],
      ["move_on", "2026-12-15T14:00:00.000Z"],
    ]);
    for (const nudge of nudges) expect(deps.scheduler.schedules.has(nudge.scheduleName as string)).toBe(true);
    expect((await promptOf(deps, userId, "referral_ask")).state).toBe("cancelled");
    expect(deps.scheduler.schedules.has(ask.scheduleName as string)).toBe(false);
    expect(answerText()).toContain("Logged Bob Roe <bob.roe@initech.com>, referred by Jane Doe (Acme).");
  });

  it("refuses the contact's own address", async () => {
    const ask = await promptOf(deps, userId, "referral_ask");
    await reply(deps, userId, ask.id, `referral: Jane <${JANE}>`);
    expect(answerText()).toContain("same person");
    expect((await accountOf(deps, userId)).contacts).toHaveLength(2);
  });
});

describe("fix", () => {
  it("corrects the name and company named in an intake confirmation", async () => {
    await reply(
      deps,
      userId,
      (await promptOf(deps, userId, "prep")).id,
      "fix: name Janet Doe\nfix: company Acme Robotics",
    );
    const jane = (await accountOf(deps, userId)).contacts.find((c) => c.email === JANE);
    expect(jane).toMatchObject({ name: "Janet Doe", company: "Acme Robotics" });
    expect(answerText()).toContain("Fixed: Jane Doe (Acme) is now Janet Doe (Acme).");
    expect(answerText()).toContain("is now Janet Doe (Acme Robotics).");
  });

  it("moves the meeting (read in the user's zone) and every pending prompt follows", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await reply(deps, userId, prep.id, "fix: time 2026-12-10 11:00");
    const meeting = (await accountOf(deps, userId)).meetings[0];
    expect(meeting?.start).toBe("2026-12-10T11:00:00.000-05:00");
    expect(meeting?.end).toBe("2026-12-10T11:30:00.000-05:00");
    expect((await promptOf(deps, userId, "prep")).dueAt).toBe("2026-12-09T14:00:00.000Z");
    expect((await promptOf(deps, userId, "thank_you")).dueAt).toBe("2026-12-10T17:30:00.000Z");
    expect((await promptOf(deps, userId, "referral_ask")).dueAt).toBe("2026-12-13T14:00:00.000Z");
    expect(deps.scheduler.schedules.get(prep.scheduleName as string)?.at.toISOString()).toBe(
      "2026-12-09T14:00:00.000Z",
    );
  });

  it("an unreadable time changes nothing and says how to write it", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await reply(deps, userId, prep.id, "fix: time next tuesday-ish");
    expect((await accountOf(deps, userId)).meetings[0]?.start).toBe("2026-12-03T15:00:00.000-05:00");
    expect(answerText()).toContain("fix: time 2026-12-03 15:00");
  });

  it("marks and unmarks the hiring manager; sets the purpose", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await reply(deps, userId, prep.id, "fix: hiring manager\npurpose: move up");
    let jane = (await accountOf(deps, userId)).contacts.find((c) => c.email === JANE);
    expect(jane).toMatchObject({ hiringManager: true, purpose: "move_up" });
    await reply(deps, userId, prep.id, "fix: not the hiring manager\nfix: purpose new field");
    jane = (await accountOf(deps, userId)).contacts.find((c) => c.email === JANE);
    expect(jane).toMatchObject({ hiringManager: false, purpose: "new_field" });
  });

  it("HTML in a fixed name is stored as text and escaped in the answer's HTML", async () => {
    const prep = await promptOf(deps, userId, "prep");
    await reply(deps, userId, prep.id, "fix: name <img src=x onerror=alert(1)>");
    expect((await accountOf(deps, userId)).contacts.find((c) => c.email === JANE)?.name).toBe(
      "<img src=x onerror=alert(1)>",
    );
    const html = deps.mailer.sent[0]?.html ?? "";
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img");
  });
});
