import type { RenderContext } from "../../core/drafts/render-prompt.js";
import type { Contact } from "../../core/model/contact.js";
import type { Meeting } from "../../core/model/meeting.js";
import type { Prompt, PromptKind } from "../../core/model/prompt.js";
import type { Account } from "../../core/store/store.js";
import { contact, meeting, user } from "../followup/helpers.js";
import { aPrompt } from "../support/entities.js";

export const links = {
  status: "http://127.0.0.1:3000/s/tok123",
  replyTo: "reply+abc123@localhost",
  unsubscribe: "http://127.0.0.1:3000/u/tok123",
};

export const alice = contact({
  email: "alice@globex.com",
  name: "Alice Smith",
  company: "Globex",
  stage: "met",
});
export const bob = contact({
  email: "bob@initech.com",
  name: "Bob Roe",
  company: "Initech",
  stage: "met",
  referredBy: "alice@globex.com",
});
export const jane = contact({
  referredBy: "bob@initech.com",
  purpose: "new_field",
  context: "Director of Data Science at Acme; previously at Initech.",
  notes: ["She said the data team is hiring analysts in the spring"],
});
export const janeMeeting = meeting({ notes: ["Ask about the analytics guild"] });

export function prompt(kind: PromptKind, overrides: Partial<Prompt> = {}): Prompt {
  return aPrompt({
    id: `prm_${kind}`,
    key: `${kind}:mtg_abc`,
    kind,
    state: "sending",
    scheduleName: null,
    ...overrides,
  });
}

export function context(
  kind: PromptKind,
  options: { contacts?: Contact[]; meetings?: Meeting[]; prompt?: Partial<Prompt>; now?: string } = {},
): RenderContext {
  const u = user({ landed: { company: "Acme", at: "2027-02-01T10:00:00Z" } });
  const account: Account = {
    user: u,
    contacts: options.contacts ?? [alice, bob, jane],
    meetings: options.meetings ?? [janeMeeting],
    prompts: [],
    interactions: [],
  };
  return {
    prompt: prompt(kind, options.prompt),
    user: u,
    account,
    links,
    now: new Date(options.now ?? "2026-12-02T14:00:00Z"),
  };
}

export interface DecodedMailto {
  to: string;
  subject: string;
  body: string;
}

/** An independent RFC 6068 reader: `mailto:<to>?subject=…&body=…`. */
export function decodeMailto(link: string): DecodedMailto {
  const match = /^mailto:([^?]*)\?(.*)$/s.exec(link);
  if (!match) throw new Error(`not a mailto link: ${link}`);
  const fields: Record<string, string> = {};
  for (const pair of (match[2] ?? "").split("&")) {
    const at = pair.indexOf("=");
    fields[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
  }
  return { to: decodeURIComponent(match[1] ?? ""), subject: fields.subject ?? "", body: fields.body ?? "" };
}

/** The drafts as shown in the text part: label, To, Subject, body, and the mailto link under them. */
export function draftsInText(
  text: string,
): { label: string; to: string; subject: string; body: string; link: string }[] {
  const found = [];
  const pattern =
    /=== Draft: (.*)\nTo: (.*)\nSubject: (.*)\n\n([\s\S]*?)\n===\nOpen it in your mail app: (\S+)/g;
  for (const m of text.matchAll(pattern)) {
    found.push({
      label: m[1] ?? "",
      to: m[2] ?? "",
      subject: m[3] ?? "",
      body: m[4] ?? "",
      link: m[5] ?? "",
    });
  }
  return found;
}
