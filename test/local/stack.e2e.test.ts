import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dateAt, instantAt } from "../../core/time/wall-clock.js";
import type { AdvanceReport, OutboxMail } from "../../local/control-server.js";
import { sampleInvite } from "../../local/sample-invite.js";
import type { Stack } from "../../local/stack.js";
import { advanceStack, sendOverSmtp, startTestStack, stopTestStack } from "../support/stack-client.js";

/**
 * The whole product on this machine: real SMTP in, DynamoDB Local, s3rver, the scheduler emulator,
 * aws-ses-v2-local out, the web app — driven only from the outside, as a user would.
 */
const USER = "you@example.com";

let stack: Stack;
let dataDir: string;
let smtpPort: number;
let invite: string;
let meetingStart: Date;

beforeAll(async () => {
  ({
    stack,
    dataDir,
    ports: { smtp: smtpPort },
  } = await startTestStack(USER, (line) => console.error(`[stack] ${line}`)));
  // A meeting four days from the stack's "now", 15:00-15:30 in New York.
  const zone = "America/New_York";
  meetingStart = instantAt({ ...addDays(dateAt(stack.clock.now(), zone), 4), hour: 15 }, zone);
  invite = inviteFor(meetingStart);
}, 120_000);

afterAll(async () => {
  await stopTestStack({ stack, dataDir });
});

describe("the local stack, end to end", () => {
  it("prints an inbox, a reply pattern, the web and outbox addresses and a status link per user", () => {
    expect(stack.addresses.inbox).toBe("log@localhost");
    expect(stack.addresses.replies).toBe("reply+<token>@localhost");
    expect(stack.users).toEqual([
      {
        address: USER,
        userId: expect.any(String),
        statusUrl: expect.stringMatching(new RegExp(`^${stack.addresses.web}/s/[a-z0-9_.]{20,}$`)),
      },
    ]);
  });

  it("confirms a forwarded Google invite, and ignores the same mail forwarded again", async () => {
    await sendMail(["log@localhost"], invite);
    const afterFirst = await mailTo(USER);
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]?.body.text ?? "").toContain("Jane Doe");

    await sendMail(["log@localhost"], invite);
    expect(await mailTo(USER)).toHaveLength(1);
  });

  it("sends prep before the meeting, a thank-you draft after it and a referral ask days later, each once", async () => {
    const toJustBefore = meetingStart.getTime() - 3_600_000 - stack.clock.now().getTime();
    const first = await advance(toJustBefore);
    expect(first.fired.length).toBeGreaterThan(0);
    expect(subjects(await mailTo(USER))).toEqual([
      expect.anything(),
      expect.stringMatching(/^Prep: Jane Doe/),
    ]);

    await advance(3 * 3_600_000);
    expect(subjects(await mailTo(USER)).filter((s) => /^Thank-you draft/.test(s))).toHaveLength(1);

    await advance(4 * 86_400_000);
    const all = await mailTo(USER);
    const bySubject = (pattern: RegExp) => all.filter((m) => pattern.test(m.subject));
    expect(bySubject(/^Prep: Jane Doe/)).toHaveLength(1);
    expect(bySubject(/^Thank-you draft for Jane Doe/)).toHaveLength(1);
    expect(bySubject(/^Ask Jane Doe\b.* who else to talk to/)).toHaveLength(1);

    for (const prompt of [
      ...bySubject(/^Prep:/),
      ...bySubject(/^Thank-you draft/),
      ...bySubject(/^Ask Jane/),
    ]) {
      expect(prompt.replyTo?.[0]).toMatch(/^reply\+[a-z2-7]+@localhost$/);
    }
    for (const draft of [...bySubject(/^Thank-you draft/), ...bySubject(/^Ask Jane/)]) {
      expect(`${draft.body.text}\n${draft.body.html}`).toContain("mailto:jane@acme.com");
    }
  });

  it("takes `snooze 3d` replied to a prompt's reply+ address: the prompt comes back three days later", async () => {
    const thankYou = (await mailTo(USER)).find((m) => /^Thank-you draft/.test(m.subject));
    const replyAddress = thankYou?.replyTo?.[0];
    expect(replyAddress).toBeDefined();
    const before = (await mailTo(USER)).length;

    await sendMail(
      [replyAddress ?? ""],
      [
        `From: You Example <${USER}>`,
        `To: ${replyAddress}`,
        `Subject: Re: ${thankYou?.subject}`,
        `Message-ID: <snooze-${Date.now()}@example.com>`,
        `In-Reply-To: <${thankYou?.messageId}>`,
        `Date: ${new Date().toUTCString()}`,
        "Content-Type: text/plain; charset=UTF-8",
        "",
        "snooze 3d",
        "",
        `On ${new Date().toUTCString()} coffeechat wrote:`,
        "> Thank-you draft for Jane Doe",
        "",
      ].join("\r\n"),
    );
    // The command is answered.
    expect((await mailTo(USER)).length).toBeGreaterThan(before);

    await advance(2 * 86_400_000);
    expect((await mailTo(USER)).filter((m) => /^Thank-you draft/.test(m.subject))).toHaveLength(1);
    await advance(2 * 86_400_000);
    expect((await mailTo(USER)).filter((m) => /^Thank-you draft/.test(m.subject))).toHaveLength(2);
  });

  it("serves the status page on the printed link", async () => {
    const response = await fetch(stack.users[0]?.statusUrl ?? "");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Jane Doe");
  });

  it("answers the clock's `now` on the control endpoint", async () => {
    const response = await fetch(`${stack.addresses.control}/now`);
    const body = (await response.json()) as { now: string };
    expect(Math.abs(Date.parse(body.now) - stack.clock.now().getTime())).toBeLessThan(5_000);
  });

  it("stops without leaving a child process behind", async () => {
    const children = stack.childPids;
    expect(children.length).toBeGreaterThan(0);
    await stack.stop();
    for (const pid of children) expect(alive(pid)).toBe(false);
    expect(childProcessesOf(process.pid).filter((c) => /java|node/.test(c))).toEqual([]);
  });
});

function inviteFor(start: Date): string {
  return sampleInvite(start, stack.clock.now());
}

function sendMail(to: string[], raw: string) {
  return sendOverSmtp(smtpPort, { from: USER, to }, raw);
}

function advance(ms: number): Promise<AdvanceReport> {
  return advanceStack(stack.addresses.control, ms);
}

async function mailTo(address: string): Promise<OutboxMail[]> {
  return (await stack.outbox()).filter((m) => m.destination.to.some((t) => t.includes(address)));
}

function subjects(mails: OutboxMail[]): string[] {
  return mails.map((m) => m.subject);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function childProcessesOf(pid: number): string[] {
  try {
    return execFileSync("ps", ["-o", "comm=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && l !== "ps");
  } catch {
    return []; // ps exits 1 when there is no child at all
  }
}
