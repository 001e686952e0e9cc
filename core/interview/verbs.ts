import { parseNamedAddress } from "../commands/address.js";
import {
  canonicalZone,
  hourOf,
  type LineForm,
  MAX_NOTE_CHARS,
  oneValue,
  parseFix,
  purposeOf,
} from "../commands/arguments.js";
import type { Command, CommandVerb } from "../commands/command.js";
import { parseDays, parseMonths } from "../commands/duration.js";
import { zoneOfPlace } from "../commands/places.js";
import { celebrateKey, reminderKey } from "../followup/keys.js";
import { snoozeUntil } from "../followup/timing.js";
import { promptId } from "../ids.js";
import { isFollowUpKind, type Prompt } from "../model/prompt.js";
import type { User } from "../model/user.js";
import type { SliceRequest } from "../usecases/account-slice.js";
import * as accountVerbs from "../usecases/commands/account-verbs.js";
import * as contactVerbs from "../usecases/commands/contact-verbs.js";
import type { CommandContext } from "../usecases/commands/context.js";
import * as dataVerbs from "../usecases/commands/data-verbs.js";
import * as promptVerbs from "../usecases/commands/prompt-verbs.js";
import type { Outcome } from "./outcome.js";

export type CommandOf<V extends CommandVerb> = Extract<Command, { verb: V }>;

/** A verb with an argument: the first pattern that matches decides (an argument it cannot read makes the line unknown). */
export interface VerbPattern<V extends CommandVerb> {
  pattern: RegExp;
  /** What the pattern sees (arguments.ts). */
  on: LineForm;
  read: (argument: string, extra: string | null) => CommandOf<V> | null;
}

/** What a verb does to the account: the answer is an outcome, or (for verbs not yet described by one) its lines. */
export type RunVerb<V extends CommandVerb> = (
  ctx: CommandContext,
  command: CommandOf<V>,
) => Outcome | string[];

/** How people write the verb: bare words (for a verb without an argument) and/or a pattern. */
type Parse<V extends CommandVerb> = [{ verb: V }] extends [CommandOf<V>]
  ? { words: readonly string[]; pattern?: VerbPattern<V> }
  : { pattern: VerbPattern<V> };

export interface Verb<V extends CommandVerb> {
  parse: Parse<V>;
  /**
   * Loads what the verb does; the use cases load with the first reply that needs them, so the
   * help text (sent with intake answers) does not bring them along.
   */
  run: () => Promise<RunVerb<V>>;
  /** What it reads by key before it runs (core/usecases/account-slice.ts): the least it decides from. */
  reads: (command: CommandOf<V>, about: ReadAbout) => SliceRequest;
  /** Its line in the help text, or the verb whose line it shares ("met / no-show"). */
  help: { section: "reply" | "log"; line: string } | { with: CommandVerb };
  /** The verb as the help writes it: a line whose first words are near one of these was probably meant as it. */
  spellings: readonly string[];
  /** In the answer's subject: "coffeechat: snoozed". */
  subject: string;
}

/** What a reply's verbs know before anything else is read: the user, and the prompt replied to. */
export interface ReadAbout {
  user: User;
  prompt: Prompt | null;
  now: Date;
}

/** The prompt replied to, with its person (their meetings and pending prompts) and meeting. A prompt about nobody (the good-news round) finds its reminders among all pending prompts. */
const aboutPrompt = (_: Command, { prompt }: ReadAbout): SliceRequest =>
  prompt ? { prompts: [prompt.id], pending: !prompt.contactEmail && isFollowUpKind(prompt.kind) } : {};
/** The reminder a `snooze` of the prompt would make today, if one was made already. */
const reminderOf = (days: number, { user, prompt, now }: ReadAbout): string | null =>
  prompt ? promptId(user.id, reminderKey(prompt.key, snoozeUntil(now, days, user))) : null;
const userItem = (): SliceRequest => ({});
const everyPending = (): SliceRequest => ({ pending: true });

/*
 * The verbs' use cases load with this table, which itself loads only with replies and commands
 * (receive-mail.ts and web-commands.ts import it on first use). One chunk for all of it: when
 * each verb group was its own `import()`, esbuild split every module the groups shared with the
 * handler into a small chunk of its own, and every cold start loaded them all (inbound: 25
 * chunks instead of 18, ~5 ms measured).
 */
const prompt = async () => promptVerbs;
const contact = async () => contactVerbs;
const account = async () => accountVerbs;
const data = async () => dataVerbs;

/**
 * Every verb, once, in the order of the help text: a new verb is one entry here (the compiler
 * asks for every part) plus its use case and, when it has one, its outcome's words in
 * core/drafts/answers.ts.
 */
export const VERBS: { readonly [V in CommandVerb]: Verb<V> } = {
  done: {
    parse: {
      words: [
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
      ],
    },
    run: async () => (await prompt()).done,
    reads: aboutPrompt,
    help: { section: "reply", line: "done (or sent) — you did it; the prompt is closed" },
    spellings: ["done", "sent"],
    subject: "marked done",
  },
  snooze: {
    parse: {
      pattern: {
        pattern: /^(?:snooze|remind me(?: again)?(?: in)?|later)(?:\s*[:=-]?\s*(.*))?$/,
        on: "bare",
        read: (rest) => {
          if (!rest) return { verb: "snooze", days: 1 };
          const days = parseDays(rest.replace(/^(?:in|for)\s+/, ""));
          return days === null ? null : { verb: "snooze", days };
        },
      },
    },
    run: async () => {
      const { snooze } = await prompt();
      return (ctx, command) => snooze(ctx, command.days);
    },
    reads: (command, about) => ({
      ...aboutPrompt(command, about),
      prompts: [about.prompt?.id, reminderOf(command.days, about)],
    }),
    help: {
      section: "reply",
      line: "snooze 3d — ask again in 3 days (any number of days, e.g. snooze 1d)",
    },
    spellings: ["snooze"],
    subject: "snoozed",
  },
  skip: {
    parse: { words: ["skip", "skip it", "skip this", "skip this one", "skipped"] },
    run: async () => (await prompt()).skip,
    reads: aboutPrompt,
    help: { section: "reply", line: "skip — not this one; the rest of the follow-ups stay" },
    spellings: ["skip"],
    subject: "skipped",
  },
  met: {
    parse: {
      words: [
        "met",
        "we met",
        "i met",
        "i met them",
        "i met her",
        "i met him",
        "it happened",
        "meeting happened",
        "we had it",
      ],
    },
    run: async () => (await prompt()).met,
    reads: aboutPrompt,
    help: {
      section: "reply",
      line: "met / no-show — the meeting happened, or the other person did not come",
    },
    spellings: ["met"],
    subject: "marked met",
  },
  no_show: {
    parse: {
      words: [
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
      ],
    },
    run: async () => (await prompt()).noShow,
    reads: aboutPrompt,
    help: { with: "met" },
    spellings: ["no-show"],
    subject: "no-show noted",
  },
  stop: {
    parse: {
      words: ["stop", "stop it", "stop this", "stop this contact", "stop prompts", "stop them", "no more"],
    },
    run: async () => (await prompt()).stop,
    reads: aboutPrompt,
    help: { section: "reply", line: "stop — no more prompts about this person" },
    spellings: ["stop"],
    subject: "stopped",
  },
  notes: {
    parse: {
      pattern: {
        pattern: /^notes?\s*[:=]\s*(.*)$/i,
        on: "text",
        read: (rest) => {
          const note = rest.trim().slice(0, MAX_NOTE_CHARS);
          return note ? { verb: "notes", text: note } : null;
        },
      },
    },
    run: async () => {
      const { notes } = await contact();
      return (ctx, command) => notes(ctx, command.text);
    },
    reads: aboutPrompt,
    help: {
      section: "reply",
      line: "notes: … — keep a note about this person (it shows up in your drafts)",
    },
    spellings: ["notes:"],
    subject: "note saved",
  },
  referral: {
    parse: {
      pattern: {
        pattern: /^(?:referral|referred(?: to)?|referral to|intro(?:duction)?(?: to)?)(?:\s*:\s*|\s+)(.+)$/i,
        on: "text",
        read: (rest) => {
          const referral = parseNamedAddress(rest);
          return referral ? { verb: "referral", ...referral } : null;
        },
      },
    },
    run: async () => {
      const { referral } = await contact();
      return (ctx, command) => referral(ctx, command.name, command.email);
    },
    reads: (command, about) => ({ ...aboutPrompt(command, about), contacts: [command.email] }),
    help: {
      section: "reply",
      line: "referral: Bob Roe <bob@example.com> — log someone this person referred you to",
    },
    spellings: ["referral:"],
    subject: "referral logged",
  },
  purpose: {
    parse: {
      pattern: {
        pattern: /^purpose\s*(?::|=|-|\s)\s*(.+)$/,
        on: "lower",
        read: (rest) => {
          const purpose = purposeOf(rest);
          return purpose ? { verb: "purpose", purpose } : null;
        },
      },
    },
    run: async () => {
      const { purpose } = await contact();
      return (ctx, command) => purpose(ctx, command.purpose);
    },
    reads: aboutPrompt,
    help: {
      section: "reply",
      line: "purpose: new field | new job | move up — what the chat is for; prep questions follow it",
    },
    spellings: ["purpose:"],
    subject: "purpose set",
  },
  fix: {
    parse: {
      pattern: {
        pattern: /^fix\s*(?::|=|-|\s)\s*(.+)$/i,
        on: "text",
        read: (rest) => {
          const fix = parseFix(rest);
          return fix ? { verb: "fix", ...fix } : null;
        },
      },
    },
    run: async () => {
      const { fix } = await contact();
      return (ctx, command) => fix(ctx, command.field, command.value);
    },
    reads: aboutPrompt,
    help: {
      section: "reply",
      line: "fix: name Jane Doe / fix: company Acme / fix: time 2026-12-03 15:00 / fix: hiring manager — correct what was logged",
    },
    spellings: ["fix:"],
    subject: "fixed",
  },
  landed: {
    parse: {
      pattern: {
        pattern: /^(?:i\s+)?landed(?:\s*:\s*|\s+(?:at\s+|a job at\s+|a role at\s+)?|[\s!.]*$)(.*)$/i,
        on: "text",
        read: (rest) => ({ verb: "landed", company: oneValue(rest) }),
      },
    },
    run: async () => {
      const { landed } = await account();
      return (ctx, command) => landed(ctx, command.company);
    },
    reads: (_, { user, now }) => ({ prompts: [promptId(user.id, celebrateKey(now.toISOString()))] }),
    help: {
      section: "reply",
      line: "landed: Acme — you got the job: one mail with a thank-you draft for everyone you met",
    },
    spellings: ["landed:"],
    subject: "congratulations!",
  },
  status: {
    parse: { words: ["status", "status link", "link", "my link", "summary"] },
    run: async () => (await account()).status,
    reads: userItem,
    help: {
      section: "reply",
      line: "status — a short summary and the link to your status page (the link stays the same)",
    },
    spellings: ["status"],
    subject: "where things stand",
  },
  new_link: {
    parse: {
      words: [
        "new link",
        "new status link",
        "fresh link",
        "renew link",
        "rotate link",
        "new_link",
        "newlink",
      ],
    },
    run: async () => (await account()).newLink,
    reads: userItem,
    help: {
      section: "reply",
      line: "new link — a new status link; every earlier link stops working (if a link got out)",
    },
    spellings: ["new link"],
    subject: "your new status link",
  },
  pause: {
    parse: { words: ["pause", "pause all", "pause everything", "pause prompts"] },
    run: async () => (await account()).pause,
    reads: userItem,
    help: { section: "reply", line: "pause / resume — stop or restart all prompts" },
    spellings: ["pause"],
    subject: "paused",
  },
  resume: {
    parse: {
      words: ["resume", "unpause", "resume all", "resume everything", "resume prompts", "restart"],
    },
    run: async () => (await account()).resume,
    reads: (_, { user }) => ({
      prompts: user.landed ? [promptId(user.id, celebrateKey(user.landed.at))] : [],
    }),
    help: { with: "pause" },
    spellings: ["resume"],
    subject: "resumed",
  },
  help: {
    parse: { words: ["help", "?", "commands", "help me", "menu"] },
    run: async () => (await account()).help,
    reads: userItem,
    help: { section: "reply", line: "help — this list" },
    spellings: ["help"],
    subject: "what I understand",
  },
  tz: {
    parse: {
      pattern: {
        pattern:
          /^(?:tz|timezone|time zone|time-zone|zone)\s*(?::|=|\s)\s*([\p{L}0-9_+\-/ .']{1,64}?)[\s.!]*$/iu,
        on: "text",
        read: (rest) => {
          const timeZone = canonicalZone(rest) ?? zoneOfPlace(rest);
          return timeZone ? { verb: "tz", timeZone } : null;
        },
      },
    },
    run: async () => {
      const { tz } = await account();
      return (ctx, command) => tz(ctx, command.timeZone);
    },
    reads: everyPending,
    help: { section: "log", line: "tz Europe/Berlin — your time zone (a city works too: tz Berlin)" },
    spellings: ["tz"],
    subject: "time zone set",
  },
  hour: {
    parse: {
      pattern: {
        pattern: /^(?:hour|prompt hour)\s*(?::|=|\s)\s*(\d{1,2})(?::00)?\s*(am|pm|a\.m|p\.m|h)?$/,
        on: "bare",
        read: (value, suffix) => {
          const hour = hourOf(Number(value), suffix);
          return hour === null ? null : { verb: "hour", hour };
        },
      },
    },
    run: async () => {
      const { hour } = await account();
      return (ctx, command) => hour(ctx, command.hour);
    },
    reads: everyPending,
    help: { section: "log", line: "hour 8 — the hour prompts arrive (0–23, in your time zone)" },
    spellings: ["hour"],
    subject: "prompt hour set",
  },
  cadence: {
    parse: {
      pattern: {
        pattern: /^(?:cadence|check-?ins? every)\s*(?::|=|\s)\s*(.+)$/,
        on: "bare",
        read: (rest) => {
          const months = parseMonths(rest);
          return months === null ? null : { verb: "cadence", months };
        },
      },
    },
    run: async () => {
      const { cadence } = await account();
      return (ctx, command) => cadence(ctx, command.months);
    },
    reads: everyPending,
    help: { section: "log", line: "cadence 3m — how often to suggest a keep-in-touch note (months)" },
    spellings: ["cadence"],
    subject: "cadence set",
  },
  name: {
    parse: {
      pattern: {
        pattern: /^(?:name|my name is|my name|sign(?:ed)?(?: as| with)?)\s*(?::|=|\s)\s*(.+)$/i,
        on: "text",
        read: (rest) => {
          const name = oneValue(rest.replace(/[.]+$/, ""));
          // A name, not an address or a link: the drafts are signed with it.
          return name && !/[@<>/\\]|https?:/i.test(name) ? { verb: "name", name } : null;
        },
      },
    },
    run: async () => {
      const { name } = await account();
      return (ctx, command) => name(ctx, command.name);
    },
    reads: userItem,
    help: { section: "log", line: "name Sam Seeker — the name your drafts are signed with" },
    spellings: ["name"],
    subject: "name set",
  },
  export: {
    parse: { words: ["export", "export my data", "export data", "export everything", "my data"] },
    run: async () => (await data()).exportData,
    reads: userItem,
    help: { section: "log", line: "export — everything stored about you, as an attachment" },
    spellings: ["export"],
    subject: "your data",
  },
  forget: {
    parse: {
      pattern: {
        pattern: /^forget\s*(?::|=|\s)\s*(.+)$/i,
        on: "text",
        read: (rest) => {
          const who = parseNamedAddress(rest);
          return who ? { verb: "forget", email: who.email } : null;
        },
      },
    },
    run: async () => {
      const { forget } = await data();
      return (ctx, command) => forget(ctx, command.email);
    },
    reads: (command) => ({ everythingAbout: command.email }),
    help: { section: "log", line: "forget jane@acme.com — delete a contact, their meetings and prompts" },
    spellings: ["forget"],
    subject: "forgotten",
  },
  address_add: {
    parse: {
      pattern: {
        pattern: /^(?:address(?:es)?\s+add|add\s+(?:address|email))\s*(?::|=|\s)\s*(.+)$/i,
        on: "text",
        read: (rest) => {
          const address = parseNamedAddress(rest);
          return address ? { verb: "address_add", address: address.email } : null;
        },
      },
    },
    run: async () => {
      const { addAddress } = await data();
      return (ctx, command) => addAddress(ctx, command.address);
    },
    reads: userItem,
    help: {
      section: "log",
      line: "address add sam@work.com — another address you send from (confirmed by a link)",
    },
    spellings: ["address add"],
    subject: "address waiting for confirmation",
  },
};

export const VERB_NAMES = Object.keys(VERBS) as CommandVerb[];

/** The table's entry for a command's verb, typed by that verb. */
export function verbOf<V extends CommandVerb>(verb: V): Verb<V> {
  return VERBS[verb] as Verb<V>;
}

/** A pattern of any verb, as the parser walks them. */
export interface AnyVerbPattern {
  pattern: RegExp;
  on: LineForm;
  read: (argument: string, extra: string | null) => Command | null;
}

/** How a verb is written, whichever verb it is: its bare words (none for a verb with an argument) and its pattern. */
export function parseOf(verb: CommandVerb): { words: readonly string[]; pattern: AnyVerbPattern | null } {
  const parse: { words?: readonly string[]; pattern?: AnyVerbPattern } = VERBS[verb].parse;
  return { words: parse.words ?? [], pattern: parse.pattern ?? null };
}

/** Loads what a command does and binds it to the command. */
export async function loadRun<V extends CommandVerb>(
  command: CommandOf<V>,
): Promise<(ctx: CommandContext) => Outcome | string[]> {
  const run = await verbOf(command.verb as V).run();
  return (ctx) => run(ctx, command);
}
