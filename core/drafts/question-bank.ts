import type { Purpose } from "../model/contact.js";
import { oneLine } from "./escape.js";

export type QuestionGroup = Purpose | "hiring_manager" | "general";

/** `{org}` is the company when known ("Acme"), else "your organisation"; `{name}` the contact's first name. */
export const QUESTION_BANK: Readonly<Record<QuestionGroup, readonly string[]>> = {
  new_field: [
    "How did you get into this line of work — and what would you tell someone trying to get in now?",
    "What does a typical week look like for you at {org}?",
    "What skills or experience matter most for someone coming in from outside the field?",
    "What is changing in the sector right now?",
  ],
  new_job: [
    "How do the teams around you at {org} work together, and who depends on whose work?",
    "What do people who are new here often misunderstand about how things get done?",
    "What does doing well in your role look like after the first year?",
    "Who are the people at {org} I should get to know early?",
  ],
  move_up: [
    "How did you get to the role you have now at {org}?",
    "What kinds of people do well here, and what sets them apart when roles open up?",
    "What would you do differently if you were in my position today?",
    "Which skills would you build first to be ready for the next step?",
  ],
  hiring_manager: [
    "What is the team at {org} working on this year, and where does it need help most?",
    "What does someone who does well in this role do in their first months?",
    "What do you look for when you hire, beyond what the posting says?",
    "How does hiring usually work on your team, and what would a good next step be?",
  ],
  general: [
    "What do you enjoy most about your work — and what is not so great?",
    "What is the culture like at {org}?",
    "What kinds of people do well here?",
    "What would you do differently if you were starting out today?",
    "What are the prospects for the next few years?",
  ],
};

/** Asked last, every time: the chat should end by finding the next person. */
export const CLOSING_QUESTION = "Who else should I talk to? (Ask if you may mention that {name} sent you.)";

export interface QuestionSubject {
  purpose: Purpose | null;
  /** Someone who could hire: their questions come first. */
  hiringManager?: boolean;
  name: string | null;
  company: string | null;
}

function fill(template: string, subject: QuestionSubject): string {
  const org = oneLine(subject.company ?? "") || "your organisation";
  const name = oneLine(subject.name ?? "").split(" ")[0] || "they";
  return template.replaceAll("{org}", org).replaceAll("{name}", name);
}

/**
 * The questions for one chat: a hiring manager's first, then those for its purpose (or the general set when the purpose
 * is unknown), topped up from the general set without repeats, then the closing question.
 */
export function pickQuestions(subject: QuestionSubject, count = 6): string[] {
  const first = [
    ...(subject.hiringManager ? QUESTION_BANK.hiring_manager : []),
    ...(subject.purpose ? QUESTION_BANK[subject.purpose] : []),
  ];
  const chosen: string[] = [];
  for (const template of [...first, ...QUESTION_BANK.general]) {
    if (chosen.length >= Math.max(1, count)) break;
    if (!chosen.includes(template)) chosen.push(template);
  }
  return [...chosen, CLOSING_QUESTION].map((template) => fill(template, subject));
}
