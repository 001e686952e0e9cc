import { sameHash, tokenHash } from "../ids.js";
import type { Account, Store } from "../store/store.js";
import { parseStatusToken } from "../tokens.js";

/** Far longer than any real token: the rest is not even hashed. */
const MAX_TOKEN_LENGTH = 128;
/** Stand-ins so that a malformed token costs the same load and compare as a wrong one. */
const DECOY_USER_ID = "usr_decoydecoydecoydeco";
const DECOY_HASH = tokenHash("coffeechat-decoy-status-token");

/**
 * The account a status link opens, or null. Malformed, unknown, rotated and wrong tokens all
 * do one `loadAccount` and one constant-time compare, so neither the answer nor its timing
 * tells them apart. Costs exactly one store call.
 */
export async function openStatusLink(store: Store, token: string): Promise<Account | null> {
  const candidate = token.length <= MAX_TOKEN_LENGTH ? token : "";
  const parsed = parseStatusToken(candidate);
  const account = await store.loadAccount(parsed?.userId ?? DECOY_USER_ID);
  const expected = account?.user.statusTokenHash ?? DECOY_HASH;
  const matches = sameHash(tokenHash(candidate), expected);
  return parsed && account && matches ? account : null;
}
