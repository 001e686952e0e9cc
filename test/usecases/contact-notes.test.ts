import { describe, expect, it } from "vitest";
import { MAX_NOTES_TOTAL } from "../../core/model/contact-notes.js";
import { testDeps } from "../support/fake-deps.js";
import { Flow } from "../support/flow.js";
import { forwardedInvite } from "../support/mail-builder.js";

describe("a contact's notes", () => {
  it("stop growing at the cap, and the user is told their note was not saved", async () => {
    const deps = testDeps({ now: "2026-11-25T14:00:00Z" });
    const flow = new Flow(deps);
    const { userId } = await flow.register();
    const note = (i: number) => `${i}${"n".repeat(3_999)}`;
    const forwards = MAX_NOTES_TOTAL / 4_000 + 1;
    for (let i = 0; i < forwards; i++) {
      await flow.receive(forwardedInvite({ messageId: `fwd-${i}@mail.example.com`, notes: note(i) }));
    }
    const jane = (await flow.account(userId)).contacts.find((c) => c.email === "jane@acme.com");
    expect(jane?.notes.map((n) => n.slice(0, 1))).toEqual(["0", "1", "2", "3", "4"]);
    expect(jane?.notes.join("").length).toBeLessThanOrEqual(MAX_NOTES_TOTAL);
    const last = flow.mails.at(-1)?.text ?? "";
    expect(last).toContain("has as many notes as I keep for one person; nothing new was saved.");
    expect(flow.mails.at(-2)?.text).not.toContain("as many notes");
  });
});
