import type { Contact } from "../model/contact.js";
import { oneLine } from "./escape.js";

/**
 * The name to greet someone by: the first word of their name. Never a mailbox's local part or
 * a domain dressed up as a name ("example" for example@example.com, "jane.doe", "acme.com"):
 * with no real name, null, and the greeting is "Hi," alone.
 */
export function greetingName(contact: Pick<Contact, "name" | "email">): string | null {
  const name = oneLine(contact.name ?? "");
  const first = name.split(" ")[0] ?? "";
  if (!first || /[@.]\S/.test(first) || /\d/.test(first)) return null;
  const email = oneLine(contact.email).toLowerCase();
  const at = email.lastIndexOf("@");
  const local = at < 0 ? email : email.slice(0, at);
  const domainLabels = at < 0 ? [] : email.slice(at + 1).split(".");
  const lower = first.toLowerCase();
  // A lower-case word that is the address's local part is the mailbox, not a person's name.
  if (first === lower && lower === local) return null;
  if (domainLabels.includes(lower) && name.split(" ").length === 1) return null;
  return first;
}

/** A name that is only the mailbox or the domain ("example" for example@example.com): not a name to show. */
export function isMailboxName(contact: Pick<Contact, "name" | "email">): boolean {
  const name = oneLine(contact.name ?? "");
  return name !== "" && !name.includes(" ") && greetingName(contact) === null;
}

/** "Hi Jane," or "Hi," when no real name is known. */
export function greeting(contact: Pick<Contact, "name" | "email"> | null): string {
  const name = contact ? greetingName(contact) : null;
  return name ? `Hi ${name},` : "Hi,";
}

/** The sign-off of every draft: the user's own name under it, or nothing rather than a wrong one. */
export function signOff(userName: string | null | undefined, closing = "Best,"): string {
  const name = oneLine(userName ?? "");
  return name ? `${closing}\n${name}` : closing;
}
