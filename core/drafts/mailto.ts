import { oneLine } from "./escape.js";

export interface MailtoParts {
  to: string;
  subject: string;
  body: string;
}

/** encodeURIComponent, plus the sub-delimiters it leaves alone, so the URI holds only unreserved characters and escapes. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The local part and domain are encoded separately: RFC 6068 keeps the "@" literal. */
function encodeAddress(address: string): string {
  const clean = oneLine(address).replace(/\s/g, "");
  const at = clean.lastIndexOf("@");
  if (at < 0) return encode(clean);
  return `${encode(clean.slice(0, at))}@${encode(clean.slice(at + 1))}`;
}

/**
 * A `mailto:` URI (RFC 6068) with To, Subject and Body filled. Every value is percent-encoded
 * (encodeURIComponent, and !'()* too), and line breaks in the body are sent as CRLF (%0D%0A) as the RFC asks.
 */
export function mailtoLink({ to, subject, body }: MailtoParts): string {
  const crlfBody = body.replace(/\r\n|\r|\n/g, "\r\n");
  return `mailto:${encodeAddress(to)}?subject=${encode(oneLine(subject))}&body=${encode(crlfBody)}`;
}
