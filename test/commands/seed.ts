import { parseCommands } from "../../core/commands/parse-commands.js";
import { planMeetingPrompts, planOutreachPrompts } from "../../core/followup/policy.js";
import { interactionId, meetingId } from "../../core/ids.js";
import type { Contact } from "../../core/model/contact.js";
import type { Meeting } from "../../core/model/meeting.js";
import type { Prompt, PromptKind } from "../../core/model/prompt.js";
import { AccountChanges } from "../../core/usecases/account-changes.js";
import { commitChanges } from "../../core/usecases/commit-changes.js";
import { registerUser } from "../../core/usecases/register-user.js";
import { runCommands } from "../../core/usecases/run-commands.js";
import { accountOf } from "../support/account-of.js";
import { aContact, aMeeting } from "../support/entities.js";
import type { TestDeps } from "../support/fake-deps.js";

export { accountOf };

export const NOW = "2026-12-01T12:00:00Z";
export const JANE = "jane@acme.com";
export const BOB = "bob@globex.com";
export const MEETING_ID = meetingId("coffee-jane@acme.com");

export const contact = (email: string, overrides: Partial<Contact> = {}): Contact =>
  aContact({
    email,
    name: email === JANE ? "Jane Doe" : "Bob Stone",
    company: email === JANE ? "Acme" : "Globex",
    lastContactAt: "2026-11-20T15:00:00.000Z",
    createdAt: "2026-11-20T15:00:00.000Z",
    updatedAt: "2026-11-20T15:00:00.000Z",
    ...overrides,
  });

/** Thu 3 Dec 2026, 15:00–15:30 New York time. */
export const janeMeeting = (overrides: Partial<Meeting> = {}): Meeting =>
  aMeeting({
    id: MEETING_ID,
    uid: "coffee-jane@acme.com",
    contactEmail: JANE,
    start: "2026-12-03T15:00:00.000-05:00",
    end: "2026-12-03T15:30:00.000-05:00",
    location: null,
    createdAt: "2026-11-20T15:00:00.000Z",
    updatedAt: "2026-11-20T15:00:00.000Z",
    ...overrides,
  });

/**
 * A user in New York with Jane (a meeting on Thu 3 Dec, its prep, thank-you and referral ask
 * scheduled) and Bob (an outreach on 28 Nov, nudge and move-on scheduled). Recorded scheduler
 * calls and mails are cleared, so a test sees only what its commands did.
 */
export async function seedAccount(deps: TestDeps, address = "you@example.com") {
  const { userId } = await registerUser(deps, address);
  const loaded = await accountOf(deps, userId);
  const changes = new AccountChanges(loaded, deps.clock.now(), deps.config.tokenKey);
  changes.setUser({ ...changes.user, timeZone: "America/New_York", timeZoneSource: "user" });
  const jane = contact(JANE);
  const bob = contact(BOB, { stage: "outreach", outreachAt: "2026-11-28T14:00:00.000Z" });
  const meeting = janeMeeting();
  changes.putContact(jane);
  changes.putContact(bob);
  changes.putMeeting(meeting);
  changes.addInteraction({
    id: interactionId("invite:coffee-jane", JANE),
    at: "2026-11-20T15:00:00.000Z",
    kind: "invite",
    contactEmail: JANE,
    subject: "Coffee",
    messageKey: "mid:coffee-jane",
  });
  const user = changes.user;
  changes.syncPrompts(
    (p) => p.meetingId === meeting.id,
    planMeetingPrompts({ meeting, contact: jane, user, referralFromContact: false, now: changes.now }),
  );
  changes.syncPrompts(
    (p) => p.contactEmail === BOB,
    planOutreachPrompts({ contact: bob, user, outreachAt: bob.outreachAt as string, now: changes.now }),
  );
  const outcome = await commitChanges(deps, changes);
  if (outcome !== "committed") throw new Error(`seed: ${outcome}`);
  deps.scheduler.calls.length = 0;
  deps.mailer.sent.length = 0;
  return { userId };
}

export async function promptOf(
  deps: TestDeps,
  userId: string,
  kind: PromptKind,
  email: string = JANE,
): Promise<Prompt> {
  const account = await deps.store.loadAccount(userId);
  const prompt = account?.prompts.find(
    (p) => p.kind === kind && p.contactEmail === email && !p.key.includes(":again:"),
  );
  if (!prompt) throw new Error(`no ${kind} prompt for ${email}`);
  return prompt;
}

/** Marks a prompt as sent, as the dispatch would have. */
export async function markSent(deps: TestDeps, userId: string, prompt: Prompt): Promise<void> {
  await deps.store.transitionPrompt(userId, prompt.id, ["scheduled"], {
    state: "sent",
    sesMessageId: "ses-earlier",
    stateChangedAt: deps.clock.now().toISOString(),
  });
}

let replies = 0;

/** The user's reply mail, as the inbound path hands it over: parsed, then run. */
export function reply(
  deps: TestDeps,
  userId: string,
  promptId: string | null,
  text: string,
  messageKey = `mid:reply-${++replies}`,
) {
  const { commands, unknown } = parseCommands(text);
  return runCommands(deps, { userId, promptId, commands, unknown, messageKey, channel: "mail" });
}
