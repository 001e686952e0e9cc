import { beforeEach, describe, expect, it } from "vitest";
import type { CommandVerb } from "../../core/commands/command.js";
import { parseLine } from "../../core/commands/parse-commands.js";
import { answerLines } from "../../core/drafts/answers.js";
import { helpLines } from "../../core/drafts/help.js";
import { parseOf, VERB_NAMES, VERBS } from "../../core/interview/verbs.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { accountOf, BOB, contact, JANE, markSent, NOW, promptOf, reply, seedAccount } from "./seed.js";

let deps: TestDeps;
let userId: string;

beforeEach(async () => {
  deps = testDeps({ now: NOW });
  ({ userId } = await seedAccount(deps));
});

describe("what the prompt verbs did, as outcomes", () => {
  it("snooze on a pending prompt moves it; on a sent one it comes back once", async () => {
    const prep = await promptOf(deps, userId, "prep");
    const first = await reply(deps, userId, prep.id, "snooze 2d");
    expect(first.verbs).toEqual([
      {
        kind: "snoozed",
        prompt: { kind: "prep", contact: expect.objectContaining({ email: JANE }) },
        until: new Date("2026-12-03T14:00:00.000Z"),
        reminder: false,
        paused: false,
      },
    ]);

    deps.clock.set("2026-12-03T14:05:00Z");
    await markSent(deps, userId, await promptOf(deps, userId, "prep"));
    const again = await reply(deps, userId, prep.id, "snooze 3d");
    expect(again.verbs).toMatchObject([
      { kind: "snoozed", until: new Date("2026-12-06T14:00:00.000Z"), reminder: true },
    ]);
    // The reminder is the live prompt now: a second snooze the same day moves it, never a second copy.
    const twice = await reply(deps, userId, prep.id, "snooze 3d");
    expect(twice.verbs).toMatchObject([{ kind: "snoozed", reminder: false }]);
  });

  it("snooze while paused says the prompts are paused", async () => {
    await reply(deps, userId, null, "pause");
    const prep = await promptOf(deps, userId, "prep");
    const { verbs } = await reply(deps, userId, prep.id, "snooze");
    expect(verbs).toMatchObject([{ kind: "snoozed", paused: true }]);
  });

  it("done on a sent move-on note: Bob is cold", async () => {
    const moveOn = await promptOf(deps, userId, "move_on", BOB);
    deps.clock.set(moveOn.dueAt);
    await markSent(deps, userId, moveOn);
    const { verbs } = await reply(deps, userId, moveOn.id, "done");
    expect(verbs).toMatchObject([
      { kind: "done", prompt: { kind: "move_on" }, cold: { email: BOB }, nextCheckIn: null },
    ]);
  });

  it("done on a sent thank-you: the next check-in is planned and named", async () => {
    deps.clock.set("2026-12-03T21:40:00Z");
    const thanks = await promptOf(deps, userId, "thank_you");
    await markSent(deps, userId, thanks);
    const { verbs } = await reply(deps, userId, thanks.id, "sent");
    const [done] = verbs;
    expect(done).toMatchObject({ kind: "done", prompt: { kind: "thank_you" }, cold: null });
    const checkIn = await promptOf(deps, userId, "check_in");
    expect(done?.kind === "done" && done.nextCheckIn?.toISOString()).toBe(checkIn.dueAt);
  });

  it("met, no-show and refusals", async () => {
    const prep = await promptOf(deps, userId, "prep");
    deps.clock.set("2026-12-03T20:35:00Z");
    await markSent(deps, userId, prep);
    const { verbs } = await reply(deps, userId, prep.id, "no-show");
    expect(verbs).toMatchObject([
      {
        kind: "no_show",
        contact: { email: JANE },
        start: "2026-12-03T15:00:00.000-05:00",
        promptsCancelled: 2,
      },
    ]);
    const met = await reply(deps, userId, null, "met");
    expect(met.verbs).toEqual([{ kind: "refused", why: "needs_a_person" }]);
  });

  it("a verb not yet described by an outcome answers in words", async () => {
    const { verbs, lines } = await reply(deps, userId, null, "help");
    expect(verbs).toEqual([{ kind: "said", lines }]);
  });
});

describe("what the account verbs did, as outcomes", () => {
  it("pause twice, resume twice, then the prompt hour moves the pending prompts", async () => {
    const paused = await reply(deps, userId, null, "pause\npause");
    expect(paused.verbs).toEqual([{ kind: "paused" }, { kind: "already_paused" }]);
    const resumed = await reply(deps, userId, null, "resume\nresume");
    expect(resumed.verbs).toEqual([{ kind: "resumed" }, { kind: "not_paused" }]);

    const pending = async () =>
      (await accountOf(deps, userId)).prompts.filter((p) => p.state === "scheduled");
    const before = new Map((await pending()).map((p) => [p.id, p.dueAt]));
    const { verbs } = await reply(deps, userId, null, "hour 8");
    const after = await pending();
    const moved = after.filter((p) => before.get(p.id) !== p.dueAt);
    const next = after.map((p) => p.dueAt).sort()[0];
    expect(moved.length).toBeGreaterThan(0);
    expect(verbs).toEqual([
      {
        kind: "hour_set",
        hour: 8,
        timeZone: "America/New_York",
        moved: { count: moved.length, next: new Date(next as string) },
      },
    ]);
  });

  it("a cadence that moves nothing, a name and a new link", async () => {
    const { verbs } = await reply(deps, userId, null, "cadence 6m\nname Sam Seeker\nnew link");
    expect(verbs).toEqual([
      { kind: "cadence_set", months: 6, moved: { count: 0, next: null } },
      { kind: "name_set", name: "Sam Seeker" },
      { kind: "link_renewed", byMail: true },
    ]);
  });
});

describe("the words of outcomes", () => {
  const clock = { user: { timeZone: "America/New_York" }, now: new Date(NOW) };
  const jane = contact(JANE, { name: "Jane Doe", company: "Acme" });

  it("a snooze says when the prompt arrives, and that prompts are paused", () => {
    const until = new Date("2026-12-03T14:00:00.000Z");
    const prompt = { kind: "prep" as const, contact: jane };
    const [moved, note] = answerLines(
      { kind: "snoozed", prompt, until, reminder: false, paused: true },
      clock,
    );
    expect(moved).toMatch(/^Snoozed: the prep notes for Jane Doe \(Acme\) will now arrive .*Thu.*9/);
    expect(note).toBe("(Your prompts are paused: reply `resume` to get them again.)");
    expect(answerLines({ kind: "snoozed", prompt, until, reminder: true, paused: false }, clock)).toEqual([
      moved?.replace("will now arrive", "will come back"),
    ]);
  });

  it("a skip of a prompt on its way out, and a refusal", () => {
    expect(
      answerLines(
        { kind: "skip_ended", prompt: { kind: "thank_you", contact: null }, state: "sending" },
        clock,
      ),
    ).toEqual(["The thank-you draft was already being sent; nothing to skip."]);
    expect(answerLines({ kind: "refused", why: "contact_gone" }, clock)).toEqual([
      "That contact is no longer logged (forgotten?), so nothing changed.",
    ]);
  });

  it("a no-show offers a draft with new times, quoted", () => {
    const lines = answerLines(
      { kind: "no_show", contact: jane, start: "2026-12-03T15:00:00.000-05:00", promptsCancelled: 0 },
      clock,
    );
    expect(lines[0]).toMatch(/^Noted: Jane Doe \(Acme\) didn't show \(.*\)\.$/);
    expect(lines.slice(3).every((l) => l.startsWith(">"))).toBe(true);
    expect(lines.join("\n")).toContain("Sorry we missed each other.");
  });
});

describe("the verb table", () => {
  it("every bare word parses to its own verb", () => {
    for (const verb of VERB_NAMES) {
      for (const word of parseOf(verb).words) expect(parseLine(word), word).toEqual({ verb });
    }
  });

  it("every verb is in the help text, by the spelling suggestions use", () => {
    const help = helpLines().join("\n");
    for (const verb of VERB_NAMES) {
      for (const spelling of VERBS[verb].spellings) expect(help, verb).toContain(spelling.replace(/:$/, ""));
    }
  });

  it("a verb sharing a help line points at a verb that has one", () => {
    for (const verb of VERB_NAMES) {
      const help = VERBS[verb].help;
      if ("with" in help) expect("line" in VERBS[help.with satisfies CommandVerb].help).toBe(true);
    }
  });
});
