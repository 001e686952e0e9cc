import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSignatures, verifySender } from "../../core/mail/verify-sender.js";
import { TestDns } from "../support/dkim.js";

/**
 * Real signed messages from other DKIM implementations' suites (corpus/dkim), verified with the
 * key records those suites publish beside them; MANIFEST.tsv says which signatures pass. Then
 * what coffeechat makes of each for its From.
 */

const repo = fileURLToPath(new URL("../../", import.meta.url));
const dir = join(repo, "../shared/corpus/dkim");
const present = existsSync(join(dir, "MANIFEST.tsv")) || existsSync(dir);
if (!present) console.warn("DKIM corpus tests skipped: ../shared/corpus/dkim is absent");
const describeCorpus = present ? describe : describe.skip;
const skipNote = present ? "" : " (skipped: ../shared/corpus/dkim is absent)";

const read = (name: string) => readFileSync(join(dir, name));

/** The suites' zones: Mail::DKIM's FAKE_DNS.dat, dkimpy's one-record file, mailauth's JSON cache. */
function corpusDns(): TestDns {
  const dns = new TestDns();
  for (const line of read("mail-dkim-FAKE_DNS.dat").toString("utf8").split(/\r?\n/)) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [name = "", ...rest] = line.trim().split(/\s+/);
    const value = rest.join(" ");
    if (value === "NXDOMAIN") continue;
    if (value.startsWith("~~")) dns.failing.add(name.toLowerCase());
    else dns.set(name, value === '""' ? "" : value);
  }
  // dkimpy's test_verify_third_party publishes this one record at sed._domainkey.test.ex.
  dns.set("sed._domainkey.test.ex", read("dkimpy-eximtest.dns").toString("utf8").trim());
  const json = JSON.parse(read("mailauth-rfc8463-dns.json").toString("utf8")) as Record<
    string,
    { TXT?: string[][] }
  >;
  for (const [name, { TXT }] of Object.entries(json)) if (TXT) dns.records.set(name.toLowerCase(), TXT);
  return dns;
}

/** The suites check at their own moment (mailauth's RFC 8463 test at the signature's t=). */
const options = (now = new Date("2026-11-25T14:00:00Z")) => ({
  resolver: corpusDns().resolve,
  trustedArcSealers: [],
  now,
});
const RFC8463_TIME = new Date(1528637909000);

describeCorpus(`DKIM corpus: each signature verifies as its own suite expects${skipNote}`, () => {
  it("dkimpy's Exim ed25519 message passes with eximtest.dns", async () => {
    const sigs = await checkSignatures(read("dkimpy-exim-ed25519-signed.msg"), options());
    expect(sigs.map((s) => [s.domain, s.algorithm, s.result])).toEqual([
      ["test.ex", "ed25519-sha256", "pass"],
    ]);
  });

  it("RFC 8463's sample: the ed25519 and the RSA signature both pass (mailauth's dns.json, at t=)", async () => {
    const sigs = await checkSignatures(read("mailauth-rfc8463-signed.eml"), options(RFC8463_TIME));
    expect(sigs.map((s) => [s.selector, s.algorithm, s.result])).toEqual([
      ["brisbane", "ed25519-sha256", "pass"],
      ["test", "rsa-sha256", "pass"],
    ]);
  });

  it("Mail::DKIM's good ed25519 key passes; the same message with its body modified does not", async () => {
    const good = await checkSignatures(read("maildkim-goodkey-ed25519.eml"), options());
    expect(good.map((s) => [s.domain, s.result])).toEqual([["wander.science", "pass"]]);
    const modified = await checkSignatures(read("maildkim-badkey3-ed25519-body-modified.eml"), options());
    expect(modified).toHaveLength(1);
    expect(modified[0]?.result).not.toBe("pass");
    expect(modified[0]?.comment).toMatch(/body hash/);
  });

  it("the AT&T interop message with its body altered fails", async () => {
    const sigs = await checkSignatures(read("maildkim-bad-ietf01-1-att-body-altered.eml"), options());
    expect(sigs.map((s) => s.domain)).toEqual(["vmt2.cis.att.net"]);
    expect(sigs[0]?.result).not.toBe("pass");
  });

  it("four signatures of mixed validity: the good one passes, the tampered one fails, the broken ones are ignored", async () => {
    const sigs = await checkSignatures(read("maildkim-multiple-2-mixed.eml"), options());
    // c=foobar and the unparseable header yield no result at all; of the other two, one each way.
    expect(sigs.map((s) => s.result)).toEqual(["pass", "fail"]);
    expect(sigs.every((s) => s.domain === "messiah.edu")).toBe(true);
  });
});

describeCorpus(`DKIM corpus: what coffeechat trusts for each message's From${skipNote}`, () => {
  const from = (raw: Buffer) =>
    /^From:.*?<?([^\s<>]+@[^\s<>]+?)>?\s*$/im.exec(raw.toString("latin1"))?.[1] ?? "";

  it.each([
    [
      "mailauth-rfc8463-signed.eml",
      { trusted: true, by: "dkim_aligned", domain: "football.example.com" },
      RFC8463_TIME,
    ],
    ["maildkim-goodkey-ed25519.eml", { trusted: true, by: "dkim_aligned", domain: "wander.science" }],
    // Signed by test.ex, From at example.com: a valid signature by someone else.
    ["dkimpy-exim-ed25519-signed.msg", { trusted: false, failed: "dkim_unaligned", signedBy: ["test.ex"] }],
    // The one passing signature is rsa-sha1, which RFC 8301 retired.
    [
      "maildkim-multiple-2-mixed.eml",
      { trusted: false, failed: "dkim_weak_algorithm", signedBy: ["messiah.edu"] },
    ],
    ["maildkim-badkey3-ed25519-body-modified.eml", { trusted: false, failed: "dkim_invalid", signedBy: [] }],
    ["maildkim-bad-ietf01-1-att-body-altered.eml", { trusted: false, failed: "dkim_invalid", signedBy: [] }],
  ] as const)("%s → %o", async (name, expected, now?: Date) => {
    const raw = read(name);
    expect(await verifySender(raw, from(raw), options(now))).toEqual(expected);
  });
});
