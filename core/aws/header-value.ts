/**
 * A value safe to put in a mail header: CR, LF and the other line breaks (with any folding
 * whitespace around them) become one space (so
 * `"Hi\r\nBcc: x"` can never start a header of its own), other control characters go.
 */
export function headerValue(value: string): string {
  return (
    value
      .replace(/[ \t]*[\r\n\u0085\u2028\u2029]+[ \t]*/g, " ")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .trim()
  );
}

/** RFC 5322 field names: printable ASCII without the colon. */
export function isHeaderName(name: string): boolean {
  return /^[!-9;-~]+$/.test(name);
}
