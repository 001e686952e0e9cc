import { parseInstant } from "../time/iso.js";

/** Meetings further ahead than this are refused: no prompt is due beyond what a schedule can hold. */
export const MAX_DAYS_AHEAD = 2 * 366;
/** Meetings further back than this are refused: almost surely a wrong date. */
export const MAX_DAYS_BACK = 10 * 366;
const DAY_MS = 86_400_000;

/** Why a meeting's start cannot be planned around, or null when it can. */
export function meetingOutOfBounds(
  start: string,
  now: Date,
): "too_far_ahead" | "too_far_back" | "no_time" | null {
  const at = parseInstant(start);
  if (!at || Number.isNaN(at.getTime())) return "no_time";
  if (at.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) return "too_far_ahead";
  if (at.getTime() < now.getTime() - MAX_DAYS_BACK * DAY_MS) return "too_far_back";
  return null;
}
