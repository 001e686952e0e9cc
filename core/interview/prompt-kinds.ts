import type { PromptKind } from "../model/prompt.js";

/** What `done` on a prompt of this kind says about the chat (see prompt-verbs.ts). */
export type DoneMeans = "nothing" | "met" | "wrote" | "moved_on";

/** How a pending prompt of this kind follows a change of zone, prompt hour or cadence (replan.ts). */
export type Retime = "meeting" | "outreach" | "same_day" | "never";

export interface PromptKindSpec {
  /** In a sentence: "the thank-you draft". */
  name: string;
  /** On the status page, for a person: "Thank-you draft for Jane Doe". */
  label: (who: string) => string;
  /** In a confirmation's list of what comes next. */
  upcoming: string;
  /** A scheduled follow-up (true) or a mail sent at once (confirmation, answer). */
  followUp: boolean;
  done: DoneMeans;
  retime: Retime;
  /** Sending it continues the keep-in-touch chain. */
  chainsCheckIn: boolean;
}

/**
 * Every prompt kind, once: adding a kind is one entry here (the compiler asks for it) plus its
 * template in core/drafts.
 */
export const PROMPT_KINDS: Record<PromptKind, PromptKindSpec> = {
  prep: {
    name: "prep notes",
    label: (who) => `Prep notes for your chat with ${who}`,
    upcoming: "Prep",
    followUp: true,
    done: "nothing",
    retime: "meeting",
    chainsCheckIn: false,
  },
  thank_you: {
    name: "thank-you draft",
    label: (who) => `Thank-you draft for ${who}`,
    upcoming: "Thank-you draft",
    followUp: true,
    done: "met",
    retime: "meeting",
    chainsCheckIn: true,
  },
  referral_ask: {
    name: "referral ask",
    label: (who) => `Ask ${who} who else to talk to`,
    upcoming: "Referral ask",
    followUp: true,
    done: "wrote",
    retime: "meeting",
    chainsCheckIn: false,
  },
  check_in: {
    name: "check-in",
    label: (who) => `Check in with ${who}`,
    upcoming: "Check-in",
    followUp: true,
    done: "wrote",
    retime: "same_day",
    chainsCheckIn: true,
  },
  nudge: {
    name: "follow-up nudge",
    label: (who) => `Follow up with ${who} (no answer yet)`,
    upcoming: "Follow-up nudge (if no answer)",
    followUp: true,
    done: "wrote",
    retime: "outreach",
    chainsCheckIn: false,
  },
  move_on: {
    name: "move-on note",
    label: (who) => `No answer from ${who}: time to move on`,
    upcoming: "Move-on note",
    followUp: true,
    done: "moved_on",
    retime: "outreach",
    chainsCheckIn: false,
  },
  celebrate: {
    name: "good-news drafts",
    label: () => "Share your good news with everyone you met",
    upcoming: "Good-news drafts",
    followUp: true,
    done: "nothing",
    retime: "never",
    chainsCheckIn: false,
  },
  confirmation: {
    name: "confirmation",
    label: () => "Confirmation",
    upcoming: "Confirmation",
    followUp: false,
    done: "nothing",
    retime: "never",
    chainsCheckIn: false,
  },
  answer: {
    name: "answer",
    label: () => "Answer",
    upcoming: "Answer",
    followUp: false,
    done: "nothing",
    retime: "never",
    chainsCheckIn: false,
  },
};
