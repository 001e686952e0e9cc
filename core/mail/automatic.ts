import type { Header } from "postal-mime";

/** Subjects out-of-office replies use when their headers say nothing (iCloud, older servers). */
const AUTO_REPLY_SUBJECT =
  /^(auto(matic)?[ -]?(reply|response|respons|antwort)|out of (the )?office|abwesenheitsnotiz|r[ée]ponse automatique|respuesta autom[aá]tica|undeliverable|undelivered mail|delivery status notification|mail delivery (failed|failure))\b/i;
const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/;

function headerValue(headers: Header[], key: string): string | null {
  const header = headers.find((h) => h.key === key);
  return header ? header.value.trim() : null;
}

/**
 * Why a mail was written by a machine (RFC 3834 auto-replies, bounces and delivery reports,
 * list and bulk mail), or null when a person wrote it. Such mail is logged and never answered:
 * two robots must not answer each other.
 */
export function automaticReason(
  headers: Header[],
  from: string | null,
  subject: string | null,
): string | null {
  const autoSubmitted = headerValue(headers, "auto-submitted");
  if (autoSubmitted && !/^no\b/i.test(autoSubmitted)) return `Auto-Submitted: ${autoSubmitted.split(";")[0]}`;
  const precedence = headerValue(headers, "precedence");
  if (precedence && /^(bulk|list|junk|auto_reply)\b/i.test(precedence)) return `Precedence: ${precedence}`;
  if (headerValue(headers, "x-auto-response-suppress")) return "X-Auto-Response-Suppress";
  if (headerValue(headers, "list-id")) return "List-Id";
  if (headers.some((h) => h.key === "x-autoreply" || h.key === "x-autorespond")) return "X-Autoreply";
  if (/vacation/i.test(headerValue(headers, "x-apple-action") ?? "")) return "X-Apple-Action: VACATION";
  if (/^multipart\/report/i.test(headerValue(headers, "content-type") ?? "")) return "delivery report";
  if (headerValue(headers, "return-path") === "<>") return "empty Return-Path";
  if (from && BOUNCE_SENDER.test(from)) return "bounce";
  if (subject && AUTO_REPLY_SUBJECT.test(subject)) return "auto-reply subject";
  return null;
}
