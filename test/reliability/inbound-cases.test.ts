import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { replyToken, statusToken } from "../../core/tokens.js";
import { registerUser } from "../../core/usecases/register-user.js";
import { accountOf } from "../support/account-of.js";
import { forwardedInvite, replyMail } from "../support/mail-builder.js";
import { type LocalServices, type Rig, startLocalServices, startRig } from "./local-aws.js";

/**
 * RELIABILITY.md cases 2, 10, 12, 14 and 19 through the real handlers, adapters and local
 * services (DynamoDB Local, aws-ses-v2-local, s3rver, the Scheduler emulator).
 */

const USER = "you@example.com";
const NOW = "2026-11-25T14:00:00Z";
const PREP_DUE = new Date("2026-12-02T14:00:00Z");

let services: LocalServices;
let rig: Rig;
let userId: string;
let statusLink: string;

beforeAll(async () => {
  services = await startLocalServices();
});
afterAll(() => services?.stop());

beforeEach(async () => {
  rig = await startRig(services, NOW);
  await services.clearOutbox();
  ({ userId, statusUrl: statusLink } = await registerUser(rig.deps, USER));
});
afterEach(() => rig?.stop());

const account = () => accountOf(rig.deps, userId);
const outbox = async () => (await services.outbox()).filter((m) => m.destination.to.includes(USER));
const refusals = () => rig.deps.store.listRefusals("2026-11-25");

describe("two concurrent invocations for one message (case 2)", () => {
  it("one wins by a conditional write; the other does nothing more, quietly", async () => {
    const event = await rig.stage(forwardedInvite(), "ses-in-1");
    const results = await Promise.allSettled([rig.inbound(event), rig.inbound(event), rig.inbound(event)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);

    const stored = await account();
    expect(stored.contacts).toHaveLength(1);
    expect(stored.meetings).toHaveLength(1);
    expect(
      stored.prompts
        .filter((p) => p.state === "scheduled")
        .map((p) => p.kind)
        .sort(),
    ).toEqual(["prep", "referral_ask", "thank_you"]);
    expect(rig.emulator.schedules()).toHaveLength(3);
    expect(await outbox()).toHaveLength(1);
    expect(stored.prompts.find((p) => p.kind === "confirmation")?.state).toBe("sent");
  });
});

describe("stop and pause before the due time (case 10)", () => {
  const fireAnyway = async (promptId: string) => {
    rig.deps.clock.set(PREP_DUE);
    await rig.dispatch({ type: "prompt", userId, promptId });
  };

  beforeEach(async () => {
    await rig.inbound(await rig.stage(forwardedInvite(), "ses-in-1"));
    await services.clearOutbox();
  });

  it.each(["stop", "pause"])(
    "`%s` (stop deletes the schedules, pause is one write of the user); a schedule that fires anyway sends nothing",
    async (command) => {
      const prep = (await account()).prompts.find((p) => p.kind === "prep");
      if (!prep) throw new Error("no prep");
      const token = replyToken(rig.deps.config.tokenKey, userId, prep.id).token;
      await rig.inbound(await rig.stage(replyMail({ token, body: command }), "ses-in-2"));
      if (command === "stop") expect(rig.emulator.schedules()).toEqual([]);
      expect((await outbox()).map((m) => m.subject)).toHaveLength(1); // the answer

      await fireAnyway(prep.id); // a schedule deleted too late, or a delivery already in flight
      await rig.emulator.runUntil(new Date(PREP_DUE.getTime() + 12 * 86_400_000));
      expect(await outbox()).toHaveLength(1);
      const after = (await account()).prompts.find((p) => p.id === prep.id);
      expect(["cancelled", "skipped"]).toContain(after?.state);
      expect(after?.sesMessageId).toBeNull();
    },
  );
});

describe("an ambiguous From, through the whole inbound handler (case 12)", () => {
  const command = (fromLines: string[]) =>
    [
      ...fromLines,
      "To: log@coffee.test",
      "Subject: settings",
      "Message-ID: <amb-1@mail.example.com>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "tz Europe/Berlin",
      "",
    ].join("\r\n");

  it.each([
    ["two From headers", ["From: Sam User <you@example.com>", "From: Mallory <mallory@evil.test>"]],
    ["two addresses in From", ["From: you@example.com, mallory@evil.test"]],
    ["the address hidden in an encoded word", ["From: =?utf-8?Q?you=40example.com?= <mallory@evil.test>"]],
    ["an encoded word that is the whole address", ["From: =?utf-8?Q?you=40example.com?="]],
    ["a display name posing as the user", ['From: "you@example.com" <mallory@evil.test>']],
  ])("%s: refused and recorded, nothing changed, nobody answered", async (_name, fromLines) => {
    await rig.inbound(await rig.stage(command(fromLines), "ses-in-amb"));
    expect((await account()).user.timeZone).toBe(rig.deps.config.defaults.timeZone);
    expect(await services.outbox()).toEqual([]);
    const reasons = (await refusals()).map((r) => r.reason.split(":")[0]);
    expect(reasons).toHaveLength(1);
    expect(["mail.ambiguous_from", "mail.unknown_sender"]).toContain(reasons[0]);
  });

  it("the same command with one clear From is taken (the test can fail)", async () => {
    await rig.inbound(await rig.stage(command(["From: Sam User <you@example.com>"]), "ses-in-ok"));
    expect((await account()).user.timeZone).toBe("Europe/Berlin");
  });
});

describe("hostile sizes through the handler (case 14)", () => {
  it("100k parts: refused with a recorded reason, the user told, the raw mail kept in S3", async () => {
    const parts = Array.from({ length: 100_000 }, () => "--b\r\n\r\nx").join("\r\n");
    const raw = [
      "From: Sam User <you@example.com>",
      "To: log@coffee.test",
      "Subject: many parts",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      parts,
      "--b--",
      "",
    ].join("\r\n");
    const started = performance.now();
    await rig.inbound(await rig.stage(raw, "ses-in-big"));
    expect(performance.now() - started).toBeLessThan(3_000);

    expect((await refusals()).map((r) => r.reason.split(":")[0])).toEqual(["mail.too_many_parts"]);
    expect((await account()).contacts).toEqual([]);
    expect((await outbox()).map((m) => m.subject)).toEqual(["coffeechat: nothing logged"]);
    const kept = await rig.clients.s3.send(
      new HeadObjectCommand({ Bucket: "raw-mail", Key: "inbound/ses-in-big" }),
    );
    expect(kept.ContentLength).toBe(Buffer.byteLength(raw));
  });
});

describe("hostile line counts (case 14)", () => {
  it("300k short lines (1.2 MB) are refused before MIME parsing, at once, where postal-mime would take seconds", async () => {
    const body = Array.from({ length: 300_000 }, (_, i) => `L${i % 10}`).join("\r\n");
    const raw = [
      "From: Sam User <you@example.com>",
      "To: log@coffee.test",
      "Subject: lines",
      "",
      body,
      "",
    ].join("\r\n");
    const started = performance.now();
    await rig.inbound(await rig.stage(raw, "ses-in-lines"));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await refusals()).map((r) => r.reason)).toEqual([
      expect.stringMatching(/^mail\.too_large: .*200,000 lines/),
    ]);
  });
});

describe("logs (case 19)", () => {
  it("hold ids and codes through a full flow, never a token, an address's mail body or notes", async () => {
    const notes = "Secret-ish note: she mentioned the reorg in Q3";
    await rig.inbound(await rig.stage(forwardedInvite({ notes }), "ses-in-1"));
    const prep = (await account()).prompts.find((p) => p.kind === "prep");
    if (!prep) throw new Error("no prep");
    const token = replyToken(rig.deps.config.tokenKey, userId, prep.id).token;
    await rig.inbound(
      await rig.stage(replyMail({ token, body: "notes: ask about the data mesh rollout" }), "ses-in-2"),
    );
    await rig.emulator.runUntil(new Date(PREP_DUE.getTime() + 12 * 86_400_000));
    await rig.inbound(
      await rig.stage(forwardedInvite({ messageId: "x@y" }), "ses-in-3", {
        verdicts: { dmarc: "FAIL", dkim: "FAIL" },
      }),
    );

    const mails = await outbox();
    expect(mails.length).toBeGreaterThanOrEqual(4); // confirmation, answer, prep, thank-you…
    const logged = rig.deps.log.text();
    expect(rig.deps.log.lines.length).toBeGreaterThan(5);
    expect(logged).toContain("prompt.sent");

    const status = statusToken(rig.deps.config.tokenKey, userId, 1).token;
    const secrets = [
      token,
      status,
      statusLink,
      ...(await account()).prompts.map((p) => replyToken(rig.deps.config.tokenKey, userId, p.id).token),
      "reorg in Q3",
      "data mesh",
      "Looking forward to it",
      "PyData",
      "Coffee chat: Jane / Sam",
      ...mails.flatMap((m) => [m.subject, (m.body.text ?? "").slice(0, 80)]),
    ];
    for (const secret of secrets) expect(logged, secret).not.toContain(secret);
  });
});

describe("tokens at rest (case 18)", () => {
  it("carry at least 128 random-looking bits and are stored only as hashes", async () => {
    await rig.inbound(await rig.stage(forwardedInvite(), "ses-in-1"));
    const prompts = (await account()).prompts;
    const tokens = [
      statusToken(rig.deps.config.tokenKey, userId, 1).token.split(".")[1] ?? "",
      ...prompts.map((p) => replyToken(rig.deps.config.tokenKey, userId, p.id).token),
    ];
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{26,}$/); // base32: 5 bits a char, ≥ 130 bits
    expect(new Set(tokens).size).toBe(tokens.length);

    // Test-only Scan: every byte stored for this user, looked through for any token.
    const items = await rig.clients.dynamo.send(new ScanCommand({ TableName: rig.tableName }));
    const stored = JSON.stringify(items.Items);
    expect(items.Items?.length).toBeGreaterThan(5);
    for (const token of tokens) expect(stored).not.toContain(token);
    expect(stored).toContain((await account()).user.statusTokenHash);
  });
});
