import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseMail } from "../../core/mail/parse-mail.js";
import type { ParsedMail, ParseOptions } from "../../core/mail/parsed-mail.js";

const dir = fileURLToPath(new URL("../fixtures/mail/", import.meta.url));

export function fixture(name: string): Uint8Array {
  return readFileSync(dir + name);
}

export function parseFixture(name: string, options: Partial<ParseOptions> = {}): Promise<ParsedMail> {
  return parseMail(fixture(name), { userAddresses: [], mailDomain: "localhost", ...options });
}
