import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Command } from "../../core/commands/command.js";
import { tokenHash } from "../../core/ids.js";
import type { ContactStage } from "../../core/model/contact.js";
import type { Prompt } from "../../core/model/prompt.js";
import type { OutgoingMail } from "../../core/ports.js";
import { createDynamoStore } from "../../core/store/dynamo-store.js";
import type { Store } from "../../core/store/store.js";
import { wallTimeAt } from "../../core/time/wall-clock.js";
import { runCommands } from "../../core/usecases/run-commands.js";
import { sweepOverdue } from "../../core/usecases/sweep.js";
import { statusView } from "../../core/web/status-view.js";
import { freshTable } from "../support/dynamo.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { Flow, HOUR } from "../support/flow.js";
import { forwardedInvite, forwardedMail } from "../support/mail-builder.js";

/**
 * The interview as a model: random sequences of what users and contacts do, over three contacts
 * with the clock moving, and the promises checked after every step (and at every send).
 */

const PEOPLE = [
  { name: "Priya Shah", email: "priya@initech.io" },
  { name: "Omar Haddad", email: "omar@globex.com" },
  { name: "Lena Berg", email: "lena@umbrella.de" },
] as const;

type Event =
  | { type: "outreach"; who: number }
  | { type: "answer"; who: number }
  | { type: "invite"; who: number; inDays: number; hour: number; zone: "UTC" | "America/New_York" }
  | { type: "cancel"; who: number }
  | {
      type: "reply";
      pick: number;
      verb: "done" | "skip" | "met" | "no_show" | "stop" | "snooze";
      days: number;
    }
  | { type: "account"; verb: "pause" | "resume" | "tz" | "hour" }
  | { type: "advance"; hours: number }
  | { type: "sweep" };

const who = fc.integer({ min: 0, max: PEOPLE.length - 1 });
const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ type: fc.constant("outreach" as const), who }),
  fc.record({ type: fc.constant("answer" as const), who }),
  fc.record({
    type: fc.constant("invite" as const),
    who,
    inDays: fc.integer({ min: 0, max: 20 }),
    hour: fc.integer({ min: 8, max: 20 }),
    zone: fc.constantFrom("UTC" as const, "America/New_York" as const),
  }),
  fc.record({ type: fc.constant("cancel" as const), who }),
  fc.record({
    type: fc.constant("reply" as const),
    pick: fc.nat(),
    verb: fc.constantFrom(
      "done" as const,
      "skip" as const,
      "met" as const,
      "no_show" as const,
      "stop" as const,
      "snooze" as const,
    ),
    days: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({
    type: fc.constant("account" as const),
    verb: fc.constantFrom("pause" as const, "resume" as const, "tz" as const, "hour" as const),
  }),
  fc.record({
    type: fc.constant("advance" as const),
    // Mostly hours to days; sometimes the two weeks of silence after which a move-on note comes.
    hours: fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 120 }), weight: 4 },
      { arbitrary: fc.integer({ min: 14 * 24, max: 16 * 24 }), weight: 1 },
    ),
  }),
  fc.record({ type: fc.constant("sweep" as const) }),
);

const LIVE = new Set<Prompt["state"]>(["scheduled", "sending"]);
const FOLLOW_UP = (p: Prompt) => p.kind !== "confirmation" && p.kind !== "answer";
const MAX_ITEM_BYTES = 64 * 1024;

/** The stages a mail names in words ("Priya Shah answered.", "now marked cold"). */
const STATED_STAGES: readonly (readonly [RegExp, ContactStage])[] = [
  [/\banswered\. Send\b/, "answered"],
  [/\bmarked cold\b/, "cold"],
];

/**
 * Per contact, the stage named by the latest mail about them (a mail naming them), or null when
 * that mail names no stage: from then on the page must show what the mail said.
 */
type StatedStages = Map<string, ContactStage | null>;

function noteStatedStage(mail: OutgoingMail, stated: StatedStages) {
  const words = `${mail.subject}\n${mail.text}`;
  const stage = STATED_STAGES.find(([pattern]) => pattern.test(words))?.[1] ?? null;
  for (const person of PEOPLE) if (words.includes(person.name)) stated.set(person.email, stage);
}

/** Checks at send time what only the moment of sending can tell: the live user, contact and due hour. */
function watchSends(deps: TestDeps, userId: string, violations: string[], stated: StatedStages) {
  const send = deps.mailer.send.bind(deps.mailer);
  deps.mailer.send = async (mail: OutgoingMail) => {
    noteStatedStage(mail, stated);
    const token = /^reply\+([a-z2-7]+)@/.exec(mail.replyTo ?? "")?.[1];
    const record = token ? await deps.store.findToken(tokenHash(token)) : null;
    const prompt = record?.promptId ? await deps.store.getPrompt(userId, record.promptId) : null;
    const user = await deps.store.getUser(userId);
    if (prompt && user && FOLLOW_UP(prompt)) {
      const contact = prompt.contactEmail ? await deps.store.getContact(userId, prompt.contactEmail) : null;
      if (user.paused) violations.push(`${prompt.key} sent while paused`);
      if (user.bouncing) violations.push(`${prompt.key} sent while bouncing`);
      if (prompt.contactEmail && !contact) violations.push(`${prompt.key} sent about a forgotten contact`);
      if (contact?.stopped) violations.push(`${prompt.key} sent about a stopped contact`);
      if (contact && (prompt.kind === "nudge" || prompt.kind === "move_on") && contact.stage !== "outreach")
        violations.push(`${prompt.key} sent after ${contact.email} answered (stage ${contact.stage})`);
      const { hour } = wallTimeAt(new Date(prompt.dueAt), user.timeZone);
      const meeting = prompt.meetingId ? await deps.store.getMeeting(userId, prompt.meetingId) : null;
      // A prep for a meeting before the user's next morning has to come at once, night or not.
      const prepAtOnce =
        prompt.kind === "prep" && meeting && Date.parse(meeting.start) - Date.parse(prompt.dueAt) < 12 * HOUR;
      if ((hour < 7 || hour >= 22) && !prepAtOnce)
        violations.push(`${prompt.key} due ${prompt.dueAt}, ${hour}:00 in ${user.timeZone}`);
    }
    return send(mail);
  };
}

async function checkInvariants(
  deps: TestDeps,
  userId: string,
  violations: string[],
  stated: StatedStages,
): Promise<void> {
  expect(violations).toEqual([]);
  const account = await deps.store.loadAccount(userId);
  if (!account) throw new Error("no account");
  const now = deps.clock.now().getTime();
  const live = account.prompts.filter((p) => LIVE.has(p.state) && FOLLOW_UP(p));

  // At most one live prompt per contact and kind.
  const seen = new Map<string, string>();
  for (const p of live) {
    if (!p.contactEmail) continue;
    const slot = `${p.contactEmail} ${p.kind}`;
    expect(seen.get(slot), `two live ${slot}: ${seen.get(slot)} and ${p.key}`).toBeUndefined();
    seen.set(slot, p.key);
  }

  // A logged answer (or any later stage) leaves no nudge.
  for (const contact of account.contacts) {
    if (contact.stage === "outreach" || contact.stage === "cold") continue;
    const nudges = live.filter(
      (p) =>
        p.contactEmail === contact.email &&
        (p.kind === "nudge" || p.kind === "move_on") &&
        p.state === "scheduled",
    );
    expect(
      nudges.map((p) => p.key),
      `${contact.email} at ${contact.stage}`,
    ).toEqual([]);
  }

  // Every scheduled prompt has a schedule, or is due already (the sweep's window).
  for (const p of live) {
    if (p.state !== "scheduled" || !p.scheduleName) continue;
    const scheduled = deps.scheduler.schedules.has(p.scheduleName);
    expect(scheduled || Date.parse(p.dueAt) <= now, `${p.key} due ${p.dueAt} has no schedule`).toBe(true);
  }

  // The stage on the page is the stage the last mail about that person stated.
  const onPage = new Map(
    statusView(account, deps.clock.now()).stages.flatMap((s) => s.contacts.map((c) => [c.email, s.stage])),
  );
  for (const [email, stage] of stated) {
    if (stage) expect(onPage.get(email), `${email}: the last mail said ${stage}`).toBe(stage);
  }

  // No stored item near DynamoDB's limit.
  for (const item of [account.user, ...account.contacts, ...account.meetings, ...account.prompts]) {
    expect(JSON.stringify(item).length).toBeLessThan(MAX_ITEM_BYTES);
  }
}

async function runSequence(events: Event[], store?: Store): Promise<void> {
  const deps = testDeps({ now: "2026-11-25T14:00:00Z", ...(store ? { store } : {}) });
  const flow = new Flow(deps);
  const { userId } = await flow.register();
  const violations: string[] = [];
  const stated: StatedStages = new Map();
  watchSends(deps, userId, violations, stated);
  const sequence = new Map<number, number>();
  let n = 0;
  const command = (commands: Command[], promptId: string | null) =>
    runCommands(deps, {
      userId,
      promptId,
      commands,
      unknown: [],
      messageKey: `mid:model-${++n}`,
      channel: "mail",
    });

  for (const e of events) {
    const person = "who" in e ? PEOPLE[e.who] : undefined;
    switch (e.type) {
      case "outreach":
      case "answer":
        await flow.receive(
          forwardedMail({
            byContact: e.type === "answer",
            date: deps.clock.now().toUTCString().replace("GMT", "+0000"),
            contact: person,
            messageId: `model-${++n}@mail.example.com`,
          }),
        );
        break;
      case "invite":
      case "cancel": {
        const seq = (sequence.get(e.who) ?? -1) + 1;
        sequence.set(e.who, seq);
        const day = new Date(deps.clock.now().getTime() + (e.type === "invite" ? e.inDays : 1) * 86_400_000);
        const date = day.toISOString().slice(0, 10).replaceAll("-", "");
        const hour = String(e.type === "invite" ? e.hour : 12).padStart(2, "0");
        await flow.receive(
          forwardedInvite({
            uid: `coffee-${e.who}@model`,
            sequence: seq,
            method: e.type === "cancel" ? "CANCEL" : "REQUEST",
            start: `${date}T${hour}0000`,
            end: `${date}T${hour}3000`,
            tzid: e.type === "invite" ? e.zone : "UTC",
            organizer: person,
            messageId: `model-${++n}@mail.example.com`,
          }),
        );
        break;
      }
      case "reply": {
        const account = await flow.account(userId);
        const prompts = account.prompts.filter((p) => FOLLOW_UP(p) && p.state !== "cancelled");
        const prompt = prompts[e.pick % Math.max(1, prompts.length)];
        if (!prompt) break;
        await command([e.verb === "snooze" ? { verb: "snooze", days: e.days } : { verb: e.verb }], prompt.id);
        break;
      }
      case "account":
        await command(
          [
            e.verb === "tz"
              ? { verb: "tz", timeZone: "Europe/Berlin" }
              : e.verb === "hour"
                ? { verb: "hour", hour: 8 }
                : { verb: e.verb },
          ],
          null,
        );
        break;
      case "advance":
        await flow.advance(e.hours * HOUR);
        break;
      case "sweep":
        await sweepOverdue(deps);
        break;
    }
    await checkInvariants(deps, userId, violations, stated);
  }
}

const RUNS = Number(process.env.COFFEECHAT_MODEL_RUNS ?? 1000);

describe("the interview as a model (fast-check)", () => {
  it(`keeps every promise over ${RUNS} random sequences on the memory store`, {
    timeout: 600_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 14 }), (events) => runSequence(events)),
      { numRuns: RUNS, seed: Number(process.env.COFFEECHAT_MODEL_SEED ?? 20261202) },
    );
  });

  it("keeps them on DynamoDB Local too (a shorter run)", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 10 }), async (events) => {
        const { client, tableName } = await freshTable();
        await runSequence(events, createDynamoStore(client, tableName));
      }),
      { numRuns: Number(process.env.COFFEECHAT_MODEL_DYNAMO_RUNS ?? 25), seed: 20261202 },
    );
  });
});
