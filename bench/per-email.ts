import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { RAW_MAIL_PREFIX } from "../core/usecases/inbound-event.js";
import { receiveMail } from "../core/usecases/receive-mail.js";
import { registerUser } from "../core/usecases/register-user.js";
import { testDeps } from "../test/support/fake-deps.js";
import { percentile } from "./cold-import.js";
import { fromAddressOf, type MailFile, passingDelivery } from "./mail-files.js";

/** A fixed "now" a week before the fixture invite, so plans are the same on every run. */
export const BENCH_NOW = new Date("2026-11-25T15:00:00Z");

export interface PerEmailResult {
  messages: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The slowest messages by their median timed run, slowest first. */
  slowest: { label: string; bytes: number; ms: number }[];
  /** How the messages ended (logged, refused, …), and which threw. */
  outcomes: Record<string, number>;
  errors: { label: string; message: string }[];
}

interface PreparedMail {
  file: MailFile;
  bytes: Uint8Array;
  from: string | null;
}

/**
 * Parse + plan + state writes for every message: the real `receiveMail` use case against the
 * memory store and recording fakes, its sender registered first. Each run gets fresh fakes
 * (set up untimed) so every message is new to the store. One warm-up pass, then `passes` timed.
 */
export async function measurePerEmail(files: MailFile[], passes = 3): Promise<PerEmailResult> {
  const mails: PreparedMail[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file.path));
    mails.push({ file, bytes, from: await fromAddressOf(bytes) });
  }

  const outcomes: Record<string, number> = {};
  const errors: PerEmailResult["errors"] = [];
  const samples: number[] = [];
  const perMail = mails.map(() => [] as number[]);

  for (let pass = -1; pass < passes; pass++) {
    for (const [index, mail] of mails.entries()) {
      const { deps, delivery } = await readyToReceive(mail.bytes, mail.from, `bench-${index}`);

      const started = performance.now();
      let outcome: string;
      try {
        outcome = await receiveMail(deps, delivery);
      } catch (error) {
        outcome = "threw";
        if (pass === -1)
          errors.push({
            label: mail.file.label,
            message: error instanceof Error ? error.message : String(error),
          });
      }
      const ms = performance.now() - started;

      if (pass === -1) {
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        continue;
      }
      samples.push(ms);
      perMail[index]?.push(ms);
    }
  }

  return {
    messages: mails.length,
    samples: samples.length,
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    maxMs: samples.length ? Math.max(...samples) : Number.NaN,
    slowest: mails
      .map((m, i) => ({ label: m.file.label, bytes: m.file.bytes, ms: percentile(perMail[i] ?? [], 50) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5),
    outcomes,
    errors,
  };
}

/** Fresh fakes holding the message where the S3 action would, its sender registered: all set up untimed. */
export async function readyToReceive(bytes: Uint8Array, from: string | null, sesMessageId: string) {
  const deps = testDeps({ now: BENCH_NOW });
  if (from) await registerUser(deps, from);
  deps.rawMail.put(`${RAW_MAIL_PREFIX}${sesMessageId}`, bytes);
  const delivery = passingDelivery(
    sesMessageId,
    from,
    deps.config.rawMailBucket ?? "raw-mail",
    deps.config.inboxAddress,
  );
  return { deps, delivery };
}

/** The largest message of a list (by bytes on disk). */
export function largestMail(files: MailFile[]): MailFile | null {
  return files.reduce<MailFile | null>((max, f) => (!max || f.bytes > max.bytes ? f : max), null);
}
