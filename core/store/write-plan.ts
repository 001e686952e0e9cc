import {
  addressKey,
  contactKey,
  Entities,
  type Item,
  type ItemKey,
  interactionKey,
  meetingKey,
  promptKey,
  tokenKey,
} from "./keys.js";
import type { WriteOp } from "./store.js";

/**
 * The conditions a unit of work may carry, as data: the DynamoDB store renders them into
 * condition expressions, the memory store evaluates them, so both enforce exactly the same rules.
 */
export type Condition =
  | { type: "absent" }
  | { type: "in"; attribute: string; values: readonly string[] }
  | { type: "below"; attribute: string; value: number }
  /** The item has no such attribute (or is absent). */
  | { type: "missing"; attribute: string }
  | { type: "anyOf"; conditions: Condition[] };

export type PlannedWrite =
  | { type: "put"; key: ItemKey; item: Item; condition?: Condition }
  | { type: "delete"; key: ItemKey };

/** DynamoDB's own limit for one TransactWriteItems. */
export const MAX_OPS_PER_COMMIT = 100;

/**
 * Turns the ops of one unit of work into keyed writes. Throws (a caller bug, as DynamoDB would
 * reject it) for more than 100 ops, two ops on one item, or a profile of another user.
 */
export function planWrites(userId: string, ops: readonly WriteOp[]): PlannedWrite[] {
  if (ops.length > MAX_OPS_PER_COMMIT) {
    throw new Error(`a commit holds at most ${MAX_OPS_PER_COMMIT} ops, got ${ops.length}`);
  }
  const writes = ops.map((op) => planWrite(userId, op));
  const seen = new Set<string>();
  for (const write of writes) {
    assertKeySize(write.key);
    const id = `${write.key.pk}\u0000${write.key.sk}`;
    if (seen.has(id)) throw new Error(`two ops of one commit target the same item (${write.key.sk})`);
    seen.add(id);
  }
  return writes;
}

function planWrite(userId: string, op: WriteOp): PlannedWrite {
  switch (op.op) {
    case "putUser": {
      if (op.user.id !== userId) throw new Error("putUser: the profile belongs to another user");
      return put(
        Entities.user(userId).toItem(op.user),
        op.ifNew ? absent : op.ifRevision === undefined ? undefined : atRevision(op.ifRevision),
      );
    }
    case "putAddress":
      return put(
        Entities.address.toItem({ address: op.address, userId: op.userId }),
        op.ifNew ? absent : undefined,
      );
    case "deleteAddress":
      return { type: "delete", key: addressKey(op.address) };
    case "putContact":
      return put(Entities.contact(userId).toItem(op.contact), unchangedSince(op.ifUpdatedAt));
    case "deleteContact":
      return { type: "delete", key: contactKey(userId, op.email) };
    case "putMeeting": {
      const condition: Condition | undefined =
        op.ifSequenceBelow === undefined
          ? undefined
          : {
              type: "anyOf",
              conditions: [absent, { type: "below", attribute: "sequence", value: op.ifSequenceBelow }],
            };
      return put(Entities.meeting(userId).toItem(op.meeting), condition);
    }
    case "deleteMeeting":
      return { type: "delete", key: meetingKey(userId, op.id) };
    case "putPrompt":
      return put(
        Entities.prompt(userId).toItem(op.prompt),
        op.ifStateChangedAt === undefined
          ? promptCondition(op.ifNew, op.ifState)
          : { type: "in", attribute: "stateChangedAt", values: [op.ifStateChangedAt] },
      );
    case "deletePrompt":
      return { type: "delete", key: promptKey(userId, op.id) };
    case "putInteraction":
      return put(Entities.interaction(userId).toItem(op.interaction));
    case "deleteInteraction":
      return { type: "delete", key: interactionKey(userId, op.at, op.id) };
    case "putMarker":
      return put(Entities.marker(userId).toItem(op.marker), absent);
    case "putToken":
      return put(Entities.token.toItem(op.token));
    case "deleteToken":
      return { type: "delete", key: tokenKey(op.hash) };
  }
}

/** DynamoDB's key limits (2048 bytes partition, 1024 bytes sort): a hostile address must fail alike everywhere. */
function assertKeySize(key: ItemKey): void {
  if (Buffer.byteLength(key.pk) > 2048 || Buffer.byteLength(key.sk) > 1024) {
    throw new Error("an item key is longer than DynamoDB allows");
  }
}

const absent: Condition = { type: "absent" };

/** Both given: absent OR in one of the states (re-planning a prompt that may or may not exist yet). */
function promptCondition(
  ifNew: boolean | undefined,
  ifState: readonly string[] | undefined,
): Condition | undefined {
  const inState: Condition | undefined =
    ifState === undefined ? undefined : { type: "in", attribute: "state", values: ifState };
  if (ifNew && inState) return { type: "anyOf", conditions: [absent, inState] };
  if (ifNew) return absent;
  return inState;
}

/** At `revision`: revisions only grow, so "below the next" is "still this one"; none stored is 0. */
function atRevision(revision: number): Condition {
  const below: Condition = { type: "below", attribute: "revision", value: revision + 1 };
  return revision === 0
    ? { type: "anyOf", conditions: [{ type: "missing", attribute: "revision" }, below] }
    : below;
}

/** The contact as it was read: absent (null), or with the `updatedAt` it had; no guard when not given. */
function unchangedSince(updatedAt: string | null | undefined): Condition | undefined {
  if (updatedAt === undefined) return undefined;
  return updatedAt === null ? absent : { type: "in", attribute: "updatedAt", values: [updatedAt] };
}

function put(item: Item, condition?: Condition): PlannedWrite {
  const clean = withoutUndefined(item);
  const key = { pk: String(clean.pk), sk: String(clean.sk) };
  return condition ? { type: "put", key, item: clean, condition } : { type: "put", key, item: clean };
}

/** DynamoDB stores no `undefined`; dropping it here keeps both stores' items identical. */
export function withoutUndefined(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
}
