import { addressConfirmToken } from "../../tokens.js";
import type { CommandContext } from "./context.js";

/**
 * Verbs about the user's data.
 * - export: the answer carries everything stored about the user as JSON, attached when it is
 *   sent (so it is read fresh, and only from this user's partition).
 * - forget: the contact, their meetings, interactions and every prompt about them (their
 *   schedules and reply tokens too) are deleted; other contacts they referred lose the
 *   `referredBy` link, and whoever referred them forgets their address. It reads only what is
 *   about that person (account-slice.ts `everythingAbout`).
 * - address add: a pending address with a link (valid 7 days) mailed to that address; it only
 *   counts once the link is followed (confirm-address.ts).
 */

const CONFIRM_DAYS = 7;
const MAX_PENDING_ADDRESSES = 3;
const MAX_ADDRESSES = 10;

export function exportData(ctx: CommandContext): string[] {
  if (ctx.channel !== "mail") return ["Export is sent by mail: send `export` to the log address."];
  ctx.attachExport = true;
  return ["Everything coffeechat stores about you is attached (coffeechat-export.json)."];
}

export function forget(ctx: CommandContext, email: string): string[] {
  const { changes } = ctx;
  const contact = changes.contact(email);
  const meetings = changes.account.meetings.filter((m) => m.contactEmail === email);
  const meetingIds = new Set(meetings.map((m) => m.id));
  const interactions = changes.account.interactions.filter((i) => i.contactEmail === email);
  const prompts = changes.account.prompts.filter(
    // Prompts hold ids, not copies: the ones about this person are all there is about them.
    (p) => p.contactEmail === email || (p.meetingId !== null && meetingIds.has(p.meetingId)),
  );
  if (!contact && meetings.length === 0 && interactions.length === 0 && prompts.length === 0) {
    return [`I have nothing stored about ${email}.`];
  }
  for (const prompt of prompts) changes.deletePrompt(prompt);
  for (const interaction of interactions) changes.deleteInteraction(interaction);
  for (const meeting of meetings) changes.deleteMeeting(meeting.id);
  for (const referred of changes.account.contacts.filter((c) => c.referredBy === email)) {
    changes.putContact({ ...referred, referredBy: null, updatedAt: changes.nowIso });
  }
  // Whoever referred them keeps no trace of their address either.
  for (const referrer of changes.account.contacts.filter((c) => c.referrals.includes(email))) {
    const referrals = referrer.referrals.filter((r) => r !== email);
    changes.putContact({ ...referrer, referrals, updatedAt: changes.nowIso });
  }
  if (contact) changes.deleteContact(email);
  return [
    `Forgot ${email}: the contact, ${count(meetings.length, "meeting")}, ${count(interactions.length, "logged mail")} and ${count(prompts.length, "prompt")} are deleted.`,
  ];
}

export function addAddress(ctx: CommandContext, address: string): string[] {
  const { changes, config } = ctx;
  const user = changes.user;
  if (user.addresses.includes(address)) return [`${address} is already one of your addresses.`];
  if (
    address === config.inboxAddress.toLowerCase() ||
    address.endsWith(`@${config.mailDomain.toLowerCase()}`)
  ) {
    return ["That is a coffeechat address, not one you send from."];
  }
  if (user.addresses.length >= MAX_ADDRESSES)
    return [`You already have ${MAX_ADDRESSES} addresses; that is as many as I keep.`];
  const now = changes.now.getTime();
  const stillPending = user.pendingAddresses.filter(
    (p) => Date.parse(p.expiresAt) > now && p.address !== address,
  );
  if (stillPending.length >= MAX_PENDING_ADDRESSES) {
    return [
      `${MAX_PENDING_ADDRESSES} addresses are already waiting for confirmation; confirm those first (or wait a week).`,
    ];
  }
  const { token, hash } = addressConfirmToken(config.tokenKey, user.id, address);
  const expiresAt = new Date(now + CONFIRM_DAYS * 24 * 3_600_000).toISOString();
  changes.setUser({ ...user, pendingAddresses: [...stillPending, { address, tokenHash: hash, expiresAt }] });
  changes.putToken({ hash, userId: user.id, kind: "address_confirm", promptId: null, address, expiresAt });
  const link = `${config.webUrl}/a/${token}`;
  changes.sendMessage(`address:${address}:${ctx.messageKey}`, "answer", {
    subject: "coffeechat: confirm this address",
    lines: [
      `Someone using coffeechat (${user.addresses[0] ?? "a coffeechat user"}) asked to add this address (${address}) as one they send from.`,
      "If that was you, confirm it here within 7 days:",
      link,
      "If it wasn't you, ignore this mail: nothing changes.",
    ],
    to: address,
    attachExport: false,
  });
  return [
    `I sent a confirmation link to ${address}. Once you follow it (within 7 days), mail from that address counts as yours.`,
  ];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
