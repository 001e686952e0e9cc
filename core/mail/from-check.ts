import { addressParser, type Header } from "postal-mime";
import { normalizeAddress } from "./addresses.js";
import { cleanLine } from "./text.js";

export interface FromCheck {
  /** The one sender address, lower-cased; null when missing or not trustworthy. */
  address: string | null;
  /** The decoded display name, as written. */
  name: string | null;
  /** Why From cannot be trusted as one address; null when it can. */
  problem: string | null;
}

const ADDRESS_IN_TEXT = /[^\s<>"'()@,;:]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,63}/i;

/**
 * Looks at every From header as sent: one header, one mailbox, the address written in clear
 * (not hidden in an encoded word), and no other address posing as the display name.
 */
export function checkFrom(headers: Header[]): FromCheck {
  const fromHeaders = headers.filter((h) => h.key === "from");
  if (fromHeaders.length === 0)
    return { address: null, name: null, problem: "The message has no From address." };
  if (fromHeaders.length > 1)
    return { address: null, name: null, problem: "The message has more than one From header." };

  const raw = (fromHeaders[0]?.value ?? "").slice(0, 2000);
  let mailboxes: Array<{ name: string; address: string }>;
  try {
    mailboxes = addressParser(raw, { flatten: true }).flatMap((a) =>
      a.address !== undefined ? [{ name: a.name, address: a.address }] : [],
    );
  } catch {
    return { address: null, name: null, problem: "The From header could not be read." };
  }
  const present = mailboxes.filter((m) => m.address.trim() !== "");
  if (present.length !== 1) {
    return {
      address: null,
      name: null,
      problem:
        present.length === 0 ? "The From header has no address." : "The From header names several addresses.",
    };
  }

  const mailbox = present[0] as { name: string; address: string };
  const address = normalizeAddress(mailbox.address);
  const name = cleanLine(mailbox.name, 200) || null;
  if (!address) return { address: null, name, problem: "The From address is not a valid address." };
  if (!raw.toLowerCase().includes(address)) {
    return { address: null, name, problem: "The From address is hidden in an encoded word." };
  }
  const posing = name ? ADDRESS_IN_TEXT.exec(name)?.[0]?.toLowerCase() : undefined;
  if (posing && posing !== address) {
    return {
      address: null,
      name,
      problem: `The From name shows another address (${posing.slice(0, 100)}) than the real sender.`,
    };
  }
  return { address, name, problem: null };
}
