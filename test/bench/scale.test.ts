import { describe, expect, it } from "vitest";
import { copyOps } from "../../bench/scale.js";
import { createMemoryStore } from "../../core/store/memory-store.js";
import { aContact, aMeeting, aPrompt, aUser } from "../support/entities.js";

const T0 = "2026-11-20T15:00:00.000Z";

/** One contact as an invite leaves it: the person, the meeting, its prompts. */
function template() {
  const contact = aContact({ email: "jane@acme.com", lastContactAt: T0, createdAt: T0, updatedAt: T0 });
  const meeting = aMeeting({ id: "mtg_abc", uid: "uid-1@google.com", contactEmail: "jane@acme.com" });
  const prompts = ["prep", "thank_you"].map((kind) =>
    aPrompt({
      id: `prm_${kind}`,
      key: `${kind}:mtg_abc`,
      kind: kind as "prep",
      dueAt: T0,
      contactEmail: "jane@acme.com",
      meetingId: "mtg_abc",
      scheduleName: `cc-prm_${kind}`,
      createdAt: T0,
      stateChangedAt: T0,
    }),
  );
  return {
    user: aUser({ id: "usr_bench" }),
    contacts: [contact],
    meetings: [meeting],
    prompts,
    interactions: [],
  };
}

describe("the scale bench's copies of one contact", () => {
  it("are whole, distinct accounts' worth of items that commit side by side", async () => {
    const store = createMemoryStore();
    const account = template();
    for (let i = 0; i < 3; i++) {
      expect(await store.commit("usr_bench", copyOps(account, i))).toEqual({ ok: true });
    }
    const page = await store.listContactsByStage("usr_bench", account.contacts[0]?.stage ?? "outreach", {
      after: "",
      limit: 10,
    });
    expect(page.items.map((c) => c.email).sort()).toEqual([
      "c0.jane@acme.com",
      "c1.jane@acme.com",
      "c2.jane@acme.com",
    ]);
    const prompts = await store.listScheduledPrompts("usr_bench", { after: "", limit: 10 });
    expect(prompts.items).toHaveLength(6);
    // Each copy's prompts point at that copy's meeting and person.
    for (const p of prompts.items) {
      const copy = p.id.slice(p.id.lastIndexOf("c"));
      expect(p.meetingId).toBe(`mtg_abc${copy}`);
      expect(p.contactEmail).toBe(`${copy}.jane@acme.com`);
    }
  });
});
