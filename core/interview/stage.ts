import { CONTACT_STAGES, type ContactStage } from "../model/contact.js";

/**
 * Where a chat with one person stands. `answered`: they wrote back, no meeting yet;
 * `cancelled`: the meeting was called off or they did not show, nothing planned.
 */
export const STAGES: readonly ContactStage[] = CONTACT_STAGES;

export const STAGE_LABELS: Record<ContactStage, string> = {
  outreach: "Outreach",
  answered: "Answered",
  scheduled: "Scheduled",
  met: "Met",
  keeping_in_touch: "Keeping in touch",
  cold: "Cold",
  cancelled: "Cancelled or missed",
};

/** What happened to a chat; each use case names its event and takes the stage this returns. */
export type ChatEvent =
  | "outreach_logged"
  | "answer_logged"
  | "meeting_scheduled"
  | "meeting_cancelled"
  | "no_show"
  | "met"
  | "followed_up"
  | "moved_on";

/** The one place a stage changes: a pure function of the stage and what happened. */
export function nextStage(stage: ContactStage, event: ChatEvent): ContactStage {
  switch (event) {
    case "outreach_logged":
      // Writing again to someone cold reopens the outreach; a later stage stays.
      return stage === "cold" ? "outreach" : stage;
    case "answer_logged":
      return stage === "outreach" || stage === "cold" || stage === "cancelled" ? "answered" : stage;
    case "meeting_scheduled":
      return stage === "met" || stage === "keeping_in_touch" ? stage : "scheduled";
    case "meeting_cancelled":
    case "no_show":
      return stage === "scheduled" ? "cancelled" : stage;
    case "met":
      return stage === "keeping_in_touch" ? stage : "met";
    case "followed_up":
      // A thank-you or check-in went out: the person is one to keep in touch with.
      return stage === "met" || stage === "scheduled" ? "keeping_in_touch" : stage;
    case "moved_on":
      return stage === "outreach" ? "cold" : stage;
  }
}

/** Stages in which there is a person to keep in touch with (nobody was met before these). */
export const KEEP_IN_TOUCH_STAGES: readonly ContactStage[] = ["scheduled", "met", "keeping_in_touch"];
