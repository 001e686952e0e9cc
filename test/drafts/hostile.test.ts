import { describe, expect, it } from "vitest";
import { renderPrompt } from "../../core/drafts/render-prompt.js";
import { FOLLOW_UP_KINDS, type PromptKind } from "../../core/model/prompt.js";
import { contact, meeting } from "../followup/helpers.js";
import { context, decodeMailto, draftsInText } from "./fixtures.js";

const HOSTILE_NAMES = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "Jane\r\nBcc: evil@x"];
/** Every follow-up kind, so a new one is covered the day it is added. */
const KINDS = FOLLOW_UP_KINDS;

function hostileContext(kind: PromptKind, name: string) {
  const evil = contact({
    name,
    company: `${name} & Co`,
    stage: kind === "nudge" || kind === "move_on" ? "outreach" : "met",
    context: `Signature: ${name}`,
    notes: [`note ${name}`],
    referredBy: "ref@x.com",
    outreachAt: "2026-11-02T15:00:00Z",
  });
  const referrer = contact({ email: "ref@x.com", name, company: name, stage: "met" });
  const evilMeeting = meeting({
    location: `<a href="javascript:alert(1)">${name}</a>`,
    notes: [name],
    status: "met",
  });
  return context(kind, {
    contacts: [evil, referrer],
    meetings: [evilMeeting],
    prompt: { message: { subject: `Logged: ${name}`, lines: [name], to: null, attachExport: false } },
    now: "2027-02-01T10:00:00Z",
  });
}

describe("hostile names and notes", () => {
  for (const name of HOSTILE_NAMES) {
    it.each([...KINDS, "confirmation"] as PromptKind[])(
      `%s: ${JSON.stringify(name)} is escaped in HTML and header-safe`,
      (kind) => {
        const mail = renderPrompt(hostileContext(kind, name));
        // biome-ignore lint/suspicious/noControlCharactersInRegex: a subject must hold no control character.
        expect(mail.subject).not.toMatch(/[\r\n\u0000-\u001f]/);
        expect(mail.html).not.toMatch(/<img|<script|<a href="javascript/i);
        expect(mail.html).not.toContain("onerror=alert(1)>");
        if (name.startsWith("<")) {
          expect(mail.html).toContain(
            name.startsWith("<img") ? "&lt;img src=x onerror=alert(1)&gt;" : "&lt;script&gt;",
          );
        }
        // The text part shows the words, on one line where they were one field.
        expect(mail.text).not.toContain("\r\nBcc:");
        expect(mail.text).not.toMatch(/^Bcc:/m);
        for (const draft of draftsInText(mail.text)) {
          const decoded = decodeMailto(draft.link);
          expect(decoded.subject).not.toMatch(/[\r\n]/);
          expect(decoded.to).not.toMatch(/[\r\n\s]/);
          expect(draft.link).not.toMatch(/[\r\n<>"\s]/);
        }
      },
    );
  }

  it("a hostile address in To cannot add headers or parameters to the mailto link", () => {
    const evil = contact({ email: "jane@acme.com?bcc=evil@x&body=hi\r\nBcc: evil@x", stage: "met" });
    const mail = renderPrompt(
      context("thank_you", { contacts: [evil], prompt: { contactEmail: evil.email }, meetings: [meeting()] }),
    );
    const [draft] = draftsInText(mail.text);
    if (!draft) throw new Error("expected a draft");
    const query = draft.link.slice(draft.link.indexOf("?") + 1);
    expect(query.split("&").map((pair) => pair.split("=")[0])).toEqual(["subject", "body"]);
    expect(decodeMailto(draft.link).to).toBe("jane@acme.com?bcc=evil@x&body=hiBcc:evil@x");
  });

  it("leaves Object.prototype alone with __proto__ names and keys", () => {
    const proto = contact({ email: "__proto__", name: "__proto__", company: "constructor", stage: "met" });
    const mail = renderPrompt(
      context("celebrate", { contacts: [proto], meetings: [], prompt: { contactEmail: "__proto__" } }),
    );
    expect(mail.text).toContain("=== Draft: good news for __proto__ (constructor) ===");
    // A name that is the mailbox itself is no name: the greeting stays "Hi,".
    expect(mail.text).toContain("To: __proto__\nSubject: Good news, and thank you\n\nHi,\n");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it("a huge note is clipped, not copied whole", () => {
    const big = contact({ stage: "met", notes: ["x".repeat(200_000)] });
    const mail = renderPrompt(context("thank_you", { contacts: [big], meetings: [meeting()] }));
    expect(mail.text.length).toBeLessThan(10_000);
  });
});
