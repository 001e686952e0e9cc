import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatInZone } from "../../core/time/format.js";
import { addDays, dateAt, instantAt } from "../../core/time/wall-clock.js";
import type { OutboxMail } from "../../local/control-server.js";
import type { Stack } from "../../local/stack.js";
import { forwardedInvite, forwardedMail } from "../support/mail-builder.js";
import { advanceStack, sendOverSmtp, startTestStack, stopTestStack } from "../support/stack-client.js";

/**
 * One user's interview with Priya, lived end to end over the local stack (real SMTP in, DynamoDB
 * Local, the scheduler emulator, the SES outbox): after every step exactly the mails the user
 * would expect arrive, in order, and nothing else, and the status page shows Priya's stage.
 */
const USER = "you@example.com";
const PRIYA = { name: "Priya Shah", email: "priya@initech.io" };
const ZONE = "America/New_York";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Generous: CI runs this on DynamoDB Local on a shared machine. */
const STEP_TIMEOUT = 120_000;

let stack: Stack;
let dataDir: string;
let smtpPort: number;
let delivered = 0;
let meetingStart: Date;

beforeAll(async () => {
  ({
    stack,
    dataDir,
    ports: { smtp: smtpPort },
  } = await startTestStack(USER, () => {}));
}, 180_000);

afterAll(() => stopTestStack({ stack, dataDir }));

describe("a chat with Priya, from outreach to keeping in touch", { timeout: STEP_TIMEOUT }, () => {
  it("confirms the forwarded outreach; Priya is at Outreach", async () => {
    await forward(
      forwardedMail({ contact: PRIYA, date: mailDate(), messageId: "outreach@mail.example.com" }),
    );
    const [confirmation] = await expectNewMails([/^coffeechat: logged/]);
    expect(confirmation?.body.text).toContain("Priya Shah");
    expect(await stageOf("Priya Shah")).toBe("outreach");
  });

  it("confirms her forwarded answer, which ends the no-answer nudges; Priya is at Answered", async () => {
    await forward(
      forwardedMail({
        byContact: true,
        contact: PRIYA,
        date: mailDate(),
        messageId: "answer@mail.example.com",
      }),
    );
    const [confirmation] = await expectNewMails([/^coffeechat: logged/]);
    expect(confirmation?.body.text).toContain("Priya Shah (Initech) answered. Send Priya an invite");
    expect(await stageOf("Priya Shah")).toBe("answered");

    // Three weeks without a meeting: no "you have not heard back" nudge, no move-on note.
    await advance(21 * DAY);
    await expectNewMails([]);
    expect(await stageOf("Priya Shah")).toBe("answered");
  });

  it("confirms her forwarded invite; Priya is at Scheduled", async () => {
    const now = stack.clock.now();
    meetingStart = instantAt({ ...addDays(dateAt(now, ZONE), 4), hour: 15 }, ZONE);
    const local = (t: Date) => formatInZone(t, ZONE, "yyyyMMdd'T'HHmmss");
    await forward(
      forwardedInvite({
        organizer: PRIYA,
        start: local(meetingStart),
        end: local(new Date(meetingStart.getTime() + 30 * 60_000)),
        messageId: "invite@mail.example.com",
      }),
    );
    const [confirmation] = await expectNewMails([
      /^coffeechat: logged — Priya Shah \(Initech\), \w+ \d+ \w+ 15:00 EST$/,
    ]);
    expect(confirmation?.body.text).toMatch(
      /Prep arrives .*\n- Thank-you draft arrives .*\n- Referral ask arrives /,
    );
    expect(await stageOf("Priya Shah")).toBe("scheduled");
  });

  it("sends the prep before the meeting, and nothing else", async () => {
    await advance(meetingStart.getTime() - 30 * 60_000 - stack.clock.now().getTime());
    await expectNewMails([/^Prep: Priya Shah \(Initech\)/]);
    expect(await stageOf("Priya Shah")).toBe("scheduled");
  });

  it("sends the thank-you draft after the meeting; `snooze 1d` brings it back the next day at 09:00", async () => {
    await advance(3 * HOUR);
    const [thankYou] = await expectNewMails([/^Thank-you draft for Priya Shah/]);
    // Sending the thank-you draft counts as following up.
    expect(await stageOf("Priya Shah")).toBe("keeping_in_touch");

    await reply(thankYou, "snooze 1d");
    const back = instantAt({ ...addDays(dateAt(stack.clock.now(), ZONE), 1), hour: 9 }, ZONE);
    const [answer] = await expectNewMails([/^coffeechat: snoozed/]);
    expect(answer?.body.text).toContain(`will come back ${formatInZone(back, ZONE, "ccc d LLL HH:mm")} EST`);
    await advance(back.getTime() - 60_000 - stack.clock.now().getTime());
    await expectNewMails([]);
    await advance(60_000);
    await expectNewMails([/^Thank-you draft for Priya Shah/]);
  });

  it("takes `done` on the thank-you: Priya is kept in touch with", async () => {
    const thankYou = (await mailsToUser()).at(-1);
    await reply(thankYou, "done");
    await expectNewMails([/^coffeechat: marked done/]);
    expect(await stageOf("Priya Shah")).toBe("keeping_in_touch");
  });

  it("sends nothing while paused, though the referral ask comes due", async () => {
    await reply((await mailsToUser()).at(-1), "pause");
    await expectNewMails([/^coffeechat: paused/]);
    await advance(7 * DAY);
    await expectNewMails([]);
  });

  it("after `resume`, the next prompt arrives: the check-in months later", async () => {
    await reply((await mailsToUser()).at(-1), "resume");
    await expectNewMails([/^coffeechat: resumed/]);
    await advance(120 * DAY);
    await expectNewMails([]);
    await advance(70 * DAY);
    await expectNewMails([/^A useful note for Priya Shah \(Initech\)$/]);
    expect(await stageOf("Priya Shah")).toBe("keeping_in_touch");
  });

  it("takes a referral on the check-in: Raj is at Outreach, referred by Priya", async () => {
    await reply((await mailsToUser()).at(-1), "referral: Raj Patel <raj@globex.com>");
    await expectNewMails([/^coffeechat: referral logged/]);
    expect(await stageOf("Raj Patel")).toBe("outreach");
  });

  it("forgets Priya: she leaves the page and nothing about her comes again, while Raj's nudge still does", async () => {
    await send(
      ["log@localhost"],
      [
        `From: Sam User <${USER}>`,
        "To: log@localhost",
        "Subject: forget",
        `Message-ID: <forget-priya-${stack.clock.now().getTime()}@example.com>`,
        `Date: ${mailDate()}`,
        "Content-Type: text/plain; charset=UTF-8",
        "",
        `forget ${PRIYA.email}`,
        "",
      ].join("\r\n"),
    );
    const [answer] = await expectNewMails([/^coffeechat: forgotten/]);
    expect(answer?.body.text).toContain(`Forgot ${PRIYA.email}`);
    expect(await stageOf("Priya Shah")).toBeNull();
    expect(await stageOf("Raj Patel")).toBe("outreach");
    await advance(8 * DAY);
    const [nudge] = await expectNewMails([/Raj Patel/]);
    expect(`${nudge?.subject}\n${nudge?.body.text}`).not.toContain("Priya");
    // The months Priya's next check-in would have come in: only Raj's move-on note arrives.
    await advance(200 * DAY);
    const later = await expectNewMails([/Raj Patel/]);
    expect(later.map((m) => `${m.subject}\n${m.body.text}`).join("\n")).not.toContain("Priya");
  });
});

/** The mails that arrived since the last call match `subjects`, in order; all went to the user alone. */
async function expectNewMails(subjects: RegExp[]): Promise<OutboxMail[]> {
  const all = await stack.outbox();
  const fresh = all.slice(delivered);
  delivered = all.length;
  expect(fresh.map((m) => m.destination.to)).toEqual(subjects.map(() => [expect.stringContaining(USER)]));
  expect(fresh.map((m) => m.subject)).toEqual(subjects.map((s) => expect.stringMatching(s)));
  return fresh;
}

async function mailsToUser(): Promise<OutboxMail[]> {
  return (await stack.outbox()).filter((m) => m.destination.to.some((t) => t.includes(USER)));
}

/** The stage section of the status page that lists `name`. */
async function stageOf(name: string): Promise<string | null> {
  const page = await (await fetch(stack.users[0]?.statusUrl ?? "")).text();
  const sections = page.split(/<div id="stage-/).slice(1);
  const found = sections.filter((s) => s.split("</div>")[0]?.includes(name));
  expect(found.length, `${name} on the page once`).toBeLessThanOrEqual(1);
  return found[0] ? (/^([a-z_]+)"/.exec(found[0])?.[1] ?? null) : null;
}

function mailDate(): string {
  return formatInZone(stack.clock.now(), "UTC", "ccc, dd LLL yyyy HH:mm:ss '+0000'");
}

async function forward(raw: string) {
  await send(["log@localhost"], raw);
}

/** The user answers a mail from its reply+ address, as a mail client would. */
async function reply(to: OutboxMail | undefined, text: string) {
  const address = to?.replyTo?.[0];
  expect(address).toMatch(/^reply\+[a-z2-7]+@localhost$/);
  await send(
    [address ?? ""],
    [
      `From: Sam User <${USER}>`,
      `To: ${address}`,
      `Subject: Re: ${to?.subject}`,
      `Message-ID: <${text.replace(/\W/g, "")}-${stack.clock.now().getTime()}@example.com>`,
      `In-Reply-To: <${to?.messageId}>`,
      `Date: ${mailDate()}`,
      "Content-Type: text/plain; charset=UTF-8",
      "",
      text,
      "",
      `On ${mailDate()} coffeechat wrote:`,
      `> ${to?.subject}`,
      "",
    ].join("\r\n"),
  );
}

function send(to: string[], raw: string) {
  return sendOverSmtp(smtpPort, { from: USER, to }, raw);
}

async function advance(ms: number): Promise<void> {
  await advanceStack(stack.addresses.control, ms);
}
