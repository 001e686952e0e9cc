import { cleanLine } from "./text.js";

const EMAIL =
  /^[^\s@<>()[\]",;:\\]{1,64}@[a-z0-9](?:[a-z0-9.-]{0,253}[a-z0-9])?\.[a-z]{2,63}$|^[^\s@<>()[\]",;:\\]{1,64}@localhost$/i;

/** A lower-cased address, or null when the text is not one address. */
export function normalizeAddress(text: string | null | undefined): string | null {
  const address = text
    ?.trim()
    .replace(/^<|>$/g, "")
    .replace(/^mailto:/i, "")
    .toLowerCase();
  return address && EMAIL.test(address) ? address : null;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

const REPLY_ADDRESS = /^reply\+([a-z0-9_-]{8,128})@/;

/**
 * coffeechat's own: any address at its mail domain, and `log@` or `reply+…@` at any domain
 * (a self-hosted copy, or a file written for another deployment, is never a contact).
 */
export function isCoffeechatAddress(address: string, mailDomain: string): boolean {
  return (
    domainOf(address) === mailDomain.toLowerCase() ||
    address.startsWith("log@") ||
    REPLY_ADDRESS.test(address)
  );
}

/** `reply+<token>@…` → the token. */
export function replyTokenOf(address: string): string | null {
  return REPLY_ADDRESS.exec(address)?.[1] ?? null;
}

/** Senders and organisers that are calendar or booking systems, not people. */
const SERVICE_DOMAINS = [
  "calendly.com",
  "calendar.google.com",
  "zoom.us",
  "zoom.com",
  "cal.com",
  "savvycal.com",
  "acuityscheduling.com",
  "doodle.com",
  "youcanbook.me",
  "hubspot.com",
  "chilipiper.com",
  "microsoftonline.com",
  "teams.microsoft.com",
  "teams.mail.microsoft",
  "webex.com",
  "eventbrite.com",
  "meetup.com",
];
const SERVICE_ADDRESSES = new Set([
  "calendar-notification@google.com",
  "calendar-server@google.com",
  "noreply@google.com",
]);
const ROBOT_LOCAL_PART =
  /^(no-?reply|do-?not-?reply|donotreply|notifications?|mailer-daemon|postmaster|calendar|invites?|bounces?)([+._-].*)?$/;

export function isCalendarService(address: string): boolean {
  if (SERVICE_ADDRESSES.has(address)) return true;
  const domain = domainOf(address);
  if (SERVICE_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`))) return true;
  return ROBOT_LOCAL_PART.test(address.slice(0, address.lastIndexOf("@")));
}

const FREE_MAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "hotmail.co.uk",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.co.uk",
  "yahoo.fr",
  "ymail.com",
  "rocketmail.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "protonmail.ch",
  "pm.me",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.ru",
  "yandex.ru",
  "yandex.com",
  "zoho.com",
  "fastmail.com",
  "fastmail.fm",
  "hey.com",
  "tutanota.com",
  "tuta.io",
  "qq.com",
  "163.com",
  "126.com",
  "mail.com",
  "inbox.com",
  "hushmail.com",
  "comcast.net",
  "verizon.net",
  "att.net",
  "sbcglobal.net",
  "btinternet.com",
  "orange.fr",
  "free.fr",
  "laposte.net",
  "libero.it",
  "t-online.de",
  "seznam.cz",
  "naver.com",
  "daum.net",
  "rediffmail.com",
]);

/** Second-level labels under which the organisation is the label before them (acme.co.uk). */
const SECOND_LEVEL = new Set(["co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "ne", "or", "go"]);

/** "jane@mail.acme-labs.co.uk" → "Acme Labs"; free-mail and coffeechat's own domains → null. */
export function companyFromAddress(address: string, mailDomain: string): string | null {
  const domain = domainOf(address);
  if (FREE_MAIL.has(domain) || isCoffeechatAddress(address, mailDomain) || domain === "localhost")
    return null;
  const labels = domain.split(".");
  if (labels.length < 2) return null;
  const secondLast = labels[labels.length - 2] ?? "";
  const nameLabel =
    labels.length >= 3 && SECOND_LEVEL.has(secondLast) && (labels[labels.length - 1] ?? "").length === 2
      ? labels[labels.length - 3]
      : secondLast;
  if (!nameLabel || /^\d+$/.test(nameLabel)) return null;
  return nameLabel
    .split(/[-_]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

/** A display name as people read it: decoded, unquoted, one line; null when it is only the address. */
export function displayName(name: string | null | undefined, address: string): string | null {
  const cleaned = cleanLine(name ?? "", 100)
    .replace(/^["'\s]+|["'\s]+$/g, "")
    .trim();
  if (!cleaned || cleaned.toLowerCase() === address || normalizeAddress(cleaned) !== null) return null;
  return cleaned;
}
