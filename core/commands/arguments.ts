import type { Purpose } from "../model/contact.js";
import { isValidZone } from "../zones.js";

export const MAX_NOTE_CHARS = 2_000;
const MAX_VALUE_CHARS = 100;

/** How a pattern sees the line: as written (names and notes keep their case), lower-cased, or lower-cased without trailing punctuation. */
export type LineForm = "text" | "lower" | "bare";

const PURPOSES = new Map<string, Purpose>([
  ["new field", "new_field"],
  ["new job", "new_job"],
  ["new role", "new_job"],
  ["move up", "move_up"],
  ["moving up", "move_up"],
]);

export function purposeOf(text: string): Purpose | null {
  const key = trimEnd(text.toLowerCase()).replace(/[-_]+/g, " ").replace(/\s+/g, " ").trim();
  return PURPOSES.get(key) ?? PURPOSES.get(key.replace(/^(?:a|to)\s+/, "")) ?? null;
}

/** `fix: name Jane Doe`, `fix: company Acme`, `fix: time 2026-12-03 15:00`, `fix: hiring manager`, `fix: purpose move up`. */
export function parseFix(
  rest: string,
): { field: "name" | "company" | "time" | "hiring_manager" | "purpose"; value: string } | null {
  const value = rest.trim();
  const lower = trimEnd(value.toLowerCase());
  if (/^(?:(?:is|she is|he is|they are|they're)\s+)?(?:the\s+|a\s+)?hiring[\s-]?manager$/.test(lower)) {
    return { field: "hiring_manager", value: "yes" };
  }
  if (/^(?:(?:is|she is|he is|they are|they're)\s+)?not\s+(?:the\s+|a\s+)?hiring[\s-]?manager$/.test(lower)) {
    return { field: "hiring_manager", value: "no" };
  }
  const m =
    /^(name|company|employer|organi[sz]ation|org|time|date|when|purpose)\s*(?::|=|-|\s)\s*(?:is\s+|to\s+)?(.+)$/i.exec(
      value,
    );
  if (!m) return null;
  const field = (m[1] ?? "").toLowerCase();
  const argument = oneValue(m[2] ?? "");
  if (!argument) return null;
  if (field === "purpose") {
    const purpose = purposeOf(argument);
    return purpose ? { field: "purpose", value: purpose } : null;
  }
  if (field === "time" || field === "date" || field === "when") return { field: "time", value: argument };
  return { field: field === "name" ? "name" : "company", value: argument };
}

/**
 * The zone as the user spelled it when that spelling has capitals (`Asia/Kolkata` stays, though
 * ICU calls it Asia/Calcutta); an all-lower or all-upper name gets the usual capitals. Null for
 * anything Intl does not know. Zone names work in any case, so this is only for display.
 */
export function canonicalZone(name: string): string | null {
  if (!isValidZone(name)) return null;
  if (name !== name.toLowerCase() && name !== name.toUpperCase()) return name;
  const known = Intl.supportedValuesOf("timeZone").find((zone) => zone.toLowerCase() === name.toLowerCase());
  if (known) return known;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function hourOf(value: number, suffix: string | null): number | null {
  if (suffix === null || suffix === "h") return value <= 23 ? value : null;
  if (value < 1 || value > 12) return null;
  const pm = suffix.startsWith("p");
  return (value % 12) + (pm ? 12 : 0);
}

/** Trailing punctuation, symbols and emoji ("Done! ✅"), for verbs and numbers. */
export function trimEnd(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]+$/u, "").trim();
}

/** A free value (a name, a company): only exclamation, stray separators and emoji go ("Acme Inc." stays). */
export function oneValue(text: string): string {
  const value = text
    .replace(/\s+/g, " ")
    .replace(/[\s!?,;:\p{So}\p{Sk}]+$/u, "")
    .trim();
  return value.slice(0, MAX_VALUE_CHARS);
}
