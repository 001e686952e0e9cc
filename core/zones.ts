import { isIntlZone } from "./time/wall-clock.js";

const known = new Map<string, boolean>();

/**
 * Whether an IANA zone name is valid. The check builds an Intl formatter on every call,
 * which showed as a fifth of an invite's parse time: the answer is kept per name (bounded).
 */
export function isValidZone(name: string): boolean {
  let valid = known.get(name);
  if (valid === undefined) {
    valid = name.length <= 64 && isIntlZone(name);
    if (known.size < 1_000) known.set(name, valid);
  }
  return valid;
}

/** The zone to show times in: a stored name Intl cannot use would make every time unreadable, so UTC. */
export function zoneOrUtc(zone: string): string {
  return isValidZone(zone) ? zone : "UTC";
}
