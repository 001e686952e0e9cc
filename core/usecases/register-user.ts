import type { Deps } from "../deps.js";
import type { User } from "../model/user.js";
import { statusToken, userIdFor } from "../tokens.js";
import { statusPageUrl } from "../web/status-link.js";

/** Registers a user by address (idempotent) and returns their status link. */
export async function registerUser(
  deps: Deps,
  address: string,
): Promise<{ userId: string; statusUrl: string; created: boolean }> {
  const email = address.trim().toLowerCase();
  const userId = userIdFor(deps.config.tokenKey, email);
  const existing = await deps.store.loadAccount(userId);
  if (existing) return { userId, statusUrl: statusUrl(deps, existing.user), created: false };
  const { hash } = statusToken(deps.config.tokenKey, userId, 1);
  const user: User = {
    id: userId,
    addresses: [email],
    pendingAddresses: [],
    timeZone: deps.config.defaults.timeZone,
    timeZoneSource: "default",
    promptHour: deps.config.defaults.promptHour,
    cadenceMonths: deps.config.defaults.cadenceMonths,
    paused: false,
    bouncing: false,
    statusTokenHash: hash,
    statusTokenVersion: 1,
    landed: null,
    createdAt: deps.clock.now().toISOString(),
  };
  const result = await deps.store.commit(userId, [
    { op: "putUser", user, ifNew: true },
    { op: "putAddress", address: email, userId, ifNew: true },
  ]);
  if (!result.ok) {
    const raced = await deps.store.loadAccount(userId);
    if (raced) return { userId, statusUrl: statusUrl(deps, raced.user), created: false };
    throw new Error(`address ${email} already belongs to another user`);
  }
  return { userId, statusUrl: statusUrl(deps, user), created: true };
}

function statusUrl(deps: Pick<Deps, "config">, user: User): string {
  return statusPageUrl(deps.config, user.id, user.statusTokenVersion);
}
