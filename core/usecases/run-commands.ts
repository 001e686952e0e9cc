import type { Command } from "../commands/command.js";
import { suggestionLines } from "../commands/suggest.js";
import type { Deps } from "../deps.js";
import { answerLines } from "../drafts/answers.js";
import { helpLines } from "../drafts/help.js";
import type { Outcome } from "../interview/outcome.js";
import { loadRun, type ReadAbout, VERBS, type Verb } from "../interview/verbs.js";
import type { User } from "../model/user.js";
import { readStatusPage } from "../web/status-reads.js";
import { type KnownItems, mergeRequests, prepareUnit, type SliceRequest } from "./account-slice.js";
import type { CommandContext } from "./commands/context.js";
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

type Run = (ctx: CommandContext) => Outcome | string[];

export interface RunCommandsResult {
  /** What each command did, in order (a verb that answers in words only is `said`). */
  verbs: Outcome[];
  /** The answer, in words. */
  lines: string[];
  outcome: CommitOutcome;
}

/** A concurrent change to the same prompts (a schedule firing) makes the commit fail: read again and redo. */
const ATTEMPTS = 3;

/**
 * Applies the commands of one reply (or one status-page button) in order, as one unit of work,
 * and answers with what changed. By mail the answer is a message of its own, and a marker on
 * the mail's key makes a second delivery of the same reply act nothing (commitChanges).
 * On the web there is neither: the lines become the page's flash message.
 */
export async function runCommands(deps: Deps, input: RunCommandsInput): Promise<RunCommandsResult> {
  // Each verb's use case loads with the first command that needs it.
  const runs = await Promise.all(input.commands.map((command) => loadRun(command)));
  for (let attempt = 1; ; attempt++) {
    const read = await readFor(deps, input);
    if (!read) throw new Error("runCommands: no such user");
    const statusPage = await statusPageFor(deps, input, read.user);
    const unit = await prepareUnit(
      deps,
      input.userId,
      read.request,
      (changes) => {
        const named = input.promptId ? changes.prompt(input.promptId) : undefined;
        const ctx: CommandContext = {
          changes,
          prompt: named ?? null,
          promptGone: input.promptId !== null && !named,
          config: deps.config,
          messageKey: input.messageKey,
          channel: input.channel,
          attachExport: false,
          statusPage,
        };
        const answered = answer(ctx, runs, input.unknown);
        if (input.channel === "mail") mailAnswer(ctx, input, answered.lines);
        return answered;
      },
      read.known,
    );
    if (!unit) throw new Error("runCommands: no such user");
    const { changes, result } = unit;
    const { verbs, lines } = result;

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
      return { verbs, lines, outcome };
    }
  }
}

/** By mail the answer is a message of its own, and a marker on the mail's key makes a second delivery act nothing. */
function mailAnswer(ctx: CommandContext, input: RunCommandsInput, lines: string[]): void {
  const { changes } = ctx;
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

/**
 * What the commands concern, read by key: each verb names it (core/interview/verbs.ts), from
 * the user and the prompt replied to, which are read first (the prompt's person comes with it).
 */
async function readFor(
  deps: Deps,
  input: RunCommandsInput,
): Promise<{ known: KnownItems; user: User; request: SliceRequest } | null> {
  const asked = { user: true, prompts: input.promptId ? [input.promptId] : [] };
  const first = await deps.store.getItems(input.userId, asked);
  const user = first.user;
  if (!user) return null;
  const about = { user, prompt: first.prompts[0] ?? null, now: deps.clock.now() };
  const request = mergeRequests([
    { prompts: [input.promptId] },
    ...input.commands.map((command) => readsOf(command, about)),
  ]);
  return { known: { asked, items: first }, user, request };
}

function readsOf<V extends Command["verb"]>(command: Extract<Command, { verb: V }>, about: ReadAbout) {
  return (VERBS[command.verb] as Verb<V>).reads(command, about);
}

/**
 * `status` answers from the status page's own bounded reads. They load with the verbs (this
 * module is itself loaded on first use): a separate `import()` split the modules they share
 * with the handler into chunks of their own, which every cold start then loaded.
 */
async function statusPageFor(deps: Deps, input: RunCommandsInput, user: User) {
  if (!input.commands.some((c) => c.verb === "status")) return null;
  return readStatusPage(deps.store, user, deps.clock.now(), null);
}

function answer(ctx: CommandContext, runs: Run[], unknown: string[]): { verbs: Outcome[]; lines: string[] } {
  const verbs: Outcome[] = [];
  const lines: string[] = [];
  for (const run of runs) {
    if (lines.length) lines.push("");
    const result = run(ctx);
    const outcome: Outcome = Array.isArray(result) ? { kind: "said", lines: result } : result;
    verbs.push(outcome);
    // Said at once: a later command of the same reply (tz, hour) must not change how this one reads.
    lines.push(...answerLines(outcome, ctx.changes));
  }
  if (unknown.length) {
    if (lines.length) lines.push("");
    lines.push(`I didn't understand: ${unknown.map((u) => `"${u}"`).join(", ")}`);
    // A near miss gets its correction, not the whole list.
    const suggestions = suggestionLines(unknown);
    if (suggestions.length) lines.push(...suggestions, "", 'Reply "help" for everything I understand.');
    else lines.push("", ...helpLines());
  } else if (runs.length === 0) {
    lines.push("I didn't find a command in your mail, so nothing changed.", "", ...helpLines());
  }
  return { verbs, lines };
}

function subjectFor(commands: Command[], unknown: string[]): string {
  const first = commands[0];
  if (!first) return "coffeechat: what I understand";
  const verbs = [...new Set(commands.map((c) => c.verb))];
  if (verbs.length === 1 && unknown.length === 0) return `coffeechat: ${VERBS[first.verb].subject}`;
  return `coffeechat: ${verbs.map((v) => VERBS[v].subject).join(", ")}${unknown.length ? " (and a question)" : ""}`;
}
