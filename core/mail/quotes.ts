import EmailReplyParser from "email-reply-parser";
import { cleanText } from "./text.js";

/** The reply parsers run plain RegExps (no RE2 here): only this much text reaches them. */
const MAX_REPLY_CHARS = 32 * 1024;

/** Lines where quoted history starts, in the common clients' wording. */
const QUOTE_HEADERS: RegExp[] = [
  /^>/, // Apple Mail, Thunderbird and plain-text quoting
  /^-{2,}\s*(original message|forwarded message|message d'origine|ursprüngliche nachricht|mensaje original)\s*-{2,}/i,
  // Any client's, any language's "-----Original Appointment-----" / "-----Původní zpráva-----".
  /^-{3,}\s*[^-\s][^-]{0,60}-{3,}\s*$/,
  /^_{8,}\s*$/, // Outlook's rule above "From: … Sent: …"
  /^(from|von|de|da|van)\s*:\s.*\S/i, // Outlook header block
  /^on\s.{1,300}\s(wrote|writes):\s*$/i, // Gmail, Apple Mail
  /^le\s.{1,300}\sa écrit\s*:\s*$/i,
  /^am\s.{1,300}\sschrieb\s.{0,200}:\s*$/i,
  /^el\s.{1,300}\sescribió:\s*$/i,
  /^begin forwarded message:/i,
];

/** Gmail folds long "On … wrote:" lines: the quote header may start a line above "wrote:". */
const WROTE_ALONE = /^.{0,200}\s?(wrote|writes|a écrit|schrieb|escribió)\s*:\s*$/i;

function cutAtQuotedHistory(text: string): string {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (QUOTE_HEADERS.some((p) => p.test(line))) return lines.slice(0, i).join("\n");
    if (WROTE_ALONE.test(line) && /^on\s/i.test((lines[i - 1] ?? "").trim()))
      return lines.slice(0, i - 1).join("\n");
  }
  return text;
}

function withoutSignature(text: string): string {
  const lines = text.split("\n");
  const dashes = lines.findIndex((l) => l === "-- " || l.trim() === "--");
  const kept = dashes >= 0 ? lines.slice(0, dashes) : lines;
  return kept
    .filter((l) => !/^sent from my \w+/i.test(l.trim()) && !/^get outlook for \w+/i.test(l.trim()))
    .join("\n");
}

/** What the sender newly wrote: quoted history, forwarded parts and the signature removed. */
export function newText(body: string): string {
  const own = cutAtQuotedHistory(cleanText(body, MAX_REPLY_CHARS));
  let visible: string;
  try {
    visible = new EmailReplyParser().read(own).getVisibleText();
  } catch {
    visible = own;
  }
  // The parser treats closing words as a signature; a one-word command must survive it.
  const text = withoutSignature(visible.trim() ? visible : own);
  return text
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A short note the user wrote (above a forward): signature and quotes removed, kept whole otherwise. */
export function userNote(text: string | null | undefined): string | null {
  if (!text) return null;
  const own = withoutSignature(cutAtQuotedHistory(cleanText(text, MAX_REPLY_CHARS)));
  const note = own
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return note ? wholeWords(note, MAX_NOTE_CHARS) : null;
}

const MAX_NOTE_CHARS = 4000;

/** At most `max` characters, cut at a space so that no word or link is cut in two. */
function wholeWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(" ", max);
  return text.slice(0, space > 0 ? space : max).trimEnd();
}
