/**
 * Information floors (bench/cold-start.ts): a handler's floor, plus the least the libraries
 * coffeechat is required to use do in its first call. The budget stays on the plain floor; this
 * one tells what share of the rest is coffeechat's own code.
 */
import { TZDateMini } from "@date-fns/tz";
import type { FirstCallPlan } from "./replay-calls.js";

/** What the library work reads: the mail the first call handles, when it handles one. */
export interface LibraryInput {
  rawMail: Uint8Array;
  /** Any IANA zone: the first Intl date formatter a process builds costs the same for each. */
  zone: string;
  nowMs: number;
}

/**
 * `firstCall` (a floor's), then the runtime's first time-zone conversion (every handler shows or
 * plans times in the user's zone, through Intl and @date-fns/tz) and, where given, `readMail`.
 */
export function withRequiredLibraries<Args extends unknown[]>(
  firstCall: (plan: FirstCallPlan, ...args: Args) => Promise<number>,
  readMail?: (raw: Uint8Array) => Promise<number>,
) {
  return async (plan: FirstCallPlan, input: LibraryInput, ...args: Args): Promise<number> => {
    const sent = await firstCall(plan, ...args);
    new TZDateMini(input.nowMs, input.zone).getHours();
    if (readMail) await readMail(input.rawMail);
    return sent;
  };
}
