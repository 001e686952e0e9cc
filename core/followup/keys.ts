/**
 * Keys of prompts that are not planned by the policy but asked for: a prompt's id is derived from
 * its key (ids.ts), so whoever knows the key reads the prompt by key.
 */

/** The suffix a `snooze` reminder adds to the key of the prompt it repeats. */
export const AGAIN = /:again:\d{4}-\d{2}-\d{2}$/;

/** The reminder of the prompt keyed `key`, due `until`: one per day, so repeating a snooze changes nothing. */
export function reminderKey(key: string, until: Date): string {
  return `${key.replace(AGAIN, "")}:again:${until.toISOString().slice(0, 10)}`;
}

/** The good-news round of a `landed` said at `at` (ISO): one per day. */
export function celebrateKey(at: string): string {
  return `celebrate:${at.slice(0, 10)}`;
}
