import type { WriteOp } from "../../store/store.js";
import { AccountChanges, type Effects } from "../account-changes.js";

/**
 * The unit of work of a command mail. Two things on top of AccountChanges:
 * - several commands may touch one item (`notes:` then `fix: name` on one contact, `tz` then
 *   `hour` on the profile); a transaction takes one op per item, so the last one wins;
 * - while the user is paused, pending prompts keep state `scheduled` but have no schedule:
 *   whatever this unit would (re)schedule is unscheduled instead, and `pause` itself removes
 *   every pending prompt's schedule. Answers (`deliver`) always go.
 */
export class CommandChanges extends AccountChanges {
  private unscheduleAllPending = false;

  /** `pause`: every pending prompt's schedule goes, the prompts stay. */
  holdAllSchedules(): void {
    this.unscheduleAllPending = true;
  }

  override build(): { ops: WriteOp[]; effects: Effects } {
    const { ops, effects } = super.build();
    const single = lastOpPerItem(ops);
    if (!this.user.paused) return { ops: single, effects };
    const held = effects.schedule.map((p) => p.scheduleName);
    const all = this.unscheduleAllPending ? this.pendingPrompts().map((p) => p.scheduleName) : [];
    const unschedule = [...new Set([...effects.unschedule, ...held, ...all].filter((n): n is string => !!n))];
    return { ops: single, effects: { schedule: [], unschedule, deliver: effects.deliver } };
  }
}

function itemOf(op: WriteOp): string {
  switch (op.op) {
    case "putUser":
      return "user";
    case "putAddress":
    case "deleteAddress":
      return `address:${op.address}`;
    case "putContact":
      return `contact:${op.contact.email}`;
    case "deleteContact":
      return `contact:${op.email}`;
    case "putMeeting":
      return `meeting:${op.meeting.id}`;
    case "deleteMeeting":
      return `meeting:${op.id}`;
    case "putPrompt":
      return `prompt:${op.prompt.id}`;
    case "deletePrompt":
      return `prompt:${op.id}`;
    case "putInteraction":
      return `interaction:${op.interaction.id}`;
    case "deleteInteraction":
      return `interaction:${op.id}`;
    case "putMarker":
      return `marker:${op.marker.key}`;
    case "putToken":
      return `token:${op.token.hash}`;
    case "deleteToken":
      return `token:${op.hash}`;
  }
}

/** Keeps, for each item, the last op written for it, in the order those last ops came. */
export function lastOpPerItem(ops: readonly WriteOp[]): WriteOp[] {
  const last = new Map<string, number>();
  ops.forEach((op, index) => last.set(itemOf(op), index));
  return ops.filter((op, index) => last.get(itemOf(op)) === index);
}
