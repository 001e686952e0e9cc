import type { MiddlewareHandler } from "hono";
import { sameHash } from "../ids.js";
import { csrfToken } from "../tokens.js";
import { PAGE_STYLE_HASH } from "./page-style.js";

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src '${PAGE_STYLE_HASH}'`,
  "img-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

/** Set on every response, errors included: the page is private and must not leak its URL. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  c.res.headers.set("Referrer-Policy", "no-referrer");
  c.res.headers.set("Cache-Control", "no-store");
  c.res.headers.set("X-Content-Type-Options", "nosniff");
  c.res.headers.set("X-Frame-Options", "DENY");
};

/**
 * Refuses a form POST another site made. A browser that names the site (Sec-Fetch-Site) must
 * say same-origin; an Origin naming anything but our own origin is refused. `Origin: null` is
 * what browsers send under `Referrer-Policy: no-referrer` (which this page sets), so it — like an
 * absent Origin from older clients — proves nothing either way and the CSRF token decides.
 */
export function originAllowed(
  origin: string | undefined,
  secFetchSite: string | undefined,
  webUrl: string,
): boolean {
  if (secFetchSite !== undefined && secFetchSite !== "same-origin" && secFetchSite !== "none") return false;
  if (origin === undefined || origin === "null") return true;
  return origin === originOf(webUrl);
}

/** The hidden form field: an HMAC of the current status token's hash, so it rotates with the link. */
export function formToken(tokenKey: string, statusTokenHash: string): string {
  return csrfToken(tokenKey, statusTokenHash);
}

export function formTokenValid(tokenKey: string, statusTokenHash: string, submitted: unknown): boolean {
  if (typeof submitted !== "string" || submitted.length > 256) return false;
  return sameHash(submitted, formToken(tokenKey, statusTokenHash));
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
