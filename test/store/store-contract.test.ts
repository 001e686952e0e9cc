import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Contact } from "../../core/model/contact.js";
import type { Interaction } from "../../core/model/interaction.js";
import type { Meeting } from "../../core/model/meeting.js";
import type { Prompt } from "../../core/model/prompt.js";
import type { Marker, TokenRecord } from "../../core/model/records.js";
import type { User } from "../../core/model/user.js";
import { type EmbeddedStore, openEmbeddedStore } from "../../core/store/embedded-store.js";
import { promptKey } from "../../core/store/keys.js";
import { createMemoryStore } from "../../core/store/memory-store.js";
import { readSendContext } from "../../core/store/send-context.js";
import type { Store, WriteOp } from "../../core/store/store.js";
import { freshTable } from "../support/dynamo.js";
import { aContact, aMeeting, aPrompt, aUser } from "../support/entities.js";

const T0 = "2025-03-10T12:00:00.000Z";

const user = (id: string, address = `${id}@example.com`): User =>
  aUser({
    id,
    addresses: [address],
    timeZone: "Europe/Berlin",
    timeZoneSource: "invite",
    statusTokenHash: "h".repeat(64),
    createdAt: T0,
  });

const contact = (email: string, overrides: Partial<Contact> = {}): Contact =>
  aContact({ email, lastContactAt: T0, createdAt: T0, updatedAt: T0, ...overrides });

const meeting = (id: string, sequence: number, overrides: Partial<Meeting> = {}): Meeting =>
  aMeeting({
    id,
    uid: `${id}@calendar`,
    sequence,
    start: "2025-03-12T15:00:00.000+01:00",
    end: "2025-03-12T15:30:00.000+01:00",
    timeZone: "Europe/Berlin",
    location: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  });

function prompt(id: string, dueAt: string, overrides: Partial<Prompt> = {}): Prompt {
  return aPrompt({
    id,
    key: `prep:${id}`,
    dueAt,
    meetingId: null,
    scheduleName: `cc-${id}`,
    createdAt: T0,
    stateChangedAt: T0,
    ...overrides,
  });
}

function interaction(id: string, at: string): Interaction {
  return {
    id,
    at,
    kind: "forward",
    contactEmail: "jane@acme.com",
    subject: "Coffee?",
    messageKey: `mid:${id}`,
  };
}

function marker(key: string): Marker {
  return { key, at: T0, sesMessageId: "ses-1", outcome: "logged", promptIds: ["prm_a"], allPending: false };
}

function token(hash: string, userId: string): TokenRecord {
  return {
    hash,
    userId,
    kind: "reply",
    promptId: "prm_a",
    address: null,
    expiresAt: "2025-04-10T12:00:00.000Z",
  };
}

/** A scheduled prompt taken for sending, then sent, as dispatch moves it. */
async function sendThrough(
  store: Store,
  userId: string,
  promptId: string,
  sendingAt: string,
  sentAt: string,
): Promise<void> {
  await store.transitionPrompt(userId, promptId, ["scheduled"], {
    state: "sending",
    stateChangedAt: sendingAt,
  });
  await store.transitionPrompt(userId, promptId, ["sending"], { state: "sent", stateChangedAt: sentAt });
}

async function seedUser(store: Store, id: string): Promise<void> {
  expect(await store.commit(id, [{ op: "putUser", user: user(id), ifNew: true }])).toEqual({ ok: true });
}

interface Harness {
  store: Store;
  /** For the DynamoDB store: the raw item, to check the index attributes themselves. */
  rawPrompt?: (userId: string, promptId: string) => Promise<Record<string, unknown> | undefined>;
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A new folder for an embedded store, removed after the file's tests. */
function storeFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "cc-embedded-"));
  folders.push(folder);
  return folder;
}

/**
 * An embedded store that crashes and recovers after every call: what is on disk when a call has
 * returned is copied to a new folder (the lock left behind, as a killed process leaves it) and
 * the next call goes to a store opened from that copy. Any method is wrapped, so every one the
 * Store gains is checked against the disk too. Its TTL clock stands at T0, as the test data's
 * expiries are in 2025 (TTL expiry is in embedded-store.test.ts).
 */
function reopenedAfterEveryCall(): Store {
  const open = (folder: string) => openEmbeddedStore(folder, { now: () => new Date(T0) });
  let folder = storeFolder();
  let live: EmbeddedStore = open(folder);
  const recover = () => {
    const copy = storeFolder();
    cpSync(folder, copy, { recursive: true, filter: (path) => basename(path) !== "lock" });
    live.close();
    folder = copy;
    live = open(folder);
  };
  const methods = Object.keys(live).filter((name) => name !== "close") as (keyof Store)[];
  return Object.fromEntries(
    methods.map((name) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (live[name] as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          recover();
        }
      },
    ]),
  ) as unknown as Store;
}

const allStores: [string, () => Promise<Harness>][] = [
  ["memory store", async () => ({ store: createMemoryStore() })],
  ["embedded store", async () => ({ store: openEmbeddedStore(storeFolder()) })],
  ["embedded store, re-opened from disk after every call", async () => ({ store: reopenedAfterEveryCall() })],
  [
    "DynamoDB store (DynamoDB Local)",
    async () => {
      const { client, tableName, store } = await freshTable();
      return {
        store,
        rawPrompt: async (userId, promptId) =>
          (await client.send(new GetCommand({ TableName: tableName, Key: promptKey(userId, promptId) })))
            .Item,
      };
    },
  ],
];

/** Without Java there is no DynamoDB Local to run on (see vitest.config.ts); CI always has it. */
const stores = allStores.filter(([name]) => inject("dynamoEndpoint") || !name.includes("DynamoDB Local"));

describe.each(stores)("%s", (_name, make) => {
  let h: Harness;
  let store: Store;
  beforeEach(async () => {
    h = await make();
    store = h.store;
  });

  describe("commit", () => {
    it("writes every op of a unit of work, readable with loadAccount", async () => {
      const ops: WriteOp[] = [
        { op: "putUser", user: user("usr_a"), ifNew: true },
        { op: "putAddress", address: "usr_a@example.com", userId: "usr_a", ifNew: true },
        { op: "putContact", contact: contact("jane@acme.com") },
        { op: "putMeeting", meeting: meeting("mtg_1", 0), ifSequenceBelow: 0 },
        { op: "putPrompt", prompt: prompt("prm_a", "2025-03-11T08:00:00.000Z"), ifNew: true },
        { op: "putInteraction", interaction: interaction("int_1", T0) },
        { op: "putMarker", marker: marker("mid:one") },
        { op: "putToken", token: token("t".repeat(64), "usr_a") },
      ];
      expect(await store.commit("usr_a", ops)).toEqual({ ok: true });

      const account = await store.loadAccount("usr_a");
      expect(account).toEqual({
        user: user("usr_a"),
        contacts: [contact("jane@acme.com")],
        meetings: [meeting("mtg_1", 0)],
        prompts: [prompt("prm_a", "2025-03-11T08:00:00.000Z")],
        interactions: [interaction("int_1", T0)],
      });
      expect(await store.getMarker("usr_a", "mid:one")).toEqual(marker("mid:one"));
      expect(await store.findToken("t".repeat(64))).toEqual(token("t".repeat(64), "usr_a"));
      expect(await store.findUserIdByAddress("usr_a@example.com")).toBe("usr_a");
    });

    it("writes nothing when one condition of the unit fails", async () => {
      await seedUser(store, "usr_a");
      await store.commit("usr_a", [{ op: "putMarker", marker: marker("mid:seen") }]);

      const result = await store.commit("usr_a", [
        { op: "putContact", contact: contact("bob@x.com") },
        { op: "putPrompt", prompt: prompt("prm_b", "2025-03-11T08:00:00.000Z"), ifNew: true },
        { op: "putAddress", address: "bob-alias@example.com", userId: "usr_a" },
        { op: "putMarker", marker: marker("mid:seen") },
      ]);

      expect(result).toEqual({ ok: false, reason: "condition_failed" });
      const account = await store.loadAccount("usr_a");
      expect(account?.contacts).toEqual([]);
      expect(account?.prompts).toEqual([]);
      expect(await store.findUserIdByAddress("bob-alias@example.com")).toBeNull();
    });

    it("deduplicates a message by its marker", async () => {
      await seedUser(store, "usr_a");
      const first = await store.commit("usr_a", [
        { op: "putMarker", marker: marker("mid:dup") },
        { op: "putInteraction", interaction: interaction("int_1", T0) },
      ]);
      const again = await store.commit("usr_a", [
        { op: "putMarker", marker: { ...marker("mid:dup"), outcome: "other" } },
        { op: "putInteraction", interaction: interaction("int_2", "2025-03-10T12:05:00.000Z") },
      ]);

      expect(first).toEqual({ ok: true });
      expect(again).toEqual({ ok: false, reason: "condition_failed" });
      expect((await store.getMarker("usr_a", "mid:dup"))?.outcome).toBe("logged");
      expect((await store.loadAccount("usr_a"))?.interactions.map((i) => i.id)).toEqual(["int_1"]);
    });

    it("lets exactly one of many concurrent commits of the same marker win", async () => {
      await seedUser(store, "usr_a");
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, n) =>
          store.commit("usr_a", [
            { op: "putMarker", marker: { ...marker("mid:race"), outcome: `run-${n}` } },
            { op: "putInteraction", interaction: interaction(`int_${n}`, `2025-03-10T12:0${n}:00.000Z`) },
          ]),
        ),
      );

      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(Array(7).fill({ ok: false, reason: "condition_failed" }));
      expect((await store.loadAccount("usr_a"))?.interactions).toHaveLength(1);
    });

    it("takes a meeting update only with a higher sequence", async () => {
      await seedUser(store, "usr_a");
      const put = (sequence: number, title: string) =>
        store.commit("usr_a", [
          { op: "putMeeting", meeting: meeting("mtg_1", sequence, { title }), ifSequenceBelow: sequence },
        ]);

      expect(await put(1, "first")).toEqual({ ok: true });
      expect(await put(3, "moved")).toEqual({ ok: true });
      expect(await put(3, "same sequence")).toEqual({ ok: false, reason: "condition_failed" });
      expect(await put(2, "stale")).toEqual({ ok: false, reason: "condition_failed" });
      expect((await store.loadAccount("usr_a"))?.meetings).toEqual([meeting("mtg_1", 3, { title: "moved" })]);
    });

    it("creates a profile or an address only once when asked to", async () => {
      await seedUser(store, "usr_a");
      expect(
        await store.commit("usr_a", [
          { op: "putUser", user: { ...user("usr_a"), paused: true }, ifNew: true },
        ]),
      ).toEqual({
        ok: false,
        reason: "condition_failed",
      });
      expect(
        await store.commit("usr_a", [
          { op: "putAddress", address: "x@example.com", userId: "usr_a", ifNew: true },
        ]),
      ).toEqual({
        ok: true,
      });
      expect(
        await store.commit("usr_b", [
          { op: "putAddress", address: "x@example.com", userId: "usr_b", ifNew: true },
        ]),
      ).toEqual({
        ok: false,
        reason: "condition_failed",
      });
      expect(await store.findUserIdByAddress("X@Example.com")).toBe("usr_a");
      expect((await store.loadAccount("usr_a"))?.user.paused).toBe(false);
    });

    it("re-plans a prompt only in the allowed states", async () => {
      await seedUser(store, "usr_a");
      const p = prompt("prm_a", "2025-03-11T08:00:00.000Z");
      expect(await store.commit("usr_a", [{ op: "putPrompt", prompt: p, ifState: ["scheduled"] }])).toEqual({
        ok: false,
        reason: "condition_failed",
      });
      expect(await store.commit("usr_a", [{ op: "putPrompt", prompt: p, ifNew: true }])).toEqual({
        ok: true,
      });
      expect(await store.commit("usr_a", [{ op: "putPrompt", prompt: p, ifNew: true }])).toEqual({
        ok: false,
        reason: "condition_failed",
      });
      const moved = { ...p, dueAt: "2025-03-12T08:00:00.000Z" };
      expect(
        await store.commit("usr_a", [
          { op: "putPrompt", prompt: moved, ifState: ["scheduled", "cancelled"] },
        ]),
      ).toEqual({
        ok: true,
      });
      await store.transitionPrompt("usr_a", "prm_a", ["scheduled"], { state: "sent", sesMessageId: "ses-9" });
      expect(
        await store.commit("usr_a", [{ op: "putPrompt", prompt: p, ifState: ["scheduled", "cancelled"] }]),
      ).toEqual({
        ok: false,
        reason: "condition_failed",
      });
      expect((await store.getPrompt("usr_a", "prm_a"))?.state).toBe("sent");
    });

    it("deletes what it is told to, and only that", async () => {
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        { op: "putAddress", address: "usr_a@example.com", userId: "usr_a" },
        { op: "putContact", contact: contact("jane@acme.com") },
        { op: "putContact", contact: contact("bob@x.com") },
        { op: "putMeeting", meeting: meeting("mtg_1", 0) },
        { op: "putPrompt", prompt: prompt("prm_a", "2025-03-11T08:00:00.000Z") },
        { op: "putInteraction", interaction: interaction("int_1", T0) },
        { op: "putToken", token: token("t".repeat(64), "usr_a") },
      ]);
      expect(
        await store.commit("usr_a", [
          { op: "deleteContact", email: "jane@acme.com" },
          { op: "deleteMeeting", id: "mtg_1" },
          { op: "deletePrompt", id: "prm_a" },
          { op: "deleteInteraction", id: "int_1", at: T0 },
          { op: "deleteToken", hash: "t".repeat(64) },
          { op: "deleteAddress", address: "usr_a@example.com" },
        ]),
      ).toEqual({ ok: true });

      const account = await store.loadAccount("usr_a");
      expect(account?.contacts.map((c) => c.email)).toEqual(["bob@x.com"]);
      expect(account?.meetings).toEqual([]);
      expect(account?.prompts).toEqual([]);
      expect(account?.interactions).toEqual([]);
      expect(await store.findToken("t".repeat(64))).toBeNull();
      expect(await store.findUserIdByAddress("usr_a@example.com")).toBeNull();
      expect(await store.listOverdue(new Date("2025-03-20T00:00:00Z"), 30, 10)).toEqual([]);
    });

    it("refuses two ops on one item, more than 100 ops and oversized keys, as DynamoDB does", async () => {
      await expect(
        store.commit("usr_a", [
          { op: "putContact", contact: contact("jane@acme.com") },
          { op: "deleteContact", email: "jane@acme.com" },
        ]),
      ).rejects.toThrow(/same item/);
      const many: WriteOp[] = Array.from({ length: 101 }, (_, n) => ({
        op: "putContact",
        contact: contact(`c${n}@x.com`),
      }));
      await expect(store.commit("usr_a", many)).rejects.toThrow(/at most 100/);
      await expect(
        store.commit("usr_a", [{ op: "putContact", contact: contact(`${"a".repeat(1100)}@x.com`) }]),
      ).rejects.toThrow(/longer than DynamoDB allows/);
      expect(await store.commit("usr_a", [])).toEqual({ ok: true });
    });
  });

  describe("reads by key", () => {
    it("gets one user, contact or meeting of one user, and null for another's or a missing one", async () => {
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        { op: "putContact", contact: contact("jane@acme.com", { name: "Jane" }) },
        { op: "putMeeting", meeting: meeting("mtg_1", 2) },
      ]);
      await store.commit("usr_b", [{ op: "putUser", user: user("usr_b") }]);

      expect((await store.getUser("usr_a"))?.addresses).toEqual(["usr_a@example.com"]);
      expect(await store.getUser("usr_nobody")).toBeNull();
      expect((await store.getContact("usr_a", "jane@acme.com"))?.name).toBe("Jane");
      expect(await store.getContact("usr_b", "jane@acme.com")).toBeNull();
      expect((await store.getMeeting("usr_a", "mtg_1"))?.sequence).toBe(2);
      expect(await store.getMeeting("usr_b", "mtg_1")).toBeNull();
      expect(await store.getMeeting("usr_a", "mtg_2")).toBeNull();
    });

    it("reads a send's user, contact and meeting together, each as stored now, null where absent", async () => {
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        { op: "putContact", contact: contact("jane@acme.com", { name: "Jane" }) },
        { op: "putMeeting", meeting: meeting("mtg_1", 2) },
      ]);
      await store.commit("usr_b", [{ op: "putUser", user: user("usr_b") }]);

      const both = await readSendContext(store, "usr_a", {
        contactEmail: "jane@acme.com",
        meetingId: "mtg_1",
      });
      expect(both.user?.addresses).toEqual(["usr_a@example.com"]);
      expect(both.contact?.name).toBe("Jane");
      expect(both.meeting?.sequence).toBe(2);

      // A change just committed is what the next read sees (a send decides from it).
      await store.commit("usr_a", [
        { op: "putContact", contact: contact("jane@acme.com", { name: "Jane Doe" }) },
      ]);
      const again = await readSendContext(store, "usr_a", { contactEmail: "jane@acme.com" });
      expect(again.contact?.name).toBe("Jane Doe");
      expect(again.meeting).toBeNull();

      expect(
        await readSendContext(store, "usr_b", { contactEmail: "jane@acme.com", meetingId: "mtg_1" }),
      ).toEqual({
        user: expect.objectContaining({ id: "usr_b" }),
        contact: null,
        meeting: null,
      });
      expect(await readSendContext(store, "usr_nobody", {})).toEqual({
        user: null,
        contact: null,
        meeting: null,
      });
    });
  });

  describe("getItems", () => {
    it("reads the items asked for by key, as stored now, leaving out missing ones and other users'", async () => {
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        { op: "putContact", contact: contact("jane@acme.com", { name: "Jane" }) },
        { op: "putContact", contact: contact("bob@globex.com", { name: "Bob" }) },
        { op: "putMeeting", meeting: meeting("mtg_1", 2) },
      ]);
      await store.commit("usr_b", [{ op: "putContact", contact: contact("eve@x.com") }]);

      const found = await store.getItems("usr_a", {
        user: true,
        contacts: ["jane@acme.com", "eve@x.com", "jane@acme.com"],
        meetings: ["mtg_1", "mtg_9"],
        prompts: ["prm_none"],
      });
      expect(found.user?.id).toBe("usr_a");
      expect(found.contacts.map((c) => c.name)).toEqual(["Jane"]);
      expect(found.meetings.map((m) => m.sequence)).toEqual([2]);
      expect(found.prompts).toEqual([]);
      expect(await store.getItems("usr_a", {})).toEqual({
        user: null,
        contacts: [],
        meetings: [],
        prompts: [],
      });
    });

    it("lists one person's logged mails and ended prompts, a prompt moving there when a transition ends it", async () => {
      const p = prompt("prm_a", "2025-03-11T08:00:00.000Z", { contactEmail: "jane@acme.com" });
      const other = prompt("prm_b", "2025-03-11T08:00:00.000Z", { contactEmail: "bob@globex.com" });
      await store.commit("usr_a", [
        { op: "putPrompt", prompt: p, ifNew: true },
        { op: "putPrompt", prompt: other, ifNew: true },
        {
          op: "putInteraction",
          interaction: {
            id: "int_1",
            at: "2025-03-01T10:00:00.000Z",
            kind: "outreach",
            contactEmail: "jane@acme.com",
            subject: "Coffee?",
            messageKey: "mid:1",
          },
        },
      ]);
      const history = () =>
        store
          .listPromptHistoryOf("usr_a", "jane@acme.com", { after: "", limit: 10 })
          .then((page) => page.items);
      expect(await history()).toEqual([]);
      await sendThrough(store, "usr_a", "prm_a", "2025-03-11T08:00:01.000Z", "2025-03-11T08:00:02.000Z");
      expect((await history()).map((x) => [x.id, x.state])).toEqual([["prm_a", "sent"]]);
      const scheduled = await store.listScheduledPrompts("usr_a", { after: "", limit: 10 });
      expect(scheduled.items.map((x) => x.id)).toEqual(["prm_b"]);
      const mails = await store.listInteractionsOf("usr_a", "jane@acme.com", { after: "", limit: 10 });
      expect(mails.items.map((i) => i.id)).toEqual(["int_1"]);
      expect(
        (await store.listInteractionsOf("usr_a", "bob@globex.com", { after: "", limit: 10 })).items,
      ).toEqual([]);
    });

    it("writes a profile only at the revision it was read at (none stored counts as 0)", async () => {
      const before = user("usr_a");
      // Stored before profiles had revisions: no such attribute.
      const legacy = { ...before, revision: undefined } as unknown as typeof before;
      await store.commit("usr_a", [{ op: "putUser", user: legacy }]);
      const next = { ...before, paused: true, revision: 1 };
      expect(await store.commit("usr_a", [{ op: "putUser", user: next, ifRevision: 0 }])).toEqual({
        ok: true,
      });
      // A unit that read revision 0 too comes second: it may not undo the pause.
      expect(
        await store.commit("usr_a", [{ op: "putUser", user: { ...before, revision: 1 }, ifRevision: 0 }]),
      ).toEqual({ ok: false, reason: "condition_failed" });
      expect(
        await store.commit("usr_a", [
          { op: "putUser", user: { ...next, name: "Sam", revision: 2 }, ifRevision: 1 },
        ]),
      ).toEqual({ ok: true });
      expect(await store.getUser("usr_a")).toMatchObject({ paused: true, name: "Sam", revision: 2 });
    });

    it("writes a contact only as it was read: its updatedAt, or absent", async () => {
      const jane = contact("jane@acme.com", { name: "Jane", updatedAt: "2026-11-20T15:00:00Z" });
      expect(await store.commit("usr_a", [{ op: "putContact", contact: jane, ifUpdatedAt: null }])).toEqual({
        ok: true,
      });
      // Someone else created her meanwhile: a unit that read no contact may not overwrite her.
      expect(await store.commit("usr_a", [{ op: "putContact", contact: jane, ifUpdatedAt: null }])).toEqual({
        ok: false,
        reason: "condition_failed",
      });
      const renamed = { ...jane, name: "Jane Doe", updatedAt: "2026-11-21T10:00:00Z" };
      expect(
        await store.commit("usr_a", [{ op: "putContact", contact: renamed, ifUpdatedAt: jane.updatedAt }]),
      ).toEqual({ ok: true });
      // A unit that read her before the rename conflicts instead of undoing it.
      expect(
        await store.commit("usr_a", [
          { op: "putContact", contact: { ...jane, stopped: true }, ifUpdatedAt: jane.updatedAt },
        ]),
      ).toEqual({ ok: false, reason: "condition_failed" });
      expect((await store.getContact("usr_a", "jane@acme.com"))?.name).toBe("Jane Doe");
    });
  });

  describe("loadAccount", () => {
    it("returns everything of one user and nothing of another", async () => {
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        { op: "putContact", contact: contact("jane@acme.com") },
        { op: "putPrompt", prompt: prompt("prm_a", "2025-03-11T08:00:00.000Z") },
        { op: "putMarker", marker: marker("mid:a") },
      ]);
      await store.commit("usr_ab", [
        { op: "putUser", user: user("usr_ab") },
        { op: "putContact", contact: contact("other@acme.com") },
        { op: "putMeeting", meeting: meeting("mtg_9", 0) },
        { op: "putPrompt", prompt: prompt("prm_b", "2025-03-11T08:00:00.000Z") },
        { op: "putInteraction", interaction: interaction("int_9", T0) },
      ]);

      const a = await store.loadAccount("usr_a");
      expect(a?.user.id).toBe("usr_a");
      expect(a?.contacts.map((c) => c.email)).toEqual(["jane@acme.com"]);
      expect(a?.meetings).toEqual([]);
      expect(a?.prompts.map((p) => p.id)).toEqual(["prm_a"]);
      expect(a?.interactions).toEqual([]);
      expect(await store.loadAccount("usr_nobody")).toBeNull();
    });

    it("reads a large account whole (more than one page)", async () => {
      await seedUser(store, "usr_big");
      const notes = ["n".repeat(4_000)];
      for (let batch = 0; batch < 4; batch++) {
        const ops: WriteOp[] = Array.from({ length: 100 }, (_, n) => ({
          op: "putContact",
          contact: contact(`c${batch * 100 + n}@x.com`, { notes }),
        }));
        expect(await store.commit("usr_big", ops)).toEqual({ ok: true });
      }
      expect((await store.loadAccount("usr_big"))?.contacts).toHaveLength(400);
    });

    it("hands out copies: changing a returned value changes nothing stored", async () => {
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        { op: "putContact", contact: contact("jane@acme.com", { notes: ["first"] }) },
      ]);
      const account = await store.loadAccount("usr_a");
      account?.contacts[0]?.notes.push("mutated");
      account?.user.addresses.push("evil@x.com");
      const again = await store.loadAccount("usr_a");
      expect(again?.contacts[0]?.notes).toEqual(["first"]);
      expect(again?.user.addresses).toEqual(["usr_a@example.com"]);
    });

    it("keeps hostile text in keys and values as plain data", async () => {
      const email = "__proto__@x.com";
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        {
          op: "putContact",
          contact: contact(email, {
            name: '<img src=x onerror="alert(1)">\r\nBcc: x',
            notes: ["\u0000\uffff😀"],
          }),
        },
      ]);
      const account = await store.loadAccount("usr_a");
      expect(account?.contacts[0]?.email).toBe(email);
      expect(account?.contacts[0]?.notes).toEqual(["\u0000\uffff😀"]);
      expect(({} as Record<string, unknown>).email).toBeUndefined();
    });
  });

  describe("prompt transitions", () => {
    beforeEach(async () => {
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        { op: "putPrompt", prompt: prompt("prm_a", "2025-03-11T08:00:00.000Z") },
      ]);
    });

    it("claims scheduled → sending exactly once under concurrency", async () => {
      const claims = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.transitionPrompt("usr_a", "prm_a", ["scheduled"], {
            state: "sending",
            attempts: 1,
            stateChangedAt: T0,
          }),
        ),
      );
      const won = claims.filter((c) => c !== null);
      expect(won).toHaveLength(1);
      expect(won[0]).toEqual(prompt("prm_a", "2025-03-11T08:00:00.000Z", { state: "sending", attempts: 1 }));
    });

    it("returns the whole updated prompt, and null when the state does not match or the prompt is gone", async () => {
      const sending = await store.transitionPrompt("usr_a", "prm_a", ["scheduled"], { state: "sending" });
      const sent = await store.transitionPrompt("usr_a", "prm_a", ["sending"], {
        state: "sent",
        sesMessageId: "ses-123",
        stateChangedAt: "2025-03-11T08:00:01.000Z",
      });
      expect(sending?.state).toBe("sending");
      expect(sent).toEqual(
        prompt("prm_a", "2025-03-11T08:00:00.000Z", {
          state: "sent",
          sesMessageId: "ses-123",
          stateChangedAt: "2025-03-11T08:00:01.000Z",
        }),
      );
      expect(
        await store.transitionPrompt("usr_a", "prm_a", ["scheduled", "sending"], { state: "failed" }),
      ).toBeNull();
      expect(
        await store.transitionPrompt("usr_a", "prm_nope", ["scheduled"], { state: "sending" }),
      ).toBeNull();
      expect(await store.transitionPrompt("usr_a", "prm_a", [], { state: "cancelled" })).toBeNull();
      expect(await store.getPrompt("usr_a", "prm_a")).toEqual(sent);
    });

    it("indexes a prompt while scheduled (at its due time) or sending (at its resolve-by time), and only then", async () => {
      const now = new Date("2025-03-11T09:00:00.000Z");
      const overdue = [
        { userId: "usr_a", promptId: "prm_a", dueAt: "2025-03-11T08:00:00.000Z", state: "scheduled" },
      ];
      expect(await store.listOverdue(now, 1, 10)).toEqual(overdue);
      if (h.rawPrompt) {
        expect(await h.rawPrompt("usr_a", "prm_a")).toMatchObject({
          gsi1pk: "DUE#2025-03-11",
          gsi1sk: "2025-03-11T08:00:00.000Z#usr_a#prm_a",
        });
      }

      // A claimed send is due for resolution 15 minutes after the claim, not before.
      await store.transitionPrompt("usr_a", "prm_a", ["scheduled"], {
        state: "sending",
        stateChangedAt: "2025-03-11T08:55:00.000Z",
      });
      expect(await store.listOverdue(now, 1, 10)).toEqual([]);
      expect(await store.listOverdue(new Date("2025-03-11T09:10:00.000Z"), 1, 10)).toEqual([
        { userId: "usr_a", promptId: "prm_a", dueAt: "2025-03-11T08:00:00.000Z", state: "sending" },
      ]);
      if (h.rawPrompt) {
        expect(await h.rawPrompt("usr_a", "prm_a")).toMatchObject({
          gsi1sk: "2025-03-11T09:10:00.000Z#usr_a#prm_a",
        });
      }

      // Back to scheduled without a new due time: the index comes back from the stored one.
      await store.transitionPrompt("usr_a", "prm_a", ["sending"], { state: "scheduled" });
      expect(await store.listOverdue(now, 1, 10)).toEqual(overdue);

      // A snooze moves the entry to the new day partition.
      await store.transitionPrompt("usr_a", "prm_a", ["scheduled"], {
        state: "scheduled",
        dueAt: "2025-03-14T08:00:00.000Z",
      });
      expect(await store.listOverdue(now, 1, 10)).toEqual([]);
      expect(await store.listOverdue(new Date("2025-03-14T08:00:00.000Z"), 3, 10)).toEqual([
        { userId: "usr_a", promptId: "prm_a", dueAt: "2025-03-14T08:00:00.000Z", state: "scheduled" },
      ]);

      // A sent (or any other settled) prompt leaves the index.
      await sendThrough(store, "usr_a", "prm_a", "2025-03-14T08:00:00.000Z", "2025-03-14T08:00:01.000Z");
      if (h.rawPrompt) {
        const raw = await h.rawPrompt("usr_a", "prm_a");
        expect(raw).not.toHaveProperty("gsi1pk");
        expect(raw).not.toHaveProperty("gsi1sk");
      }
      await store.transitionPrompt("usr_a", "prm_a", ["sent"], {
        state: "scheduled",
        dueAt: "2025-03-14T08:00:00.000Z",
      });

      // A put in another state removes it too.
      const current = await store.getPrompt("usr_a", "prm_a");
      if (!current) throw new Error("prompt vanished");
      await store.commit("usr_a", [{ op: "putPrompt", prompt: { ...current, state: "cancelled" } }]);
      expect(await store.listOverdue(new Date("2025-03-20T00:00:00.000Z"), 30, 10)).toEqual([]);
    });
  });

  describe("listOverdue", () => {
    it("finds only overdue scheduled prompts, across day boundaries and users, oldest first", async () => {
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        // Just before midnight UTC, two days back: inside a lookback of 2.
        { op: "putPrompt", prompt: prompt("prm_old", "2025-03-08T23:59:59.000Z") },
        // Older than the lookback: not found.
        { op: "putPrompt", prompt: prompt("prm_ancient", "2025-03-07T10:00:00.000Z") },
        { op: "putPrompt", prompt: prompt("prm_sent", "2025-03-09T10:00:00.000Z", { state: "sent" }) },
        // Due exactly now: overdue.
        { op: "putPrompt", prompt: prompt("prm_now", "2025-03-10T00:30:00.000Z") },
        // Later today: not yet.
        { op: "putPrompt", prompt: prompt("prm_later", "2025-03-10T00:30:01.000Z") },
      ]);
      await store.commit("usr_b", [
        { op: "putUser", user: user("usr_b") },
        { op: "putPrompt", prompt: prompt("prm_b", "2025-03-09T00:00:00.000Z") },
      ]);

      const now = new Date("2025-03-10T00:30:00.000Z");
      expect(await store.listOverdue(now, 2, 10)).toEqual([
        { userId: "usr_a", promptId: "prm_old", dueAt: "2025-03-08T23:59:59.000Z", state: "scheduled" },
        { userId: "usr_b", promptId: "prm_b", dueAt: "2025-03-09T00:00:00.000Z", state: "scheduled" },
        { userId: "usr_a", promptId: "prm_now", dueAt: "2025-03-10T00:30:00.000Z", state: "scheduled" },
      ]);
      expect(await store.listOverdue(now, 2, 2)).toHaveLength(2);
      expect(await store.listOverdue(now, 0, 10)).toEqual([
        { userId: "usr_a", promptId: "prm_now", dueAt: "2025-03-10T00:30:00.000Z", state: "scheduled" },
      ]);
    });

    it("sorts due times written with an offset by their instant", async () => {
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        { op: "putPrompt", prompt: prompt("prm_tz", "2025-03-10T08:00:00+09:00") },
      ]);
      // 08:00+09:00 is 23:00Z the day before.
      expect(await store.listOverdue(new Date("2025-03-09T23:00:00.000Z"), 0, 10)).toEqual([
        { userId: "usr_a", promptId: "prm_tz", dueAt: "2025-03-10T08:00:00+09:00", state: "scheduled" },
      ]);
      expect(await store.listOverdue(new Date("2025-03-09T22:59:59.000Z"), 1, 10)).toEqual([]);
    });
  });

  describe("targeted reads for the status page and feed", () => {
    it("reads the profile alone, and the contacts asked for", async () => {
      await store.commit("usr_a", [
        { op: "putUser", user: user("usr_a") },
        { op: "putContact", contact: contact("jane@acme.com") },
        { op: "putContact", contact: contact("sam@beta.io") },
      ]);
      expect((await store.getUser("usr_a"))?.id).toBe("usr_a");
      expect(await store.getUser("usr_nobody")).toBeNull();
      const found = await store.getContacts("usr_a", ["sam@beta.io", "gone@x.io", "sam@beta.io"]);
      expect(found.map((c) => c.email)).toEqual(["sam@beta.io"]);
      expect(await store.getContacts("usr_a", [])).toEqual([]);
    });

    it("reads more than one BatchGet's worth of contacts", async () => {
      const emails = Array.from({ length: 130 }, (_, i) => `p${String(i).padStart(3, "0")}@x.io`);
      for (let i = 0; i < emails.length; i += 100) {
        await store.commit(
          "usr_a",
          emails.slice(i, i + 100).map((email) => ({ op: "putContact" as const, contact: contact(email) })),
        );
      }
      const found = await store.getContacts("usr_a", emails);
      expect(found.map((c) => c.email).sort()).toEqual(emails);
    });

    it("pages a stage's contacts, latest contact first, and moves a contact with its stage", async () => {
      const at = (day: number) => `2025-03-${String(day).padStart(2, "0")}T12:00:00.000Z`;
      await store.commit("usr_a", [
        { op: "putContact", contact: contact("a@x.io", { stage: "met", lastContactAt: at(1) }) },
        { op: "putContact", contact: contact("b@x.io", { stage: "met", lastContactAt: at(3) }) },
        { op: "putContact", contact: contact("c@x.io", { stage: "met", lastContactAt: at(2) }) },
        { op: "putContact", contact: contact("d@x.io", { stage: "cold", lastContactAt: at(4) }) },
      ]);
      await store.commit("usr_b", [
        { op: "putContact", contact: contact("z@x.io", { stage: "met", lastContactAt: at(5) }) },
      ]);
      const first = await store.listContactsByStage("usr_a", "met", { after: "", limit: 2 });
      expect(first.items.map((c) => c.email)).toEqual(["b@x.io", "c@x.io"]);
      expect(first.next).not.toBeNull();
      const second = await store.listContactsByStage("usr_a", "met", { after: first.next ?? "", limit: 2 });
      expect(second).toMatchObject({ next: null });
      expect(second.items.map((c) => c.email)).toEqual(["a@x.io"]);

      await store.commit("usr_a", [
        { op: "putContact", contact: contact("a@x.io", { stage: "cold", lastContactAt: at(6) }) },
      ]);
      const met = await store.listContactsByStage("usr_a", "met", { after: "", limit: 10 });
      expect(met.items.map((c) => c.email)).toEqual(["b@x.io", "c@x.io"]);
      const cold = await store.listContactsByStage("usr_a", "cold", { after: "", limit: 10 });
      expect(cold).toMatchObject({ next: null });
      expect(cold.items.map((c) => c.email)).toEqual(["a@x.io", "d@x.io"]);
    });

    it("pages meetings by start time, both ways from an instant", async () => {
      const starting = (id: string, start: string) =>
        ({ op: "putMeeting", meeting: meeting(id, 0, { start, end: start }) }) as const;
      await store.commit("usr_a", [
        starting("mtg_1", "2025-03-01T10:00:00.000Z"),
        // An offset is sorted by its instant: 09:00 UTC.
        starting("mtg_2", "2025-03-02T10:00:00.000+01:00"),
        starting("mtg_3", "2025-03-03T10:00:00.000Z"),
        starting("mtg_4", "2025-03-04T10:00:00.000Z"),
      ]);
      const ahead = await store.listMeetingsAfter("usr_a", { after: "2025-03-02T00:00:00.000Z", limit: 2 });
      expect(ahead.items.map((m) => m.id)).toEqual(["mtg_2", "mtg_3"]);
      const rest = await store.listMeetingsAfter("usr_a", { after: ahead.next ?? "", limit: 2 });
      expect(rest).toMatchObject({ next: null });
      expect(rest.items.map((m) => m.id)).toEqual(["mtg_4"]);
      const past = await store.listMeetingsBefore("usr_a", { after: "2025-03-03T10:00:00.000Z", limit: 5 });
      expect(past).toMatchObject({ next: null });
      expect(past.items.map((m) => m.id)).toEqual(["mtg_2", "mtg_1"]);
    });

    it("lists only scheduled prompts, soonest first, following their transitions", async () => {
      await store.commit("usr_a", [
        { op: "putPrompt", prompt: prompt("prm_late", "2025-03-20T09:00:00.000Z") },
        { op: "putPrompt", prompt: prompt("prm_soon", "2025-03-12T09:00:00.000Z") },
        { op: "putPrompt", prompt: prompt("prm_sent", "2025-03-11T09:00:00.000Z", { state: "sent" }) },
      ]);
      const ids = async () =>
        (
          await store.listScheduledPrompts("usr_a", { after: "2025-03-01T00:00:00.000Z", limit: 10 })
        ).items.map((p) => p.id);
      expect(await ids()).toEqual(["prm_soon", "prm_late"]);
      await store.transitionPrompt("usr_a", "prm_soon", ["scheduled"], {
        state: "sending",
        stateChangedAt: T0,
      });
      expect(await ids()).toEqual(["prm_late"]);
      await store.transitionPrompt("usr_a", "prm_soon", ["sending"], {
        state: "scheduled",
        dueAt: "2025-03-25T09:00:00.000Z",
        stateChangedAt: T0,
      });
      expect(await ids()).toEqual(["prm_late", "prm_soon"]);
    });

    it("lists failed prompts not sent again, oldest failure first, from a time on", async () => {
      await store.commit("usr_a", [
        {
          op: "putPrompt",
          prompt: prompt("prm_old", T0, { state: "failed", stateChangedAt: "2025-02-01T00:00:00.000Z" }),
        },
        {
          op: "putPrompt",
          prompt: prompt("prm_resent", T0, {
            state: "failed",
            stateChangedAt: "2025-03-02T00:00:00.000Z",
            resentAt: "2025-03-03T00:00:00.000Z",
          }),
        },
        { op: "putPrompt", prompt: prompt("prm_sent", T0, { state: "sent" }) },
        { op: "putPrompt", prompt: prompt("prm_lost", "2025-03-09T09:00:00.000Z") },
      ]);
      const ids = async () =>
        (await store.listFailedPrompts("usr_a", { after: "2025-03-01T00:00:00.000Z", limit: 10 })).items.map(
          (p) => p.id,
        );
      expect(await ids()).toEqual([]);
      // The sweep's move of a lost send to `failed` puts it in the range.
      await store.transitionPrompt("usr_a", "prm_lost", ["scheduled"], {
        state: "failed",
        reason: "not resent",
        stateChangedAt: "2025-03-10T00:00:00.000Z",
      });
      expect(await ids()).toEqual(["prm_lost"]);
      await store.commit("usr_a", [
        {
          op: "putPrompt",
          prompt: prompt("prm_lost", "2025-03-09T09:00:00.000Z", {
            state: "failed",
            stateChangedAt: "2025-03-10T00:00:00.000Z",
            resentAt: "2025-03-11T00:00:00.000Z",
          }),
        },
      ]);
      expect(await ids()).toEqual([]);
    });

    it("gives confirmations and answers a TTL, and follow-ups none (raw items: DynamoDB)", async () => {
      if (!h.rawPrompt) return;
      await store.commit("usr_a", [
        { op: "putPrompt", prompt: prompt("prm_c", T0, { kind: "confirmation", state: "sent" }) },
        { op: "putPrompt", prompt: prompt("prm_a", T0, { kind: "answer", state: "sent" }) },
        { op: "putPrompt", prompt: prompt("prm_p", T0) },
      ]);
      const expiry = Date.parse(T0) / 1000 + 30 * 86_400;
      expect((await h.rawPrompt("usr_a", "prm_c"))?.expiresAt).toBe(expiry);
      expect((await h.rawPrompt("usr_a", "prm_a"))?.expiresAt).toBe(expiry);
      expect(await h.rawPrompt("usr_a", "prm_p")).not.toHaveProperty("expiresAt");
      expect((await store.getPrompt("usr_a", "prm_c"))?.kind).toBe("confirmation");
    });
  });

  describe("tokens, addresses and refusals", () => {
    it("finds a token by its hash, keeping its expiry", async () => {
      const t: TokenRecord = {
        hash: "a".repeat(64),
        userId: "usr_a",
        kind: "address_confirm",
        promptId: null,
        address: "sam@work.com",
        expiresAt: "2025-03-11T12:00:00.500Z",
      };
      await store.commit("usr_a", [
        { op: "putToken", token: t },
        { op: "putToken", token: { ...token("b".repeat(64), "usr_a"), expiresAt: null } },
      ]);
      expect(await store.findToken("a".repeat(64))).toEqual(t);
      expect(await store.findToken("b".repeat(64))).toEqual({
        ...token("b".repeat(64), "usr_a"),
        expiresAt: null,
      });
      expect(await store.findToken("c".repeat(64))).toBeNull();
    });

    it("records refusals under their UTC day", async () => {
      await store.recordRefusal({
        sesMessageId: "ses-1",
        at: "2025-03-10T23:59:00.000Z",
        reason: "mail.too_large",
        objectKey: "in/ses-1",
        userId: null,
      });
      await store.recordRefusal({
        sesMessageId: "ses-2",
        at: "2025-03-11T00:00:30.000+01:00",
        reason: "mail.spam",
        objectKey: null,
        userId: "usr_a",
      });
      await store.recordRefusal({
        sesMessageId: "ses-3",
        at: "2025-03-11T06:00:00.000Z",
        reason: "mail.untrusted",
        objectKey: "in/ses-3",
        userId: null,
      });
      expect((await store.listRefusals("2025-03-10")).map((r) => r.sesMessageId)).toEqual(["ses-1", "ses-2"]);
      expect(await store.listRefusals("2025-03-11")).toEqual([
        {
          sesMessageId: "ses-3",
          at: "2025-03-11T06:00:00.000Z",
          reason: "mail.untrusted",
          objectKey: "in/ses-3",
          userId: null,
        },
      ]);
      expect(await store.listRefusals("2025-03-12")).toEqual([]);
    });
  });
});
