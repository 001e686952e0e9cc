/** The value a test just looked up, or a failure that names what was missing (instead of `!`). */
export function found<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, found none`);
  return value;
}
