import type { Contact, Purpose } from "../model/contact.js";
import type { PromptKind, PromptState } from "../model/prompt.js";

/** The prompt a verb acted on, as an answer names it: its kind and the person it is about. */
export interface PromptRef {
  kind: PromptKind;
  contact: Contact | null;
}

/** Why a verb about a prompt or a person changed nothing. */
export type Refusal =
  /** A prompt was named but no longer exists (its contact was forgotten). */
  | "prompt_gone"
  /** A prompt verb in mail to the log address. */
  | "no_prompt"
  /** A prompt verb in reply to a mail that is not a follow-up (a confirmation, an answer). */
  | "not_follow_up"
  /** A verb about one person, in reply to a mail about nobody in particular. */
  | "not_about_one_person"
  /** A verb about one person, in mail to the log address. */
  | "needs_a_person"
  /** The person the prompt was about is no longer logged. */
  | "contact_gone";

/**
 * What a verb did, as data: the use cases decide it, tests assert on it, and
 * core/drafts/answers.ts says it in words. `said` carries the words of verbs not yet described
 * by an outcome of their own.
 */
export type Outcome =
  | { kind: "refused"; why: Refusal }
  | { kind: "done"; prompt: PromptRef; cold: Contact | null; nextCheckIn: Date | null }
  | { kind: "snoozed"; prompt: PromptRef; until: Date; reminder: boolean; paused: boolean }
  | { kind: "snooze_cancelled"; prompt: PromptRef; reason: string | null }
  /** A nudge or move-on note once the outreach is past waiting for an answer. */
  | { kind: "snooze_past_stage"; prompt: PromptRef; contact: Contact }
  | { kind: "snooze_repeated"; prompt: PromptRef; until: Date }
  | { kind: "skipped"; prompt: PromptRef; nextCheckIn: Date | null }
  | { kind: "skip_ended"; prompt: PromptRef; state: Exclude<PromptState, "scheduled"> }
  | { kind: "met"; contact: Contact; start: string }
  | { kind: "no_meeting"; contact: Contact; verb: "met" | "no_show" }
  | { kind: "meeting_cancelled"; contact: Contact }
  | { kind: "no_show"; contact: Contact; start: string; promptsCancelled: number }
  | { kind: "stopped"; contact: Contact; promptsCancelled: number }
  | { kind: "note_saved"; contact: Contact }
  | { kind: "note_not_saved"; contact: Contact; why: "empty" | "already_saved" | "full" }
  | { kind: "referral_logged"; contact: Contact; referrer: Contact; nudge: Date | null }
  | { kind: "referral_known"; contact: Contact; referrer: Contact }
  | { kind: "referral_refused"; why: "same_person" | "own_address" }
  | { kind: "purpose_set"; contact: Contact; purpose: Purpose }
  | { kind: "landed"; company: string; alreadySent: boolean; paused: boolean }
  | { kind: "link_renewed"; byMail: boolean }
  | { kind: "name_set"; name: string }
  | { kind: "paused" }
  | { kind: "already_paused" }
  | { kind: "resumed" }
  | { kind: "not_paused" }
  | { kind: "zone_set"; timeZone: string; promptHour: number; moved: Moved }
  | { kind: "hour_set"; hour: number; timeZone: string; moved: Moved }
  | { kind: "cadence_set"; months: number; moved: Moved }
  | { kind: "said"; lines: string[] };

/** Pending prompts re-timed by a change of zone, hour or cadence, and when the next one is due. */
export interface Moved {
  count: number;
  next: Date | null;
}

export type OutcomeKind = Outcome["kind"];
