/**
 * `npm run parse -- <file.eml>`: prints what coffeechat would log from one message
 * (DESIGN §5). With no user known, the sender (or the Resent-From of a redirect) is the user.
 */
import { readFile } from "node:fs/promises";
import { CoffeechatError } from "../core/errors.js";
import { parseMail } from "../core/mail/parse-mail.js";

function fail(message: string): never {
  process.stderr.write(`${message.replace(/[\r\n]+/g, " ")}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const file = process.argv.slice(2).find((a) => a !== "--");
  if (!file) fail("usage: npm run parse -- <file.eml>");

  let raw: Uint8Array;
  try {
    raw = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    fail(`cannot read ${file}: ${code}`);
  }

  try {
    const parsed = await parseMail(raw, { userAddresses: [], mailDomain: "localhost" });
    const m = parsed.meeting;
    const output = {
      kind: parsed.kind,
      contact: parsed.contact,
      meeting: m
        ? {
            start: m.start,
            end: m.end,
            timeZone: m.timeZone,
            uid: m.uid,
            sequence: m.sequence,
            method: m.method,
            location: m.location,
          }
        : null,
      notes: parsed.notes,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } catch (error) {
    if (error instanceof CoffeechatError) fail(`${file}: ${error.code}: ${error.message}`);
    fail(`${file}: could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

await main();
