import { sameHash, tokenHash } from "../ids.js";
import type { User } from "../model/user.js";
import type { Store } from "../store/store.js";
import { parseStatusToken } from "../tokens.js";

/** Far longer than any real token: the rest is not even hashed. */
const MAX_TOKEN_LENGTH = 128;
/** Stand-ins so that a malformed token costs the same read and compare as a wrong one. */
const DECOY_USER_ID = "usr_decoydecoydecoydeco";
const DECOY_HASH = tokenHash("coffeechat-decoy-status-token");

/**
 * The user a status link opens, or null. Malformed, unknown, rotated and wrong tokens all do
 * one `getUser` (one item, whatever the account holds) and one constant-time compare, so
 * neither the answer nor its cost tells them apart. Nothing else is read before the token
 * matches.
 */
export async function openStatusLink(store: Store, token: string): Promise<User | null> {
  const candidate = token.length <= MAX_TOKEN_LENGTH ? token : "";
  const parsed = parseStatusToken(candidate);
  const user = await store.getUser(parsed?.userId ?? DECOY_USER_ID);
  const expected = user?.statusTokenHash ?? DECOY_HASH;
  const matches = sameHash(tokenHash(candidate), expected);
  return parsed && user && matches ? user : null;
}
