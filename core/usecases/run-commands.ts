import type { Command } from "../commands/command.js";
import { suggestionLines } from "../commands/suggest.js";
import type { Deps } from "../deps.js";
import { helpLines } from "../drafts/help.js";
import { promptId } from "../ids.js";
import type { Account } from "../store/store.js";
import { AccountChanges } from "./account-changes.js";
import * as account from "./commands/account-verbs.js";
import * as contact from "./commands/contact-verbs.js";
import type { CommandContext } from "./commands/context.js";
import * as prompt from "./commands/prompt-verbs.js";
import { type CommitOutcome, commitChanges } from "./commit-changes.js";

export interface RunCommandsInput {
  userId: string;
  /** The prompt replied to (from the reply token), or null for mail to log@. */
  promptId: string | null;
  commands: Command[];
  unknown: string[];
  /** The stable key of the mail (Message-ID) or of the web action: the dedupe key. */
  messageKey: string;
  channel: "mail" | "web";
}

type DataVerbs = typeof import("./commands/data-verbs.js");

/** export, forget and address add come seldom: their code loads when a reply asks for one. */
const DATA_VERBS: ReadonlySet<Command["verb"]> = new Set(["export", "forget", "address_add"]);

/** A concurrent change to the same prompts (a schedule firing) makes the commit fail: read again and redo. */
const ATTEMPTS = 3;

/**
 * Applies the commands of one reply (or one status-page button) in order, as one unit of work,
 * and answers with what changed. By mail the answer is a message of its own, and a marker on
 * the mail's key makes a second delivery of the same reply act nothing (commitChanges).
 * On the web there is neither: the lines become the page's flash message.
 */
export async function runCommands(
  deps: Deps,
  input: RunCommandsInput,
): Promise<{ lines: string[]; outcome: CommitOutcome }> {
  const data = input.commands.some((c) => DATA_VERBS.has(c.verb))
    ? await import("./commands/data-verbs.js")
    : null;
  for (let attempt = 1; ; attempt++) {
    const loaded = await readFor(deps, input);
    if (!loaded) throw new Error("runCommands: no such user");
    const changes = new AccountChanges(loaded, deps.clock.now(), deps.config.tokenKey);
    const named = input.promptId ? changes.prompt(input.promptId) : undefined;
    const ctx: CommandContext = {
      changes,
      prompt: named ?? null,
      promptGone: input.promptId !== null && !named,
      config: deps.config,
      messageKey: input.messageKey,
      channel: input.channel,
      attachExport: false,
    };
    const lines = answerLines(ctx, data, input.commands, input.unknown);

    if (input.channel === "mail") {
      changes.putMarker({
        key: input.messageKey,
        at: changes.nowIso,
        sesMessageId: null,
        outcome: "commands",
        promptIds: [],
      });
      const about = ctx.prompt?.contactEmail && changes.contact(ctx.prompt.contactEmail) ? ctx.prompt : null;
      changes.sendMessage(
        `answer:${input.messageKey}`,
        "answer",
        {
          subject: subjectFor(input.commands, input.unknown),
          lines,
          to: null,
          attachExport: ctx.attachExport,
        },
        // An answer about one person goes with them when they are forgotten.
        {
          contactEmail: about?.contactEmail ?? null,
          meetingId: about?.meetingId && changes.meeting(about.meetingId) ? about.meetingId : null,
        },
      );
    }

    const outcome = await commitChanges(
      deps,
      changes,
      input.channel === "mail" ? input.messageKey : undefined,
    );
    if (outcome !== "conflict" || attempt >= ATTEMPTS) {
      if (outcome === "conflict") {
        deps.log.warn("commands.conflict", { userId: input.userId, channel: input.channel });
        // By mail, failing makes the delivery retry later: a reply is never dropped silently.
        if (input.channel === "mail")
          throw new Error("commands conflicted with concurrent changes; retrying");
      }
      return { lines, outcome };
    }
  }
}

/** Verbs about the account alone: they read and write the user item, whatever the account holds. */
const USER_ONLY_VERBS: ReadonlySet<Command["verb"]> = new Set([
  "pause",
  "resume",
  "new_link",
  "name",
  "help",
]);

/**
 * What the commands concern. `pause`, `resume`, `new link`, `name` and `help` sent to log@ read the user
 * item (and the good-news prompt a paused `landed` left waiting); anything else the account.
 */
async function readFor(deps: Deps, input: RunCommandsInput): Promise<Account | null> {
  const userOnly =
    input.promptId === null &&
    input.unknown.length === 0 &&
    input.commands.length > 0 &&
    input.commands.every((c) => USER_ONLY_VERBS.has(c.verb));
  if (!userOnly) return deps.store.loadAccount(input.userId);
  const user = await deps.store.getUser(input.userId);
  if (!user) return null;
  const landedDay = user.landed?.at.slice(0, 10);
  const held =
    landedDay && input.commands.some((c) => c.verb === "resume")
      ? await deps.store.getPrompt(user.id, promptId(user.id, `celebrate:${landedDay}`))
      : null;
  return { user, contacts: [], meetings: [], prompts: held ? [held] : [], interactions: [] };
}

function answerLines(
  ctx: CommandContext,
  data: DataVerbs | null,
  commands: Command[],
  unknown: string[],
): string[] {
  const lines: string[] = [];
  for (const command of commands) {
    if (lines.length) lines.push("");
    lines.push(...apply(ctx, data, command));
  }
  if (unknown.length) {
    if (lines.length) lines.push("");
    lines.push(`I didn't understand: ${unknown.map((u) => `"${u}"`).join(", ")}`);
    // A near miss gets its correction, not the whole list.
    const suggestions = suggestionLines(unknown);
    if (suggestions.length) lines.push(...suggestions, "", 'Reply "help" for everything I understand.');
    else lines.push("", ...helpLines());
  } else if (commands.length === 0) {
    lines.push("I didn't find a command in your mail, so nothing changed.", "", ...helpLines());
  }
  return lines;
}

function apply(ctx: CommandContext, data: DataVerbs | null, command: Command): string[] {
  switch (command.verb) {
    case "done":
      return prompt.done(ctx);
    case "snooze":
      return prompt.snooze(ctx, command.days);
    case "skip":
      return prompt.skip(ctx);
    case "met":
      return prompt.met(ctx);
    case "no_show":
      return prompt.noShow(ctx);
    case "stop":
      return prompt.stop(ctx);
    case "notes":
      return contact.notes(ctx, command.text);
    case "referral":
      return contact.referral(ctx, command.name, command.email);
    case "fix":
      return contact.fix(ctx, command.field, command.value);
    case "purpose":
      return contact.purpose(ctx, command.purpose);
    case "landed":
      return account.landed(ctx, command.company);
    case "status":
      return account.status(ctx);
    case "new_link":
      return account.newLink(ctx);
    case "name":
      return account.name(ctx, command.name);
    case "pause":
      return account.pause(ctx);
    case "resume":
      return account.resume(ctx);
    case "help":
      return account.help();
    case "tz":
      return account.tz(ctx, command.timeZone);
    case "hour":
      return account.hour(ctx, command.hour);
    case "cadence":
      return account.cadence(ctx, command.months);
    case "export":
      return loaded(data).exportData(ctx);
    case "forget":
      return loaded(data).forget(ctx, command.email);
    case "address_add":
      return loaded(data).addAddress(ctx, command.address);
  }
}

function loaded(data: DataVerbs | null): DataVerbs {
  if (!data) throw new Error("runCommands: data verbs used without loading them");
  return data;
}

const SUBJECTS: Record<Command["verb"], string> = {
  done: "marked done",
  snooze: "snoozed",
  skip: "skipped",
  met: "marked met",
  no_show: "no-show noted",
  stop: "stopped",
  notes: "note saved",
  referral: "referral logged",
  fix: "fixed",
  purpose: "purpose set",
  landed: "congratulations!",
  status: "where things stand",
  new_link: "your new status link",
  name: "name set",
  pause: "paused",
  resume: "resumed",
  help: "what I understand",
  tz: "time zone set",
  hour: "prompt hour set",
  cadence: "cadence set",
  export: "your data",
  forget: "forgotten",
  address_add: "address waiting for confirmation",
};

function subjectFor(commands: Command[], unknown: string[]): string {
  const first = commands[0];
  if (!first) return "coffeechat: what I understand";
  const verbs = [...new Set(commands.map((c) => c.verb))];
  if (verbs.length === 1 && unknown.length === 0) return `coffeechat: ${SUBJECTS[first.verb]}`;
  return `coffeechat: ${verbs.map((v) => SUBJECTS[v]).join(", ")}${unknown.length ? " (and a question)" : ""}`;
}
