import type { ForwardingConfirmation } from "../mail/forwarding-confirmation.js";
import type { AccountChanges } from "./account-changes.js";

/**
 * A provider asks to confirm that the user may auto-forward their mail to log@: coffeechat
 * cannot click for them, so it hands the code and the link to the user who asked.
 */
export function relayForwardingConfirmation(
  changes: AccountChanges,
  confirmation: ForwardingConfirmation,
  messageKey: string,
  sesMessageId: string,
): void {
  const who = confirmation.requester ?? "your address";
  const lines = [
    `Your mail provider asks to confirm that ${who} may forward mail to coffeechat automatically.`,
    confirmation.link
      ? `If you set up that forwarding, open this link to confirm it: ${confirmation.link}`
      : "The request held no link to open.",
  ];
  if (confirmation.code)
    lines.push(`Or enter this confirmation code in your mail settings: ${confirmation.code}`);
  lines.push("If you did not ask for it, ignore this mail: nothing is forwarded until you confirm.");
  changes.putMarker({
    key: messageKey,
    at: changes.nowIso,
    sesMessageId,
    outcome: "forwarding-confirmation",
    promptIds: [],
  });
  changes.sendMessage(`forwarding:${messageKey}`, "answer", {
    subject: "coffeechat: confirm forwarding",
    lines,
    to: null,
    attachExport: false,
  });
}
