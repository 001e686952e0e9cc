import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseMail } from "../../core/mail/parse-mail.js";
import type { ParsedMail } from "../../core/mail/parsed-mail.js";

/** The real samples of each way a chat reaches log@ (MANIFEST.tsv says what each is). */
const repo = fileURLToPath(new URL("../../", import.meta.url));
const corpus = process.env.COFFEECHAT_CORPUS ?? join(repo, "../shared/corpus");
const present = existsSync(join(corpus, "auto_replies"));
const skipNote = present ? "" : " (skipped: ../shared/corpus with auto_replies/ is absent)";
if (!present) console.warn("intake corpus tests skipped: ../shared/corpus with auto_replies/ is absent");

const asCli = { userAddresses: [], mailDomain: "localhost" };

function samples(folder: string): string[] {
  return readdirSync(join(corpus, folder))
    .filter((name) => name.endsWith(".eml"))
    .map((name) => `${folder}/${name}`);
}

function parse(relative: string): Promise<ParsedMail> {
  return parseMail(readFileSync(join(corpus, relative)), asCli);
}

/** Separators and forwarded-header lines of any client: never part of the user's words. */
const NOT_THE_USERS_WORDS =
  /^(-{3,}.*-{3,}|_{8,}|-::~.*)$|^(from|von|de|sent|gesendet|envoy[ée]|an|à|to|subject|betreff|objet)\s*:\s/im;

describe.skipIf(!present)(`the intake corpus is classified right${skipNote}`, () => {
  it.each(present ? samples("auto_replies") : [])("%s is automatic: logged, never answered", async (file) => {
    const mail = await parse(file);
    expect(mail.kind).toBe("automatic");
    expect(mail.automatic).toBeTruthy();
    expect(mail.contact).toBeNull();
  });

  it("reads Gmail's forwarding confirmation with who asked, the code and the whole link", async () => {
    const [file] = samples("forwarding_confirmation");
    const mail = await parse(file ?? "");
    expect(mail.kind).toBe("forwarding-confirmation");
    expect(mail.contact).toBeNull();
    expect(mail.forwardingConfirmation?.requester).toBe("ezeanyinabia.anyanwu@gmail.com");
    expect(mail.forwardingConfirmation?.code).toBe("83581330");
    expect(mail.forwardingConfirmation?.link).toMatch(
      /^https:\/\/mail-settings\.google\.com\/mail\/vf-%5B.+%5D-e3P7aWGI7DzF8ZKCxNnqxqn0blw$/,
    );
  });

  it.each([
    ["redirect/mail-gem-rfc5322-resent-example.eml", "mary@example.net", "jdoe@machine.example"],
    ["redirect/zammad-mail001-apple-mail-redirect.eml", "martin@example.com", "john.smith@example.com"],
    ["redirect/mail-gem-resent-mail-dump.eml", "mail_dump@ns1.xxxxxxxx.xxx.xx", "subventive@vodtravel.com"],
  ])(
    "%s is the resender's forward: the writer is the contact, not the resender",
    async (file, resender, writer) => {
      const mail = await parse(file);
      expect(mail.resentFrom).toBe(resender);
      expect(["outreach", "answer"]).toContain(mail.kind);
      expect(mail.contact?.email).toBe(writer);
    },
  );

  it.each([
    ["redirect/rt-gnus-resend.eml", "jonas@example.com"],
    ["redirect/spamassassin-mime3-1991-resent.eml", "nsb@thumper.bellcore.com"],
  ])("%s is resent by its own writer: an outreach to someone else", async (file, user) => {
    const mail = await parse(file);
    expect(mail.kind).toBe("outreach");
    expect(mail.contact?.email).toBeTruthy();
    expect(mail.contact?.email).not.toBe(user);
  });

  it.each([
    "redirect/mu-artolive-forwarding-group-resent.eml",
    "redirect/spamassassin-debian-list-resent-gb2312.eml",
  ])("%s is list mail re-sent by a machine: automatic", async (file) => {
    expect((await parse(file)).kind).toBe("automatic");
  });

  it.each(present ? samples("outlook_forwards") : [])(
    "%s keeps only the user's words, never Outlook's separator or headers",
    async (file) => {
      const mail = await parse(file);
      expect(["outreach", "answer"]).toContain(mail.kind);
      expect(mail.contact?.email).toBeTruthy();
      expect(mail.contact?.email).not.toBe(mail.from);
      expect(mail.notes ?? "").not.toMatch(NOT_THE_USERS_WORDS);
    },
  );

  it.each(present ? samples("organizer_invites") : [])(
    "%s, sent by its organizer: the organizer is the user and a guest is the contact",
    async (file) => {
      const mail = await parse(file);
      expect(mail.kind).toBe("invite");
      expect(mail.contact?.email).toBeTruthy();
      expect(mail.contact?.email).not.toBe(mail.from);
      expect(mail.contact?.email).not.toMatch(/google\.com$|^log@|^reply\+/);
      expect(mail.notes ?? "").not.toMatch(NOT_THE_USERS_WORDS);
    },
  );

  it("names the guest of the Outlook 365 invite and the Teams invite, whole join link included", async () => {
    const outlook = await parse("organizer_invites/thunderbird-outlook365-invite.eml");
    expect(outlook.contact).toMatchObject({ name: "Homer", email: "homer@example.org" });
    const teams = await parse("organizer_invites/thunderbird-exchange-teams-invite.eml");
    expect(teams.contact?.email).toBe("bart@example.com");
    expect(teams.meeting?.location).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/.+%7d$/);
  });
});
