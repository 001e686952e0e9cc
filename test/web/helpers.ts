import { configFrom } from "../../core/config.js";
import type { Deps } from "../../core/deps.js";
import { promptId, scheduleName } from "../../core/ids.js";
import type { Contact } from "../../core/model/contact.js";
import type { Meeting } from "../../core/model/meeting.js";
import type { Prompt } from "../../core/model/prompt.js";
import type { User } from "../../core/model/user.js";
import type { OutgoingMail, ScheduleRequest } from "../../core/ports.js";
import { createMemoryStore } from "../../core/store/memory-store.js";
import type { Account, Store } from "../../core/store/store.js";
import { statusToken, userIdFor } from "../../core/tokens.js";
import type { RunCommands, RunCommandsInput } from "../../core/web/app.js";
import { accountOf } from "../support/account-of.js";
import { aContact, aMeeting, aPrompt, aUser } from "../support/entities.js";
import { CapturingLogger, type LogLine } from "../support/fake-deps.js";

export const TOKEN_KEY = "test-token-key-0123456789abcdefghijklmnopqrstuvwxyz";
export const WEB_URL = "https://status.example.com";
/** Thu 19 Nov 2026, 10:00 in New York. */
export const NOW = new Date("2026-11-19T15:00:00Z");
export const USER_ID = userIdFor(TOKEN_KEY, "you@example.com");

export function testConfig(webUrl = WEB_URL) {
  return configFrom({
    Table: { name: "coffeechat-test" },
    TokenKey: { value: TOKEN_KEY },
    Settings: { mailDomain: "example.com", webUrl, defaultTimeZone: "America/New_York" },
  });
}

export interface TestDeps extends Deps {
  sent: OutgoingMail[];
  schedules: Map<string, ScheduleRequest>;
  logs: LogLine[];
  now: { value: Date };
}

export function testDeps(store: Store = createMemoryStore(), webUrl = WEB_URL): TestDeps {
  const sent: OutgoingMail[] = [];
  const schedules = new Map<string, ScheduleRequest>();
  const log = new CapturingLogger();
  const now = { value: NOW };
  return {
    store,
    config: testConfig(webUrl),
    clock: { now: () => now.value },
    log,
    mailer: {
      async send(mail) {
        sent.push(mail);
        return { messageId: `ses-${sent.length}` };
      },
    },
    scheduler: {
      async ensure(request) {
        schedules.set(request.name, request);
      },
      async remove(name) {
        schedules.delete(name);
      },
    },
    rawMail: {
      async read() {
        return { ok: false, size: 0 };
      },
    },
    sent,
    schedules,
    logs: log.lines,
    now,
  };
}

/** The user's current status token (what their link carries) at a token version. */
export function tokenFor(version = 1): string {
  return statusToken(TOKEN_KEY, USER_ID, version).token;
}

export const user = (overrides: Partial<User> = {}): User =>
  aUser({
    id: USER_ID,
    statusTokenHash: statusToken(TOKEN_KEY, USER_ID, 1).hash,
    createdAt: "2026-10-01T12:00:00Z",
    ...overrides,
  });

export const contact = (overrides: Partial<Contact> = {}): Contact =>
  aContact({
    lastContactAt: "2026-11-10T15:00:00Z",
    createdAt: "2026-11-10T15:00:00Z",
    updatedAt: "2026-11-10T15:00:00Z",
    ...overrides,
  });

export const meeting = (overrides: Partial<Meeting> = {}): Meeting =>
  aMeeting({
    id: "mtg_janecoffee",
    title: "Coffee with Jane",
    createdAt: "2026-11-10T15:00:00Z",
    updatedAt: "2026-11-10T15:00:00Z",
    ...overrides,
  });

export function prompt(key: string, overrides: Partial<Prompt> = {}): Prompt {
  const id = promptId(USER_ID, key);
  return aPrompt({
    id,
    key,
    dueAt: "2026-12-02T14:00:00Z",
    meetingId: "mtg_janecoffee",
    scheduleName: scheduleName(id),
    createdAt: "2026-11-10T15:00:00Z",
    stateChangedAt: "2026-11-10T15:00:00Z",
    ...overrides,
  });
}

/**
 * A realistic account: Jane (meeting coming up, prep and thank-you pending), Bob (met, referred
 * by Jane, referred the hiring manager Carol), an unanswered outreach and a cold one.
 */
export function sampleAccount(): Account {
  const contacts = [
    contact(),
    contact({
      email: "bob@roe.io",
      name: "Bob Roe",
      company: "Roe Labs",
      stage: "met",
      referredBy: "jane@acme.com",
      notes: ["Ask about the platform team"],
      lastContactAt: "2026-11-12T15:00:00Z",
      createdAt: "2026-11-11T15:00:00Z",
    }),
    contact({
      email: "carol@roe.io",
      name: "Carol Hiring",
      company: "Roe Labs",
      stage: "outreach",
      referredBy: "bob@roe.io",
      hiringManager: true,
      lastContactAt: "2026-11-15T15:00:00Z",
      createdAt: "2026-11-15T15:00:00Z",
    }),
    contact({
      email: "dan@old.co",
      name: null,
      company: null,
      stage: "cold",
      createdAt: "2026-10-01T15:00:00Z",
    }),
  ];
  const meetings = [
    meeting(),
    meeting({
      id: "mtg_bobcall",
      uid: "uid-2@roe.io",
      contactEmail: "bob@roe.io",
      start: "2026-11-12T10:00:00-05:00",
      end: "2026-11-12T10:30:00-05:00",
      title: "Call with Bob",
      location: "https://zoom.us/j/123",
      status: "met",
      notes: ["Bob suggested talking to Carol", "Platform team is hiring in Q1"],
    }),
  ];
  const prompts = [
    prompt("prep:mtg_janecoffee", { kind: "prep", dueAt: "2026-12-02T14:00:00Z" }),
    prompt("thank_you:mtg_janecoffee", { kind: "thank_you", dueAt: "2026-12-03T21:30:00Z" }),
    prompt("nudge:carol@roe.io", {
      kind: "nudge",
      dueAt: "2026-11-22T14:00:00Z",
      contactEmail: "carol@roe.io",
      meetingId: null,
    }),
    prompt("thank_you:mtg_bobcall", {
      kind: "thank_you",
      state: "sent",
      dueAt: "2026-11-12T16:30:00Z",
      contactEmail: "bob@roe.io",
      meetingId: "mtg_bobcall",
    }),
    prompt("confirm:web-test", { kind: "confirmation", state: "sent", contactEmail: null, meetingId: null }),
  ];
  return { user: user(), contacts, meetings, prompts, interactions: [] };
}

/** Writes an account through the store's own unit of work. */
export async function seed(store: Store, account: Account): Promise<void> {
  const result = await store.commit(account.user.id, [
    { op: "putUser", user: account.user },
    ...account.user.addresses.map((address) => ({
      op: "putAddress" as const,
      address,
      userId: account.user.id,
    })),
    ...account.contacts.map((c) => ({ op: "putContact" as const, contact: c })),
    ...account.meetings.map((m) => ({ op: "putMeeting" as const, meeting: m })),
    ...account.prompts.map((p) => ({ op: "putPrompt" as const, prompt: p })),
  ]);
  if (!result.ok) throw new Error("seeding the store failed");
}

/**
 * A stand-in for the command use case with the same contract: it records each call and makes
 * the smallest visible change in the store, so route tests can see that the action happened.
 */
export function fakeRunCommands(calls: RunCommandsInput[]): RunCommands {
  return async (deps, input) => {
    calls.push(input);
    const account = await accountOf(deps, input.userId);
    const target = account.prompts.find((p) => p.id === input.promptId);
    for (const command of input.commands) {
      const at = deps.clock.now().toISOString();
      if ((command.verb === "done" || command.verb === "skip") && target) {
        await deps.store.transitionPrompt(input.userId, target.id, ["scheduled"], {
          state: "skipped",
          reason: command.verb,
        });
      } else if (command.verb === "snooze" && target) {
        const dueAt = new Date(Date.parse(target.dueAt) + command.days * 86_400_000).toISOString();
        await deps.store.transitionPrompt(input.userId, target.id, ["scheduled"], {
          state: "scheduled",
          dueAt,
        });
      } else if (command.verb === "stop" && target?.contactEmail) {
        const person = account.contacts.find((c) => c.email === target.contactEmail);
        if (person)
          await deps.store.commit(input.userId, [
            { op: "putContact", contact: { ...person, stopped: true, updatedAt: at } },
          ]);
      } else if (command.verb === "pause" || command.verb === "resume") {
        await deps.store.commit(input.userId, [
          { op: "putUser", user: { ...account.user, paused: command.verb === "pause" } },
        ]);
      }
    }
    return { lines: ["ok"] };
  };
}

export const HOSTILE = `<img src=x onerror=alert(1)><script>alert(2)</script>`;
