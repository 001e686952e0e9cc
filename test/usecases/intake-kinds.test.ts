import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { messageKey } from "../../core/ids.js";
import { makeKey, signed, TestDns } from "../support/dkim.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { Flow } from "../support/flow.js";
import { forwardedInvite, replyMail } from "../support/mail-builder.js";

const fixtures = fileURLToPath(new URL("../fixtures/mail/", import.meta.url));
const fixture = (name: string) => readFileSync(fixtures + name, "utf8");

/** A command the user mails to log@. */
function commandMail(from: string, body: string): string {
  return [
    `From: Sam <${from}>`,
    "To: log@coffee.test",
    "Subject: command",
    `Message-ID: <cmd-${body.length}@example.com>`,
    "Date: Wed, 25 Nov 2026 09:00:00 +0000",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    body,
    "",
  ].join("\r\n");
}

describe("each way a chat reaches log@, answered through the inbound handler", () => {
  let deps: TestDeps;
  let flow: Flow;

  beforeEach(() => {
    deps = testDeps({ now: "2026-11-25T14:00:00Z" });
    flow = new Flow(deps);
  });

  it("logs the guest, never the user, when the user organised the invite and put log@ on the guest list", async () => {
    const { userId } = await flow.register("sam@gmail.com");
    await flow.receive(fixture("google-organizer-log-guest.eml"), { from: "sam@gmail.com" });

    const account = await flow.account(userId);
    expect(account.contacts.map((c) => c.email)).toEqual(["jane@acme.com"]);
    expect(account.contacts[0]?.notes).toEqual([
      "Jane moved from consulting into partnerships two years ago; ask how she made the switch.",
    ]);
    expect(account.meetings[0]).toMatchObject({
      contactEmail: "jane@acme.com",
      timeZone: "America/New_York",
    });
    expect(flow.mails[0]?.text).toContain("Logged: Jane Doe (Acme)");
    expect(flow.mails[0]?.text).not.toContain("Sam Seeker");
  });

  it("logs a redirect (Resent-From the user) as the user's forward of the writer's mail", async () => {
    const { userId } = await flow.register("sam@icloud.com");
    // The fixture's signature is a stand-in; iCloud's real one signs Resent-From with icloud.com's key.
    const icloud = makeKey("icloud.com", "1a1hai");
    deps.dns = new TestDns().publish(icloud).resolve;
    const unsigned = fixture("apple-redirect.eml").replace(/^DKIM-Signature:[\s\S]*?(?=^Subject:)/m, "");
    const redirect = await signed(unsigned, icloud, {
      at: deps.clock.now(),
      headerList: ["resent-from", "resent-to", "resent-date", "resent-message-id"],
    });
    await flow.receive(redirect, { from: "bob@initech.io" });
    const account = await flow.account(userId);
    expect(account.contacts.map((c) => c.email)).toEqual(["bob@initech.io"]);
    expect(flow.mails).toHaveLength(1);
    expect(flow.mails[0]?.to).toBe("sam@icloud.com");
  });

  it("refuses a redirect naming the user when no signature of the user's domain vouches for it", async () => {
    const { userId } = await flow.register("sam@icloud.com");
    const forged = fixture("apple-redirect.eml").replace(/^DKIM-Signature:[\s\S]*?(?=^Subject:)/m, "");
    await flow.receive(forged, { from: "bob@initech.io" });
    expect(flow.mails).toHaveLength(0);
    expect((await flow.account(userId)).contacts).toEqual([]);
    expect((await deps.store.listRefusals("2026-11-25"))[0]?.reason).toMatch(/^mail\.untrusted/);
  });

  it("records an out-of-office to a reply+ address and neither answers it nor runs it as commands", async () => {
    const { userId } = await flow.register("sam@gmail.com");
    const raw = fixture("auto-reply-to-reply.eml").replace(
      "I am out of the office until Monday with limited access to mail.",
      "pause",
    );
    await flow.receive(raw, { from: "sam@gmail.com", recipients: ["reply+abcdefghij234567@coffee.test"] });

    expect(flow.mails).toHaveLength(0);
    const account = await flow.account(userId);
    expect(account.user.paused).toBe(false);
    const marker = await deps.store.getMarker(userId, messageKey("ooo-1@gmail.com", ""));
    expect(marker?.outcome).toMatch(/^automatic: Auto-Submitted: auto-replied/);
    expect(await deps.store.listRefusals("2026-11-25")).toEqual([]);
  });

  it("relays Gmail's forwarding confirmation, code and whole link, to the registered user it names only", async () => {
    const { userId } = await flow.register("sam@gmail.com");
    await flow.register("other@example.com");
    await flow.receive(fixture("gmail-forwarding-confirmation.eml"), {
      from: "forwarding-noreply@google.com",
    });

    expect(flow.mails).toHaveLength(1);
    const relayed = flow.mails[0];
    expect(relayed?.to).toBe("sam@gmail.com");
    expect(relayed?.subject).toBe("coffeechat: confirm forwarding");
    expect(relayed?.text).toContain("58213744");
    expect(relayed?.text).toContain(
      "https://mail-settings.google.com/mail/vf-%5BANGjdJ9_kQ2mZr8TcPaY3vLs0WfXn7BoEu4HiGd1KxJtNyq6Re5SpUw%5D-Zq3Vd7x2Lm9Pt4Yb8Nc6Hf0Ks",
    );
    expect((await flow.account(userId)).contacts).toEqual([]);
  });

  it("refuses and records a forwarding confirmation that names no registered user, telling nobody", async () => {
    await flow.register("someone@example.com");
    await flow.receive(fixture("gmail-forwarding-confirmation.eml"), {
      from: "forwarding-noreply@google.com",
    });
    expect(flow.mails).toHaveLength(0);
    const refusals = await deps.store.listRefusals("2026-11-25");
    expect(refusals.map((r) => r.reason)).toEqual(["mail.forwarding_unmatched: names no registered user"]);
  });

  it("answers a broken attached invite with what could not be read, not with 'I didn't understand'", async () => {
    const { userId } = await flow.register("sam@gmail.com");
    await flow.receive(fixture("broken-ics-note.eml"), { from: "sam@gmail.com" });
    expect(flow.mails).toHaveLength(1);
    const answer = flow.mails[0]?.text ?? "";
    expect(answer).toMatch(/The attached invite could not be read: .+ Nothing was logged\./);
    expect(answer).not.toMatch(/didn't understand/i);
    expect((await flow.account(userId)).contacts).toEqual([]);
  });

  it("logs a past invite as past, with its year and a one-line question that `met` answers", async () => {
    const { userId } = await flow.register();
    await flow.receive(
      forwardedInvite({ start: "20201202T150000", end: "20201202T153000", uid: "old-coffee@google.com" }),
    );
    const confirmation = flow.mails[0];
    expect(confirmation?.text).toContain("Wed 2 Dec 2020 15:00 EST");
    expect(confirmation?.text).toContain("This was on 2 Dec 2020: log it as met? Reply `met`.");
    expect(confirmation?.text).not.toContain("Prep notes are on their way");
    expect((await flow.account(userId)).prompts.filter((p) => p.state === "scheduled")).toEqual([]);

    const token = /^reply\+([a-z2-7]+)@/.exec(confirmation?.replyTo ?? "")?.[1] ?? "";
    await flow.receive(replyMail({ token, body: "met" }), {
      recipients: [`reply+${token}@coffee.test`],
    });
    expect((await flow.account(userId)).meetings[0]?.status).toBe("met");
  });

  it("shows a long meeting link whole in the confirmation", async () => {
    await flow.register("sam@outlook.com");
    await flow.receive(fixture("teams-long-link-forward.eml"), { from: "sam@outlook.com" });
    const link = /https:\/\/teams\.microsoft\.com\/\S+?(?=\))/.exec(flow.mails[0]?.text ?? "")?.[0];
    expect(link).toMatch(/deeplinkId=8f2c1d3e-4b5a-6978-8a9b-0c1d2e3f4a5b$/);
  });

  it("reads a forwarded Date printed without a zone in the user's zone", async () => {
    const { userId } = await flow.register("sam@outlook.com");
    await flow.receive(commandMail("sam@outlook.com", "tz America/Los_Angeles"), { from: "sam@outlook.com" });
    await flow.receive(fixture("outlook-original-message-forward.eml"), { from: "sam@outlook.com" });
    const account = await flow.account(userId);
    expect(account.user.timeZone).toBe("America/Los_Angeles");
    expect(account.interactions[0]).toMatchObject({
      contactEmail: "ken@vandelay.com",
      at: "2026-11-24T17:00:00.000Z", // 9:00 AM Pacific, not 9:00 UTC
    });
    expect(account.contacts[0]?.notes).toEqual([
      "Met Ken at the meetup; he offered to intro me to his manager.",
    ]);
  });
});
