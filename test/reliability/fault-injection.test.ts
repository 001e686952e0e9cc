import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Prompt } from "../../core/model/prompt.js";
import { registerUser } from "../../core/usecases/register-user.js";
import { sweepOverdue } from "../../core/usecases/sweep.js";
import { accountOf } from "../support/account-of.js";
import { type FaultPlan, injectFaults } from "../support/faults.js";
import { forwardedInvite } from "../support/mail-builder.js";
import { type LocalServices, type Rig, startLocalServices, startRig } from "./local-aws.js";

/**
 * RELIABILITY.md cases 1, 4–8: any AWS call of a unit of work fails, times out or throttles at a
 * chosen step; the handler throws (Lambda retries it) and the retry finishes the work with
 * nothing lost and nothing sent twice. Real adapters and handlers, real local services.
 */

const USER = "you@example.com";
const NOW = "2026-11-25T14:00:00Z";
const PREP_DUE = new Date("2026-12-02T14:00:00Z");
const MINUTE = 60_000;

let services: LocalServices;
let rig: Rig;
let userId: string;

beforeAll(async () => {
  services = await startLocalServices();
});
afterAll(() => services?.stop());

beforeEach(async () => {
  rig = await startRig(services, NOW);
  await services.clearOutbox();
  ({ userId } = await registerUser(rig.deps, USER));
});
afterEach(() => rig?.stop());

async function prompts(): Promise<Prompt[]> {
  return (await accountOf(rig.deps, userId)).prompts;
}

async function mailsTo(address: string) {
  return (await services.outbox()).filter((m) => m.destination.to.includes(address));
}

/** What a finished intake of the forwarded invite leaves behind, whatever failed on the way. */
async function expectIntakeComplete(confirmations: number) {
  const account = await accountOf(rig.deps, userId);
  expect(account.contacts.map((c) => c.email)).toEqual(["jane@acme.com"]);
  expect(account.meetings).toHaveLength(1);
  expect(account.interactions).toHaveLength(1);

  const pending = account.prompts.filter((p) => p.state === "scheduled");
  expect(pending.map((p) => p.kind).sort()).toEqual(["prep", "referral_ask", "thank_you"]);

  // One schedule per pending prompt, named after it and set at its due time: no orphan, no duplicate.
  const schedules = rig.emulator.schedules();
  expect(schedules.map((s) => s.name).sort()).toEqual(pending.map((p) => p.scheduleName).sort());
  for (const prompt of pending) {
    const schedule = schedules.find((s) => s.name === prompt.scheduleName);
    expect(JSON.parse(schedule?.body.Target.Input ?? "{}")).toEqual({
      type: "prompt",
      userId,
      promptId: prompt.id,
    });
  }

  const outbox = await mailsTo(USER);
  expect(outbox.map((m) => m.subject)).toHaveLength(confirmations);
  return account;
}

describe("an intake whose AWS calls fail: the retry finishes it", () => {
  interface IntakeCase {
    step: string;
    plan: FaultPlan;
    /** Whether the first run fails (a throttle the adapter's own backoff absorbs does not). */
    firstRunThrows: boolean;
  }
  const cases: IntakeCase[] = [
    {
      step: "TransactWriteItems times out after writing",
      plan: { command: "TransactWriteItemsCommand", fault: "lost-response" },
      firstRunThrows: true,
    },
    {
      step: "TransactWriteItems times out before reaching DynamoDB",
      plan: { command: "TransactWriteItemsCommand", fault: "timeout" },
      firstRunThrows: true,
    },
    {
      step: "the 2nd CreateSchedule throttles once (the adapter backs off)",
      plan: { command: "CreateScheduleCommand", call: 2, fault: "throttle" },
      firstRunThrows: false,
    },
    {
      step: "the 2nd CreateSchedule throttles past the adapter's backoff",
      // Schedules are created in parallel, so the calls after the 2nd are any prompt's attempts:
      // enough of them throttle that some prompt runs out of its five.
      plan: { command: "CreateScheduleCommand", call: 2, times: 15, fault: "throttle" },
      firstRunThrows: true,
    },
    {
      step: "CreateSchedule fails with a 500",
      plan: { command: "CreateScheduleCommand", fault: "server-error" },
      firstRunThrows: true,
    },
    {
      step: "CreateSchedule created the schedule but the answer was lost",
      plan: { command: "CreateScheduleCommand", call: 3, fault: "lost-response" },
      firstRunThrows: true,
    },
    {
      step: "SendEmail of the confirmation throttles",
      plan: { command: "SendEmailCommand", fault: "throttle", errorName: "TooManyRequestsException" },
      firstRunThrows: true,
    },
    {
      step: "SendEmail of the confirmation times out after SES accepted it",
      plan: { command: "SendEmailCommand", fault: "lost-response" },
      firstRunThrows: true,
    },
    {
      step: "the UpdateItem claiming the confirmation fails",
      plan: { command: "UpdateItemCommand", call: 1, fault: "server-error" },
      firstRunThrows: true,
    },
    {
      step: "GetObject of the raw mail fails",
      plan: { command: "GetObjectCommand", fault: "server-error" },
      firstRunThrows: true,
    },
    {
      step: "GetObject of the raw mail times out",
      plan: { command: "GetObjectCommand", fault: "timeout" },
      firstRunThrows: true,
    },
  ];

  const clientFor = (command: string) =>
    command.endsWith("ScheduleCommand")
      ? rig.clients.scheduler
      : command === "SendEmailCommand"
        ? rig.clients.ses
        : command.endsWith("ObjectCommand")
          ? rig.clients.s3
          : rig.clients.dynamo;

  it.each(cases)("$step", async ({ plan, firstRunThrows }) => {
    const event = await rig.stage(forwardedInvite(), "ses-in-1");
    const faults = injectFaults(clientFor(plan.command), plan);

    const first = rig.inbound(event);
    if (firstRunThrows) await expect(first).rejects.toThrow();
    else await first;
    expect(faults.thrown.length).toBeGreaterThan(0);
    faults.remove();

    await rig.inbound(event); // Lambda's retry
    await rig.inbound(event); // and a duplicate delivery on top, for good measure

    // Exactly one confirmation went out (expectIntakeComplete), and it is recorded as sent: an
    // answer is claimed straight to `sent` (send-answer.ts), so a send that timed out after SES
    // accepted it is neither resent nor mistaken for a failure.
    const account = await expectIntakeComplete(1);
    expect(account.prompts.find((p) => p.kind === "confirmation")?.state).toBe("sent");
  });

  it("a confirmation whose send timed out after SES took it is not resent by the retry or the sweep", async () => {
    const event = await rig.stage(forwardedInvite(), "ses-in-1");
    const faults = injectFaults(rig.clients.ses, { command: "SendEmailCommand", fault: "lost-response" });
    await expect(rig.inbound(event)).rejects.toThrow(/timed out/);
    faults.remove();
    await rig.inbound(event);

    rig.deps.clock.advance(30 * MINUTE);
    await sweepOverdue(rig.deps);
    await sweepOverdue(rig.deps);

    const confirmation = (await prompts()).find((p) => p.kind === "confirmation");
    expect(confirmation?.state).toBe("sent");
    expect(await mailsTo(USER)).toHaveLength(1);
  });
});

describe("a prompt whose dispatch fails: Lambda's retry or the sweep finishes it", () => {
  beforeEach(async () => {
    await rig.inbound(await rig.stage(forwardedInvite(), "ses-in-1"));
    await expectIntakeComplete(1);
    await services.clearOutbox();
  });

  const prep = async () => (await prompts()).find((p) => p.kind === "prep");
  const prepMails = async () => (await mailsTo(USER)).filter((m) => /prep/i.test(m.subject));

  it("SendEmail throttles: the prompt is released, Lambda's retry sends it once and `sent` keeps SES's MessageId", async () => {
    const faults = injectFaults(rig.clients.ses, {
      command: "SendEmailCommand",
      fault: "throttle",
      errorName: "TooManyRequestsException",
    });
    await rig.emulator.runUntil(PREP_DUE);
    expect(faults.thrown).toEqual(["SendEmailCommand#1 throttle"]);

    const mails = await prepMails();
    expect(mails).toHaveLength(1);
    expect(await prep()).toMatchObject({ state: "sent", sesMessageId: mails[0]?.messageId });
    expect(rig.failedInvocations).toEqual([]);
    expect(rig.emulator.schedules().map((s) => s.name)).not.toContain((await prep())?.scheduleName);
  });

  it("SendEmail times out after SES accepted: no resend on retry; the sweep marks it failed (written policy)", async () => {
    injectFaults(rig.clients.ses, { command: "SendEmailCommand", fault: "lost-response" });
    await rig.emulator.runUntil(PREP_DUE);
    expect(await prep()).toMatchObject({ state: "sending", sesMessageId: null });
    expect(await prepMails()).toHaveLength(1);

    rig.deps.clock.set(new Date(PREP_DUE.getTime() + 30 * MINUTE));
    await sweepOverdue(rig.deps);
    expect(await prep()).toMatchObject({ state: "failed", reason: expect.stringMatching(/not resent/) });
    await sweepOverdue(rig.deps);
    expect(await prepMails()).toHaveLength(1);
  });

  it("the `sent` UpdateItem fails after the mail went out: nothing is resent", async () => {
    // The 1st UpdateItem is the claim (scheduled → sending), the 2nd records `sent`.
    const faults = injectFaults(rig.clients.dynamo, {
      command: "UpdateItemCommand",
      call: 2,
      fault: "server-error",
    });
    await rig.emulator.runUntil(PREP_DUE);
    expect(faults.thrown).toEqual(["UpdateItemCommand#2 server-error"]);
    expect(await prepMails()).toHaveLength(1);
    expect((await prep())?.state).toBe("sending");

    rig.deps.clock.set(new Date(PREP_DUE.getTime() + 30 * MINUTE));
    await sweepOverdue(rig.deps);
    expect((await prep())?.state).toBe("failed");
    expect(await prepMails()).toHaveLength(1);
  });

  it("the same schedule fired twice, even at once, sends one mail (case 6)", async () => {
    const input = { type: "prompt", userId, promptId: (await prep())?.id };
    rig.deps.clock.set(PREP_DUE);
    await Promise.all([rig.dispatch(input), rig.dispatch(input)]);
    await rig.dispatch(input);
    const mails = await prepMails();
    expect(mails).toHaveLength(1);
    expect(await prep()).toMatchObject({ state: "sent", sesMessageId: mails[0]?.messageId });
  });

  it("dispatch that always fails goes through Lambda's retries to the on-failure destination; the sweep sends it later, once (case 8)", async () => {
    const faults = injectFaults(rig.clients.ses, {
      command: "SendEmailCommand",
      fault: "throttle",
      errorName: "TooManyRequestsException",
      times: Number.POSITIVE_INFINITY,
    });
    await rig.emulator.runUntil(PREP_DUE);
    expect(faults.thrown).toHaveLength(3); // 1 + Lambda's 2 retries
    expect(rig.failedInvocations).toHaveLength(1);
    expect(rig.failedInvocations[0]?.event).toMatchObject({ type: "prompt", promptId: (await prep())?.id });
    expect(await prep()).toMatchObject({ state: "scheduled" });
    expect(await prepMails()).toHaveLength(0);

    faults.remove();
    rig.deps.clock.set(new Date(PREP_DUE.getTime() + 60 * MINUTE));
    expect(await sweepOverdue(rig.deps)).toMatchObject({ fired: 1 });
    expect(await sweepOverdue(rig.deps)).toMatchObject({ fired: 0 });
    expect(await prepMails()).toHaveLength(1);
    expect((await prep())?.state).toBe("sent");
  });
});
