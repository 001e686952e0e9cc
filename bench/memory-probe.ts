/**
 * Run as its own process (`node --expose-gc --import tsx bench/memory-probe.ts <mail.eml> <warm-up.eml>`):
 * receives one message after a warm-up and prints, as JSON, how far RSS peaked above where it stood
 * just before. A process of its own, so the peak belongs to that message alone.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { receiveMail } from "../core/usecases/receive-mail.js";
import { fromAddressOf } from "./mail-files.js";
import { readyToReceive } from "./per-email.js";

export interface MemoryProbe {
  rssBeforeMb: number;
  peakRssMb: number;
  peakDeltaMb: number;
  ms: number;
  outcome: string;
}

async function receiveFile(path: string, id: string): Promise<{ ms: number; outcome: string }> {
  const bytes = new Uint8Array(readFileSync(path));
  const { deps, delivery } = await readyToReceive(bytes, await fromAddressOf(bytes), id);
  const started = performance.now();
  const outcome = await receiveMail(deps, delivery).catch(
    (e: unknown) => `threw: ${e instanceof Error ? e.message : e}`,
  );
  return { ms: performance.now() - started, outcome };
}

const [target, warmUp] = process.argv.slice(2);
if (!target || !warmUp) {
  console.error("usage: memory-probe.ts <mail.eml> <warm-up.eml>");
  process.exit(2);
}
await receiveFile(warmUp, "warm-up");
(globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => bytes / (1024 * 1024);
const rssBefore = process.memoryUsage().rss;
const { ms, outcome } = await receiveFile(target, "probe");
// maxRSS is the process's high-water mark, in KiB.
const peak = process.resourceUsage().maxRSS * 1024;
const probe: MemoryProbe = {
  rssBeforeMb: mb(rssBefore),
  peakRssMb: mb(peak),
  peakDeltaMb: mb(Math.max(0, peak - rssBefore)),
  ms,
  outcome,
};
process.stdout.write(JSON.stringify(probe));
