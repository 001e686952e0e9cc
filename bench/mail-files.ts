import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import PostalMime from "postal-mime";
import { RAW_MAIL_PREFIX } from "../core/usecases/inbound-event.js";
import type { InboundMail } from "../core/usecases/receive-mail.js";
import { repoRoot } from "./build.js";

/** The shared real-world corpus, beside the repository; absent on some machines. */
export const corpusDir = join(repoRoot, "../shared/corpus");
export const fixturesDir = join(repoRoot, "test/fixtures");

export interface MailFile {
  /** Path relative to the repository root, for the report. */
  label: string;
  path: string;
  bytes: number;
}

/** Every .eml under the corpus (if present) and our own fixtures, and a note when the corpus is missing. */
export function mailFiles(): { files: MailFile[]; notes: string[] } {
  const notes: string[] = [];
  const roots = [fixturesDir];
  if (existsSync(corpusDir)) roots.unshift(corpusDir);
  else notes.push(`corpus not found at ${corpusDir}: per-email timings use test/fixtures only`);
  const files = roots
    .flatMap((root) => walk(root))
    .map((path) => ({
      label: relative(repoRoot, path),
      path,
      bytes: statSync(path).size,
    }));
  return { files, notes };
}

function walk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith(".eml")) found.push(path);
  }
  return found.sort();
}

/** The From address as a plain MIME reader sees it: who to register so the mail is from a user. */
export async function fromAddressOf(bytes: Uint8Array): Promise<string | null> {
  try {
    const email = await PostalMime.parse(bytes);
    const address = email.from?.address?.trim().toLowerCase();
    return address?.includes("@") ? address : null;
  } catch {
    return null;
  }
}

/** The SES delivery of one stored message, every verdict PASS. */
export function passingDelivery(
  sesMessageId: string,
  from: string | null,
  bucket: string,
  inbox: string,
): InboundMail {
  return {
    sesMessageId,
    headerFrom: from ? [from] : [],
    recipients: [inbox],
    verdicts: { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS" },
    raw: { bucket, key: `${RAW_MAIL_PREFIX}${sesMessageId}` },
  };
}
