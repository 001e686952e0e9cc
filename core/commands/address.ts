/** An address as people write it: the host needs a dot, no spaces, sane lengths (RFC 5321). */
const ADDRESS =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const MAX_ADDRESS = 254;
const MAX_NAME = 100;

/** The address lower-cased, or null when it is not a plausible mail address. */
export function validAddress(text: string): string | null {
  const address = text.trim().toLowerCase();
  if (address.length > MAX_ADDRESS || address.includes("..") || address.startsWith(".")) return null;
  return ADDRESS.test(address) ? address : null;
}

/**
 * `Bob Roe <bob@x.com>`, `"Roe, Bob" <bob@x.com>`, `Bob Roe (bob@x.com)`, `Bob Roe bob@x.com`,
 * `bob@x.com` or `<bob@x.com>`: the name (null when absent) and the lower-cased address.
 */
export function parseNamedAddress(text: string): { name: string | null; email: string } | null {
  const value = text.trim().replace(/[\s.,;!]+$/, "");
  const bracketed = /^(.*?)[<([]\s*([^<>()[\]\s]+)\s*[>)\]]$/.exec(value);
  let namePart: string;
  let addressPart: string;
  if (bracketed) {
    namePart = bracketed[1] ?? "";
    addressPart = bracketed[2] ?? "";
  } else {
    const space = value.lastIndexOf(" ");
    namePart = space === -1 ? "" : value.slice(0, space);
    addressPart = space === -1 ? value : value.slice(space + 1);
  }
  const email = validAddress(addressPart.replace(/^mailto:/i, ""));
  if (!email) return null;
  const name = namePart
    .replace(/^[\s"'“”‘’]+|[\s"'“”‘’,:;-]+$/g, "")
    .replace(/\s+/g, " ")
    .slice(0, MAX_NAME)
    .trim();
  if (name.includes("@") || /[<>]/.test(name)) return null;
  return { name: name || null, email };
}
