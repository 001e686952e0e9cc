/**
 * Fault injection for real AWS SDK v3 clients (DynamoDB, the DocumentClient, SES v2, Scheduler,
 * S3) talking to local services: a middleware makes one chosen call fail the way AWS calls fail
 * in production, so a test can run the handler again (Lambda's retry) and check the outcome.
 *
 * The middleware sits in the `finalizeRequest` step just outside the SDK's retry middleware, so
 * an injected fault reaches the caller whatever the client's `maxAttempts`, and "the 2nd
 * CreateScheduleCommand" counts the calls the code made, not HTTP attempts.
 */
export type Fault =
  /** The request never reached the service: a timeout before any answer. */
  | "timeout"
  /** The service did the work, then the answer was lost (a timeout after the write happened). */
  | "lost-response"
  /** The service refused for rate: `ThrottlingException` unless `errorName` says otherwise. */
  | "throttle"
  /** The service failed: a generic 500. */
  | "server-error";

export interface FaultPlan {
  /** The SDK command name, as the client sees it: "TransactWriteItemsCommand", "SendEmailCommand"… */
  command: string;
  /** Which call of that command fails, counted from 1 (default 1). */
  call?: number;
  /** How many consecutive calls fail from `call` on (default 1; Infinity: every one). */
  times?: number;
  fault: Fault;
  /** The error's name for a throttle (SES v2 says `TooManyRequestsException`). */
  errorName?: string;
}

export interface InjectedFaults {
  /** Calls seen per command name since injection. */
  readonly calls: Readonly<Record<string, number>>;
  /** The faults thrown so far, in order: "SendEmailCommand#1 throttle". */
  readonly thrown: readonly string[];
  /** Takes the middleware off the client. */
  remove(): void;
}

type Handler = (args: { request: unknown }) => Promise<unknown>;
type Middleware = (next: Handler, context: { commandName?: string }) => Handler;

/** The part of an SDK client's middleware stack used here (every v3 client has it). */
interface StackLike {
  add(middleware: Middleware, options: { name: string; step: "finalizeRequest"; priority: "high" }): void;
  addRelativeTo(
    middleware: Middleware,
    options: { name: string; relation: "before"; toMiddleware: string },
  ): void;
  remove(name: string): boolean;
  identify(): string[];
}

/** Any AWS SDK v3 client (each types its stack on its own commands, hence the loose type). */
export interface AwsClient {
  middlewareStack: object;
}

let sequence = 0;

export function injectFaults(client: AwsClient, plans: FaultPlan | FaultPlan[]): InjectedFaults {
  const list = Array.isArray(plans) ? plans : [plans];
  const calls: Record<string, number> = Object.create(null);
  const thrown: string[] = [];
  const name = `coffeechat-fault-${++sequence}`;

  const middleware: Middleware = (next, context) => async (args) => {
    const command = String(context.commandName ?? "");
    const call = (calls[command] ?? 0) + 1;
    calls[command] = call;
    const plan = list.find((p) => p.command === command && inRange(call, p));
    if (!plan) return next(args);
    thrown.push(`${command}#${call} ${plan.fault}`);
    if (plan.fault === "lost-response") {
      await next(args);
      throw faultError(plan, command);
    }
    throw faultError(plan, command);
  };

  const stack = client.middlewareStack as StackLike;
  if (stack.identify().some((entry) => entry.startsWith("retryMiddleware"))) {
    stack.addRelativeTo(middleware, { name, relation: "before", toMiddleware: "retryMiddleware" });
  } else {
    stack.add(middleware, { name, step: "finalizeRequest", priority: "high" });
  }

  return {
    calls,
    thrown,
    remove: () => {
      stack.remove(name);
    },
  };
}

function inRange(call: number, plan: FaultPlan): boolean {
  const first = plan.call ?? 1;
  return call >= first && call < first + (plan.times ?? 1);
}

/** Errors shaped as the SDK throws them: a name, a fault side and `$metadata`. */
export function faultError(plan: Pick<FaultPlan, "fault" | "errorName">, command = "the call"): Error {
  const $metadata = { httpStatusCode: undefined as number | undefined, requestId: "injected", attempts: 1 };
  switch (plan.fault) {
    case "timeout":
    case "lost-response":
      return Object.assign(new Error(`${command} timed out (injected)`), { name: "TimeoutError", $metadata });
    case "throttle": {
      const errorName = plan.errorName ?? "ThrottlingException";
      const status = errorName === "TooManyRequestsException" ? 429 : 400;
      return Object.assign(new Error(`Rate exceeded (injected into ${command})`), {
        name: errorName,
        $fault: "client",
        $retryable: { throttling: true },
        $metadata: { ...$metadata, httpStatusCode: status },
      });
    }
    case "server-error":
      return Object.assign(new Error(`Internal server error (injected into ${command})`), {
        name: "InternalServerError",
        $fault: "server",
        $metadata: { ...$metadata, httpStatusCode: 500 },
      });
  }
}
