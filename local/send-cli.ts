import { readFileSync } from "node:fs";
import { createTransport } from "nodemailer";
import { addDays, dateAt, instantAt } from "../core/time/wall-clock.js";
import { sampleInvite } from "./sample-invite.js";
import { PORT_VARIABLES } from "./settings.js";

/** `npm run send -- message.eml [--from you@example.com] [--to log@localhost]`: hands a file to the local inbox over SMTP. */
async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    if (at === -1) return undefined;
    const value = args[at + 1];
    if (!value) fail(`${name} needs a value`);
    args.splice(at, 2);
    return value;
  };
  const from = option("--from") ?? "you@example.com";
  const to = option("--to") ?? "log@localhost";
  const [file] = args;
  if (!file || args.length !== 1)
    fail("usage: npm run send -- <file.eml> | --sample [--from you@example.com] [--to log@localhost]");

  let raw: Buffer;
  if (file === "--sample") {
    raw = Buffer.from(await sampleForNow());
  } else {
    try {
      raw = readFileSync(file);
    } catch (error) {
      fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  const port = Number(process.env.COFFEECHAT_SMTP_PORT || PORT_VARIABLES.smtp.fallback);
  const transport = createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope: { from, to: [to] }, raw });
    console.log(`sent ${file} to ${to} (from ${from}): ${info.response}`);
  } catch (error) {
    fail(
      `the local inbox at 127.0.0.1:${port} did not take it: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    transport.close();
  }
}

/** The sample invitation, for a coffee three days after the running stack's clock, 15:00 New York time. */
async function sampleForNow(): Promise<string> {
  const port = Number(process.env.COFFEECHAT_CONTROL_PORT || PORT_VARIABLES.control.fallback);
  const response = await fetch(`http://127.0.0.1:${port}/now`).catch(() => null);
  if (!response?.ok) fail(`the local stack is not answering on 127.0.0.1:${port}: start it with npm start`);
  const { now } = (await response.json()) as { now: string };
  const zone = "America/New_York";
  const start = instantAt({ ...addDays(dateAt(new Date(now), zone), 3), hour: 15 }, zone);
  return sampleInvite(start, new Date(now));
}

function fail(message: string): never {
  console.error(`send: ${message}`);
  process.exit(1);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
