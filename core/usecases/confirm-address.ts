import type { Deps } from "../deps.js";
import { sameHash, tokenHash } from "../ids.js";
import { AccountChanges } from "./account-changes.js";
import { userOnly } from "./account-slice.js";
import { commitChanges } from "./commit-changes.js";

/**
 * The link mailed by `address add`: the address becomes the user's once its token is shown
 * before it expires. The token is deleted with that change, so the link works once; two
 * concurrent clicks both say "confirmed" and add the address once (the address item is
 * written only if new, in the same transaction).
 */
export async function confirmAddress(deps: Deps, token: string): Promise<"confirmed" | "invalid"> {
  if (typeof token !== "string" || !/^[a-z2-7]{16,64}$/.test(token)) return "invalid";
  const hash = tokenHash(token);
  const record = await deps.store.findToken(hash);
  if (record?.kind !== "address_confirm" || !record.address) return "invalid";
  const address = record.address;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const user = await deps.store.getUser(record.userId);
    if (!user) return "invalid";
    if (user.addresses.includes(address)) return "confirmed";
    const now = deps.clock.now();
    const pending = user.pendingAddresses.find((p) => p.address === address && sameHash(p.tokenHash, hash));
    if (!pending || Date.parse(pending.expiresAt) <= now.getTime()) return "invalid";

    const changes = new AccountChanges(userOnly(user), now, deps.config.tokenKey);
    changes.setUser({
      ...user,
      addresses: [...user.addresses, address],
      pendingAddresses: user.pendingAddresses.filter((p) => p.address !== address),
    });
    changes.putAddress(address, true);
    changes.deleteToken(hash);
    // Prompts hold ids: the next one goes to the address list read when it is sent.
    if ((await commitChanges(deps, changes)) === "committed") return "confirmed";
    // Raced: with itself (a double click, the next round says "confirmed"), with another change
    // of the profile (the next round tries again), or the address is someone else's already.
    if (await deps.store.findUserIdByAddress(address).then((owner) => owner !== null && owner !== user.id))
      return "invalid";
  }
  return "invalid";
}

/** A profile changed meanwhile is read again this often. */
const ATTEMPTS = 3;
