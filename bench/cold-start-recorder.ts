/**
 * The cold-start benchmark's warm-up run (a child of bench/cold-start.ts, under tsx and
 * bench/bench-clock.mjs): registers the bench user, then runs each production handler's first
 * call from source against the parent's recording endpoint, and writes what each call sent:
 * the event, the clock, and every SDK call (command class and input, in waves) for the floors.
 * Never run on its own: the parent sets the endpoints and BENCH_PLAN_OUT.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { serialize } from "node:v8";
import { awsClients, awsDeps } from "../core/aws/clients.js";
import { s3Client } from "../core/aws/raw-mail-client.js";
import { sesClient, sesMailer } from "../core/aws/ses-client.js";
import { loadConfig } from "../core/config.js";
import { ensureTable } from "../core/store/create-table.js";
import { documentClientOptions } from "../core/store/dynamo-store.js";
import { instantAt } from "../core/time/wall-clock.js";
import { registerUser } from "../core/usecases/register-user.js";
import { handler as inboundHandler } from "../functions/inbound-mail.js";
import { handler as dispatchHandler } from "../functions/prompt-due.js";
import { handler as webHandler } from "../functions/web.js";
import { sesReceiptEvent } from "../local/ses-event.js";
import type { AwsService } from "./aws-call.js";
import { BENCH_USER, typicalInvitePath } from "./aws-calls.js";
import { waves } from "./aws-replay.js";
import type { PlannedCall } from "./floors/replay-calls.js";
import type { HandlerName } from "./handlers.js";
import { BENCH_NOW } from "./per-email.js";

/** A handler's first call as the warm-up run made it. */
export interface RecordedFirstCall {
  /** The clock (BENCH_NOW_MS) the call ran at. */
  nowMs: number;
  /** The handler's arguments: the event Lambda would pass. */
  args: unknown[];
  waves: PlannedCall[][];
}

export interface Recording {
  documentClientOptions: object;
  firstCalls: Record<HandlerName, RecordedFirstCall>;
}

type Timed = PlannedCall & { startedAt: number; endedAt: number };

declare global {
  var benchSetNow: (ms: number) => void;
}

const control = process.env.BENCH_CONTROL_URL;
const out = process.env.BENCH_PLAN_OUT;
if (!control || !out) throw new Error("run by bench/cold-start.ts only (BENCH_CONTROL_URL, BENCH_PLAN_OUT)");

const config = loadConfig();
const aws = awsClients();

// Every SDK call goes through `send`: wrapping it on the shared clients sees the handlers' calls.
let calls: Timed[] | null = null;
const clients: [AwsService, { send: (...args: never[]) => Promise<unknown> }][] = [
  ["DynamoDB", aws.dynamo],
  ["S3", s3Client()],
  ["Scheduler", aws.scheduler],
  ["SESv2", sesClient()],
];
for (const [service, client] of clients) {
  const send = client.send.bind(client) as (command: { input: unknown }) => Promise<unknown>;
  (client as { send: unknown }).send = async (command: { input: unknown }) => {
    if (!calls) return send(command);
    const call: Timed = {
      service,
      command: command.constructor.name,
      input: structuredClone(command.input),
      outcome: "ok",
      startedAt: performance.now(),
      endedAt: Number.NaN,
    };
    calls.push(call);
    try {
      return await send(command);
    } catch (error) {
      call.outcome = (error as { name?: string }).name ?? "Error";
      throw error;
    } finally {
      call.endedAt = performance.now();
    }
  };
}

/** Runs `work` as `scenario`: the parent records the HTTP exchanges, this process the SDK calls. */
async function record(scenario: HandlerName, nowMs: number, args: unknown[], work: () => Promise<unknown>) {
  globalThis.benchSetNow(nowMs);
  await fetch(`${control}/begin?scenario=${scenario}`, { method: "POST" });
  calls = [];
  const result = await work();
  const sent = calls;
  calls = null;
  await fetch(`${control}/end`, { method: "POST" });
  const recorded: RecordedFirstCall = {
    nowMs,
    args,
    waves: waves(sent).map((wave) =>
      wave.map(({ service, command, input, outcome }) => ({ service, command, input, outcome })),
    ),
  };
  return { result, sent, recorded };
}

await ensureTable(aws.dynamo, config.tableName);
const { userId, statusUrl } = await registerUser(awsDeps(config, sesMailer()), BENCH_USER);

// 1. The user forwards the typical invite: SES stored it in S3 and calls inbound.
const inviteEvent = sesReceiptEvent({
  raw: new Uint8Array(readFileSync(typicalInvitePath)),
  envelope: { from: BENCH_USER, recipients: [config.inboxAddress] },
  messageId: "bench-cold-start-invite",
  receivedAt: BENCH_NOW,
  functionArn: "arn:aws:lambda:us-east-1:123456789012:function:inbound",
});
const inbound = await record("inbound", BENCH_NOW.getTime(), [inviteEvent], () =>
  inboundHandler(inviteEvent),
);

// 2. The first prompt the invite scheduled fires: Scheduler calls dispatch with the schedule's input.
const schedules = inbound.sent
  .filter((c) => c.command === "CreateScheduleCommand")
  .map((c) => {
    const input = c.input as {
      ScheduleExpression: string;
      ScheduleExpressionTimezone: string;
      Target: { Input: string };
    };
    return {
      at: scheduledInstant(input.ScheduleExpression, input.ScheduleExpressionTimezone),
      event: JSON.parse(input.Target.Input),
    };
  })
  .sort((a, b) => a.at - b.at);
const due = schedules[0];
if (!due)
  throw new Error(`the typical invite scheduled no prompt (user ${userId}): nothing for dispatch to fire`);
const dispatch = await record("dispatch", due.at, [due.event], () => dispatchHandler(due.event));
if (!dispatch.sent.some((c) => c.command === "SendEmailCommand"))
  throw new Error("the due prompt sent no mail: not a representative dispatch");

// 3. The user opens their status page (a Lambda function URL request).
const path = new URL(statusUrl).pathname;
const host = new URL(config.webUrl).host;
const pageEvent = {
  version: "2.0",
  routeKey: "$default",
  rawPath: path,
  rawQueryString: "",
  headers: { host, "user-agent": "coffeechat-bench" },
  isBase64Encoded: false,
  requestContext: {
    domainName: host,
    http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "coffeechat-bench" },
  },
};
const web = await record("web", due.at, [pageEvent], () => webHandler(pageEvent as never, {} as never));
const status = (web.result as { statusCode?: number } | undefined)?.statusCode;
if (status !== 200) throw new Error(`the status page answered ${status}`);

const recording: Recording = {
  documentClientOptions,
  firstCalls: { inbound: inbound.recorded, dispatch: dispatch.recorded, web: web.recorded },
};
writeFileSync(out, serialize(recording));

/** `at(2026-12-03T09:00:00)` in `zone` → epoch ms. */
function scheduledInstant(expression: string, zone: string): number {
  const m = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (!m) throw new Error(`not a one-time schedule: ${expression}`);
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m.slice(1).map(Number);
  return instantAt({ year, month, day, hour, minute, second }, zone).getTime();
}
