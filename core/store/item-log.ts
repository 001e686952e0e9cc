import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { Item } from "./keys.js";
import type { ItemChange } from "./memory-store.js";
import { tableSchema } from "./table-schema.js";

/**
 * The items of a store kept in a folder so that a crash loses nothing acknowledged:
 *   snapshot.jsonl  every item, one JSON object a line (replaced whole: written aside, fsync'd, renamed)
 *   log.jsonl       the batches of changes since, one a line as `<checksum> <json>`, fsync'd on append
 *   lock            the pid of the process that has the folder open
 * Opening reads the snapshot, replays the log over it (a torn last line, from a crash during its
 * write, was never acknowledged and is dropped), leaves out items whose TTL has passed, and
 * writes a fresh snapshot. Replaying a batch twice changes nothing, so a crash between writing
 * a snapshot and emptying the log is harmless.
 */
export interface ItemLog {
  /** The items as of the last acknowledged batch. */
  readonly items: Item[];
  /** Appends one batch and returns once it is on disk. */
  append(changes: readonly ItemChange[]): void;
  /** Writes a snapshot, empties the log and releases the folder. */
  close(): void;
}

export interface ItemLogOptions {
  /** The log is folded into a new snapshot once it grows past this many bytes. */
  snapshotBytes?: number;
  /** Time for TTL expiry (the local stack passes its clock). */
  now?: () => Date;
}

const SNAPSHOT = "snapshot.jsonl";
const LOG = "log.jsonl";
const LOCK = "lock";
const DEFAULT_SNAPSHOT_BYTES = 8 * 1024 * 1024;

export class ItemLogError extends Error {
  override readonly name = "ItemLogError";
}

export function openItemLog(dir: string, options: ItemLogOptions = {}): ItemLog {
  mkdirSync(dir, { recursive: true });
  const lock = takeLock(join(dir, LOCK));
  const snapshotBytes = options.snapshotBytes ?? DEFAULT_SNAPSHOT_BYTES;
  const logPath = join(dir, LOG);
  let state: Map<string, string>;
  let fd: number | null;
  try {
    state = recover(dir, (options.now ?? (() => new Date()))());
    writeSnapshot(dir, state);
    // Appending mode: after the log is emptied, the next line goes to its start again.
    writeFileSync(logPath, "");
    fd = openSync(logPath, "a");
    fsyncSync(fd);
  } catch (error) {
    lock.release();
    throw error;
  }
  let size = 0;
  /** An append that failed half-way and could not be undone: later lines would follow garbage. */
  let broken: Error | null = null;

  /** Folds the log into a new snapshot; replaying it again would change nothing, so order is safe. */
  const snapshot = (open: number) => {
    writeSnapshot(dir, state);
    ftruncateSync(open, 0);
    fsyncSync(open);
    size = 0;
  };

  return {
    items: [...state.values()].map((json) => JSON.parse(json) as Item),

    append(changes) {
      if (fd === null) throw new ItemLogError(`the store in ${dir} is closed`);
      if (broken) throw new ItemLogError(`the store in ${dir} can no longer write: ${broken.message}`);
      const batch: LogBatch = changes.map(({ key, item }) => [
        key.pk,
        key.sk,
        item === null ? null : JSON.stringify(item),
      ]);
      const line = Buffer.from(`${recordLine(JSON.stringify(batch))}\n`);
      try {
        writeAll(fd, line);
        fdatasyncSync(fd);
      } catch (error) {
        try {
          ftruncateSync(fd, size);
        } catch {
          broken = error instanceof Error ? error : new Error(String(error));
        }
        throw error;
      }
      size += line.length;
      applyBatch(state, batch);
      if (size > snapshotBytes) {
        try {
          snapshot(fd);
        } catch {
          // The batch is on disk and acknowledged either way; the log keeps it, the next append tries again.
        }
      }
    },

    close() {
      if (fd === null) return;
      if (!broken) snapshot(fd);
      closeSync(fd);
      fd = null;
      lock.release();
    },
  };
}

/** The state as of the last acknowledged batch: the snapshot, the log replayed over it, expired items left out. */
function recover(dir: string, now: Date): Map<string, string> {
  /** `pk NUL sk` → the item as JSON: the state to snapshot, immutable once written. */
  const state = new Map<string, string>();
  const snapshotPath = join(dir, SNAPSHOT);
  if (existsSync(snapshotPath)) {
    for (const json of readFileSync(snapshotPath, "utf8").split("\n")) {
      if (!json) continue;
      const item = JSON.parse(json) as Item;
      state.set(idOf(String(item.pk), String(item.sk)), json);
    }
  }
  const logPath = join(dir, LOG);
  if (existsSync(logPath)) for (const batch of readLog(logPath)) applyBatch(state, batch);
  dropExpired(state, now);
  return state;
}

function applyBatch(state: Map<string, string>, batch: LogBatch): void {
  for (const [pk, sk, json] of batch) {
    if (json === null) state.delete(idOf(pk, sk));
    else state.set(idOf(pk, sk), json);
  }
}

/** One batch on disk: `[pk, sk, item JSON | null (deleted)]` per change. */
type LogBatch = [string, string, string | null][];

const idOf = (pk: string, sk: string) => `${pk}\u0000${sk}`;

function checksum(json: string): string {
  return createHash("sha256").update(json).digest("hex").slice(0, 16);
}

function recordLine(json: string): string {
  return `${checksum(json)} ${json}`;
}

/**
 * The log's batches in order. A last line that is incomplete or fails its checksum is a write the
 * crash cut short: it is cut off the file. A bad line with good ones after it is damage, not a
 * crash, and stops the store from opening rather than silently dropping what follows.
 */
function readLog(path: string): LogBatch[] {
  const text = readFileSync(path, "utf8");
  const batches: LogBatch[] = [];
  let offset = 0;
  while (offset < text.length) {
    const end = text.indexOf("\n", offset);
    const line = end === -1 ? null : text.slice(offset, end);
    const batch = line === null ? null : parseRecord(line);
    if (batch === null) {
      const rest = end === -1 ? "" : text.slice(end + 1);
      if (rest.split("\n").some((l) => parseRecord(l) !== null)) {
        throw new ItemLogError(`${path} is damaged at byte ${Buffer.byteLength(text.slice(0, offset))}`);
      }
      break;
    }
    batches.push(batch);
    offset = end + 1;
  }
  return batches;
}

function parseRecord(line: string): LogBatch | null {
  const space = line.indexOf(" ");
  if (space !== 16) return null;
  const json = line.slice(space + 1);
  if (checksum(json) !== line.slice(0, space)) return null;
  try {
    return JSON.parse(json) as LogBatch;
  } catch {
    return null;
  }
}

/** DynamoDB deletes an item some time after its TTL (epoch seconds) has passed; here, at open. */
function dropExpired(state: Map<string, string>, now: Date): void {
  const nowSeconds = now.getTime() / 1000;
  for (const [id, json] of state) {
    const expiresAt = (JSON.parse(json) as Item)[tableSchema.ttlAttribute];
    if (typeof expiresAt === "number" && expiresAt < nowSeconds) state.delete(id);
  }
}

/** Written aside, flushed, then renamed over the old one: a reader sees the old or the new, never half. */
function writeSnapshot(dir: string, state: Map<string, string>): void {
  const path = join(dir, SNAPSHOT);
  const temp = `${path}.tmp`;
  const fd = openSync(temp, "w");
  try {
    let chunk: string[] = [];
    const flush = () => {
      if (chunk.length) writeAll(fd, Buffer.from(`${chunk.join("\n")}\n`));
      chunk = [];
    };
    for (const json of state.values()) {
      chunk.push(json);
      if (chunk.length >= 1000) flush();
    }
    flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncDir(dir);
}

function writeAll(fd: number, buffer: Buffer): void {
  let written = 0;
  while (written < buffer.length) written += writeSync(fd, buffer, written);
}

/** Makes a rename in `dir` durable (a no-op where directories cannot be opened, as on Windows). */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** One process at a time: a second writer would interleave its lines with ours. */
function takeLock(path: string): { release(): void } {
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new ItemLogError(
        `${path} says process ${pid} has this store open: stop it first (or delete the lock file if that process is not coffeechat)`,
      );
    }
  }
  writeFileSync(path, String(process.pid));
  return { release: () => rmSync(path, { force: true }) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
