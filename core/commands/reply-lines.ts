/** Bounds on what is read: a reply is a few short lines; anything beyond is not a command. */
export const MAX_LINES = 50;
export const MAX_LINE_CHARS = 2_000;
const MAX_TEXT_CHARS = MAX_LINES * (MAX_LINE_CHARS + 2);

/** Control and invisible characters (bidi overrides, zero-width) that hide or reorder text. */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Where the user's own text ends: a signature delimiter, quoted mail, a mobile footer. */
const END_OF_TEXT: readonly RegExp[] = [
  /^(?:--|-- |—|__+|-{5,}.*)$/,
  /^>/,
  /^on\b.{0,300}\bwrote:?$/i,
  /^(?:from|sent|to|subject|date|cc)\s*:\s/i,
  /^-+\s*original message\s*-+$/i,
  /^begin forwarded message:?$/i,
  /^sent (?:from|with|via) (?:my |the )?.{0,60}$/i,
  /^get outlook for .{0,30}$/i,
  /^(?:envoyé|gesendet|enviado) (?:de|von|desde) .{0,60}$/i,
];

/** A closing ("Thanks,", "Best regards, Sam"): what follows it is the name. */
const CLOSING =
  /^(?:thanks|thank you|thx|ty|many thanks|cheers|best|best wishes|all the best|regards|best regards|kind regards|warm regards|warmly|sincerely|take care|talk soon)(?:[\s,.!-]+[\p{L}][\p{L}'.-]*(?:\s[\p{L}][\p{L}'.-]*){0,2})?[\s,.!]*$/iu;

/** An opening ("Hi,", "Hello coffeechat!"): not a command. */
const GREETING =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))(?:\s+[\p{L}'.-]{1,30}){0,3}\s*[,!.]?$/iu;

/** A line that reads like a signed name: one to three capitalised words. */
const NAME_SIGN_OFF = /^[-–—~\s]*\p{Lu}[\p{L}'.-]{0,30}(?:\s\p{Lu}[\p{L}'.-]{0,30}){0,2}$/u;

export interface ReplyLine {
  /** Trimmed, invisible characters removed, NFKC-normalised, at most MAX_LINE_CHARS. */
  text: string;
  /** The line was empty: ends a multi-line note. */
  blank: boolean;
  /** A closing formula ("Thanks,", "Best, Sam"): never a command, and a name may follow. */
  closing: boolean;
  /** An opening ("Hi,"): never a command. */
  greeting: boolean;
}

/**
 * The lines of the user's own text, in order: bounded, cleaned, cut at the first signature or
 * quote marker; closing formulas ("Thanks, Sam") are flagged.
 */
export function replyLines(input: string): ReplyLine[] {
  const raw = input.slice(0, MAX_TEXT_CHARS).split(/\r\n|\r|\n/, MAX_LINES);
  const lines: ReplyLine[] = [];
  for (const line of raw) {
    const text = line
      .replace(INVISIBLE, "")
      .normalize("NFKC")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, MAX_LINE_CHARS);
    if (END_OF_TEXT.some((marker) => marker.test(text))) break;
    lines.push({ text, blank: text === "", closing: CLOSING.test(text), greeting: GREETING.test(text) });
  }
  return lines;
}

export function looksLikeSignedName(text: string): boolean {
  return NAME_SIGN_OFF.test(text);
}
