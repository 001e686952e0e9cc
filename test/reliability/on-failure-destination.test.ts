import { afterEach, describe, expect, it } from "vitest";

/**
 * RELIABILITY.md case 8: errors thrown by the dispatch function never reach Scheduler's DLQ;
 * Lambda retries them and then hands the event to the on-failure destination declared in infra.
 * infra/scheduler.ts is run here against recording stand-ins for SST's `aws` and `sst` globals.
 */

interface Declared {
  type: string;
  name: string;
  args: Record<string, unknown>;
}

/** A stand-in for a provider namespace: every `new aws.x.Y(name, args)` is recorded. */
function recorder(declared: Declared[], path: string[] = []): unknown {
  return new Proxy(function resource() {}, {
    construct: (_target, [name, args = {}]: [string, Record<string, unknown>?]) => {
      declared.push({ type: path.join("."), name, args });
      return { name: `${name}-name`, arn: `arn:${name}`, id: `${name}-id` };
    },
    get: (_target, key) =>
      key === "getPolicyDocumentOutput"
        ? (doc: unknown) => ({ json: JSON.stringify(doc) })
        : recorder(declared, [...path, String(key)]),
  });
}

const globals = globalThis as Record<string, unknown>;
afterEach(() => {
  delete globals.aws;
  delete globals.sst;
});

describe("the dispatch function's failures (case 8)", () => {
  it("go through two Lambda retries, then to the failed-invocations queue; Scheduler's DLQ is a separate queue", async () => {
    const declared: Declared[] = [];
    globals.aws = recorder(declared, ["aws"]);
    globals.sst = recorder(declared, ["sst"]);
    // Imported by a computed path: infra is type-checked against SST's globals by its own tsconfig.
    const infraScheduler = "../../infra/scheduler.js";
    const { wireScheduling } = (await import(infraScheduler)) as {
      wireScheduling: (scheduling: unknown, functions: unknown) => unknown;
    };

    const queue = (name: string) => ({ arn: `arn:sqs:${name}`, name });
    const fn = (name: string) => ({ arn: `arn:lambda:${name}`, name });
    const scheduling = {
      deadLetters: queue("ScheduleDeadLetters"),
      failedInvocations: queue("FailedInvocations"),
      role: { id: "role" },
    };
    const functions = {
      dispatch: fn("dispatch"),
      inbound: fn("inbound"),
      feedback: fn("feedback"),
      sweep: fn("sweep"),
    };
    wireScheduling(scheduling, functions);

    const invokeConfigs = declared.filter((d) => d.type === "aws.lambda.FunctionEventInvokeConfig");
    const dispatch = invokeConfigs.find((d) => d.args.functionName === "dispatch");
    expect(dispatch?.args).toMatchObject({
      maximumRetryAttempts: 2,
      destinationConfig: { onFailure: { destination: "arn:sqs:FailedInvocations" } },
    });
    expect(invokeConfigs.map((d) => d.args.functionName).sort()).toEqual(["dispatch", "feedback", "inbound"]);
    expect(JSON.stringify(invokeConfigs)).not.toContain("ScheduleDeadLetters");
    // The hourly sweep is the net under everything the queues catch.
    expect(declared.find((d) => d.type === "sst.aws.Cron")?.args).toMatchObject({ schedule: "rate(1 hour)" });
  });
});
