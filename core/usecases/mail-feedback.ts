import * as z from "zod/mini";
import type { Deps } from "../deps.js";
import { AccountChanges } from "./account-changes.js";
import { userOnly } from "./account-slice.js";
import { commitChanges } from "./commit-changes.js";

/** SES bounce / complaint notification (configuration-set event or identity notification). */
export const SesFeedback = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(
    z.object({ bounceType: z.string(), bouncedRecipients: z.array(z.object({ emailAddress: z.string() })) }),
  ),
  complaint: z.optional(z.object({ complainedRecipients: z.array(z.object({ emailAddress: z.string() })) })),
});
export type SesFeedback = z.output<typeof SesFeedback>;

/**
 * A permanent bounce or a complaint for a user's address stops their prompts (dispatch holds
 * them while `bouncing`); writing to coffeechat again clears it. Transient bounces change nothing.
 */
export async function recordMailFeedback(deps: Deps, feedback: SesFeedback): Promise<number> {
  const kind = feedback.eventType ?? feedback.notificationType;
  const addresses =
    kind === "Bounce" && feedback.bounce?.bounceType === "Permanent"
      ? feedback.bounce.bouncedRecipients.map((r) => r.emailAddress)
      : kind === "Complaint"
        ? (feedback.complaint?.complainedRecipients ?? []).map((r) => r.emailAddress)
        : [];
  let stopped = 0;
  for (const address of addresses.map((a) => a.trim().toLowerCase())) {
    const userId = await deps.store.findUserIdByAddress(address);
    if (userId && (await markBouncing(deps, userId))) {
      deps.log.warn("feedback.stopped", { userId, kind });
      stopped++;
    }
  }
  return stopped;
}

/** A profile changed meanwhile (a mail, a `pause`) is read again this often. */
const ATTEMPTS = 3;

/** One read and one write of the user item (prompts read it when they are due); false when already bouncing. */
async function markBouncing(deps: Deps, userId: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const user = await deps.store.getUser(userId);
    if (!user || user.bouncing) return false;
    const changes = new AccountChanges(userOnly(user), deps.clock.now(), deps.config.tokenKey);
    changes.setUser({ ...user, bouncing: true });
    const outcome = await commitChanges(deps, changes);
    if (outcome !== "conflict") return true;
    // Failing makes SES's notification come again: a bounce is never dropped silently.
    if (attempt >= ATTEMPTS) throw new Error("the profile kept changing; the bounce is retried");
  }
}
