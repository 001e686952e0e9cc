import * as v from "valibot";
import type { Deps } from "../deps.js";
import { AccountChanges } from "./account-changes.js";
import { commitChanges } from "./commit-changes.js";

/** SES bounce / complaint notification (configuration-set event or identity notification). */
export const SesFeedback = v.object({
  eventType: v.optional(v.string()),
  notificationType: v.optional(v.string()),
  bounce: v.optional(
    v.object({ bounceType: v.string(), bouncedRecipients: v.array(v.object({ emailAddress: v.string() })) }),
  ),
  complaint: v.optional(v.object({ complainedRecipients: v.array(v.object({ emailAddress: v.string() })) })),
});
export type SesFeedback = v.InferOutput<typeof SesFeedback>;

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
    const account = userId ? await deps.store.loadAccount(userId) : null;
    if (!account || account.user.bouncing) continue;
    const changes = new AccountChanges(account, deps.clock.now(), deps.config.tokenKey);
    changes.setUser({ ...account.user, bouncing: true });
    await commitChanges(deps, changes);
    deps.log.warn("feedback.stopped", { userId: account.user.id, kind });
    stopped++;
  }
  return stopped;
}
