import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppConfig } from "../../core/config.js";
import { MAX_KEY_LOOKUPS } from "../../core/mail/verify-sender.js";
import { RAW_MAIL_PREFIX } from "../../core/usecases/inbound-event.js";
import { registerUser } from "../../core/usecases/register-user.js";
import { createInboundHandler } from "../../functions/inbound-mail.js";
import { sesReceiptEvent } from "../../local/ses-event.js";
import { accountOf } from "../support/account-of.js";
import { arcSealed, makeKey, signed, TestDns, type TestKey } from "../support/dkim.js";
import { CapturingLogger, type TestDeps, testConfig, testDeps } from "../support/fake-deps.js";

/**
 * RELIABILITY.md case 11 with real signatures: keys made here, mail signed with them, the public
 * keys served through the injected DNS resolver, every mail through the inbound handler as an
 * SES receipt event. The command `tz Europe/Berlin` shows whether the mail was taken as the user's.
 */

const USER = "you@example.com";
const NOW = "2026-11-25T14:00:00Z";
const DEFAULT_ZONE = testConfig.defaults.timeZone;

let keys: Record<"example" | "mailExample" | "evil" | "com" | "lists" | "exampleEd", TestKey>;

beforeAll(() => {
  keys = {
    example: makeKey("example.com"),
    mailExample: makeKey("mail.example.com", "s2"),
    evil: makeKey("evil.test"),
    com: makeKey("com"),
    lists: makeKey("lists.trusted.test", "arc"),
    exampleEd: makeKey("example.com", "ed", "ed25519"),
  };
});

function command(o: { from?: string[]; body?: string; messageId?: string } = {}): string {
  return [
    ...(o.from ?? [`Sam User <${USER}>`]).map((f) => `From: ${f}`),
    "To: log@coffee.test",
    "Subject: settings",
    `Message-ID: <${o.messageId ?? "cmd-1@mail.example.com"}>`,
    "Date: Wed, 25 Nov 2026 09:00:00 -0500",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    o.body ?? "tz Europe/Berlin",
    "",
  ].join("\r\n");
}

let deps: TestDeps & { log: CapturingLogger };
let dns: TestDns;
let userId: string;
let inbound: (event: unknown) => Promise<void>;
let count = 0;

function useConfig(config: Partial<AppConfig>) {
  deps = { ...deps, config: { ...deps.config, ...config } };
  inbound = createInboundHandler(deps);
}

beforeEach(async () => {
  dns = new TestDns();
  for (const key of Object.values(keys)) dns.publish(key);
  deps = { ...testDeps({ now: NOW }), log: new CapturingLogger(), dns: dns.resolve };
  inbound = createInboundHandler(deps);
  ({ userId } = await registerUser(deps, USER));
});

/** SES stored the mail and invokes the handler with its receipt event; DMARC as given, the rest PASS. */
async function receive(raw: string, verdicts: { dmarc: string; dkim?: string }): Promise<string> {
  const sesMessageId = `ses-trust-${++count}`;
  deps.rawMail.put(`${RAW_MAIL_PREFIX}${sesMessageId}`, raw);
  const event = sesReceiptEvent({
    raw: Buffer.from(raw),
    envelope: { from: "bounce@mail.example.com", recipients: ["log@coffee.test"] },
    messageId: sesMessageId,
    receivedAt: deps.clock.now(),
    functionArn: "arn:aws:lambda:us-east-1:123456789012:function:inbound",
  });
  const receipt = event.Records[0]?.ses.receipt as unknown as Record<string, unknown>;
  receipt.dmarcVerdict = { status: verdicts.dmarc };
  receipt.dkimVerdict = { status: verdicts.dkim ?? "PASS" };
  await inbound(event);
  return sesMessageId;
}

const sign = (raw: string, key: TestKey, options: Omit<Parameters<typeof signed>[2], "at"> = {}) =>
  signed(raw, key, { at: deps.clock.now(), ...options });
const zone = async () => (await accountOf(deps, userId)).user.timeZone;
const refusals = async () => (await deps.store.listRefusals("2026-11-25")).map((r) => r.reason);
const refusedChecks = () =>
  deps.log.lines.filter((l) => l.message === "mail.refused").map((l) => l.fields?.check ?? l.fields?.reason);

function expectTaken() {
  return expect(zone()).resolves.toBe("Europe/Berlin");
}

async function expectRefused(check: string) {
  expect(await zone()).toBe(DEFAULT_ZONE);
  expect(await refusals()).toEqual([expect.stringMatching(new RegExp(`^mail\\.untrusted: ${check}\\b`))]);
  expect(refusedChecks()).toEqual([check]);
}

describe("which mail commands an account (case 11)", () => {
  it("DMARC PASS at SES: taken without verifying anything here (no DNS lookup)", async () => {
    await receive(command(), { dmarc: "PASS" });
    await expectTaken();
    expect(dns.lookups).toEqual([]);
  });

  it.each(["GRAY", "FAIL"])("DMARC %s with a good signature aligned with From: taken", async (dmarc) => {
    await receive(await sign(command(), keys.example), { dmarc });
    await expectTaken();
    expect(deps.log.lines.find((l) => l.message === "mail.sender_trusted")?.fields?.check).toBe(
      "dkim_aligned",
    );
  });

  it("relaxed alignment: d=mail.example.com speaks for you@example.com, and an Ed25519 signature counts", async () => {
    await receive(await sign(command(), keys.mailExample), { dmarc: "GRAY" });
    await expectTaken();
    await receive(await sign(command({ body: "tz Asia/Tokyo", messageId: "c2@x" }), keys.exampleEd), {
      dmarc: "GRAY",
    });
    expect(await zone()).toBe("Asia/Tokyo");
  });

  it("DMARC GRAY without any signature: refused (dkim_none), nobody answered", async () => {
    await receive(command(), { dmarc: "GRAY" });
    await expectRefused("dkim_none");
    expect(deps.mailer.sent).toEqual([]);
  });

  it("a forged `DKIM-Signature: d=example.com` next to a good signature for evil.test authenticates nobody", async () => {
    const good = await sign(command(), keys.evil);
    const forged = [
      "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1; h=from:to:subject;",
      " bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=Zm9yZ2Vk",
      "",
    ].join("\r\n");
    await receive(forged + good, { dmarc: "FAIL", dkim: "PASS" });
    await expectRefused("dkim_unaligned");
    expect((await refusals())[0]).toContain("evil.test");
    expect((await refusals())[0]).not.toContain("example.com");

    // The attack: `export` this way sends nobody the data (the user gets only the note).
    const exportMail = await sign(command({ body: "export", messageId: "exp@x" }), keys.evil);
    await receive(forged + exportMail, { dmarc: "FAIL", dkim: "PASS" });
    expect(deps.mailer.sent.map((m) => [m.to, m.subject, m.attachments?.length ?? 0])).toEqual([
      [USER, "coffeechat: a mail from your address was not accepted", 0],
    ]);
  });

  it("the same forgery with DMARC GRAY (a domain without a DMARC record): refused too", async () => {
    const forged = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; h=from; bh=x; b=x\r\n";
    await receive(forged + (await sign(command(), keys.evil)), { dmarc: "GRAY" });
    await expectRefused("dkim_unaligned");
  });

  it("only the forged header, no real signature: refused (dkim_invalid)", async () => {
    const forged = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; h=from; bh=x; b=x\r\n";
    await receive(forged + command(), { dmarc: "GRAY", dkim: "PASS" });
    await expectRefused("dkim_invalid");
  });

  it("d= a public suffix (d=com, with a key that verifies) never aligns with example.com", async () => {
    await receive(await sign(command(), keys.com), { dmarc: "GRAY" });
    await expectRefused("dkim_unaligned");
  });

  it("the body altered after signing: the signature fails, refused (dkim_invalid)", async () => {
    const good = await sign(command(), keys.example);
    await receive(good.replace("tz Europe/Berlin", "tz Pacific/Fiji"), { dmarc: "GRAY" });
    await expectRefused("dkim_invalid");
  });

  it("l= tricks: a signature over the first part of the body does not vouch for text appended later", async () => {
    const body = "tz Europe/Berlin\r\n";
    const original = await sign(command(), keys.example, { bodyLength: Buffer.byteLength(body) });
    expect(original).toMatch(/; l=\d+;/);
    await receive(`${original}address add mallory@evil.test\r\n`, { dmarc: "GRAY" });
    await expectRefused("dkim_partial_body");
    expect((await accountOf(deps, userId)).user.addresses).toEqual([USER]);

    // The same l= signature with nothing appended covers the whole body: taken (the test can fail).
    await receive(original, { dmarc: "GRAY" });
    await expectTaken();
  });

  it("a signature that leaves From unsigned does not speak for From", async () => {
    const mail = await sign(command(), keys.example, { headerList: ["to", "subject", "date"] });
    expect(mail).toMatch(/h=Date: Subject: To;/);
    await receive(mail, { dmarc: "GRAY" });
    await expectRefused("dkim_from_unsigned");
  });

  it("an aligned rsa-sha1 signature is not trusted (RFC 8301)", async () => {
    await receive(await sign(command(), keys.example, { algorithm: "rsa-sha1" }), { dmarc: "GRAY" });
    await expectRefused("dkim_weak_algorithm");
  });

  it.each([
    [
      "the user's From added above a mail Mallory signed as herself",
      [`Sam User <${USER}>`, "Mallory <mallory@evil.test>"],
      "evil",
    ],
    [
      "a second From added to the user's signed mail",
      ["Mallory <mallory@evil.test>", `Sam User <${USER}>`],
      "example",
    ],
  ] as const)(
    "duplicate From headers — %s: refused as ambiguous, nothing changed",
    async (_name, from, signer) => {
      // Signed with only the bottom From, as a signer sees a one-From mail; the other is added in transit.
      const [added, original] = from;
      const mail = await sign(command({ from: [original] }), keys[signer]);
      const withTwo = mail.replace(`From: ${original}`, `From: ${added}\r\nFrom: ${original}`);
      await receive(withTwo, { dmarc: "GRAY" });
      expect(await zone()).toBe(DEFAULT_ZONE);
      expect((await refusals())[0]).toMatch(/^mail\.ambiguous_from/);
      expect(deps.mailer.sent).toEqual([]);
    },
  );
});

describe("a refusal the operator can explain and the user hears about once", () => {
  it("logs the failed check and no address, subject or body", async () => {
    await receive(await sign(command(), keys.evil), { dmarc: "FAIL" });
    const refused = deps.log.lines.find((l) => l.message === "mail.refused");
    expect(refused?.fields).toEqual({
      sesMessageId: `ses-trust-${count}`,
      reason: "mail.untrusted",
      check: "dkim_unaligned",
    });
    const text = deps.log.text();
    for (const secret of [USER, "mallory", "Europe/Berlin", "settings"]) expect(text).not.toContain(secret);
  });

  it("a verified user whose mail failed only alignment gets one note a day, to their own address", async () => {
    for (let i = 0; i < 3; i++)
      await receive(await sign(command({ messageId: `u${i}@x` }), keys.evil), { dmarc: "GRAY" });
    expect(await refusals()).toHaveLength(3);
    expect(deps.mailer.sent).toHaveLength(1);
    const note = deps.mailer.sent[0];
    expect(note?.to).toBe(USER);
    expect(note?.text).toContain("signed by evil.test, not by example.com");
    expect(note?.text).toMatch(/at most once a day/);

    deps.clock.set("2026-11-26T09:00:00Z");
    await receive(await sign(command({ messageId: "next-day@x" }), keys.evil), { dmarc: "GRAY" });
    expect(deps.mailer.sent).toHaveLength(2);
    expect(await zone()).toBe(DEFAULT_ZONE);
  });

  it("no note when no signature verified, nor to an address that is no user's", async () => {
    await receive(command(), { dmarc: "GRAY" });
    const altered = (await sign(command(), keys.example)).replace("Europe/Berlin", "Pacific/Fiji");
    await receive(altered, { dmarc: "GRAY" });
    const stranger = await sign(command({ from: ["Someone <someone@elsewhere.test>"] }), keys.evil);
    await receive(stranger, { dmarc: "GRAY" });
    expect(await refusals()).toHaveLength(3);
    expect(deps.mailer.sent).toEqual([]);
  });

  it("a configured address with no account yet is not registered by an untrusted mail, nor told", async () => {
    useConfig({ users: [USER, "new@example.com"] });
    await receive(await sign(command({ from: ["New <new@example.com>"] }), keys.evil), { dmarc: "GRAY" });
    expect(await deps.store.findUserIdByAddress("new@example.com")).toBeNull();
    expect(deps.mailer.sent).toEqual([]);
  });
});

describe("DNS that fails for now", () => {
  it("a key lookup timing out for an aligned signature fails the invocation (SES retries); a retry after recovery is taken", async () => {
    dns.failing.add("s1._domainkey.example.com");
    const mail = await sign(command(), keys.example);
    await expect(receive(mail, { dmarc: "GRAY" })).rejects.toThrow(/temporarily/);
    expect(await refusals()).toEqual([]);
    expect(deps.log.lines.find((l) => l.message === "mail.trust_deferred")?.fields?.check).toBe(
      "dkim_temperror",
    );

    dns.failing.clear();
    await receive(mail, { dmarc: "GRAY" });
    await expectTaken();
  });
});

describe("a mail stuffed with signatures", () => {
  it(`costs at most ${MAX_KEY_LOOKUPS} key lookups, whatever it carries`, async () => {
    // Each added signature has a correct body hash, so each would cost a lookup; none is published.
    let mail = await sign(command(), keys.example);
    for (let i = 0; i < 10; i++) mail = await sign(mail, makeKey(`stuffed${i}.test`, "s1", "ed25519"));
    expect(mail.match(/^DKIM-Signature:/gm)).toHaveLength(11);
    await receive(mail, { dmarc: "GRAY" });
    expect(dns.lookups).toHaveLength(MAX_KEY_LOOKUPS);
    await expectRefused("dkim_invalid");
  });
});

describe("ARC: a forwarder or list the operator trusts", () => {
  const seenPass =
    "mx.lists.trusted.test; dkim=pass header.d=example.com header.s=s1; spf=pass smtp.mailfrom=example.com; dmarc=pass header.from=example.com";

  /** A list adds a footer (breaking example.com's signature) and seals what it saw on receipt. */
  async function throughList(seen = seenPass) {
    const original = await sign(command(), keys.example);
    const footered = original.replace(
      "tz Europe/Berlin\r\n",
      "tz Europe/Berlin\r\n\r\n-- \r\nsent via the list\r\n",
    );
    return arcSealed(footered, keys.lists, seen, deps.clock.now());
  }

  it("off by default: the list's valid chain is not consulted, the broken signature refuses", async () => {
    await receive(await throughList(), { dmarc: "FAIL" });
    await expectRefused("dkim_invalid");
  });

  it("with the sealer listed: taken on the chain's record of a DMARC pass", async () => {
    useConfig({ trustedArcSealers: ["lists.trusted.test"] });
    await receive(await throughList(), { dmarc: "FAIL" });
    await expectTaken();
    expect(deps.log.lines.find((l) => l.message === "mail.sender_trusted")?.fields?.check).toBe(
      "arc_trusted_sealer",
    );
  });

  it("with the sealer listed but its record saying DMARC failed, or another sealer listed: refused", async () => {
    useConfig({ trustedArcSealers: ["lists.trusted.test"] });
    const sawFailure =
      "mx.lists.trusted.test; dkim=fail header.d=example.com; spf=fail smtp.mailfrom=example.com; dmarc=fail header.from=example.com";
    await receive(await throughList(sawFailure), { dmarc: "FAIL" });
    expect(await zone()).toBe(DEFAULT_ZONE);
    useConfig({ trustedArcSealers: ["other.test"] });
    await receive(await throughList(), { dmarc: "FAIL" });
    expect(await zone()).toBe(DEFAULT_ZONE);
    expect(refusedChecks()).toEqual(["dkim_invalid", "dkim_invalid"]);
  });
});
