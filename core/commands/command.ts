/** A command found in the user's text (a reply to a prompt, or mail to log@). */
export type Command =
  | { verb: "done" }
  | { verb: "snooze"; days: number }
  | { verb: "skip" }
  | { verb: "met" }
  | { verb: "no_show" }
  | { verb: "stop" }
  | { verb: "notes"; text: string }
  | { verb: "referral"; name: string | null; email: string }
  | { verb: "landed"; company: string }
  /** A short summary and the current link; the link stays the same. */
  | { verb: "status" }
  /** A new status link: every earlier one stops working. */
  | { verb: "new_link" }
  /** `name Sam Seeker`: the name drafts are signed with. */
  | { verb: "name"; name: string }
  | { verb: "pause" }
  | { verb: "resume" }
  | { verb: "help" }
  /** `fix: name Jane Doe`, `fix: company Acme`, `fix: time 2026-12-03 15:00`, `fix: hiring manager` */
  | { verb: "fix"; field: "name" | "company" | "time" | "hiring_manager" | "purpose"; value: string }
  | { verb: "purpose"; purpose: "new_field" | "new_job" | "move_up" }
  | { verb: "tz"; timeZone: string }
  | { verb: "hour"; hour: number }
  | { verb: "cadence"; months: number }
  | { verb: "export" }
  | { verb: "forget"; email: string }
  | { verb: "address_add"; address: string };

export type CommandVerb = Command["verb"];

export interface ParsedCommands {
  commands: Command[];
  /** Lines that looked like an attempt but were not understood, verbatim (trimmed, ≤200 chars). */
  unknown: string[];
}
