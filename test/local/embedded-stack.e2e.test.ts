import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dateAt, instantAt } from "../../core/time/wall-clock.js";
import type { AdvanceReport, OutboxMail } from "../../local/control-server.js";
import { sampleInvite } from "../../local/sample-invite.js";
import type { StackPorts } from "../../local/settings.js";
import { advanceStack, sendOverSmtp } from "../support/stack-client.js";
import { freeStackPorts } from "../support/stack-ports.js";

/**
 * `npm start` on a machine with nothing but Node: no `java` on the PATH, so the stack runs on the
 * embedded store. Driven from outside as a user would: a forwarded invite over SMTP, the clock
 * moved a week, Ctrl-C, `npm start` again, and everything is still there.
 */
const USER = "you@example.com";

let dataDir: string;
let ports: StackPorts;
let running: { child: ChildProcess; stdout: string } | null = null;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "cc-nojava-"));
  ports = await freeStackPorts();
});

afterAll(async () => {
  if (running) await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start without Java", () => {
  let statusUrl: string;
  let meetingStart: Date;
  let invite: string;

  it("says it runs on the embedded store and how to get DynamoDB Local", async () => {
    const stdout = await start();
    expect(stdout).toContain(
      `coffeechat: no Java 17: embedded store in ${join(dataDir, "embedded")}; install Java 17 for DynamoDB Local (apt-get install -y openjdk-17-jre-headless)`,
    );
    expect(stdout).toContain("store    embedded (no Java needed)");
    statusUrl = statusUrlIn(stdout);
    expect(existsSync(join(dataDir, "dynamodb"))).toBe(false);
  }, 120_000);

  it("logs a forwarded invite and sends prep, thank-you and referral ask as the clock moves 7 days", async () => {
    meetingStart = instantAt(
      { ...addDays(dateAt(await clockNow(), "America/New_York"), 3), hour: 15 },
      "America/New_York",
    );
    invite = sampleInvite(meetingStart, await clockNow());
    await sendMail(invite);
    expect(subjects(await outbox())).toEqual([expect.stringMatching(/logged.*Jane Doe/i)]);

    // `npm run clock -- advance 7d`
    const clock = spawnSync(process.execPath, ["--import", "tsx", "local/clock-cli.ts", "advance", "7d"], {
      env: { ...process.env, PATH: "/nonexistent", COFFEECHAT_CONTROL_PORT: String(ports.control) },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(clock.status).toBe(0);
    const sent = subjects(await outbox());
    for (const prompt of [/^Prep: Jane Doe/, /^Thank-you draft for Jane Doe/, /^Ask Jane Doe\b/]) {
      expect(sent.filter((s) => prompt.test(s))).toHaveLength(1);
    }
  }, 120_000);

  it("keeps the contact, the meeting, its sent prompts and the clock across a restart", async () => {
    const before = await clockNow();
    await stop();
    const stdout = await start();
    expect(stdout).toContain("embedded store");
    expect(statusUrlIn(stdout)).toBe(statusUrl);
    expect((await clockNow()).getTime()).toBeGreaterThanOrEqual(before.getTime());

    const page = await (await fetch(statusUrl)).text();
    expect(page).toContain("Jane Doe");
    // The outbox starts empty after a restart (aws-ses-v2-local keeps it in memory).
    expect(await outbox()).toEqual([]);
    // The very same mail again is recognised as seen (its marker survived): no answer at all.
    await sendMail(invite);
    expect(await outbox()).toEqual([]);
    // Another forward of the same invitation finds the stored meeting.
    await sendMail(sampleInvite(meetingStart, before));
    expect(subjects(await outbox())).toEqual([expect.stringMatching(/already logged/i)]);
    // Nothing sent already is sent again as the clock moves on.
    await advance(86_400_000);
    expect(subjects(await outbox()).filter((s) => /prep|thank-you|ask jane/i.test(s))).toEqual([]);
  }, 120_000);
});

/** `npm start` (its script, run by node) with no java to be found, until it prints that it is running. */
async function start(): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", "local/start.ts"], {
    env: {
      ...process.env,
      PATH: "/nonexistent",
      JAVA_HOME: "",
      COFFEECHAT_STORE: "",
      COFFEECHAT_DATA_DIR: dataDir,
      COFFEECHAT_USERS: USER,
      COFFEECHAT_SMTP_PORT: String(ports.smtp),
      COFFEECHAT_WEB_PORT: String(ports.web),
      COFFEECHAT_SES_PORT: String(ports.ses),
      COFFEECHAT_DYNAMODB_PORT: String(ports.dynamodb),
      COFFEECHAT_S3_PORT: String(ports.s3),
      COFFEECHAT_SCHEDULER_PORT: String(ports.scheduler),
      COFFEECHAT_CONTROL_PORT: String(ports.control),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started = { child, stdout: "" };
  running = started;
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      started.stdout += chunk.toString();
      if (started.stdout.includes("Ctrl-C stops everything.")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`npm start exited (${code}): ${stderr}${started.stdout}`)));
  });
  return started.stdout;
}

/** Ctrl-C, and wait until it has exited. */
async function stop(): Promise<void> {
  const child = running?.child;
  running = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  expect(await exited).toBe(0);
}

function statusUrlIn(stdout: string): string {
  const url = new RegExp(`${USER}\\s+(http://\\S+/s/\\S+)`).exec(stdout)?.[1];
  if (!url) throw new Error(`no status link in: ${stdout}`);
  return url;
}

async function clockNow(): Promise<Date> {
  const body = (await (await fetch(`http://127.0.0.1:${ports.control}/now`)).json()) as { now: string };
  return new Date(body.now);
}

function advance(ms: number): Promise<AdvanceReport> {
  return advanceStack(`http://127.0.0.1:${ports.control}`, ms);
}

function sendMail(raw: string) {
  return sendOverSmtp(ports.smtp, { from: USER, to: ["log@localhost"] }, raw);
}

async function outbox(): Promise<OutboxMail[]> {
  const body = (await (await fetch(`http://127.0.0.1:${ports.ses}/store`)).json()) as {
    emails?: OutboxMail[];
  };
  return (body.emails ?? []).filter((m) => m.destination.to.some((t) => t.includes(USER)));
}

function subjects(mails: OutboxMail[]): string[] {
  return mails.map((m) => m.subject);
}
