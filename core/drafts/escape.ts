const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

const DEFAULT_HEADER_MAX = 200;

/**
 * One clean line, safe for a mail header: CR/LF and every other control or line-separator
 * character become spaces, runs of spaces collapse, and long text is cut with an ellipsis.
 */
export function headerSafe(text: string, maxLength = DEFAULT_HEADER_MAX): string {
  const line = oneLine(text);
  if (line.length <= maxLength) return line;
  return `${[...line]
    .slice(0, Math.max(1, maxLength - 1))
    .join("")
    .trimEnd()}…`;
}

/** C0/C1 controls, DEL, Unicode line/paragraph separators, bidi overrides and zero-width marks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/g;

/** One line of plain text: control characters and line breaks become single spaces. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE_CHARS, " ").replace(/\s+/g, " ").trim();
}

/** A line kept as written (indentation too), minus anything that would break it or hide text. */
export function safeLine(text: string): string {
  return text.replace(/\t/g, "  ").replace(UNSAFE_CHARS, " ");
}
