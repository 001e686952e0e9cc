import type { PromptPlan } from "../../core/followup/plan.js";
import { promptId } from "../../core/ids.js";
import type { Contact } from "../../core/model/contact.js";
import type { Meeting } from "../../core/model/meeting.js";
import type { Prompt, PromptState } from "../../core/model/prompt.js";
import type { User } from "../../core/model/user.js";

export function user(overrides: Partial<User> = {}): User {
  return {
    id: "usr_test",
    addresses: ["you@example.com"],
    pendingAddresses: [],
    timeZone: "America/New_York",
    timeZoneSource: "user",
    promptHour: 9,
    cadenceMonths: 6,
    paused: false,
    bouncing: false,
    statusTokenHash: "x",
    statusTokenVersion: 1,
    landed: null,
    createdAt: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

export function contact(overrides: Partial<Contact> = {}): Contact {
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
    lastContactAt: "2026-11-20T15:00:00Z",
    createdAt: "2026-11-20T15:00:00Z",
    updatedAt: "2026-11-20T15:00:00Z",
    ...overrides,
  };
}

export function meeting(overrides: Partial<Meeting> = {}): Meeting {
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

/** What the store would hold after the use case saved a plan. */
export function stored(plan: PromptPlan, state: PromptState = "scheduled"): Prompt {
  const id = promptId("usr_test", plan.key);
  return {
    id,
    key: plan.key,
    kind: plan.kind,
    dueAt: plan.dueAt.toISOString(),
    state,
    contactEmail: plan.contactEmail,
    meetingId: plan.meetingId,
    scheduleName: `cc-${id}`,
    message: null,
    snapshot: null,
    sesMessageId: null,
    reason: null,
    attempts: 0,
    createdAt: "2026-11-20T15:00:00Z",
    stateChangedAt: "2026-11-20T15:00:00Z",
  };
}

/** `{ kind: ISO due }` for compact assertions. */
export function dues(plans: readonly PromptPlan[]): Record<string, string> {
  return Object.fromEntries(plans.map((plan) => [plan.kind, plan.dueAt.toISOString()]));
}
