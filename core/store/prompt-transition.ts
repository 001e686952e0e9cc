import type { Prompt } from "../model/prompt.js";
import {
  DUE_INDEX_ATTRIBUTES,
  dueIndexFor,
  HISTORY_ATTRIBUTE,
  type Item,
  promptViewKey,
  promptViewRange,
  viewPartition,
} from "./keys.js";

/**
 * What a prompt transition writes: the patched fields, plus the due- and view-index attributes
 * when the prompt (re)enters `scheduled`, or their removal when it leaves an index. `dueAt` is the due time
 * the prompt will have afterwards (the patch's, or the stored one).
 */
export interface TransitionWrite {
  set: Item;
  remove: readonly string[];
  /**
   * Attributes set from another attribute of the stored item (`fallback` when it has none): the
   * view range of an ended prompt is its person's history, which the prompt item names.
   */
  copy: readonly { attribute: string; from: string; fallback: string }[];
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
  const resentAt = patch.resentAt ?? null;
  const view = promptViewKey(userId, {
    id: promptId,
    dueAt,
    state: patch.state,
    stateChangedAt,
    resentAt,
    contactEmail: null,
  });
  const ended = promptViewRange({ state: patch.state, resentAt }) === "history";
  return {
    set: { ...set, ...index, ...(ended ? { gsi2sk: view.gsi2sk } : view) },
    remove: index ? [] : DUE_INDEX_ATTRIBUTES,
    // The person is on the stored item only: the transition does not read it first.
    copy: ended
      ? [{ attribute: "gsi2pk", from: HISTORY_ATTRIBUTE, fallback: viewPartition.promptHistory(userId, "") }]
      : [],
  };
}
