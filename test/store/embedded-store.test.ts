import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openEmbeddedStore } from "../../core/store/embedded-store.js";
import type { Store } from "../../core/store/store.js";
import { aContact, aUser } from "../support/entities.js";
import { crashTokenHash, crashTransaction } from "./support/crash-transaction.js";

/** What the contract suite cannot say: TTL expiry, torn and damaged logs, one process at a time, kill -9. */
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function newFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "cc-embedded-"));
  folders.push(folder);
  return folder;
}

/** The folder as a killed process leaves it: what is on disk, the lock of a process that is gone. */
function crashImage(folder: string): string {
  const copy = newFolder();
  cpSync(folder, copy, { recursive: true, filter: (path) => basename(path) !== "lock" });
  return copy;
}

const contactEmails = async (store: Store) =>
  (await store.loadAccount("usr_a"))?.contacts.map((c) => c.email) ?? [];

/** Puts a contact of usr_a (and usr_a's profile with the first one: an account needs it). */
const putContact = (store: Store, email: string) =>
  store.commit("usr_a", [
    ...(email === "first@x.com" ? [{ op: "putUser" as const, user: aUser({ id: "usr_a" }) }] : []),
    { op: "putContact", contact: aContact({ email }) },
  ]);

describe("the embedded store", () => {
  it("drops items whose TTL has passed when it opens, as DynamoDB's TTL deletes them", async () => {
    const folder = newFolder();
    const now = new Date("2026-06-01T00:00:00.000Z");
    const token = (hash: string, expiresAt: string | null) => ({
      hash,
      userId: "usr_a",
      kind: "reply" as const,
      promptId: null,
      address: null,
      expiresAt,
    });
    const store = openEmbeddedStore(folder, { now: () => now });
    await store.commit("usr_a", [
      { op: "putUser", user: aUser({ id: "usr_a" }) },
      { op: "putToken", token: token("e".repeat(64), "2026-05-31T23:59:59.000Z") },
      { op: "putToken", token: token("f".repeat(64), "2026-06-01T00:00:01.000Z") },
      { op: "putToken", token: token("n".repeat(64), null) },
    ]);
    // Still there until the store next opens.
    expect(await store.findToken("e".repeat(64))).not.toBeNull();
    store.close();

    const reopened = openEmbeddedStore(folder, { now: () => now });
    expect(await reopened.findToken("e".repeat(64))).toBeNull();
    expect((await reopened.findToken("f".repeat(64)))?.expiresAt).toBe("2026-06-01T00:00:01.000Z");
    expect(await reopened.findToken("n".repeat(64))).not.toBeNull();
    expect((await reopened.loadAccount("usr_a"))?.user.id).toBe("usr_a");
    reopened.close();
  });

  it("ignores a last log record cut short by a crash, and keeps writing after it", async () => {
    const folder = newFolder();
    const store = openEmbeddedStore(folder);
    await putContact(store, "first@x.com");
    const logWithFirst = readFileSync(join(crashImage(folder), "log.jsonl"));
    await putContact(store, "second@x.com");
    const image = crashImage(folder);
    store.close();
    const full = readFileSync(join(image, "log.jsonl"));
    const secondLine = full.subarray(logWithFirst.length);
    expect(secondLine.length).toBeGreaterThan(100);

    // The second record half written: it was never acknowledged.
    writeFileSync(join(image, "log.jsonl"), Buffer.concat([logWithFirst, secondLine.subarray(0, 60)]));
    const recovered = openEmbeddedStore(image);
    expect(await contactEmails(recovered)).toEqual(["first@x.com"]);
    await putContact(recovered, "third@x.com");
    const again = crashImage(image);
    recovered.close();
    const reopened = openEmbeddedStore(again);
    expect(await contactEmails(reopened)).toEqual(["first@x.com", "third@x.com"]);
    reopened.close();

    // Whole but for its newline, or its checksum not matching: also a torn write.
    for (const torn of [secondLine.subarray(0, -1), Buffer.from(`0${secondLine.subarray(1)}`)]) {
      const copy = newFolder();
      writeFileSync(join(copy, "log.jsonl"), Buffer.concat([logWithFirst, torn]));
      const store = openEmbeddedStore(copy);
      expect(await contactEmails(store)).toEqual(["first@x.com"]);
      store.close();
    }
  });

  it("refuses to open a log damaged before its last record, instead of dropping what follows", async () => {
    const folder = newFolder();
    const store = openEmbeddedStore(folder);
    await putContact(store, "first@x.com");
    const image = crashImage(folder);
    store.close();
    const log = join(image, "log.jsonl");
    const [record] = readFileSync(log, "utf8").split("\n");
    writeFileSync(log, `${record}\nnot a record\n${record}\n`);
    expect(() => openEmbeddedStore(image)).toThrow(/log\.jsonl is damaged at byte \d+/);
    // Failing to open leaves the folder free: the same answer again, not "in use".
    expect(() => openEmbeddedStore(image)).toThrow(/log\.jsonl is damaged at byte \d+/);
  });

  it("is open in one process at a time; a lock left by a killed process is taken over", async () => {
    const folder = newFolder();
    const store = openEmbeddedStore(folder);
    expect(() => openEmbeddedStore(folder)).toThrow(`says process ${process.pid} has this store open`);
    store.close();
    const reopened = openEmbeddedStore(folder);
    reopened.close();

    writeFileSync(join(folder, "lock"), "999999999");
    const afterCrash = openEmbeddedStore(folder);
    await putContact(afterCrash, "first@x.com");
    afterCrash.close();
    const last = openEmbeddedStore(folder);
    expect(await contactEmails(last)).toEqual(["first@x.com"]);
    last.close();
  });

  it("loses nothing acknowledged and applies no transaction in part when killed with SIGKILL mid-write", async () => {
    const folder = newFolder();
    let next = 0;
    for (let round = 0; round < 3; round++) {
      const acknowledged = await writeUntilKilled(folder, next, 40 + round * 60);
      const store = openEmbeddedStore(folder);
      const present = await transactionsPresent(store, next + acknowledged.length + 50);
      store.close();
      // Every acknowledged transaction is there whole; beyond them at most the ones in flight.
      expect(acknowledged.length).toBeGreaterThan(0);
      const last = acknowledged.at(-1) ?? -1;
      expect(present.whole.slice(0, last + 1)).toEqual(Array.from({ length: last + 1 }, (_, n) => n));
      expect(present.partial).toEqual([]);
      // Whole transactions form an unbroken run: nothing after a gap.
      expect(present.whole).toEqual(Array.from({ length: present.whole.length }, (_, n) => n));
      next = present.whole.length;
    }
    expect(next).toBeGreaterThan(100);
  }, 120_000);
});

/** Runs the crash writer until it has acknowledged `count` transactions, then kills it with SIGKILL. */
async function writeUntilKilled(folder: string, first: number, count: number): Promise<number[]> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "support", "crash-writer.ts"), folder, String(first)],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const acknowledged: number[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let buffered = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) acknowledged.push(Number(line));
    if (acknowledged.length >= count) child.kill("SIGKILL");
  });
  await exited;
  if (acknowledged.length < count) throw new Error(`the crash writer stopped by itself: ${stderr}`);
  return acknowledged;
}

/** Which transactions of crash-transaction.ts are stored whole, and which only in part. */
async function transactionsPresent(
  store: Store,
  upTo: number,
): Promise<{ whole: number[]; partial: number[] }> {
  const contacts = new Set((await store.loadAccount("usr_crash"))?.contacts.map((c) => c.email));
  const whole: number[] = [];
  const partial: number[] = [];
  for (let n = 0; n < upTo; n++) {
    const parts = [
      contacts.has(`c${n}@x.com`),
      (await store.getMarker("usr_crash", `mid:${n}`)) !== null,
      (await store.findUserIdByAddress(`a${n}@x.com`)) === "usr_crash",
      (await store.findToken(crashTokenHash(n))) !== null,
    ];
    expect(crashTransaction(n)).toHaveLength(parts.length);
    if (parts.every(Boolean)) whole.push(n);
    else if (parts.some(Boolean)) partial.push(n);
  }
  return { whole, partial };
}
