import { CoffeechatError, ErrorCode } from "../errors.js";

export interface ParseLimits {
  maxParts: number;
  maxHeaderBytes: number;
  parseBudgetMs: number;
}

/** Boundaries declared anywhere in the text; a hostile mail may declare many, so they are capped. */
const BOUNDARY = /boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi;
const MAX_BOUNDARIES = 5_000;

function asLatin1(raw: Uint8Array): string {
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("latin1");
}

/** Bytes before the first empty line: the top-level header block. */
export function headerBlockBytes(text: string): number {
  const crlf = text.indexOf("\r\n\r\n");
  const lf = text.indexOf("\n\n");
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : text.length;
}

/**
 * Counts MIME parts by their delimiter lines, without parsing: postal-mime bounds nesting
 * depth but not how many sibling parts a message declares. `partsSoFar` carries the count
 * across a message and the messages attached inside it.
 */
export function countParts(text: string, limit: number, partsSoFar = 0): number {
  const boundaries = new Set<string>();
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m && boundaries.size < MAX_BOUNDARIES; m = BOUNDARY.exec(text)) {
    const b = (m[1] ?? m[2] ?? "").trim();
    if (b) boundaries.add(b);
  }
  let parts = partsSoFar;
  if (boundaries.size === 0) return parts + 1;
  for (
    let at = text.startsWith("--") ? 0 : text.indexOf("\n--");
    at >= 0;
    at = text.indexOf("\n--", at + 1)
  ) {
    const start = text[at] === "\n" ? at + 3 : 2;
    const eol = text.indexOf("\n", start);
    const line = text.slice(start, eol < 0 ? undefined : Math.min(eol, start + 300)).trimEnd();
    if (boundaries.has(line)) {
      parts++;
      if (parts > limit) throw tooManyParts(limit);
    }
  }
  return parts;
}

export function tooManyParts(limit: number): CoffeechatError {
  return new CoffeechatError(
    ErrorCode.TooManyParts,
    `The message has more than ${limit} parts or is nested too deeply; it was not read.`,
  );
}

/**
 * postal-mime's cost grows with the line count whatever the lines' length (~2–3 µs a line with its
 * decoders patched, see patches/), and one parse is one step the budget cannot interrupt. 200k
 * lines parse in about half a second; a mail at the 10 MB size limit carrying a base64
 * attachment has ~135k, so only mail built of short lines meets this limit.
 */
export const MAX_LINES = 200_000;

function hasMoreLinesThan(text: string, limit: number): boolean {
  let lines = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) {
    if (++lines > limit) return true;
  }
  return false;
}

/** Header size, line and part count, checked on the raw bytes before any MIME parsing. */
export function checkRawLimits(raw: Uint8Array, limits: ParseLimits, partsSoFar = 0): number {
  const text = asLatin1(raw);
  const headerBytes = headerBlockBytes(text);
  if (headerBytes > limits.maxHeaderBytes) {
    throw new CoffeechatError(
      ErrorCode.TooLarge,
      `The message headers are ${Math.round(headerBytes / 1024)} KB, over the ${Math.round(limits.maxHeaderBytes / 1024)} KB limit; it was not read.`,
    );
  }
  const parts = countParts(text, limits.maxParts, partsSoFar);
  if (hasMoreLinesThan(text, MAX_LINES)) {
    throw new CoffeechatError(
      ErrorCode.TooLarge,
      `The message has more than ${MAX_LINES.toLocaleString("en-US")} lines; it was not read.`,
    );
  }
  return parts;
}

/** A wall-clock budget for one parse; checked between steps (a step itself is bounded by the limits). */
export class ParseBudget {
  private readonly deadline: number;

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.deadline = now() + budgetMs;
  }

  check(): void {
    if (this.now() > this.deadline) {
      throw new CoffeechatError(
        ErrorCode.ParseBudget,
        `The message took longer than ${this.budgetMs} ms to read; it was not processed.`,
      );
    }
  }
}
