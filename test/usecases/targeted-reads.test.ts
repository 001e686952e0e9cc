import { describe, expect, it } from "vitest";
import type { Prompt } from "../../core/model/prompt.js";
import { createMemoryStore } from "../../core/store/memory-store.js";
import type { Store } from "../../core/store/store.js";
import { readSlice } from "../../core/usecases/account-slice.js";
import { reply } from "../commands/seed.js";
import { aContact, aMeeting, aPrompt, aUser } from "../support/entities.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { Flow } from "../support/flow.js";
import { bccOutreach, forwardedInvite, forwardedMail } from "../support/mail-builder.js";

/**
 * Every mail reads by key what it concerns (docs/reads.md): the same chat with one person costs
 * the same items whether the account holds 2 other people or 40, and nothing on the way reads
 * the whole account (`loadAccount` throws here).
 */

/** The store, counting the items each read returned and refusing whole-account reads. */
function countingStore(inner: Store): { store: Store; items: () => number } {
  let items = 0;
  const counted = (result: unknown): number => {
    if (result === null || result === undefined) return 0;
    if (Array.isArray(result)) return result.length;
    if (typeof result !== "object") return 1;
    const value = result as Record<string, unknown>;
    if (Array.isArray(value.items)) return value.items.length + (value.next ? 1 : 0);
    // getItems: one per item found.
    if ("user" in value)
      return Object.values(value).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : v ? 1 : 0), 0);
    return 1;
  };
  const store = new Proxy(inner, {
    get(target, name, receiver) {
      const original = Reflect.get(target, name, receiver) as unknown;
      if (typeof original !== "function") return original;
      if (name === "loadAccount")
        return () => Promise.reject(new Error("a mail read the whole account (loadAccount)"));
      const writes = new Set(["commit", "recordRefusal"]);
      return async (...args: unknown[]) => {
        const result = await (original as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (!writes.has(String(name))) items += counted(result);
        return result;
      };
    },
  });
  return { store, items: () => items };
}

const JANE = { name: "Jane Doe", email: "jane@acme.com" };

/** Items read by each step of one chat with Jane, in an account that already holds `others` people. */
async function chatWithJane(others: number): Promise<Map<string, number>> {
  const inner = createMemoryStore();
  const counting = countingStore(inner);
  const deps: TestDeps = testDeps({ now: "2026-11-25T14:00:00Z", store: counting.store });
  const flow = new Flow(deps);
  const { userId } = await flow.register();
  await reply(deps, userId, null, "tz America/New_York", "mid:tz");
  for (let i = 0; i < others; i++) await flow.receive(bccOutreach(i), { recipients: ["log@coffee.test"] });

  const steps = new Map<string, number>();
  const step = async (name: string, work: () => Promise<unknown>) => {
    const before = counting.items();
    await work();
    steps.set(name, counting.items() - before);
  };
  const pending = async (kind: Prompt["kind"]): Promise<Prompt> => {
    // The test looks at the whole account; the code under test may not.
    const found = (await inner.loadAccount(userId))?.prompts.find(
      (p) => p.kind === kind && p.contactEmail === JANE.email && p.state === "scheduled",
    );
    if (!found) throw new Error(`no pending ${kind} for Jane`);
    return found;
  };

  await step("outreach forwarded", () =>
    flow.receive(forwardedMail({ contact: JANE, messageId: "out-jane@mail.example.com" })),
  );
  await step("her answer forwarded", () =>
    flow.receive(forwardedMail({ contact: JANE, byContact: true, messageId: "ans-jane@mail.example.com" })),
  );
  await step("invite", () => flow.receive(forwardedInvite({ messageId: "inv-1@mail.example.com" })));
  await step("invite moved", () =>
    flow.receive(
      forwardedInvite({
        messageId: "inv-2@mail.example.com",
        sequence: 1,
        start: "20261203T160000",
        end: "20261203T163000",
      }),
    ),
  );
  const prep = await pending("prep");
  await step("notes on the prep", () => reply(deps, userId, prep.id, "notes: ask about the platform team"));
  await step("snooze the prep", () => reply(deps, userId, prep.id, "snooze 1d"));
  await step("done with the prep", () => reply(deps, userId, prep.id, "done"));
  const thanks = await pending("thank_you");
  deps.clock.set(new Date(Date.parse(thanks.dueAt) + 60_000));
  await step("the thank-you fires", () => flow.fire({ type: "prompt", userId, promptId: thanks.id }));
  expect((await inner.getPrompt(userId, thanks.id))?.state).toBe("sent");
  await step("referral on the thank-you", () =>
    reply(deps, userId, thanks.id, "referral: Bob Stone <bob@globex.com>"),
  );
  expect((await inner.getContact(userId, "bob@globex.com"))?.referredBy).toBe(JANE.email);
  await step("stop on the thank-you", () => reply(deps, userId, thanks.id, "stop"));
  expect((await inner.getContact(userId, JANE.email))?.stopped).toBe(true);
  await step("pause", () => reply(deps, userId, null, "pause"));
  await step("resume", () => reply(deps, userId, null, "resume"));
  await step("name", () => reply(deps, userId, null, "name Sam User"));
  await step("forget her", () => reply(deps, userId, null, "forget jane@acme.com"));
  // Every trace of her is gone, found without reading the account.
  const after = await inner.loadAccount(userId);
  const aboutJane = (x: { contactEmail?: string | null; email?: string }) =>
    x.contactEmail === JANE.email || x.email === JANE.email;
  expect({
    contacts: after?.contacts.filter(aboutJane),
    meetings: after?.meetings.filter(aboutJane),
    interactions: after?.interactions.filter(aboutJane),
    prompts: after?.prompts.filter(aboutJane),
    bobReferredBy: after?.contacts.find((c) => c.email === "bob@globex.com")?.referredBy,
  }).toEqual({ contacts: [], meetings: [], interactions: [], prompts: [], bobReferredBy: null });
  return steps;
}

describe("a mail costs the same whatever the account holds", () => {
  it("reads the same items for every step of a chat at 2 and at 40 other people, and never the whole account", async () => {
    const small = await chatWithJane(2);
    const large = await chatWithJane(40);
    expect([...large.entries()]).toEqual([...small.entries()]);
    // Every step reads a handful of items, far below one per person in the account.
    for (const [name, items] of small) expect({ name, items: items < 40 }).toEqual({ name, items: true });
  });
});

describe("an account stored before contacts carried refs", () => {
  it("is moved over on its first read; then a read of one person finds their meetings and pending prompts", async () => {
    const deps = testDeps({ now: "2026-11-25T14:00:00Z" });
    const user = aUser({ id: "usr_old", contactRefs: false });
    const jane = aContact();
    const bob = aContact({ email: "bob@globex.com", name: "Bob", stage: "outreach", referredBy: jane.email });
    const meeting = aMeeting();
    const prep = aPrompt({ id: "prm_prep", contactEmail: jane.email, meetingId: meeting.id });
    const sent = aPrompt({
      id: "prm_sent",
      key: "nudge:x",
      kind: "nudge",
      state: "sent",
      contactEmail: jane.email,
    });
    await deps.store.commit(user.id, [
      { op: "putUser", user },
      { op: "putContact", contact: jane },
      { op: "putContact", contact: bob },
      { op: "putMeeting", meeting },
      { op: "putPrompt", prompt: prep },
      { op: "putPrompt", prompt: sent },
    ]);

    const first = await readSlice(deps.store, user.id, { contacts: [bob.email] });
    expect(first?.contacts.map((c) => c.email).sort()).toEqual([bob.email, jane.email]);
    expect((await deps.store.getUser(user.id))?.contactRefs).toBe(true);
    const stored = await deps.store.getContact(user.id, jane.email);
    expect(stored).toMatchObject({
      referrals: [bob.email],
      meetingIds: [meeting.id],
      pendingPromptIds: [prep.id],
    });
    expect((await deps.store.getContact(user.id, bob.email))?.referrals).toEqual([]);
    // Its ended prompts now sit in the person's history range, where `forget` finds them.
    const history = await deps.store.listPromptHistoryOf(user.id, jane.email, { after: "", limit: 10 });
    expect(history.items.map((p) => p.id)).toEqual([sent.id]);

    const counting = countingStore(deps.store);
    const slice = await readSlice(counting.store, user.id, { contacts: [jane.email] });
    expect(slice?.contacts.map((c) => c.email)).toEqual([jane.email]);
    expect(slice?.meetings.map((m) => m.id)).toEqual([meeting.id]);
    expect(slice?.prompts.map((p) => p.id)).toEqual([prep.id]);
    expect(counting.items()).toBe(4);
  });
});

describe("two units writing the profile at once", () => {
  it("a `pause` that lands while a mail is being logged is kept, and the mail's change lands too", async () => {
    const inner = createMemoryStore();
    let paused = false;
    // Just before the mail's commit, the user's `pause` (sent a moment later) commits first.
    const store = new Proxy(inner, {
      get(target, name, receiver) {
        const original = Reflect.get(target, name, receiver) as unknown;
        if (name !== "commit" || typeof original !== "function") return original;
        return async (userId: string, ops: Parameters<Store["commit"]>[1]) => {
          const learnsName = ops.some((op) => op.op === "putUser" && op.user.name === "Sam User");
          if (learnsName && !paused) {
            paused = true;
            await reply(deps, userId, null, "pause", "mid:pause-now");
          }
          return target.commit(userId, ops);
        };
      },
    });
    const deps: TestDeps = testDeps({ now: "2026-11-25T14:00:00Z", store });
    const flow = new Flow(deps);
    const { userId } = await flow.register();
    expect((await inner.getUser(userId))?.name).toBeNull();

    await flow.receive(forwardedMail({ contact: JANE, messageId: "out-jane@mail.example.com" }));

    const user = await inner.getUser(userId);
    expect({ paused: user?.paused, name: user?.name }).toEqual({ paused: true, name: "Sam User" });
    expect((await inner.getContact(userId, JANE.email))?.stage).toBe("outreach");
  });
});
