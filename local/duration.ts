const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** Advancing further than this is surely a typo. */
const MAX_MS = 5 * 366 * 86_400_000;

/** `90m`, `12h`, `3d`, `2w`, or combinations such as `1d12h`, in milliseconds; null when unreadable. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d{1,6}[smhdw])+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d{1,6})([smhdw])/g)) {
    total += Number(amount) * (UNIT_MS[unit ?? ""] ?? 0);
  }
  return total > 0 && total <= MAX_MS ? total : null;
}
