import type { Purpose } from "../model/contact.js";
import { isValidZone } from "../zones.js";
import { parseNamedAddress } from "./address.js";
import type { Command, ParsedCommands } from "./command.js";
import { parseDays, parseMonths } from "./duration.js";
import { zoneOfPlace } from "./places.js";
import { looksLikeSignedName, replyLines } from "./reply-lines.js";

const MAX_UNKNOWN_CHARS = 200;
const MAX_NOTE_CHARS = 2_000;
const MAX_VALUE_CHARS = 100;

/** Verbs without an argument, by the ways people write them (lower-case, trailing punctuation gone). */
const BARE_VERBS = new Map<string, Command>();
const add = (command: Command, ...spellings: string[]) => {
  for (const spelling of spellings) BARE_VERBS.set(spelling, command);
};
add(
  { verb: "done" },
  "done",
  "sent",
  "sent it",
  "did it",
  "i did it",
  "all done",
  "done it",
  "i sent it",
  "i've sent it",
  "ive sent it",
  "mark done",
  "mark as done",
  "completed",
  "complete",
);
add({ verb: "skip" }, "skip", "skip it", "skip this", "skip this one", "skipped");
add(
  { verb: "met" },
  "met",
  "we met",
  "i met",
  "i met them",
  "i met her",
  "i met him",
  "it happened",
  "meeting happened",
  "we had it",
);
add(
  { verb: "no_show" },
  "no-show",
  "no show",
  "noshow",
  "no_show",
  "no-showed",
  "didn't show",
  "did not show",
  "didn't show up",
  "they didn't show",
  "they did not show",
  "they didn't show up",
  "they didn't come",
  "they did not come",
);
add(
  { verb: "stop" },
  "stop",
  "stop it",
  "stop this",
  "stop this contact",
  "stop prompts",
  "stop them",
  "no more",
);
add({ verb: "status" }, "status", "status link", "link", "my link", "summary");
add(
  { verb: "new_link" },
  "new link",
  "new status link",
  "fresh link",
  "renew link",
  "rotate link",
  "new_link",
  "newlink",
);
add({ verb: "pause" }, "pause", "pause all", "pause everything", "pause prompts");
add({ verb: "resume" }, "resume", "unpause", "resume all", "resume everything", "resume prompts", "restart");
add({ verb: "help" }, "help", "?", "commands", "help me", "menu");
add({ verb: "export" }, "export", "export my data", "export data", "export everything", "my data");

const PURPOSES = new Map<string, Purpose>([
  ["new field", "new_field"],
  ["new job", "new_job"],
  ["new role", "new_job"],
  ["move up", "move_up"],
  ["moving up", "move_up"],
]);

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

  for (const rule of RULES) {
    const input = rule.on === "text" ? text : rule.on === "lower" ? lower : trimEnd(lower);
    const match = rule.pattern.exec(input);
    if (match) return rule.read(match[1] ?? "", match[2] ?? null);
  }
  return null;
}

/**
 * Verbs with an argument: the first pattern that matches decides (an argument it cannot read
 * makes the line unknown). `on` is what the pattern sees: the line as written (names and notes
 * keep their case), lower-cased, or lower-cased without trailing punctuation.
 */
const RULES: {
  pattern: RegExp;
  on: "text" | "lower" | "bare";
  read: (argument: string, extra: string | null) => Command | null;
}[] = [
  {
    pattern: /^(?:snooze|remind me(?: again)?(?: in)?|later)(?:\s*[:=-]?\s*(.*))?$/,
    on: "bare",
    read: (rest) => {
      if (!rest) return { verb: "snooze", days: 1 };
      const days = parseDays(rest.replace(/^(?:in|for)\s+/, ""));
      return days === null ? null : { verb: "snooze", days };
    },
  },
  {
    pattern: /^notes?\s*[:=]\s*(.*)$/i,
    on: "text",
    read: (rest) => {
      const note = rest.trim().slice(0, MAX_NOTE_CHARS);
      return note ? { verb: "notes", text: note } : null;
    },
  },
  {
    pattern: /^(?:referral|referred(?: to)?|referral to|intro(?:duction)?(?: to)?)(?:\s*:\s*|\s+)(.+)$/i,
    on: "text",
    read: (rest) => {
      const referral = parseNamedAddress(rest);
      return referral ? { verb: "referral", ...referral } : null;
    },
  },
  {
    pattern: /^(?:i\s+)?landed(?:\s*:\s*|\s+(?:at\s+|a job at\s+|a role at\s+)?|[\s!.]*$)(.*)$/i,
    on: "text",
    read: (rest) => ({ verb: "landed", company: oneValue(rest) }),
  },
  { pattern: /^fix\s*(?::|=|-|\s)\s*(.+)$/i, on: "text", read: (rest) => parseFix(rest) },
  {
    pattern: /^purpose\s*(?::|=|-|\s)\s*(.+)$/,
    on: "lower",
    read: (rest) => {
      const purpose = purposeOf(rest);
      return purpose ? { verb: "purpose", purpose } : null;
    },
  },
  {
    pattern: /^(?:tz|timezone|time zone|time-zone|zone)\s*(?::|=|\s)\s*([\p{L}0-9_+\-/ .']{1,64}?)[\s.!]*$/iu,
    on: "text",
    read: (rest) => {
      const timeZone = canonicalZone(rest) ?? zoneOfPlace(rest);
      return timeZone ? { verb: "tz", timeZone } : null;
    },
  },
  {
    pattern: /^(?:name|my name is|my name|sign(?:ed)?(?: as| with)?)\s*(?::|=|\s)\s*(.+)$/i,
    on: "text",
    read: (rest) => {
      const name = oneValue(rest.replace(/[.]+$/, ""));
      // A name, not an address or a link: the drafts are signed with it.
      return name && !/[@<>/\\]|https?:/i.test(name) ? { verb: "name", name } : null;
    },
  },
  {
    pattern: /^(?:hour|prompt hour)\s*(?::|=|\s)\s*(\d{1,2})(?::00)?\s*(am|pm|a\.m|p\.m|h)?$/,
    on: "bare",
    read: (value, suffix) => {
      const hour = hourOf(Number(value), suffix);
      return hour === null ? null : { verb: "hour", hour };
    },
  },
  {
    pattern: /^(?:cadence|check-?ins? every)\s*(?::|=|\s)\s*(.+)$/,
    on: "bare",
    read: (rest) => {
      const months = parseMonths(rest);
      return months === null ? null : { verb: "cadence", months };
    },
  },
  {
    pattern: /^forget\s*(?::|=|\s)\s*(.+)$/i,
    on: "text",
    read: (rest) => {
      const who = parseNamedAddress(rest);
      return who ? { verb: "forget", email: who.email } : null;
    },
  },
  {
    pattern: /^(?:address(?:es)?\s+add|add\s+(?:address|email))\s*(?::|=|\s)\s*(.+)$/i,
    on: "text",
    read: (rest) => {
      const address = parseNamedAddress(rest);
      return address ? { verb: "address_add", address: address.email } : null;
    },
  },
];

/** `fix: name Jane Doe`, `fix: company Acme`, `fix: time 2026-12-03 15:00`, `fix: hiring manager`, `fix: purpose move up`. */
function parseFix(rest: string): Command | null {
  const value = rest.trim();
  const lower = trimEnd(value.toLowerCase());
  if (/^(?:(?:is|she is|he is|they are|they're)\s+)?(?:the\s+|a\s+)?hiring[\s-]?manager$/.test(lower)) {
    return { verb: "fix", field: "hiring_manager", value: "yes" };
  }
  if (/^(?:(?:is|she is|he is|they are|they're)\s+)?not\s+(?:the\s+|a\s+)?hiring[\s-]?manager$/.test(lower)) {
    return { verb: "fix", field: "hiring_manager", value: "no" };
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
    return purpose ? { verb: "fix", field: "purpose", value: purpose } : null;
  }
  if (field === "time" || field === "date" || field === "when")
    return { verb: "fix", field: "time", value: argument };
  return { verb: "fix", field: field === "name" ? "name" : "company", value: argument };
}

function purposeOf(text: string): Purpose | null {
  const key = trimEnd(text.toLowerCase()).replace(/[-_]+/g, " ").replace(/\s+/g, " ").trim();
  return PURPOSES.get(key) ?? PURPOSES.get(key.replace(/^(?:a|to)\s+/, "")) ?? null;
}

/**
 * The zone as the user spelled it when that spelling has capitals (`Asia/Kolkata` stays, though
 * ICU calls it Asia/Calcutta); an all-lower or all-upper name gets the usual capitals. Null for
 * anything Intl does not know. Zone names work in any case, so this is only for display.
 */
function canonicalZone(name: string): string | null {
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

function hourOf(value: number, suffix: string | null): number | null {
  if (suffix === null || suffix === "h") return value <= 23 ? value : null;
  if (value < 1 || value > 12) return null;
  const pm = suffix.startsWith("p");
  return (value % 12) + (pm ? 12 : 0);
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

/** Trailing punctuation, symbols and emoji ("Done! ✅"), for verbs and numbers. */
function trimEnd(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]+$/u, "").trim();
}

/** A free value (a name, a company): only exclamation, stray separators and emoji go ("Acme Inc." stays). */
function oneValue(text: string): string {
  const value = text
    .replace(/\s+/g, " ")
    .replace(/[\s!?,;:\p{So}\p{Sk}]+$/u, "")
    .trim();
  return value.slice(0, MAX_VALUE_CHARS);
}

function clip(text: string): string {
  return text.length > MAX_UNKNOWN_CHARS ? `${text.slice(0, MAX_UNKNOWN_CHARS - 1)}…` : text;
}
