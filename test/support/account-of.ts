import type { Account, Store } from "../../core/store/store.js";

/** What the store holds for the user now: a test whose user is missing fails here, not later. */
export async function accountOf(
  deps: { store: Pick<Store, "loadAccount"> },
  userId: string,
): Promise<Account> {
  const account = await deps.store.loadAccount(userId);
  if (!account) throw new Error("no account");
  return account;
}
