import { safeLine } from "./escape.js";
import { type MailContent, type RenderedMail, renderLayout } from "./layout.js";
import { buildView, type PromptView, type RenderContext } from "./view.js";

/** Confirmations and command answers: their text was fixed when they were created and is shown line by line as written. */
export function messageContent(view: PromptView): MailContent {
  const message = view.ctx.prompt.message;
  return {
    subject: message?.subject ?? "coffeechat",
    blocks: [{ type: "lines", lines: (message?.lines ?? []).map(safeLine) }],
  };
}

/** A confirmation or command answer as a mail, without loading the follow-up templates. */
export function renderMessage(ctx: RenderContext): RenderedMail {
  return renderLayout(messageContent(buildView(ctx)), ctx.links);
}
