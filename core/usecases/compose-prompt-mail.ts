import type { AppConfig } from "../config.js";
import type { RenderedMail } from "../drafts/layout.js";
import type { RenderContext } from "../drafts/view.js";
import type { Contact } from "../model/contact.js";
import type { Meeting } from "../model/meeting.js";
import type { Prompt } from "../model/prompt.js";
import type { User } from "../model/user.js";
import type { OutgoingMail } from "../ports.js";
import type { Account } from "../store/store.js";
import { replyToken, statusPageUrl } from "../tokens.js";

/** The links every prompt carries: its reply address, the status page and one-click pause. */
export function promptLinks(config: AppConfig, userId: string, statusVersion: number, promptId: string) {
  const reply = replyToken(config.tokenKey, userId, promptId).token;
  return {
    replyTo: `reply+${reply}@${config.mailDomain}`,
    status: statusPageUrl(config, userId, statusVersion),
    unsubscribe: `${config.webUrl}/u/${reply}`,
  };
}

/**
 * How a prompt becomes text and HTML: `renderPrompt` (every kind), or `renderMessage` where only
 * confirmations and answers are sent, which spares those functions the follow-up templates.
 */
export type RenderMail = (ctx: RenderContext) => RenderedMail;

/** What a prompt is about, read live by key when it is sent (see deliver-prompt.ts). */
export interface PromptSubject {
  user: User;
  contact: Contact | null;
  meeting: Meeting | null;
  referrer: Contact | null;
  /** For `celebrate`: everyone the user met, with their meetings. */
  people: Contact[];
  meetings: Meeting[];
}

/** The prompt as a mail to the user, rendered from what it is about as it stands now. */
export function composePromptMail(
  config: AppConfig,
  prompt: Prompt,
  subject: PromptSubject,
  now: Date,
  render: RenderMail,
  exported?: Account,
): OutgoingMail {
  const user = subject.user;
  const links = promptLinks(config, user.id, user.statusTokenVersion, prompt.id);
  // A mail to an address that is not yet confirmed must not carry the owner's status link.
  const toOther = prompt.message?.to ?? null;
  const account: Account = {
    user,
    contacts: [subject.contact, subject.referrer, ...subject.people].filter((c) => c !== null),
    meetings: [subject.meeting, ...subject.meetings].filter((m) => m !== null),
    prompts: [prompt],
    interactions: [],
  };
  const rendered = render({
    prompt,
    user,
    account,
    links: toOther ? { ...links, status: config.webUrl } : links,
    now,
  });
  return {
    to: toOther ?? (user.addresses[0] as string),
    from: `coffeechat <${config.fromAddress}>`,
    replyTo: links.replyTo,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    headers: toOther
      ? {}
      : {
          "List-Unsubscribe": `<${links.unsubscribe}>, <mailto:${links.replyTo}?subject=pause>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ...(exported
      ? {
          attachments: [
            {
              filename: "coffeechat-export.json",
              contentType: "application/json",
              content: JSON.stringify(exportOf(exported), null, 2),
            },
          ],
        }
      : {}),
  };
}

/** Everything stored about the user, and nothing that would let someone else in (token hashes). */
export function exportOf(account: Account) {
  const { statusTokenHash: _hash, pendingAddresses, ...user } = account.user;
  return {
    exportedFrom: "coffeechat",
    user: {
      ...user,
      pendingAddresses: pendingAddresses.map(({ address, expiresAt }) => ({ address, expiresAt })),
    },
    contacts: account.contacts,
    meetings: account.meetings,
    interactions: account.interactions,
    prompts: account.prompts,
  };
}
