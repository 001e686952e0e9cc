import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderPrompt } from "../../core/drafts/render-prompt.js";
import { PROMPT_KINDS } from "../../core/interview/prompt-kinds.js";
import type { Contact, Purpose } from "../../core/model/contact.js";
import type { Meeting } from "../../core/model/meeting.js";
import type { PromptKind } from "../../core/model/prompt.js";
import type { Account } from "../../core/store/store.js";
import { aContact, aMeeting, aPrompt, aUser } from "../support/entities.js";
import { links } from "./fixtures.js";

/**
 * The wording of every mail kind, pinned: a change to a template shows up here as a diff to
 * read and accept. `UPDATE_GOLDEN=1 npx vitest run test/drafts/golden.test.ts` rewrites the files.
 */
const GOLDEN_DIR = fileURLToPath(new URL("./golden/", import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const NOW = "2026-12-02T14:00:00Z";

const ana = aContact({
  email: "ana@lima.dev",
  name: "Ana Lima",
  company: "Lima Studio",
  stage: "keeping_in_touch",
});

function jane(purpose: Purpose | null, overrides: Partial<Contact> = {}): Contact {
  return aContact({
    purpose,
    referredBy: ana.email,
    outreachAt: "2026-11-20T15:00:00Z",
    context: "Director of Data Science at Acme; previously at Initech.",
    notes: ["Priya moved from eng to design in 2023; ask about her portfolio reviews"],
    ...overrides,
  });
}

const coffee = (overrides: Partial<Meeting> = {}): Meeting =>
  aMeeting({
    title: "Coffee: Jane / Sam",
    notes: ["Loved the analytics guild idea; follow up on the SQL course she named"],
    ...overrides,
  });

interface Fixture {
  kind: PromptKind;
  contacts: Contact[];
  meetings: Meeting[];
  now?: string;
  userName?: string | null;
  outreachSubject?: string | null;
  contactEmail?: string | null;
  meetingId?: string | null;
  message?: { subject: string; lines: string[] };
}

function render(fixture: Fixture): string {
  const user = aUser({
    name: fixture.userName === undefined ? "Sam Seeker" : fixture.userName,
    landed: { company: "Acme", at: "2027-02-01T10:00:00Z" },
  });
  const contactEmail = fixture.contactEmail === undefined ? "jane@acme.com" : fixture.contactEmail;
  const account: Account = {
    user,
    contacts: fixture.contacts,
    meetings: fixture.meetings,
    prompts: [],
    interactions:
      fixture.outreachSubject === null
        ? []
        : [
            {
              id: "int_outreach",
              at: "2026-11-20T15:00:00Z",
              kind: "outreach",
              contactEmail: "jane@acme.com",
              subject: fixture.outreachSubject ?? "Re: 20 minutes on moving into data science?",
              messageKey: "mid:outreach",
            },
          ],
  };
  const mail = renderPrompt({
    prompt: aPrompt({
      id: `prm_${fixture.kind}`,
      kind: fixture.kind,
      state: "sending",
      contactEmail,
      meetingId: fixture.meetingId === undefined ? "mtg_abc" : fixture.meetingId,
      message: fixture.message ? { ...fixture.message, to: null, attachExport: false } : null,
    }),
    user,
    account,
    links,
    now: new Date(fixture.now ?? NOW),
  });
  return `Subject: ${mail.subject}\n\n${mail.text}`;
}

const PURPOSES: readonly Purpose[] = ["new_field", "new_job", "move_up"];
const slug = (purpose: Purpose) => purpose.replace("_", "-");

const fixtures: Record<string, Fixture> = {};
for (const purpose of PURPOSES) {
  const met = jane(purpose, { stage: "met", lastContactAt: "2026-12-03T20:30:00Z" });
  fixtures[`prep.${slug(purpose)}`] = { kind: "prep", contacts: [ana, jane(purpose)], meetings: [coffee()] };
  fixtures[`thank-you.${slug(purpose)}`] = {
    kind: "thank_you",
    contacts: [ana, met],
    meetings: [coffee()],
    now: "2026-12-03T21:30:00Z",
  };
  fixtures[`referral-ask.${slug(purpose)}`] = {
    kind: "referral_ask",
    contacts: [ana, met],
    meetings: [coffee({ status: "met" })],
    now: "2026-12-06T14:00:00Z",
  };
  fixtures[`check-in.${slug(purpose)}`] = {
    kind: "check_in",
    contacts: [ana, met],
    meetings: [coffee({ status: "met" })],
    meetingId: null,
    now: "2027-06-03T13:00:00Z",
  };
  fixtures[`nudge.${slug(purpose)}`] = {
    kind: "nudge",
    contacts: [jane(purpose, { referredBy: null, stage: "outreach" })],
    meetings: [],
    meetingId: null,
    now: "2026-11-27T14:00:00Z",
  };
  fixtures[`move-on.${slug(purpose)}`] = {
    kind: "move_on",
    contacts: [jane(purpose, { referredBy: null, stage: "cold" })],
    meetings: [],
    meetingId: null,
    now: "2026-12-04T14:00:00Z",
  };
  fixtures[`celebrate.${slug(purpose)}`] = {
    kind: "celebrate",
    contacts: [ana, met],
    meetings: [coffee({ status: "met" })],
    contactEmail: null,
    meetingId: null,
    now: "2027-02-01T10:00:00Z",
  };
}
Object.assign(fixtures, {
  "prep.hiring-manager": {
    kind: "prep",
    contacts: [ana, jane("new_job", { hiringManager: true })],
    meetings: [coffee()],
  },
  "referral-ask.hiring-manager": {
    kind: "referral_ask",
    contacts: [ana, jane("move_up", { hiringManager: true, stage: "met" })],
    meetings: [coffee({ status: "met" })],
    now: "2026-12-06T14:00:00Z",
  },
  "nudge.referred-no-note-sent": {
    kind: "nudge",
    contacts: [ana, jane("new_field", { stage: "outreach" })],
    meetings: [],
    meetingId: null,
    outreachSubject: null,
    now: "2026-11-27T14:00:00Z",
  },
  "thank-you.no-names": {
    kind: "thank_you",
    contacts: [jane(null, { name: "example", email: "example@example.com", referredBy: null, notes: [] })],
    meetings: [coffee({ contactEmail: "example@example.com", notes: [], title: null })],
    contactEmail: "example@example.com",
    userName: null,
    now: "2026-12-03T21:30:00Z",
  },
  "confirmation.logged": {
    kind: "confirmation",
    contacts: [jane("new_field")],
    meetings: [coffee()],
    message: {
      subject: "coffeechat: logged — Jane Doe (Acme), Thu 3 Dec 15:00 EST",
      lines: [
        'Logged: Jane Doe (Acme), "Coffee: Jane / Sam" Thu 3 Dec 15:00 EST (Blue Bottle, 5th Ave).',
        "- Prep arrives Wed 2 Dec 09:00 EST",
      ],
    },
  },
  "answer.status": {
    kind: "answer",
    contacts: [],
    meetings: [],
    contactEmail: null,
    meetingId: null,
    message: {
      subject: "coffeechat: where things stand",
      lines: [
        "Where things stand: 2 people: 1 waiting for an answer, 1 meeting scheduled.",
        "",
        "Your status page is linked at the bottom of this mail (the same link as before).",
      ],
    },
  },
} satisfies Record<string, Fixture>);

describe("golden mails: every kind's wording, one fixture per purpose", () => {
  it.each(Object.keys(fixtures))("%s", (name) => {
    const fixture = fixtures[name] as Fixture;
    const text = render(fixture);
    const file = `${GOLDEN_DIR}${name}.txt`;
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) throw new Error(`${file} is missing: run with UPDATE_GOLDEN=1 to write it`);
      writeFileSync(file, text);
    }
    expect(text).toBe(readFileSync(file, "utf8"));
  });

  it("covers every prompt kind", () => {
    const kinds = new Set(Object.values(fixtures).map((f) => f.kind));
    // The kind table is compiler-checked to hold every kind: a new kind needs its golden file.
    const all = Object.keys(PROMPT_KINDS);
    expect([...kinds].sort()).toEqual([...all].sort());
  });

  it("no draft to a contact holds the user's private notes", () => {
    for (const [name, fixture] of Object.entries(fixtures)) {
      const text = render(fixture);
      for (const draft of text.split("=== Draft:").slice(1)) {
        const body = draft.slice(0, draft.indexOf("\n===\n"));
        expect(body, name).not.toMatch(/Priya|portfolio|analytics guild|SQL course/);
      }
    }
  });
});
