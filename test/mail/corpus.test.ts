import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CoffeechatError } from "../../core/errors.js";
import { parseInvite } from "../../core/invite/parse-invite.js";
import { parseMail } from "../../core/mail/parse-mail.js";
import type { ParsedMail } from "../../core/mail/parsed-mail.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
// COFFEECHAT_CORPUS points elsewhere when the checkout does not sit next to shared/.
const corpus = process.env.COFFEECHAT_CORPUS ?? join(repo, "../shared/corpus");
const present = existsSync(corpus);
const skipNote = present ? "" : " (skipped: ../shared/corpus is absent)";
if (!present) console.warn("corpus tests skipped: ../shared/corpus is absent");

function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

const asCli = { userAddresses: [], mailDomain: "localhost" };
const refusals = new Set(["mail.too_many_parts", "mail.parse_budget", "mail.too_large", "mail.unparseable"]);

async function parseCorpus(relative: string, userAddresses: string[] = []): Promise<ParsedMail> {
  return parseMail(readFileSync(join(corpus, relative)), { ...asCli, userAddresses });
}

describe.skipIf(!present)(`the real-world corpus${skipNote}`, () => {
  it("parses every .eml in bounded time, or refuses it with a known code", async () => {
    const files = filesUnder(corpus, ".eml");
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const started = performance.now();
      try {
        const mail = await parseMail(readFileSync(file), asCli);
        expect(
          [
            "invite",
            "outreach",
            "answer",
            "reply",
            "command",
            "automatic",
            "forwarding-confirmation",
            "unknown",
          ],
          file,
        ).toContain(mail.kind);
        expect(() => JSON.stringify(mail), file).not.toThrow();
        for (const value of [mail.subject, mail.contact?.name, mail.from, mail.meeting?.location]) {
          expect(value ?? "", file).not.toMatch(/[\r\n]/);
        }
      } catch (error) {
        expect(error, file).toBeInstanceOf(CoffeechatError);
        expect(refusals, file).toContain((error as CoffeechatError).code);
      }
      expect(performance.now() - started, file).toBeLessThan(3_000);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads every .ics without throwing or expanding recurrences", async () => {
    const files = filesUnder(corpus, ".ics");
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const started = performance.now();
      const facts = await parseInvite(readFileSync(file, "utf8"));
      if (facts) {
        expect(facts.start, file).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        expect(facts.timeZone, file).toBeTruthy();
      }
      expect(performance.now() - started, file).toBeLessThan(1_000);
    }
  });

  it("reads the Google Calendar invite in Europe/Tallinn with the organizer as contact when the user is the guest", async () => {
    const mail = await parseCorpus("calendar_eml/postalmime_google-calendar-invite.eml", [
      "andris@ethereal.email",
    ]);
    expect(mail.kind).toBe("invite");
    expect(mail.contact).toEqual({
      name: "Andris Reinman",
      email: "andris@postalsys.com",
      company: "Postalsys",
    });
    expect(mail.meeting).toMatchObject({
      start: "2024-04-11T11:00:00+03:00",
      end: "2024-04-11T12:00:00+03:00",
      timeZone: "Europe/Tallinn",
      method: "REQUEST",
      sequence: 0,
      location: "https://meet.google.com/yew-afgi-ynf",
    });
  });

  it.each(["calendar_eml/tb_teams-meeting-invite.eml", "calendar_eml/tb_outlook-test-invite.eml"])(
    "maps 'FLE Standard Time' to Europe/Helsinki in %s",
    async (file) => {
      const mail = await parseCorpus(file, ["homer@example.com", "homer@example.org", "bart@example.com"]);
      expect(mail.kind).toBe("invite");
      expect(mail.meeting?.timeZone).toBe("Europe/Helsinki");
      expect(mail.meeting?.start).toMatch(/\+02:00$/);
      expect(mail.contact?.name).toBe("Marge");
    },
  );

  it("gives the Teams invite its join link", async () => {
    const mail = await parseCorpus("calendar_eml/tb_teams-meeting-invite.eml");
    expect(mail.meeting?.start).toBe("2020-12-02T19:00:00+02:00");
    expect(mail.meeting?.location).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  });

  it("follows the update/cancel series by UID and SEQUENCE", async () => {
    const single = await parseCorpus("calendar_eml/tb_single-event.eml");
    const minor = await parseCorpus("calendar_eml/tb_update-minor.eml");
    const major = await parseCorpus("calendar_eml/tb_update-major.eml");
    const cancel = await parseCorpus("calendar_eml/tb_cancel-single-event.eml");
    const uid = single.meeting?.uid;
    expect(uid).toBeTruthy();
    for (const mail of [minor, major, cancel]) expect(mail.meeting?.uid).toBe(uid);
    expect([single, minor, major, cancel].map((m) => m.meeting?.sequence)).toEqual([0, 0, 2, 1]);
    expect(cancel.meeting?.method).toBe("CANCEL");
    expect(major.meeting?.start).not.toBe(single.meeting?.start);

    const seriesCancel = await parseCorpus("calendar_eml/tb_cancel-repeat-event.eml");
    expect(seriesCancel.kind).toBe("invite");
    expect(seriesCancel.meeting?.method).toBe("CANCEL");
  });

  it("does not take a published booking confirmation for an invitation", async () => {
    for (const file of [
      "calendar_eml/tb_message-containing-event.eml",
      "calendar_eml/tb_message-non-invite.eml",
    ]) {
      const mail = await parseCorpus(file);
      expect(mail.kind, file).not.toBe("invite");
      expect(mail.meeting, file).toBeNull();
      expect(mail.problems.join(" "), file).toMatch(/published event/);
    }
  });

  it("reads the Gmail inline forward and the Apple forward-as-attachment", async () => {
    const gmail = await parseCorpus("forwarded/eml/mail_gmail_fwd_inline_signed.eml");
    expect(gmail.kind).toBe("outreach");
    expect(gmail.contact?.email).toBe("xxxxxxxx@xxx.com");
    expect(gmail.notes).toBe("We should not include these files or vcards as attachments.");

    const apple = await parseCorpus("forwarded/eml/mail_applemail_fwd_as_attachment.eml");
    expect(apple.kind).toBe("outreach");
    expect(apple.contact).toMatchObject({ name: "Test Tester", email: "xxxx@xxxx.com" });
    expect(apple.notes).toBe("This is the first part.");
    expect(apple.originalKey).not.toBe(apple.messageId);
  });

  it("refuses the endless enclosed message with a clear reason", async () => {
    await expect(parseCorpus("malformed/flanker_enclosed-endless.eml")).rejects.toMatchObject({
      code: "mail.too_many_parts",
    });
  });

  it("flags the duplicate-From message as ambiguous", async () => {
    const mail = await parseCorpus("malformed/mail_raw_email_multiple_from.eml");
    expect(mail.from).toBeNull();
    expect(mail.fromProblem).toBeTruthy();
  });
});

const run = promisify(execFile);
const tsx = join(repo, "node_modules/.bin/tsx");

async function cli(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [join(repo, "scripts/parse.ts"), file], {
      cwd: repo,
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run parse", () => {
  it("prints exactly the contract's keys for a fixture", async () => {
    const result = await cli(join(repo, "test/fixtures/mail/outlook-forward-invite.eml"));
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(["kind", "contact", "meeting", "notes"]);
    expect(Object.keys(json.meeting)).toEqual([
      "start",
      "end",
      "timeZone",
      "uid",
      "sequence",
      "method",
      "location",
    ]);
    expect(Object.keys(json.contact)).toEqual(["name", "email", "company"]);
    expect(json.meeting.timeZone).toBe("America/New_York");
  });

  it.each([
    ["auto-reply-to-reply.eml", "automatic"],
    ["gmail-forwarding-confirmation.eml", "forwarding-confirmation"],
    ["command-other-domain.eml", "command"],
  ])("prints the kind of %s: %s, with no contact", async (name, kind) => {
    const result = await cli(join(repo, "test/fixtures/mail", name));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ kind, contact: null, meeting: null, notes: null });
  });

  it("prints the guest as contact when the sender organised the invite", async () => {
    const result = await cli(join(repo, "test/fixtures/mail/google-organizer-log-guest.eml"));
    const json = JSON.parse(result.stdout);
    expect(json.kind).toBe("invite");
    expect(json.contact).toEqual({ name: "Jane Doe", email: "jane@acme.com", company: "Acme" });
  });

  it("exits 2 with one line on stderr for a missing file", async () => {
    const result = await cli(join(repo, "test/fixtures/mail/does-not-exist.eml"));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it.skipIf(!present)(
    "exits 2 with one line for a refused corpus mail, and prints JSON for a corpus invite",
    async () => {
      const refused = await cli(join(corpus, "malformed/flanker_enclosed-endless.eml"));
      expect(refused.code).toBe(2);
      expect(refused.stderr.trim().split("\n")).toHaveLength(1);
      expect(refused.stderr).toContain("mail.too_many_parts");

      const invite = await cli(join(corpus, "calendar_eml/postalmime_google-calendar-invite.eml"));
      expect(invite.code).toBe(0);
      expect(JSON.parse(invite.stdout).meeting.timeZone).toBe("Europe/Tallinn");
    },
  );
});
