import type { Deps } from "../deps.js";
import { isMailboxName } from "../drafts/names.js";
import type { User } from "../model/user.js";
import { statusPageUrl, statusToken, userIdFor } from "../tokens.js";

/** Registers a user by address (idempotent) and returns their status link; `name` (their From display name) signs their drafts. */
export async function registerUser(
  deps: Deps,
  address: string,
  name: string | null = null,
): Promise<{ userId: string; statusUrl: string; created: boolean }> {
  const email = address.trim().toLowerCase();
  const userId = userIdFor(deps.config.tokenKey, email);
  const existing = await deps.store.getUser(userId);
  if (existing)
    return {
      userId,
      statusUrl: statusPageUrl(deps.config, userId, existing.statusTokenVersion),
      created: false,
    };
  const { hash } = statusToken(deps.config.tokenKey, userId, 1);
  const user: User = {
    id: userId,
    addresses: [email],
    pendingAddresses: [],
    name: userName(name, email),
    timeZone: deps.config.defaults.timeZone,
    timeZoneSource: "default",
    promptHour: deps.config.defaults.promptHour,
    cadenceMonths: deps.config.defaults.cadenceMonths,
    paused: false,
    bouncing: false,
    statusTokenHash: hash,
    statusTokenVersion: 1,
    landed: null,
    contactRefs: true,
    revision: 0,
    createdAt: deps.clock.now().toISOString(),
  };
  const result = await deps.store.commit(userId, [
    { op: "putUser", user, ifNew: true },
    { op: "putAddress", address: email, userId, ifNew: true },
  ]);
  if (!result.ok) {
    const raced = await deps.store.getUser(userId);
    if (raced)
      return {
        userId,
        statusUrl: statusPageUrl(deps.config, userId, raced.statusTokenVersion),
        created: false,
      };
    throw new Error(`address ${email} already belongs to another user`);
  }
  return { userId, statusUrl: statusPageUrl(deps.config, userId, user.statusTokenVersion), created: true };
}

/** A display name that is a person's name, not the address again ("sam@x.com", "sam"): else null. */
export function userName(name: string | null | undefined, address: string): string | null {
  const clean = (name ?? "").replace(/\s+/g, " ").trim().slice(0, 100);
  if (!clean || clean.includes("@") || isMailboxName({ name: clean, email: address })) return null;
  return clean;
}
