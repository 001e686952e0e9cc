import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import { expect } from "vitest";
import type { AdvanceReport } from "../../local/control-server.js";
import type { StackPorts } from "../../local/settings.js";
import { type Stack, startStack } from "../../local/stack.js";
import { freeStackPorts } from "./stack-ports.js";

/**
 * How the stack tests talk to a running local stack as its user would: mail in over real SMTP,
 * the clock moved through the control server.
 */

/** Hands `raw` to the stack's SMTP server, as a mail client would. */
export async function sendOverSmtp(port: number, envelope: { from: string; to: string[] }, raw: string) {
  const transport = createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope, raw });
  } finally {
    transport.close();
  }
}

/** Moves the stack's clock by `ms`, firing every schedule that comes due; what fired. */
export async function advanceStack(controlUrl: string, ms: number): Promise<AdvanceReport> {
  const response = await fetch(`${controlUrl}/advance`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ms: Math.max(0, Math.round(ms)) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AdvanceReport;
}

/** A stack on free ports with its data in a fresh folder, for `user`, its schedules fired only by `advanceStack`. */
export async function startTestStack(
  user: string,
  log: (line: string) => void,
): Promise<{ stack: Stack; dataDir: string; ports: StackPorts }> {
  const dataDir = mkdtempSync(join(tmpdir(), "cc-stack-"));
  const ports = await freeStackPorts();
  const stack = await startStack({
    host: "127.0.0.1",
    dataDir,
    users: [user],
    ports,
    schedulerPollMs: null,
    log,
  });
  return { stack, dataDir, ports };
}

/** Stops what `startTestStack` started and removes its data. */
export async function stopTestStack(started: { stack?: Stack; dataDir?: string }): Promise<void> {
  await started.stack?.stop();
  if (started.dataDir) rmSync(started.dataDir, { recursive: true, force: true });
}
