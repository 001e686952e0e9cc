/** Control characters other than tab and newline (NUL, lone CR, escape codes, bidi overrides). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Multi-line text from a mail: newlines normalised, control characters gone, length bounded. */
export function cleanText(text: string, maxChars: number): string {
  return text
    .slice(0, maxChars * 2)
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, "")
    .slice(0, maxChars);
}

/** A one-line value (name, subject, location): no CR/LF or control characters, spaces collapsed. */
export function cleanLine(text: string, maxChars = 200): string {
  return text
    .slice(0, maxChars * 4)
    .replace(/[\r\n\t]+/g, " ")
    .replace(CONTROL, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, maxChars);
}

export function nullIfEmpty(text: string | null | undefined): string | null {
  const t = text?.trim();
  return t ? t : null;
}

/** Cut to at most `maxChars`, at a word boundary when one is near, with an ellipsis. */
export function shorten(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > maxChars * 0.7 ? cut.slice(0, space) : cut}…`;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : "";
    }
    return Object.hasOwn(ENTITIES, body.toLowerCase()) ? (ENTITIES[body.toLowerCase()] ?? whole) : whole;
  });
}

const HIDDEN_BLOCKS: Array<[open: RegExp, close: string]> = [
  [/<!--/g, "-->"],
  [/<script\b/gi, "</script"],
  [/<style\b/gi, "</style"],
  [/<head\b/gi, "</head"],
  [/<title\b/gi, "</title"],
];

/** Drops comments, scripts, styles and the head; one forward scan per kind, so hostile HTML stays linear. */
function withoutBlocks(html: string): string {
  let text = html;
  for (const [open, close] of HIDDEN_BLOCKS) {
    const lower = text.toLowerCase();
    let out = "";
    let from = 0;
    open.lastIndex = 0;
    for (let m = open.exec(text); m; m = open.exec(text)) {
      out += text.slice(from, m.index);
      const end = lower.indexOf(close, m.index + m[0].length);
      if (end < 0) {
        from = text.length;
        break;
      }
      from = text.indexOf(">", end) + 1 || text.length;
      open.lastIndex = from;
    }
    text = out + text.slice(from);
  }
  return text;
}

/**
 * A readable plain-text version of an HTML body, good enough for finding forward headers,
 * quotes and signatures. Only linear patterns: the input is hostile.
 */
export function htmlToText(html: string, maxChars = 512 * 1024): string {
  const text = withoutBlocks(html.slice(0, maxChars))
    .replace(/<br\b[^>]*>/gi, "\n")
    .replace(/<blockquote\b[^>]*>/gi, "\n> ")
    .replace(/<\/(p|div|tr|li|h[1-6]|blockquote|table)\s*>/gi, "\n")
    .replace(/<hr\b[^>]*>/gi, "\n________________________________\n")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(text)
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n");
}
