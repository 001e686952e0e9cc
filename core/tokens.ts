import { createHmac } from "node:crypto";
import { base32 } from "./base32.js";
import { tokenHash } from "./ids.js";

/**
 * Tokens are HMACs of the server's token key (an SST secret; 256 random bits): 160 bits that
 * nobody can guess, derivable when a mail is rendered, stored only as hashes, rotated by a
 * version bump. Lower-case base32 so they survive in a mail local part.
 */
function mac(key: string, purpose: string): string {
  return base32(createHmac("sha256", key).update(purpose).digest().subarray(0, 20));
}

/** `<userId>.<mac>`: the user id lets the page read its profile by key; the mac is the secret. */
export function statusToken(key: string, userId: string, version: number): { token: string; hash: string } {
  const token = `${userId}.${mac(key, `status:${userId}:${version}`)}`;
  return { token, hash: tokenHash(token) };
}

export function parseStatusToken(token: string): { userId: string } | null {
  const match = /^(usr_[a-z2-7]{16,32})\.[a-z2-7]{32}$/.exec(token);
  return match?.[1] ? { userId: match[1] } : null;
}

/** The user's status page: the token in its path is the only key to it (see web/status-access.ts). */
export function statusPageUrl(
  config: { webUrl: string; tokenKey: string },
  userId: string,
  statusTokenVersion: number,
): string {
  return `${config.webUrl}/s/${statusToken(config.tokenKey, userId, statusTokenVersion).token}`;
}

/** The reply address token of one prompt: never the prompt id in clear. */
export function replyToken(key: string, userId: string, promptId: string): { token: string; hash: string } {
  const token = mac(key, `reply:${userId}:${promptId}`);
  return { token, hash: tokenHash(token) };
}

export function addressConfirmToken(
  key: string,
  userId: string,
  address: string,
): { token: string; hash: string } {
  const token = mac(key, `address:${userId}:${address}`);
  return { token, hash: tokenHash(token) };
}

export function csrfToken(key: string, statusTokenHash: string): string {
  return mac(key, `csrf:${statusTokenHash}`);
}

/** Deterministic, so the user partition for a sender can be found without a lookup. */
export function userIdFor(key: string, primaryAddress: string): string {
  return `usr_${mac(key, `user:${primaryAddress.toLowerCase()}`).slice(0, 20)}`;
}
