import type { Prompt } from "../model/prompt.js";
import {
  DUE_INDEX_ATTRIBUTES,
  dueIndexFor,
  type Item,
  promptViewKey,
  VIEW_INDEX_ATTRIBUTES,
} from "./keys.js";

/**
 * What a prompt transition writes: the patched fields, plus the due- and view-index attributes
 * when the prompt (re)enters `scheduled`, or their removal when it leaves an index. `dueAt` is the due time
 * the prompt will have afterwards (the patch's, or the stored one).
 */
export interface TransitionWrite {
  set: Item;
  remove: readonly string[];
}

export function transitionWrite(
  userId: string,
  promptId: string,
  patch: Partial<Prompt> & { state: Prompt["state"] },
  dueAt: string,
): TransitionWrite {
  // The id is the item's key: a patch never moves a prompt.
  const set: Item = Object.fromEntries(
    Object.entries(patch).filter(([field, value]) => field !== "id" && value !== undefined),
  );
  const stateChangedAt = patch.stateChangedAt ?? new Date().toISOString();
  const index = dueIndexFor(userId, { id: promptId, dueAt, state: patch.state, stateChangedAt });
  const view = promptViewKey(userId, {
    id: promptId,
    dueAt,
    state: patch.state,
    stateChangedAt,
    resentAt: patch.resentAt ?? null,
  });
  return {
    set: { ...set, ...index, ...view },
    remove: [...(index ? [] : DUE_INDEX_ATTRIBUTES), ...(view ? [] : VIEW_INDEX_ATTRIBUTES)],
  };
}
