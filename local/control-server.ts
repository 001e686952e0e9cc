import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import * as z from "zod/mini";
import type { FiredSchedule, LocalClock } from "./clock.js";

/** A mail the local SES outbox holds, as its `GET /store` lists it. */
export interface OutboxMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  replyTo?: string[];
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export interface AdvanceReport {
  now: string;
  fired: FiredSchedule[];
  /** Mail sent while the clock moved. */
  sent: { to: string[]; subject: string }[];
}

const AdvanceBody = z.object({
  ms: z.int().check(z.gte(0), z.lte(5 * 366 * 86_400_000)),
});

/**
 * The small HTTP endpoint `npm run clock` talks to: `GET /now`, `POST /advance {"ms": n}`.
 * It listens on 127.0.0.1 only and answers once all the work that came due is done.
 */
export async function startControlServer(options: {
  port: number;
  host: string;
  clock: LocalClock;
  outbox: () => Promise<OutboxMail[]>;
}): Promise<{ stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    route(req, res, options).catch((error: unknown) =>
      send(res, 500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  options: { clock: LocalClock; outbox: () => Promise<OutboxMail[]> },
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://control.local").pathname;
  if (req.method === "GET" && path === "/now") {
    return send(res, 200, { now: options.clock.now().toISOString(), offsetMs: options.clock.offset() });
  }
  if (req.method === "POST" && path === "/advance") {
    const parsed = AdvanceBody.safeParse(await readJson(req));
    if (!parsed.success) return send(res, 400, { error: 'expected {"ms": <milliseconds, up to 5 years>}' });
    const before = new Set((await options.outbox()).map((m) => m.messageId));
    const fired = await options.clock.advance(parsed.data.ms);
    const sent = (await options.outbox())
      .filter((m) => !before.has(m.messageId))
      .map((m) => ({ to: m.destination.to, subject: m.subject }));
    const report: AdvanceReport = { now: options.clock.now().toISOString(), fired, sent };
    return send(res, 200, report);
  }
  send(res, 404, { error: "GET /now or POST /advance" });
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
      if (text.length > 4096) req.destroy();
    });
    req.on("end", () => {
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(null);
      }
    });
    req.on("error", () => resolve(null));
    req.on("close", () => resolve(null)); // a destroyed request never ends
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
