import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../core/ports.js";
import type { FiredSchedule } from "./clock.js";
import { closeServer } from "./close-server.js";
import {
  DEFAULT_GROUP,
  type DeadLetter,
  ScheduleBook,
  SchedulerApiError,
  type StoredSchedule,
} from "./scheduler/schedule-book.js";

/** A clock the emulator can move to each due time while it catches up (LocalClock is one). */
export interface SteppableClock extends Clock {
  moveTo(instant: Date): void;
}

export interface SchedulerEmulatorOptions {
  port: number;
  host?: string;
  /** The JSON file schedules are kept in. */
  stateFile: string;
  clock: SteppableClock;
  /** Delivers a schedule's input to its target; a throw counts as a failed delivery (retried per RetryPolicy). */
  fire: (targetArn: string, input: string) => Promise<void>;
  /** How often due schedules are looked for as real time passes; null: only when `runUntil` is called. */
  pollMs?: number | null;
  region?: string;
  accountId?: string;
  /** Where failures are reported; defaults to stderr. */
  onError?: (message: string) => void;
}

export interface SchedulerEmulator {
  endpoint: string;
  /** Fires everything due up to `until`, in due order, awaiting each delivery. */
  runUntil(until: Date): Promise<FiredSchedule[]>;
  schedules(): StoredSchedule[];
  deadLetters(): readonly DeadLetter[];
  stop(): Promise<void>;
}

/** Bounds one catch-up run, so a handler that keeps scheduling itself cannot hang the stack. */
const MAX_FIRES_PER_RUN = 10_000;
const MAX_BODY_BYTES = 256 * 1024;

/** A local EventBridge Scheduler: the REST API `@aws-sdk/client-scheduler` speaks, and the firing. */
export async function startSchedulerEmulator(options: SchedulerEmulatorOptions): Promise<SchedulerEmulator> {
  const region = options.region ?? "us-east-1";
  const book = new ScheduleBook(
    options.stateFile,
    `arn:aws:scheduler:${region}:${options.accountId ?? "000000000000"}`,
    () => options.clock.now().getTime(),
  );
  const report = options.onError ?? ((message: string) => process.stderr.write(`scheduler: ${message}\n`));

  // One run at a time: the poller and `runUntil` never fire the same schedule twice.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const runUntil = (until: Date) =>
    serial(async () => {
      const fired: FiredSchedule[] = [];
      for (let i = 0; i < MAX_FIRES_PER_RUN; i++) {
        const due = book.nextDue(until.getTime());
        if (!due) return fired;
        const snapshot = structuredClone(due);
        const dueAt = snapshot.nextFireAt ?? until.getTime();
        options.clock.moveTo(new Date(dueAt));
        const input = snapshot.body.Target.Input ?? "{}";
        const entry: FiredSchedule = {
          schedule: `${snapshot.group}/${snapshot.name}`,
          targetArn: snapshot.body.Target.Arn,
          input,
          dueAt: new Date(dueAt).toISOString(),
          ok: true,
        };
        try {
          await options.fire(snapshot.body.Target.Arn, input);
          book.delivered(snapshot);
        } catch (error) {
          entry.ok = false;
          entry.error = error instanceof Error ? error.message : String(error);
          const retrying = book.failed(snapshot, entry.error);
          report(
            `${entry.schedule} failed (${entry.error}); ${retrying ? "will retry" : "gave up: dead letter recorded"}`,
          );
        }
        fired.push(entry);
      }
      report(`stopped after ${MAX_FIRES_PER_RUN} fires in one run: a schedule keeps coming due`);
      return fired;
    });

  const server = createServer((req, res) => {
    handle(book, req, res).catch((error: unknown) => {
      report(`request failed: ${String(error)}`);
      if (!res.headersSent)
        sendError(res, new SchedulerApiError("InternalServerException", 500, "Internal error."));
    });
  });
  await listen(server, options.port, options.host ?? "127.0.0.1");
  const address = server.address() as AddressInfo;

  let timer: NodeJS.Timeout | null = null;
  if (options.pollMs !== null) {
    const pollMs = options.pollMs ?? 1000;
    const tick = () => {
      const earliest = book.earliestFire();
      const run =
        earliest !== null && earliest <= options.clock.now().getTime()
          ? runUntil(options.clock.now())
          : Promise.resolve([]);
      run
        .catch((error: unknown) => report(String(error)))
        .finally(() => {
          if (timer) timer = setTimeout(tick, pollMs);
        });
    };
    timer = setTimeout(tick, pollMs);
  }

  return {
    endpoint: `http://${address.address}:${address.port}`,
    runUntil,
    schedules: () => book.list({}),
    deadLetters: () => book.deadLetters(),
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await queue;
      await closeServer(server);
    },
  };
}

async function handle(book: ScheduleBook, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://scheduler.local");
  const method = req.method ?? "GET";
  const segments = url.pathname.split("/").filter(Boolean).map(safeDecode);
  const query = (name: string) => url.searchParams.get(name) ?? undefined;
  try {
    const body = method === "POST" || method === "PUT" ? await readJson(req) : undefined;
    const [resource, name, extra] = segments;
    if (extra !== undefined || name === null) throw unknownOperation(method, url.pathname);

    if (resource === "schedules" && name === undefined && method === "GET") {
      const all = book.list({
        group: query("ScheduleGroup"),
        namePrefix: query("NamePrefix"),
        state: query("State"),
      });
      const page = paginate(all, query("NextToken"), query("MaxResults"));
      return sendJson(res, {
        Schedules: page.items.map((s) => ({
          Arn: s.arn,
          Name: s.name,
          GroupName: s.group,
          State: s.body.State ?? "ENABLED",
          CreationDate: s.createdAt / 1000,
          LastModificationDate: s.modifiedAt / 1000,
          Target: { Arn: s.body.Target.Arn },
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      });
    }
    if (resource === "schedules" && name !== undefined) {
      switch (method) {
        case "POST":
          return sendJson(res, { ScheduleArn: book.create(name, body).arn });
        case "PUT":
          return sendJson(res, { ScheduleArn: book.update(name, body).arn });
        case "GET":
          return sendJson(res, describe(book.get(name, query("groupName") ?? DEFAULT_GROUP)));
        case "DELETE":
          book.delete(name, query("groupName") ?? DEFAULT_GROUP);
          return sendJson(res, {});
      }
    }
    if (resource === "schedule-groups" && name === undefined && method === "GET") {
      const page = paginate(book.listGroups(query("NamePrefix")), query("NextToken"), query("MaxResults"));
      return sendJson(res, {
        ScheduleGroups: page.items.map((g) => ({
          Arn: g.arn,
          Name: g.name,
          State: "ACTIVE",
          CreationDate: g.createdAt / 1000,
          LastModificationDate: g.modifiedAt / 1000,
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      });
    }
    if (resource === "schedule-groups" && name !== undefined) {
      switch (method) {
        case "POST":
          return sendJson(res, { ScheduleGroupArn: book.createGroup(name).arn });
        case "GET": {
          const g = book.getGroup(name);
          return sendJson(res, {
            Arn: g.arn,
            Name: g.name,
            State: "ACTIVE",
            CreationDate: g.createdAt / 1000,
            LastModificationDate: g.modifiedAt / 1000,
          });
        }
        case "DELETE":
          book.deleteGroup(name);
          return sendJson(res, {});
      }
    }
    throw unknownOperation(method, url.pathname);
  } catch (error) {
    if (error instanceof SchedulerApiError) return sendError(res, error);
    throw error;
  }
}

function describe(s: StoredSchedule) {
  const b = s.body;
  return {
    Arn: s.arn,
    GroupName: s.group,
    Name: s.name,
    ScheduleExpression: b.ScheduleExpression,
    ScheduleExpressionTimezone: b.ScheduleExpressionTimezone,
    StartDate: b.StartDate,
    EndDate: b.EndDate,
    Description: b.Description,
    State: b.State ?? "ENABLED",
    KmsKeyArn: b.KmsKeyArn,
    CreationDate: s.createdAt / 1000,
    LastModificationDate: s.modifiedAt / 1000,
    Target: b.Target,
    FlexibleTimeWindow: b.FlexibleTimeWindow,
    ActionAfterCompletion: b.ActionAfterCompletion ?? "NONE",
  };
}

function paginate<T>(
  items: T[],
  nextToken: string | undefined,
  maxResults: string | undefined,
): { items: T[]; nextToken?: string } {
  const max = maxResults === undefined ? 100 : Number(maxResults);
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw new SchedulerApiError("ValidationException", 400, "MaxResults must be between 1 and 100.");
  }
  const start =
    nextToken === undefined ? 0 : Number.parseInt(Buffer.from(nextToken, "base64url").toString(), 10);
  if (!Number.isInteger(start) || start < 0)
    throw new SchedulerApiError("ValidationException", 400, "Invalid NextToken.");
  const end = start + max;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString("base64url") } : {}),
  };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SchedulerApiError("ValidationException", 400, "Request body too large."));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", reject);
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (!text) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new SchedulerApiError("ValidationException", 400, "The request body is not valid JSON."));
      }
    });
  });
}

function sendJson(res: ServerResponse, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    "content-type": "application/json",
    "x-amzn-requestid": randomUUID(),
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** The restJson error shape: the SDK reads the type from `x-amzn-ErrorType` and the message from the body. */
function sendError(res: ServerResponse, error: SchedulerApiError) {
  const text = JSON.stringify({ Message: error.message });
  res.writeHead(error.status, {
    "content-type": "application/json",
    "x-amzn-errortype": error.type,
    "x-amzn-requestid": randomUUID(),
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

function unknownOperation(method: string, path: string) {
  return new SchedulerApiError(
    "ResourceNotFoundException",
    404,
    `No operation for ${method} ${path.slice(0, 100)}.`,
  );
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
