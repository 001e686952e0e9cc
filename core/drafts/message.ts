import { safeLine } from "./escape.js";
import type { MailContent } from "./layout.js";
import type { PromptView } from "./view.js";

/** Confirmations and command answers: their text was fixed when they were created and is shown line by line as written. */
export function messageContent(view: PromptView): MailContent {
  const message = view.ctx.prompt.message;
  return {
    subject: message?.subject ?? "coffeechat",
    blocks: [{ type: "lines", lines: (message?.lines ?? []).map(safeLine) }],
  };
}
