/** What coffeechat understands by mail, one line each: sent in answer to anything it did not understand. */
export function helpLines(): string[] {
  return [
    "Reply to any prompt with one of these (one per line; quoted text below is ignored):",
    "  done (or sent) — you did it; the prompt is closed",
    "  snooze 3d — ask again in 3 days (any number of days, e.g. snooze 1d)",
    "  skip — not this one; the rest of the follow-ups stay",
    "  met / no-show — the meeting happened, or the other person did not come",
    "  stop — no more prompts about this person",
    "  notes: … — keep a note about this person (it shows up in your drafts)",
    "  referral: Bob Roe <bob@example.com> — log someone this person referred you to",
    "  purpose: new field | new job | move up — what the chat is for; prep questions follow it",
    "  fix: name Jane Doe / fix: company Acme / fix: time 2026-12-03 15:00 / fix: hiring manager — correct what was logged",
    "  landed: Acme — you got the job: one mail with a thank-you draft for everyone you met",
    "  status — a short summary and the link to your status page (the link stays the same)",
    "  new link — a new status link; every earlier link stops working (if a link got out)",
    "  pause / resume — stop or restart all prompts",
    "  help — this list",
    "",
    "Mail to the log address also accepts these account commands:",
    "  tz Europe/Berlin — your time zone (a city works too: tz Berlin)",
    "  hour 8 — the hour prompts arrive (0–23, in your time zone)",
    "  cadence 3m — how often to suggest a keep-in-touch note (months)",
    "  name Sam Seeker — the name your drafts are signed with",
    "  export — everything stored about you, as an attachment",
    "  forget jane@acme.com — delete a contact, their meetings and prompts",
    "  address add sam@work.com — another address you send from (confirmed by a link)",
  ];
}
