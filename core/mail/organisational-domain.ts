import { domainToASCII } from "node:url";
import { getDomain } from "tldts";

/**
 * The public suffix list, ICANN and private sections alike: `github.io` and `co.uk` are suffixes
 * no one owns, so `a.github.io` and `b.github.io` belong to different organisations.
 */
const SUFFIXES = { allowIcannDomains: true, allowPrivateDomains: true, extractHostname: false } as const;

/**
 * The organisational domain (DMARC, RFC 7489 §3.2): the registered name one label below the
 * longest public suffix. Null for a public suffix itself (`com`, `co.uk`), an IP address or junk.
 */
export function organisationalDomain(domain: string): string | null {
  const ascii = domainToASCII(domain.trim().replace(/\.$/, "").toLowerCase());
  if (!ascii) return null;
  return getDomain(ascii, SUFFIXES);
}

/** DMARC's relaxed alignment: both names share one organisational domain (never a bare suffix). */
export function alignedRelaxed(signingDomain: string, fromDomain: string): boolean {
  const signer = organisationalDomain(signingDomain);
  return signer !== null && signer === organisationalDomain(fromDomain);
}
