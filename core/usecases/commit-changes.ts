import type { Deps } from "../deps.js";
import type { AccountChanges } from "./account-changes.js";
import { effectsFromStored, settle } from "./settle.js";

export type CommitOutcome = "committed" | "duplicate" | "conflict";

/**
 * Commits a unit of work and runs its effects. When its marker already exists (a duplicate
 * delivery, or a retry after a crash), nothing is written and the stored prompts of that
 * earlier run are settled instead, so a half-finished run completes and nothing happens twice.
 */
export async function commitChanges(deps: Deps, changes: AccountChanges, markerKey?: string): Promise<CommitOutcome> {
  const userId = changes.user.id;
  const { ops, effects } = changes.build();
  const result = await deps.store.commit(userId, ops);
  if (result.ok) {
    await settle(deps, userId, effects, changes.user.timeZone);
    return "committed";
  }
  if (!markerKey) return "conflict";
  const marker = await deps.store.getMarker(userId, markerKey);
  if (!marker) return "conflict";
  await finishEarlierRun(deps, userId, marker.promptIds);
  return "duplicate";
}

async function finishEarlierRun(deps: Deps, userId: string, promptIds: string[]): Promise<void> {
  if (promptIds.length === 0) return;
  const account = await deps.store.loadAccount(userId);
  if (!account) return;
  const prompts = account.prompts.filter((p) => promptIds.includes(p.id));
  await settle(deps, userId, effectsFromStored(prompts), account.user.timeZone);
}
