import { escapeHtml, headerSafe } from "./escape.js";
import { mailtoLink } from "./mailto.js";

/** A draft the user sends themselves: coffeechat never mails a contact. */
export interface Draft {
  /** What the box is, e.g. "Thank-you to Jane Doe (Acme)". */
  label: string;
  to: string;
  subject: string;
  body: string;
  /**
   * The user's own notes, shown beside the draft as a reminder for its `[…]` slots: they are
   * private shorthand, so they are never part of the body or its mailto link.
   */
  notes?: string[];
}

/** The building blocks every prompt is made of; the layout turns them into text and HTML alike. */
export type Block =
  | { type: "paragraph"; text: string }
  | { type: "heading"; text: string }
  | { type: "list"; items: string[] }
  /** Text kept line by line, as given (confirmations and answers). */
  | { type: "lines"; lines: string[] }
  | { type: "draft"; draft: Draft };

export interface MailContent {
  subject: string;
  blocks: Block[];
}

export interface MailLinks {
  /** The private status page. */
  status: string;
  /** This prompt's `reply+<token>@…` address: replies to it are commands. */
  replyTo: string;
  /** One-click unsubscribe: pauses all prompts. */
  unsubscribe: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Reply commands shown under every prompt; the ones without an argument get a one-click mailto in HTML. */
const REPLY_HINTS: readonly { command: string; oneClick: boolean }[] = [
  { command: "done", oneClick: true },
  { command: "snooze 3d", oneClick: true },
  { command: "skip", oneClick: true },
  { command: "stop", oneClick: true },
  { command: "notes: …", oneClick: false },
  { command: "referral: Name <email>", oneClick: false },
];

const FONT =
  "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222";

function draftSubject(draft: Draft): string {
  return headerSafe(draft.subject, 150);
}

/** The link carries exactly what the box shows: the same To, the same (header-safe) Subject, the same body. */
export function draftMailto(draft: Draft): string {
  return mailtoLink({ to: draft.to, subject: draftSubject(draft), body: draft.body });
}

function blockText(block: Block): string {
  switch (block.type) {
    case "paragraph":
      return block.text;
    case "heading":
      return block.text.toUpperCase();
    case "list":
      return block.items.map((item) => `- ${item}`).join("\n");
    case "lines":
      return block.lines.join("\n");
    case "draft": {
      const { draft } = block;
      return [
        ...notesBesideText(draft),
        `=== Draft: ${draft.label} ===`,
        `To: ${headerSafe(draft.to, 320)}`,
        `Subject: ${draftSubject(draft)}`,
        "",
        draft.body,
        "===",
        `Open it in your mail app: ${draftMailto(draft)}`,
      ].join("\n");
    }
  }
}

const NOTES_BESIDE = "Your notes, for you only (not in the draft):";

function notesBesideText(draft: Draft): string[] {
  if (!draft.notes?.length) return [];
  return [NOTES_BESIDE, ...draft.notes.map((note) => `  · ${note}`), ""];
}

function notesBesideHtml(draft: Draft): string {
  if (!draft.notes?.length) return "";
  return `<div style="margin:0 0 10px;padding:6px 10px;border-left:3px solid #c9a227;background:#fffbea;color:#555;font-size:14px">${escapeHtml(NOTES_BESIDE)}<br>${draft.notes.map((note) => `· ${htmlLines(note)}`).join("<br>")}</div>`;
}

function htmlLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeHtml)
    .join("<br>");
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case "paragraph":
      return `<p style="margin:0 0 12px">${htmlLines(block.text)}</p>`;
    case "heading":
      return `<h3 style="margin:20px 0 8px;font-size:16px">${escapeHtml(block.text)}</h3>`;
    case "list":
      return `<ul style="margin:0 0 12px;padding-left:20px">${block.items
        .map((item) => `<li style="margin:0 0 4px">${htmlLines(item)}</li>`)
        .join("")}</ul>`;
    case "lines":
      return block.lines
        .join("\n")
        .split(/\n\s*\n/)
        .map((paragraph) => `<p style="margin:0 0 12px">${htmlLines(paragraph)}</p>`)
        .join("");
    case "draft": {
      const { draft } = block;
      return [
        '<div style="border:1px solid #d8d8d8;border-radius:6px;padding:12px 16px;margin:16px 0;background:#fafafa">',
        `<p style="margin:0 0 8px;font-weight:600">Draft: ${escapeHtml(draft.label)}</p>`,
        notesBesideHtml(draft),
        `<p style="margin:0 0 8px;color:#555">To: ${escapeHtml(headerSafe(draft.to, 320))}<br>Subject: ${escapeHtml(draftSubject(draft))}</p>`,
        `<p style="margin:0 0 12px">${htmlLines(draft.body)}</p>`,
        `<p style="margin:0"><a href="${escapeHtml(draftMailto(draft))}" style="color:#0b57d0">Open this draft in your mail app</a></p>`,
        "</div>",
      ].join("");
    }
  }
}

function footerText(links: MailLinks): string {
  return [
    "-- ",
    `Your status page: ${links.status}`,
    `Reply to this mail with: ${REPLY_HINTS.map((hint) => hint.command).join(" · ")} (or "help" for everything)`,
    `Too many mails? Reply "pause" to stop all prompts, or unsubscribe: ${links.unsubscribe}`,
  ].join("\n");
}

function footerHtml(links: MailLinks): string {
  const hints = REPLY_HINTS.map((hint) =>
    hint.oneClick
      ? `<a href="${escapeHtml(mailtoLink({ to: links.replyTo, subject: hint.command, body: hint.command }))}" style="color:#555">${escapeHtml(hint.command)}</a>`
      : `<code>${escapeHtml(hint.command)}</code>`,
  ).join(" · ");
  return [
    '<hr style="border:none;border-top:1px solid #e0e0e0;margin:24px 0 12px">',
    '<p style="margin:0 0 6px;font-size:13px;color:#555">',
    `<a href="${escapeHtml(links.status)}" style="color:#555">Your status page</a><br>`,
    `Reply to this mail with: ${hints} (or <code>help</code> for everything)<br>`,
    `Too many mails? Reply <code>pause</code> to stop all prompts, or <a href="${escapeHtml(links.unsubscribe)}" style="color:#555">unsubscribe</a>.`,
    "</p>",
  ].join("");
}

/** The one layout every prompt shares: content, then the footer with the status link, reply commands and the pause line. */
export function renderLayout(content: MailContent, links: MailLinks): RenderedMail {
  const subject = headerSafe(content.subject) || "coffeechat";
  const text = `${content.blocks.map(blockText).join("\n\n")}\n\n${footerText(links)}\n`;
  const html = [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:16px;background:#fff"><div style="max-width:640px;${FONT}">`,
    content.blocks.map(blockHtml).join("\n"),
    footerHtml(links),
    "</div></body></html>",
  ].join("\n");
  return { subject, text, html };
}
