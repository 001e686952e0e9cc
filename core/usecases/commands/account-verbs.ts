import { helpLines } from "../../drafts/help.js";
import { statusSummary } from "../../drafts/status-summary.js";
import { celebrateKey } from "../../followup/keys.js";
import type { PromptClockUser } from "../../followup/timing.js";
import { promptId } from "../../ids.js";
import type { Moved, Outcome } from "../../interview/outcome.js";
import { cleanLine } from "../../mail/text.js";
import { statusToken } from "../../tokens.js";
import type { CommandContext } from "./context.js";
import { retimePending } from "./replan.js";

/**
 * Verbs about the whole account.
 * - landed: recorded on the profile; one `celebrate` prompt due now (keyed by the day, so a
 *   repeat the same day sends nothing more) with a draft for everyone met.
 * - status: a short summary; the answer's footer carries the status link, unchanged (earlier
 *   mails' links keep working).
 * - new link: the status token version goes up, so every earlier link stops working; the
 *   answer's footer carries the new link (read when the answer is sent, after the change).
 * - name: the name every draft is signed with.
 * - pause / resume: one write of the user item each. Prompts keep their schedules; one that
 *   fires while paused is skipped ("missed while paused"; a missed check-in plans the next one
 *   from today so the chain goes on), except a celebrate asked for, which waits for `resume`.
 * - tz / hour / cadence: the profile changes and pending prompts are re-timed (replan.ts).
 * Each but status and help returns what it did as an outcome (core/drafts/answers.ts has the words).
 */

export function landed(ctx: CommandContext, company: string): Outcome {
  const { changes } = ctx;
  const name = cleanLine(company, 100);
  const key = celebrateKey(changes.nowIso);
  changes.setUser({ ...changes.user, landed: { company: name, at: changes.nowIso } });
  const earlier = changes.account.prompts.find((p) => p.key === key);
  if (earlier && earlier.state !== "scheduled" && earlier.state !== "cancelled") {
    return { kind: "landed", company: name, alreadySent: true, paused: changes.user.paused };
  }
  if (!earlier || earlier.state === "cancelled") {
    changes.createPrompt({ key, kind: "celebrate", dueAt: changes.now, contactEmail: null, meetingId: null });
  }
  return { kind: "landed", company: name, alreadySent: false, paused: changes.user.paused };
}

export function status(ctx: CommandContext): string[] {
  const { changes } = ctx;
  const summary = ctx.statusPage
    ? statusSummary(ctx.statusPage, changes.now, changes.user.timeZone)
    : ["I could not read where things stand just now; your status page has it."];
  return ctx.channel === "mail"
    ? [...summary, "", "Your status page is linked at the bottom of this mail (the same link as before)."]
    : summary;
}

export function newLink(ctx: CommandContext): Outcome {
  const { changes, config } = ctx;
  const version = changes.user.statusTokenVersion + 1;
  const { hash } = statusToken(config.tokenKey, changes.user.id, version);
  changes.setUser({ ...changes.user, statusTokenVersion: version, statusTokenHash: hash });
  return { kind: "link_renewed", byMail: ctx.channel === "mail" };
}

export function name(ctx: CommandContext, value: string): Outcome {
  const { changes } = ctx;
  const clean = cleanLine(value, 100);
  changes.setUser({ ...changes.user, name: clean });
  return { kind: "name_set", name: clean };
}

/** One write: the user item. Schedules stay; a prompt that comes due while paused is skipped when it fires. */
export function pause(ctx: CommandContext): Outcome {
  const { changes } = ctx;
  if (changes.user.paused) return { kind: "already_paused" };
  changes.setUser({ ...changes.user, paused: true });
  return { kind: "paused" };
}

/** One write: the user item, plus the good-news drafts of a `landed` that waited for it. */
export function resume(ctx: CommandContext): Outcome {
  const { changes } = ctx;
  if (!changes.user.paused) return { kind: "not_paused" };
  changes.setUser({ ...changes.user, paused: false });
  const landedAt = changes.user.landed?.at;
  const held = landedAt ? changes.prompt(promptId(changes.user.id, celebrateKey(landedAt))) : undefined;
  if (held?.state === "scheduled" && Date.parse(held.dueAt) <= changes.now.getTime())
    changes.retimePrompt(held, changes.now);
  return { kind: "resumed" };
}

export function tz(ctx: CommandContext, timeZone: string): Outcome {
  const { changes } = ctx;
  const before = clockOf(ctx);
  changes.setUser({ ...changes.user, timeZone, timeZoneSource: "user" });
  const moved = movedBy(ctx, retimePending(changes, before));
  return { kind: "zone_set", timeZone, promptHour: changes.user.promptHour, moved };
}

export function hour(ctx: CommandContext, value: number): Outcome {
  const { changes } = ctx;
  const before = clockOf(ctx);
  changes.setUser({ ...changes.user, promptHour: value });
  const moved = movedBy(ctx, retimePending(changes, before));
  return { kind: "hour_set", hour: value, timeZone: changes.user.timeZone, moved };
}

export function cadence(ctx: CommandContext, months: number): Outcome {
  const { changes } = ctx;
  const before = clockOf(ctx);
  changes.setUser({ ...changes.user, cadenceMonths: months });
  const moved = movedBy(ctx, retimePending(changes, before));
  return { kind: "cadence_set", months, moved };
}

export function help(): string[] {
  return helpLines();
}

function clockOf(ctx: CommandContext): PromptClockUser {
  const { timeZone, promptHour, cadenceMonths } = ctx.changes.user;
  return { timeZone, promptHour, cadenceMonths };
}

/** How many pending prompts a change re-timed, and when the next pending prompt is due. */
function movedBy(ctx: CommandContext, count: number): Moved {
  const next = ctx.changes.pendingPrompts().sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  return { count, next: count && next ? new Date(next.dueAt) : null };
}
