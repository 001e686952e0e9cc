import type { Deps } from "../deps.js";
import { planCheckIn } from "../followup/policy.js";
import type { Prompt } from "../model/prompt.js";
import { AccountChanges } from "./account-changes.js";
import { commitChanges } from "./commit-changes.js";

/** Check-ins are a chain: after the thank-you, and after each check-in, the next one is planned. */
export async function keepInTouch(deps: Deps, userId: string, sent: Prompt): Promise<void> {
  if (!sent.contactEmail) return;
  const account = await deps.store.loadAccount(userId);
  if (!account) return;
  const changes = new AccountChanges(account, deps.clock.now(), deps.config.tokenKey);
  const contact = changes.contact(sent.contactEmail);
  if (!contact || contact.stopped) return;
  if (contact.stage === "met" || contact.stage === "scheduled") {
    changes.putContact({ ...contact, stage: "keeping_in_touch", updatedAt: changes.nowIso });
  }
  syncCheckIn(changes, sent.contactEmail, changes.now);
  await commitChanges(deps, changes);
}

/** (Re)plans the contact's one pending check-in from `lastContact`: any logged contact restarts the clock. */
export function syncCheckIn(changes: AccountChanges, email: string, lastContact: Date): void {
  const contact = changes.contact(email);
  if (!contact) return;
  const plan = planCheckIn({ contact, user: changes.user, lastContactAt: lastContact, now: changes.now });
  changes.syncPrompts((p) => p.kind === "check_in" && p.contactEmail === email, plan ? [plan] : []);
}
