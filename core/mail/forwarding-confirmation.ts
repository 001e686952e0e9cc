import type { Header } from "postal-mime";
import { domainOf, normalizeAddress } from "./addresses.js";

/** A mail provider asking the owner of log@ to confirm that a user may auto-forward to it. */
export interface ForwardingConfirmation {
  /** The address that asked to forward (the user, when they are registered). */
  requester: string | null;
  code: string | null;
  /** The confirmation link, whole; null when the mail holds none. */
  link: string | null;
}

const PROVIDERS = ["google.com", "googlemail.com", "microsoft.com", "outlook.com", "office365.com"];
const ABOUT_FORWARDING =
  /forwarding confirmation|confirm (your |the )?forwarding|requested to (automatically )?forward|forwarding address/i;
const ADDRESS = /[a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,63}/gi;
const LINK = /https:\/\/[^\s<>"')\]]{1,2000}/g;
const LONGEST_LINK = 2000;

function fromProvider(from: string | null): boolean {
  if (!from) return false;
  const domain = domainOf(from);
  return PROVIDERS.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/**
 * Gmail's and Outlook's "confirm forwarding" mail, or null. Only a provider's own sender is
 * believed: anyone else writing the same words is ordinary mail.
 */
export function readForwardingConfirmation(
  headers: Header[],
  from: string | null,
  subject: string | null,
  text: string,
  isOurs: (address: string) => boolean,
): ForwardingConfirmation | null {
  if (!fromProvider(from)) return null;
  const flagged = headers.some((h) => h.key === "x-google-address-confirmation");
  if (!flagged && !ABOUT_FORWARDING.test(`${subject ?? ""}\n${text.slice(0, 4000)}`)) return null;

  const words = `${subject ?? ""}\n${text.slice(0, 16_000)}`;
  const requester =
    [...words.matchAll(ADDRESS)]
      .flatMap((m) => normalizeAddress(m[0]) ?? [])
      .find((a) => a !== from && !isOurs(a) && !fromProvider(a)) ?? null;
  const code =
    /confirmation code\s*:?\s*([A-Za-z0-9-]{4,32})/i.exec(words)?.[1] ??
    /\(#(\d{4,32})\)/.exec(subject ?? "")?.[1] ??
    null;
  const links = [...text.matchAll(LINK)].map((m) => m[0]).filter((l) => l.length < LONGEST_LINK);
  const link = links.find((l) => /confirm|verif|vf-|mail-settings/i.test(l)) ?? links[0] ?? null;
  return { requester, code, link };
}
