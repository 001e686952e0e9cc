import type { Moved, Outcome, PromptRef, Refusal } from "../interview/outcome.js";
import { PROMPT_KINDS } from "../interview/prompt-kinds.js";
import { STAGE_LABELS } from "../interview/stage.js";
import type { Purpose } from "../model/contact.js";
import { notesFullLine } from "../model/contact-notes.js";
import { describeContact, formatDue, formatMeetingTime } from "./format.js";
import { inviteDraftLines } from "./invite-draft.js";

/** What the words of an answer depend on besides the outcome: the user's zone and the moment. */
export interface AnswerClock {
  user: { timeZone: string };
  now: Date;
}

const RESCHEDULE_OPENING = "Sorry we missed each other. Could we find another time? Would one of these work?";

const PURPOSE_WORDS: Record<Purpose, string> = {
  new_field: "a new field",
  new_job: "a new job",
  move_up: "moving up",
};

const REFUSALS: Record<Refusal, string> = {
  prompt_gone: "That prompt no longer exists (its contact was forgotten), so nothing changed.",
  no_prompt:
    "Reply to the prompt itself to use that command (mail to the log address is for account commands).",
  not_follow_up: "That works on a prompt (prep, thank-you, check-in…), not on this mail.",
  not_about_one_person:
    "This mail isn't about one person, so there is nobody to apply that to. Reply to a prompt about that person.",
  needs_a_person: "That command is about one person: reply to a prompt about that person instead.",
  contact_gone: "That contact is no longer logged (forgotten?), so nothing changed.",
};

/** "the thank-you draft for Jane Doe (Acme)". */
function thePrompt(prompt: PromptRef): string {
  const who = prompt.contact ? ` for ${describeContact(prompt.contact)}` : "";
  return `the ${PROMPT_KINDS[prompt.kind].name}${who}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The words of an answer to one verb: the one place a verb's outcome becomes text. */
export function answerLines(outcome: Outcome, clock: AnswerClock): string[] {
  const due = (at: Date) => formatDue(at, clock.user.timeZone, clock.now);
  const meetingTime = (start: string) => formatMeetingTime(start, clock.user.timeZone, clock.now);
  const nextCheckIn = (at: Date | null) => (at ? [`Next check-in: ${due(at)}.`] : []);
  const paused = (on: boolean) =>
    on ? ["(Your prompts are paused: reply `resume` to get them again.)"] : [];

  const moved = ({ count, next }: Moved) =>
    count === 0
      ? []
      : [
          `${count} pending prompt${count === 1 ? "" : "s"} moved to match${next ? `; the next one arrives ${due(next)}` : ""}.`,
        ];

  switch (outcome.kind) {
    case "refused":
      return [REFUSALS[outcome.why]];
    case "done":
      return [
        `Marked done: ${thePrompt(outcome.prompt)}.`,
        ...(outcome.cold
          ? [
              `${describeContact(outcome.cold)} is marked cold. If they answer later, forward it and they're back.`,
            ]
          : []),
        ...nextCheckIn(outcome.nextCheckIn),
      ];
    case "snoozed":
      return [
        `Snoozed: ${thePrompt(outcome.prompt)} ${outcome.reminder ? "will come back" : "will now arrive"} ${due(outcome.until)}.`,
        ...paused(outcome.paused),
      ];
    case "snooze_cancelled":
      return [
        `${capitalised(thePrompt(outcome.prompt))} was cancelled (${outcome.reason ?? "no longer needed"}), so there is nothing to snooze.`,
      ];
    case "snooze_past_stage":
      return [
        `${describeContact(outcome.contact)} is at ${STAGE_LABELS[outcome.contact.stage]} now, so the ${PROMPT_KINDS[outcome.prompt.kind].name} will not come back.`,
      ];
    case "snooze_repeated":
      return [`${capitalised(thePrompt(outcome.prompt))} already came back once for ${due(outcome.until)}.`];
    case "skipped":
      return [
        `Skipped: ${thePrompt(outcome.prompt)}. The other follow-ups stay.`,
        ...nextCheckIn(outcome.nextCheckIn),
      ];
    case "skip_ended":
      return [
        `${capitalised(thePrompt(outcome.prompt))} was already ${outcome.state === "sending" ? "being sent" : outcome.state}; nothing to skip.`,
      ];
    case "met":
      return [`Marked met: ${describeContact(outcome.contact)}, ${meetingTime(outcome.start)}.`];
    case "no_meeting":
      return [
        `I have no meeting with ${describeContact(outcome.contact)} logged.${outcome.verb === "met" ? " Forward the invite and I'll log it." : ""}`,
      ];
    case "meeting_cancelled":
      return [
        `The meeting with ${describeContact(outcome.contact)} was cancelled. If it happened after all, forward the new invite.`,
      ];
    case "no_show":
      return [
        `Noted: ${describeContact(outcome.contact)} didn't show (${meetingTime(outcome.start)}).${
          outcome.promptsCancelled ? " The thank-you and referral ask for it are off." : ""
        }`,
        "Want to try again? Here is a draft proposing new times; forward the new invite once it is sent.",
        "",
        ...inviteDraftLines(outcome.contact, clock.user.timeZone, clock.now, RESCHEDULE_OPENING).map(
          (l) => `> ${l}`,
        ),
      ];
    case "stopped":
      return [
        `Stopped: no more prompts about ${describeContact(outcome.contact)}${outcome.promptsCancelled ? ` (${outcome.promptsCancelled} cancelled)` : ""}.`,
        "Forwarding a new mail or invite with them logs it, but prompts stay off.",
      ];
    case "note_saved":
      return [`Saved your note with ${describeContact(outcome.contact)}; it shows up in the drafts to come.`];
    case "note_not_saved":
      return [
        outcome.why === "empty"
          ? "That note was empty, so nothing was saved."
          : outcome.why === "already_saved"
            ? `That note is already saved with ${describeContact(outcome.contact)}.`
            : notesFullLine(describeContact(outcome.contact)),
      ];
    case "referral_logged": {
      const referrer = describeContact(outcome.referrer);
      return [
        `Logged ${describeContact(outcome.contact)} <${outcome.contact.email}>, referred by ${referrer}.`,
        ...(outcome.nudge
          ? [
              `Write to them soon (mention ${referrer}); a follow-up nudge comes ${due(outcome.nudge)} if you haven't logged a meeting by then.`,
            ]
          : []),
      ];
    }
    case "referral_known":
      return [
        `${describeContact(outcome.contact)} was already logged; noted that ${describeContact(outcome.referrer)} referred you.`,
      ];
    case "referral_refused":
      return [
        outcome.why === "same_person"
          ? "That is the same person; a referral is someone new they put you in touch with."
          : "That is your own address; a referral is someone they put you in touch with.",
      ];
    case "purpose_set":
      return [
        `Purpose of your chat with ${describeContact(outcome.contact)}: ${PURPOSE_WORDS[outcome.purpose]}. Prep questions follow it.`,
      ];
    case "landed": {
      const on = outcome.company ? ` on ${outcome.company}` : "";
      if (outcome.alreadySent) return [`Congratulations${on}! The good-news drafts already went out today.`];
      return [
        `Congratulations${on}! A separate mail with a "good news + thank you" draft for everyone you met is on its way.`,
        ...(outcome.paused ? ["(Your prompts are paused: it comes when you reply `resume`.)"] : []),
      ];
    }
    case "link_renewed":
      return [
        outcome.byMail
          ? "Here is a new link to your status page: it is at the bottom of this mail. Every earlier link no longer works."
          : "Your status link was renewed; every earlier link no longer works.",
      ];
    case "name_set":
      return [`Your drafts are now signed "${outcome.name}".`];
    case "paused":
      return [
        "Paused: no prompts are mailed until you reply `resume`. Replies and the status page still work.",
      ];
    case "already_paused":
      return ["Your prompts were already paused. Reply `resume` to get them again."];
    case "resumed":
      return [
        "Resumed: your prompts are back on. Those that came due while you were paused were skipped; the status page lists them.",
      ];
    case "not_paused":
      return ["Your prompts weren't paused; nothing changed."];
    case "zone_set":
      return [
        `Time zone set to ${outcome.timeZone}; prompts arrive at ${hh(outcome.promptHour)} your time. Later invites won't change it.`,
        ...moved(outcome.moved),
      ];
    case "hour_set":
      return [`Prompts now arrive at ${hh(outcome.hour)} (${outcome.timeZone}).`, ...moved(outcome.moved)];
    case "cadence_set":
      return [
        `Keep-in-touch check-ins now come every ${outcome.months} month${outcome.months === 1 ? "" : "s"}.`,
        ...moved(outcome.moved),
      ];
    case "said":
      return outcome.lines;
  }
}

function hh(value: number): string {
  return `${String(value).padStart(2, "0")}:00`;
}
