import type { Deps } from "../deps.js";
import { planCheckIn } from "../followup/policy.js";
import { PROMPT_KINDS } from "../interview/prompt-kinds.js";
import { nextStage } from "../interview/stage.js";
import type { Prompt } from "../model/prompt.js";
import type { AccountChanges } from "./account-changes.js";
import { prepareUnit } from "./account-slice.js";
import { commitChanges } from "./commit-changes.js";

/**
 * What a sent prompt changes in the chat, so that the page says what the mail said. Check-ins
 * are a chain: after the thank-you, and after each check-in, the next one is planned; the
 * move-on note leaves the contact cold.
 */
export async function afterSent(deps: Deps, userId: string, sent: Prompt): Promise<void> {
  const kind = PROMPT_KINDS[sent.kind];
  const event = kind.done === "moved_on" ? "moved_on" : kind.chainsCheckIn ? "followed_up" : null;
  const email = sent.contactEmail;
  if (!email || !event) return;
  const unit = await prepareUnit(deps, userId, { contacts: [email] }, (changes) => {
    const contact = changes.contact(email);
    if (!contact || contact.stopped) return false;
    const stage = nextStage(contact.stage, event);
    if (stage !== contact.stage) changes.putContact({ ...contact, stage, updatedAt: changes.nowIso });
    if (event === "followed_up") syncCheckIn(changes, email, changes.now);
    return true;
  });
  if (unit?.result) await commitChanges(deps, unit.changes);
}

/** (Re)plans the contact's one pending check-in from `lastContact`: any logged contact restarts the clock. */
export function syncCheckIn(changes: AccountChanges, email: string, lastContact: Date): void {
  const contact = changes.contact(email);
  if (!contact) return;
  const plan = planCheckIn({ contact, user: changes.user, lastContactAt: lastContact, now: changes.now });
  changes.syncPrompts((p) => p.kind === "check_in" && p.contactEmail === email, plan ? [plan] : []);
}
