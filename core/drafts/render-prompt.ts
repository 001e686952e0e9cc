import type { PromptKind } from "../model/prompt.js";
import { celebrateContent } from "./celebrate.js";
import { checkInContent } from "./check-in.js";
import { type MailContent, type RenderedMail, renderLayout } from "./layout.js";
import { messageContent } from "./message.js";
import { moveOnContent } from "./move-on.js";
import { nudgeContent } from "./nudge.js";
import { prepContent } from "./prep.js";
import { referralAskContent } from "./referral-ask.js";
import { thankYouContent } from "./thank-you.js";
import { buildView, type PromptView, type RenderContext } from "./view.js";

export type { RenderedMail } from "./layout.js";
export type { RenderContext } from "./view.js";

const TEMPLATES: Record<PromptKind, (view: PromptView) => MailContent> = {
  prep: prepContent,
  thank_you: thankYouContent,
  referral_ask: referralAskContent,
  check_in: checkInContent,
  nudge: nudgeContent,
  move_on: moveOnContent,
  celebrate: celebrateContent,
  confirmation: messageContent,
  answer: messageContent,
};

/** The mail for one prompt, built when it is sent so it shows the latest notes and times. */
export function renderPrompt(ctx: RenderContext): RenderedMail {
  const view = buildView(ctx);
  return renderLayout(TEMPLATES[ctx.prompt.kind](view), ctx.links);
}
