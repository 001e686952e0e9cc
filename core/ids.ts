import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { base32 } from "./base32.js";

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function shortHash(text: string, length = 24): string {
  return base32(createHash("sha256").update(text).digest()).slice(0, length);
}

/** 160 random bits: used for status and reply tokens, stored only as sha256. */
export function randomToken(): string {
  return base32(randomBytes(20));
}

export function tokenHash(token: string): string {
  return sha256(`coffeechat-token:${token}`);
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function promptId(userId: string, key: string): string {
  return `prm_${shortHash(`${userId}\n${key}`)}`;
}

export function meetingId(uid: string): string {
  return `mtg_${shortHash(uid)}`;
}

export function interactionId(messageKey: string, contactEmail: string): string {
  return `int_${shortHash(`${messageKey}\n${contactEmail}`, 16)}`;
}

/** Schedule names allow [0-9a-zA-Z-_.], up to 64 characters. */
export function scheduleName(promptIdValue: string): string {
  return `cc-${promptIdValue}`;
}

export function messageKey(messageIdHeader: string | null, fallback: string): string {
  const id = messageIdHeader?.trim().replace(/^<|>$/g, "").toLowerCase();
  return id ? `mid:${shortHash(id, 32)}` : `ses:${shortHash(fallback, 32)}`;
}
