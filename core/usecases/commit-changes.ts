import type { Deps } from "../deps.js";
import type { Marker } from "../model/records.js";
import type { WriteOp } from "../store/store.js";
import { allPages } from "../store/view-listings.js";
import { MAX_OPS_PER_COMMIT } from "../store/write-plan.js";
import type { AccountChanges } from "./account-changes.js";
import { effectsOf } from "./effects.js";
import { settle } from "./settle.js";

export type CommitOutcome = "committed" | "duplicate" | "conflict";

/**
 * Commits a unit of work and runs its effects. When its marker already exists (a duplicate
 * delivery, or a retry after a crash), nothing is written and the stored prompts of that
 * earlier run are settled instead, so a half-finished run completes and nothing happens twice.
 */
export async function commitChanges(
  deps: Deps,
  changes: AccountChanges,
  markerKey?: string,
): Promise<CommitOutcome> {
  const userId = changes.user.id;
  const { ops, effects } = changes.build();
  const [first, ...rest] = chunksOf(ops);
  const result = await deps.store.commit(userId, first ?? []);
  // Only very large units (a pause or `forget` on a busy account) need more than one transaction:
  // the first holds the marker and the decisions; the rest are deletions.
  if (result.ok) for (const chunk of rest) await deps.store.commit(userId, chunk);
  if (result.ok) {
    await settle(deps, changes.user, effects);
    return "committed";
  }
  if (!markerKey) return "conflict";
  const marker = await deps.store.getMarker(userId, markerKey);
  if (!marker) return "conflict";
  await finishEarlierRun(deps, userId, marker);
  return "duplicate";
}

async function finishEarlierRun(deps: Deps, userId: string, marker: Marker): Promise<void> {
  if (marker.promptIds.length === 0 && !marker.allPending) return;
  const { user, prompts } = await deps.store.getItems(userId, { user: true, prompts: marker.promptIds });
  if (!user) return;
  const pending = marker.allPending
    ? await allPages((page) => deps.store.listScheduledPrompts(userId, page))
    : [];
  await settle(deps, user, effectsOf([...prompts, ...pending]));
}

function chunksOf(ops: WriteOp[]): WriteOp[][] {
  if (ops.length <= MAX_OPS_PER_COMMIT) return [ops];
  const later = (op: WriteOp) =>
    op.op.startsWith("delete") || (op.op === "putPrompt" && op.prompt.state === "scheduled" && !op.ifNew);
  const ordered = [...ops.filter((op) => !later(op)), ...ops.filter(later)];
  const chunks: WriteOp[][] = [];
  for (let i = 0; i < ordered.length; i += MAX_OPS_PER_COMMIT)
    chunks.push(ordered.slice(i, i + MAX_OPS_PER_COMMIT));
  return chunks;
}
