import { distance } from "fastest-levenshtein";
import { VERB_NAMES, VERBS } from "../interview/verbs.js";
import { parseLine } from "./parse-commands.js";
import { nearestZone } from "./places.js";

/** The verbs as the help writes them; a line whose first words are near one of these was probably meant as it. */
const VERB_SPELLINGS = VERB_NAMES.flatMap((verb) => VERBS[verb].spellings);

const ZONE_VERB = /^(?:tz|timezone|time zone|zone)\s*[:=]?\s+(.+)$/i;

/** Levenshtein distance, with two swapped neighbours ("pasue") counted as one slip, as people make it. */
function edits(a: string, b: string): number {
  if (a.length === b.length) {
    const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
    const [i, j] = diff;
    if (diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i]) return 1;
  }
  return distance(a, b);
}

function maxEdits(word: string): number {
  return word.length <= 2 ? 0 : word.length <= 5 ? 1 : 2;
}

/** "snoze 3d" → "snooze 3d"; "tz Berln" → "tz Europe/Berlin"; null when nothing close reads as a command. */
export function suggestCommand(line: string): string | null {
  const text = line.trim().replace(/\s+/g, " ");
  if (!text || text.length > 100) return null;

  const zoneAttempt = ZONE_VERB.exec(text);
  if (zoneAttempt?.[1]) {
    const zone = nearestZone(zoneAttempt[1]);
    return zone ? `tz ${zone}` : null;
  }

  const words = text.split(" ");
  let best: { verb: string; edits: number; rest: string } | null = null;
  for (const verb of VERB_SPELLINGS) {
    const size = verb.split(" ").length;
    const head = words.slice(0, size).join(" ").toLowerCase().replace(/:$/, "");
    const bare = verb.replace(/:$/, "");
    const slips = edits(head, bare);
    if (slips === 0 || slips > maxEdits(bare)) continue;
    if (!best || slips < best.edits) best = { verb, edits: slips, rest: words.slice(size).join(" ") };
  }
  if (!best) return null;
  const candidate = best.rest ? `${best.verb} ${best.rest}` : best.verb;
  if (parseLine(candidate)) return candidate;
  // A near verb with an unreadable zone: "timezon Berln".
  if (best.verb === "tz" && best.rest) {
    const zone = nearestZone(best.rest);
    return zone ? `tz ${zone}` : null;
  }
  return null;
}

/** The lines of an answer for what was not understood: a suggestion for each line that has one. */
export function suggestionLines(unknown: readonly string[]): string[] {
  const lines: string[] = [];
  for (const line of unknown) {
    const suggestion = suggestCommand(line);
    if (suggestion) lines.push(`"${line}": did you mean \`${suggestion}\`?`);
  }
  return lines;
}
