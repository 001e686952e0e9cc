import { formatDue } from "../../drafts/format.js";
import { helpLines } from "../../drafts/help.js";
import { statusSummary } from "../../drafts/status-summary.js";
import type { PromptClockUser } from "../../followup/timing.js";
import { promptId } from "../../ids.js";
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
 */

export function landed(ctx: CommandContext, company: string): string[] {
  const { changes } = ctx;
  const name = cleanLine(company, 100);
  const day = changes.nowIso.slice(0, 10);
  const key = `celebrate:${day}`;
  changes.setUser({ ...changes.user, landed: { company: name, at: changes.nowIso } });
  const earlier = changes.account.prompts.find((p) => p.key === key);
  if (earlier && earlier.state !== "scheduled" && earlier.state !== "cancelled") {
    return [`Congratulations${name ? ` on ${name}` : ""}! The good-news drafts already went out today.`];
  }
  if (!earlier || earlier.state === "cancelled") {
    changes.createPrompt({ key, kind: "celebrate", dueAt: changes.now, contactEmail: null, meetingId: null });
  }
  return [
    `Congratulations${name ? ` on ${name}` : ""}! A separate mail with a "good news + thank you" draft for everyone you met is on its way.`,
    ...(changes.user.paused ? ["(Your prompts are paused: it comes when you reply `resume`.)"] : []),
  ];
}

export function status(ctx: CommandContext): string[] {
  const { changes } = ctx;
  const summary = statusSummary(changes.account, changes.now, changes.user.timeZone);
  return ctx.channel === "mail"
    ? [...summary, "", "Your status page is linked at the bottom of this mail (the same link as before)."]
    : summary;
}

export function newLink(ctx: CommandContext): string[] {
  const { changes, config } = ctx;
  const version = changes.user.statusTokenVersion + 1;
  const { hash } = statusToken(config.tokenKey, changes.user.id, version);
  changes.setUser({ ...changes.user, statusTokenVersion: version, statusTokenHash: hash });
  return ctx.channel === "mail"
    ? [
        "Here is a new link to your status page: it is at the bottom of this mail. Every earlier link no longer works.",
      ]
    : ["Your status link was renewed; every earlier link no longer works."];
}

export function name(ctx: CommandContext, value: string): string[] {
  const { changes } = ctx;
  const clean = cleanLine(value, 100);
  changes.setUser({ ...changes.user, name: clean });
  return [`Your drafts are now signed "${clean}".`];
}

/** One write: the user item. Schedules stay; a prompt that comes due while paused is skipped when it fires. */
export function pause(ctx: CommandContext): string[] {
  const { changes } = ctx;
  if (changes.user.paused) return ["Your prompts were already paused. Reply `resume` to get them again."];
  changes.setUser({ ...changes.user, paused: true });
  return ["Paused: no prompts are mailed until you reply `resume`. Replies and the status page still work."];
}

/** One write: the user item, plus the good-news drafts of a `landed` that waited for it. */
export function resume(ctx: CommandContext): string[] {
  const { changes } = ctx;
  if (!changes.user.paused) return ["Your prompts weren't paused; nothing changed."];
  changes.setUser({ ...changes.user, paused: false });
  const landedDay = changes.user.landed?.at.slice(0, 10);
  const held = landedDay ? changes.prompt(promptId(changes.user.id, `celebrate:${landedDay}`)) : undefined;
  if (held?.state === "scheduled" && Date.parse(held.dueAt) <= changes.now.getTime())
    changes.retimePrompt(held, changes.now);
  return [
    "Resumed: your prompts are back on. Those that came due while you were paused were skipped; the status page lists them.",
  ];
}

export function tz(ctx: CommandContext, timeZone: string): string[] {
  const { changes } = ctx;
  const before = clockOf(ctx);
  changes.setUser({ ...changes.user, timeZone, timeZoneSource: "user" });
  const moved = retimePending(changes, before);
  return [
    `Time zone set to ${timeZone}; prompts arrive at ${hh(changes.user.promptHour)} your time. Later invites won't change it.`,
    ...movedLines(ctx, moved),
  ];
}

export function hour(ctx: CommandContext, value: number): string[] {
  const { changes } = ctx;
  const before = clockOf(ctx);
  changes.setUser({ ...changes.user, promptHour: value });
  const moved = retimePending(changes, before);
  return [`Prompts now arrive at ${hh(value)} (${changes.user.timeZone}).`, ...movedLines(ctx, moved)];
}

export function cadence(ctx: CommandContext, months: number): string[] {
  const { changes } = ctx;
  const before = clockOf(ctx);
  changes.setUser({ ...changes.user, cadenceMonths: months });
  const moved = retimePending(changes, before);
  return [
    `Keep-in-touch check-ins now come every ${months} month${months === 1 ? "" : "s"}.`,
    ...movedLines(ctx, moved),
  ];
}

export function help(): string[] {
  return helpLines();
}

function clockOf(ctx: CommandContext): PromptClockUser {
  const { timeZone, promptHour, cadenceMonths } = ctx.changes.user;
  return { timeZone, promptHour, cadenceMonths };
}

function movedLines(ctx: CommandContext, moved: number): string[] {
  if (moved === 0) return [];
  const { changes } = ctx;
  const next = changes.pendingPrompts().sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  return [
    `${moved} pending prompt${moved === 1 ? "" : "s"} moved to match${
      next
        ? `; the next one arrives ${formatDue(new Date(next.dueAt), changes.user.timeZone, changes.now)}`
        : ""
    }.`,
  ];
}

function hh(value: number): string {
  return `${String(value).padStart(2, "0")}:00`;
}
