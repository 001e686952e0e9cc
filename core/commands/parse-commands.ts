import { type AnyVerbPattern, parseOf, VERB_NAMES } from "../interview/verbs.js";
import { MAX_NOTE_CHARS, trimEnd } from "./arguments.js";
import type { Command, ParsedCommands } from "./command.js";
import { looksLikeSignedName, replyLines } from "./reply-lines.js";

const MAX_UNKNOWN_CHARS = 200;

/** Verbs without an argument, by the ways people write them (lower-case, trailing punctuation gone). */
const BARE_VERBS = new Map<string, Command>();
/** Verbs with an argument, in the table's order: the first pattern that matches decides. */
const PATTERNS: AnyVerbPattern[] = [];
for (const verb of VERB_NAMES) {
  const { words, pattern } = parseOf(verb);
  for (const spelling of words) BARE_VERBS.set(spelling, { verb } as Command);
  if (pattern) PATTERNS.push(pattern);
}

/**
 * Reads the commands in the user's new text (quotes and signature already stripped by the mail
 * parser, and stripped again here for safety): one per line, any case, small variations.
 * Empty lines are ignored; a line not understood goes to `unknown`. A `notes:` line goes on
 * over the lines that follow it until an empty line or another command. A closing ("Thanks,")
 * and a name signed after the commands are not commands, and not "unknown" either.
 */
export function parseCommands(text: string): ParsedCommands {
  const commands: Command[] = [];
  const unknown: string[] = [];
  let openNote: { verb: "notes"; text: string } | null = null;
  let signingOff = false;
  /** Name-like lines: a sign-off if nothing but names follows the commands. */
  let maybeName: string[] = [];

  for (const line of replyLines(typeof text === "string" ? text : "")) {
    if (line.greeting && commands.length === 0 && !openNote) continue;
    if (line.blank || line.closing) {
      openNote = null;
      signingOff ||= line.closing;
      continue;
    }
    const command = parseLine(line.text);
    if (command) {
      unknown.push(...maybeName);
      maybeName = [];
      signingOff = false;
      if (command.verb === "notes") {
        openNote = { verb: "notes", text: command.text };
        commands.push(openNote);
      } else {
        openNote = null;
        commands.push(command);
      }
      continue;
    }
    if (openNote) {
      openNote.text = `${openNote.text}\n${line.text}`.slice(0, MAX_NOTE_CHARS);
      continue;
    }
    if (looksLikeSignedName(line.text)) {
      if (!signingOff) maybeName.push(clip(line.text));
      continue;
    }
    unknown.push(...maybeName, clip(line.text));
    maybeName = [];
  }
  if (commands.length === 0) unknown.push(...maybeName);
  return { commands, unknown };
}

/** One line → one command, or null. */
export function parseLine(line: string): Command | null {
  const text = unwrap(line.replace(/[‘’ʼ]/g, "'").replace(/[“”]/g, '"'));
  if (!text) return null;
  const lower = text.toLowerCase();

  const bare = BARE_VERBS.get(lower) ?? BARE_VERBS.get(withoutTrailer(lower));
  if (bare) return { ...bare };

  for (const rule of PATTERNS) {
    const input = rule.on === "text" ? text : rule.on === "lower" ? lower : trimEnd(lower);
    const match = rule.pattern.exec(input);
    if (match) return rule.read(match[1] ?? "", match[2] ?? null);
  }
  return null;
}

/** Bullets, numbering and wrapping backticks or quotes (people copy commands from the help text). */
function unwrap(line: string): string {
  let text = line.trim().replace(/^(?:[-*•·>]\s+|\d{1,2}[.)]\s+)/, "");
  const wrapped = /^([`"'])(.*)\1$/.exec(text);
  if (wrapped) text = (wrapped[2] ?? "").trim();
  return text;
}

/** "done, thanks!" → "done"; "Done!" → "done". */
function withoutTrailer(lower: string): string {
  const stripped = trimEnd(lower);
  return trimEnd(stripped.replace(/[\s,.;!-]+(?:thanks|thank you|thx|ty|cheers)(?: so much| a lot)?$/, ""));
}

function clip(text: string): string {
  return text.length > MAX_UNKNOWN_CHARS ? `${text.slice(0, MAX_UNKNOWN_CHARS - 1)}…` : text;
}
