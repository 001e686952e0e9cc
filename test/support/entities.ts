import type { Contact } from "../../core/model/contact.js";
import type { Meeting } from "../../core/model/meeting.js";
import type { Prompt } from "../../core/model/prompt.js";
import type { User } from "../../core/model/user.js";

/**
 * Complete, valid entities for tests: a New York user, Jane Doe at Acme, a coffee with her on
 * Thu 3 Dec 2026 and its prep prompt. Each test states only what it is about in `overrides`.
 */
export function aUser(overrides: Partial<User> = {}): User {
  return {
    id: "usr_test",
    addresses: ["you@example.com"],
    pendingAddresses: [],
    name: null,
    timeZone: "America/New_York",
    timeZoneSource: "user",
    promptHour: 9,
    cadenceMonths: 6,
    paused: false,
    bouncing: false,
    statusTokenHash: "x",
    statusTokenVersion: 1,
    landed: null,
    // Seeded items carry no contact refs: the first read moves the account over (account-slice.ts).
    contactRefs: false,
    revision: 0,
    createdAt: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

export function aContact(overrides: Partial<Contact> = {}): Contact {
  return {
    email: "jane@acme.com",
    name: "Jane Doe",
    company: "Acme",
    stage: "scheduled",
    stopped: false,
    referredBy: null,
    hiringManager: false,
    purpose: null,
    notes: [],
    context: null,
    outreachAt: null,
    outreachSubject: null,
    lastContactAt: "2026-11-20T15:00:00Z",
    referrals: [],
    meetingIds: [],
    pendingPromptIds: [],
    createdAt: "2026-11-20T15:00:00Z",
    updatedAt: "2026-11-20T15:00:00Z",
    ...overrides,
  };
}

export function aMeeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: "mtg_abc",
    uid: "uid-1@acme.com",
    sequence: 0,
    contactEmail: "jane@acme.com",
    start: "2026-12-03T15:00:00-05:00",
    end: "2026-12-03T15:30:00-05:00",
    timeZone: "America/New_York",
    allDay: false,
    title: "Coffee",
    location: "Blue Bottle, 5th Ave",
    status: "scheduled",
    notes: [],
    createdAt: "2026-11-20T15:00:00Z",
    updatedAt: "2026-11-20T15:00:00Z",
    ...overrides,
  };
}

export function aPrompt(overrides: Partial<Prompt> = {}): Prompt {
  return {
    id: "prm_prep",
    key: "prep:mtg_abc",
    kind: "prep",
    dueAt: "2026-12-02T14:00:00.000Z",
    state: "scheduled",
    contactEmail: "jane@acme.com",
    meetingId: "mtg_abc",
    scheduleName: "cc-prm_prep",
    message: null,
    sesMessageId: null,
    reason: null,
    attempts: 0,
    resentAt: null,
    createdAt: "2026-11-20T15:00:00Z",
    stateChangedAt: "2026-11-20T15:00:00Z",
    ...overrides,
  };
}
