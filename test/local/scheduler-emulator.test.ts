import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from "@aws-sdk/client-scheduler";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalClock } from "../../local/clock.js";
import { type SchedulerEmulator, startSchedulerEmulator } from "../../local/scheduler-emulator.js";

const ROLE = "arn:aws:iam::000000000000:role/coffeechat-scheduler";
const TARGET = "arn:aws:lambda:us-east-1:000000000000:function:dispatch";
const DLQ = "arn:aws:sqs:us-east-1:000000000000:coffeechat-dlq";
/** Real time is pinned so the tests read as calendar dates. */
const REAL_NOW = Date.parse("2025-10-30T12:00:00Z");

interface Delivery {
  targetArn: string;
  input: string;
  at: string;
}

let dir: string;
let clock: LocalClock;
let emulator: SchedulerEmulator;
let client: SchedulerClient;
let deliveries: Delivery[];
let failNext: number;

async function start() {
  clock = new LocalClock(join(dir, "clock.json"), () => REAL_NOW);
  emulator = await startSchedulerEmulator({
    port: 0,
    stateFile: join(dir, "scheduler.json"),
    clock,
    pollMs: null,
    onError: () => {},
    fire: async (targetArn, input) => {
      if (failNext > 0) {
        failNext--;
        throw new Error("handler failed");
      }
      deliveries.push({ targetArn, input, at: clock.now().toISOString() });
    },
  });
  clock.attach((until) => emulator.runUntil(until));
  client = new SchedulerClient({
    endpoint: emulator.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

function oneTime(
  name: string,
  at: string,
  extra: Partial<CreateScheduleCommandInput> = {},
): CreateScheduleCommandInput {
  return {
    Name: name,
    ScheduleExpression: `at(${at})`,
    ScheduleExpressionTimezone: "America/New_York",
    FlexibleTimeWindow: { Mode: "OFF" },
    ActionAfterCompletion: "DELETE",
    Target: {
      Arn: TARGET,
      RoleArn: ROLE,
      Input: JSON.stringify({ type: "prompt", userId: "u1", promptId: name }),
    },
    ...extra,
  };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "cc-scheduler-"));
  deliveries = [];
  failNext = 0;
  await start();
});

afterEach(async () => {
  client.destroy();
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the scheduler emulator's API, through @aws-sdk/client-scheduler", () => {
  it("creates, reads, updates, lists and deletes a schedule", async () => {
    const created = await client.send(new CreateScheduleCommand(oneTime("cc-prm_a", "2025-11-03T09:00:00")));
    expect(created.ScheduleArn).toBe("arn:aws:scheduler:us-east-1:000000000000:schedule/default/cc-prm_a");

    const got = await client.send(new GetScheduleCommand({ Name: "cc-prm_a" }));
    expect(got).toMatchObject({
      Name: "cc-prm_a",
      GroupName: "default",
      ScheduleExpression: "at(2025-11-03T09:00:00)",
      ScheduleExpressionTimezone: "America/New_York",
      State: "ENABLED",
      ActionAfterCompletion: "DELETE",
      Target: { Arn: TARGET, RoleArn: ROLE },
    });
    expect(got.CreationDate).toBeInstanceOf(Date);
    expect(got.CreationDate?.getTime()).toBe(REAL_NOW);

    await client.send(new UpdateScheduleCommand(oneTime("cc-prm_a", "2025-11-04T10:30:00")));
    const moved = await client.send(new GetScheduleCommand({ Name: "cc-prm_a" }));
    expect(moved.ScheduleExpression).toBe("at(2025-11-04T10:30:00)");

    await client.send(new CreateScheduleCommand(oneTime("other", "2025-11-05T09:00:00")));
    const listed = await client.send(new ListSchedulesCommand({ NamePrefix: "cc-" }));
    expect(listed.Schedules?.map((s) => s.Name)).toEqual(["cc-prm_a"]);
    expect(listed.Schedules?.[0]?.Target?.Arn).toBe(TARGET);

    await client.send(new DeleteScheduleCommand({ Name: "cc-prm_a" }));
    await expect(client.send(new GetScheduleCommand({ Name: "cc-prm_a" }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it("pages through a long list", async () => {
    for (let i = 0; i < 5; i++)
      await client.send(new CreateScheduleCommand(oneTime(`s${i}`, "2025-11-05T09:00:00")));
    const first = await client.send(new ListSchedulesCommand({ MaxResults: 2 }));
    expect(first.Schedules?.map((s) => s.Name)).toEqual(["s0", "s1"]);
    const second = await client.send(new ListSchedulesCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Schedules?.map((s) => s.Name)).toEqual(["s2", "s3"]);
  });

  it("answers a second create of the same name with ConflictException (409)", async () => {
    await client.send(new CreateScheduleCommand(oneTime("cc-prm_b", "2025-11-03T09:00:00")));
    const error = await client
      .send(new CreateScheduleCommand(oneTime("cc-prm_b", "2025-11-03T09:00:00")))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as ConflictException).$metadata.httpStatusCode).toBe(409);
    expect((error as ConflictException).message).toContain("cc-prm_b");
  });

  it("answers unknown schedules and groups with ResourceNotFoundException (404)", async () => {
    await expect(client.send(new GetScheduleCommand({ Name: "missing" }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(client.send(new DeleteScheduleCommand({ Name: "missing" }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(
      client.send(new UpdateScheduleCommand(oneTime("missing", "2025-11-03T09:00:00"))),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.send(
        new CreateScheduleCommand(oneTime("x", "2025-11-03T09:00:00", { GroupName: "no-such-group" })),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it("creates schedule groups and keeps schedules apart per group", async () => {
    await client.send(new CreateScheduleGroupCommand({ Name: "coffeechat" }));
    await expect(client.send(new CreateScheduleGroupCommand({ Name: "coffeechat" }))).rejects.toBeInstanceOf(
      ConflictException,
    );
    expect((await client.send(new GetScheduleGroupCommand({ Name: "coffeechat" }))).State).toBe("ACTIVE");
    await client.send(
      new CreateScheduleCommand(oneTime("same", "2025-11-03T09:00:00", { GroupName: "coffeechat" })),
    );
    await client.send(new CreateScheduleCommand(oneTime("same", "2025-11-03T09:00:00")));
    expect((await client.send(new ListSchedulesCommand({ GroupName: "coffeechat" }))).Schedules).toHaveLength(
      1,
    );
    await client.send(new DeleteScheduleCommand({ Name: "same", GroupName: "coffeechat" }));
    await expect(
      client.send(new GetScheduleCommand({ Name: "same", GroupName: "coffeechat" })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect((await client.send(new GetScheduleCommand({ Name: "same" }))).GroupName).toBe("default");
  });

  it.each([
    ["a name with a space", oneTime("bad name", "2025-11-03T09:00:00")],
    ["a 65-character name", oneTime("n".repeat(65), "2025-11-03T09:00:00")],
    ["a date that does not exist", oneTime("x", "2025-02-30T09:00:00")],
    [
      "an at() without seconds",
      { ...oneTime("x", "2025-11-03T09:00:00"), ScheduleExpression: "at(2025-11-03T09:00)" },
    ],
    ["a rate of zero", { ...oneTime("x", "2025-11-03T09:00:00"), ScheduleExpression: "rate(0 hours)" }],
    ["a rate in weeks", { ...oneTime("x", "2025-11-03T09:00:00"), ScheduleExpression: "rate(1 week)" }],
    [
      "a cron with 5 fields",
      { ...oneTime("x", "2025-11-03T09:00:00"), ScheduleExpression: "cron(0 9 * * ?)" },
    ],
    [
      "a cron with both day fields",
      { ...oneTime("x", "2025-11-03T09:00:00"), ScheduleExpression: "cron(0 9 * * MON *)" },
    ],
    [
      "a Windows zone name",
      oneTime("x", "2025-11-03T09:00:00", { ScheduleExpressionTimezone: "Eastern Standard Time" }),
    ],
    [
      "an unknown ActionAfterCompletion",
      oneTime("x", "2025-11-03T09:00:00", { ActionAfterCompletion: "ARCHIVE" as never }),
    ],
    [
      "a role that is not an IAM role ARN",
      oneTime("x", "2025-11-03T09:00:00", { Target: { Arn: TARGET, RoleArn: "role" } }),
    ],
    [
      "a FLEXIBLE window without its size",
      oneTime("x", "2025-11-03T09:00:00", { FlexibleTimeWindow: { Mode: "FLEXIBLE" } }),
    ],
    [
      "a retry policy over 185 attempts",
      oneTime("x", "2025-11-03T09:00:00", {
        Target: { Arn: TARGET, RoleArn: ROLE, RetryPolicy: { MaximumRetryAttempts: 186 } },
      }),
    ],
  ])("refuses %s with ValidationException (400)", async (_, input) => {
    const error = await client.send(new CreateScheduleCommand(input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(400);
    expect(emulator.schedules()).toHaveLength(0);
  });

  it("survives hostile names and bodies without touching Object.prototype", async () => {
    await client.send(new CreateScheduleCommand(oneTime("__proto__", "2025-11-03T09:00:00")));
    expect((await client.send(new GetScheduleCommand({ Name: "__proto__" }))).Name).toBe("__proto__");
    const raw = await fetch(`${emulator.endpoint}/schedules/x`, {
      method: "POST",
      body: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get("x-amzn-errortype")).toBe("ValidationException");
    const broken = await fetch(`${emulator.endpoint}/schedules/x`, { method: "POST", body: "{not json" });
    expect(broken.status).toBe(400);
    const unknown = await fetch(`${emulator.endpoint}/schedules/a/b/c`);
    expect(unknown.status).toBe(404);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("accepts rate() and cron() expressions", async () => {
    await client.send(
      new CreateScheduleCommand({
        ...oneTime("sweep", "2025-11-03T09:00:00"),
        ScheduleExpression: "rate(1 hour)",
      }),
    );
    await client.send(
      new CreateScheduleCommand({
        ...oneTime("daily", "2025-11-03T09:00:00"),
        ScheduleExpression: "cron(0 9 ? * MON-FRI *)",
      }),
    );
    expect(emulator.schedules().map((s) => s.name)).toEqual(["daily", "sweep"]);
  });
});

describe("the scheduler emulator's firing", () => {
  it("fires an at() schedule once, with its input, at the local time in its zone, then deletes it", async () => {
    await client.send(new CreateScheduleCommand(oneTime("cc-prm_c", "2025-11-03T09:00:00")));
    const fired = await clock.advance(3 * 86_400_000);
    expect(fired).toHaveLength(0);

    const later = await clock.advance(2 * 86_400_000);
    expect(later.map((f) => f.schedule)).toEqual(["default/cc-prm_c"]);
    // 3 Nov 2025 09:00 in New York is EST (UTC-5): the clocks went back on 2 Nov.
    expect(deliveries).toEqual([
      {
        targetArn: TARGET,
        input: JSON.stringify({ type: "prompt", userId: "u1", promptId: "cc-prm_c" }),
        at: "2025-11-03T14:00:00.000Z",
      },
    ]);
    await expect(client.send(new GetScheduleCommand({ Name: "cc-prm_c" }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await clock.advance(30 * 86_400_000);
    expect(deliveries).toHaveLength(1);
  });

  it("reads at() in the zone's offset of that day, on both sides of a DST change", async () => {
    await client.send(new CreateScheduleCommand(oneTime("before", "2025-10-31T09:00:00")));
    await client.send(new CreateScheduleCommand(oneTime("after", "2025-11-04T09:00:00")));
    await clock.advance(7 * 86_400_000);
    expect(deliveries.map((d) => d.at)).toEqual(["2025-10-31T13:00:00.000Z", "2025-11-04T14:00:00.000Z"]);
  });

  it("keeps a completed schedule when ActionAfterCompletion is NONE, and fires it only once", async () => {
    await client.send(
      new CreateScheduleCommand(oneTime("keep", "2025-10-31T09:00:00", { ActionAfterCompletion: "NONE" })),
    );
    await clock.advance(10 * 86_400_000);
    expect(deliveries).toHaveLength(1);
    expect((await client.send(new GetScheduleCommand({ Name: "keep" }))).Name).toBe("keep");
  });

  it("fires at once a one-time schedule whose time has already passed", async () => {
    await client.send(new CreateScheduleCommand(oneTime("late", "2025-10-01T09:00:00")));
    await clock.advance(0);
    expect(deliveries).toHaveLength(1);
  });

  it("fires a rate(1 hour) schedule every hour, and several schedules in due order", async () => {
    await client.send(
      new CreateScheduleCommand({
        ...oneTime("sweep", "2025-01-01T00:00:00"),
        ScheduleExpression: "rate(1 hour)",
        ActionAfterCompletion: "NONE",
        Target: { Arn: "sweep-target", RoleArn: ROLE, Input: '{"type":"sweep"}' },
      }),
    );
    await client.send(new CreateScheduleCommand(oneTime("p2", "2025-10-30T10:30:00")));
    await client.send(new CreateScheduleCommand(oneTime("p1", "2025-10-30T09:30:00")));
    const fired = await clock.advance(3 * 3_600_000);
    // Real time is 08:00 in New York; the sweep counts from its creation.
    expect(fired.map((f) => `${f.schedule}@${f.dueAt}`)).toEqual([
      "default/sweep@2025-10-30T13:00:00.000Z",
      "default/p1@2025-10-30T13:30:00.000Z",
      "default/sweep@2025-10-30T14:00:00.000Z",
      "default/p2@2025-10-30T14:30:00.000Z",
      "default/sweep@2025-10-30T15:00:00.000Z",
    ]);
  });

  it("fires a weekday cron() at 09:00 in its zone, skipping the weekend, across the DST change", async () => {
    await client.send(
      new CreateScheduleCommand({
        ...oneTime("weekday", "2025-01-01T00:00:00"),
        ScheduleExpression: "cron(0 9 ? * MON-FRI *)",
        ActionAfterCompletion: "NONE",
      }),
    );
    await clock.advance(5 * 86_400_000);
    expect(deliveries.map((d) => d.at)).toEqual([
      "2025-10-30T13:00:00.000Z",
      "2025-10-31T13:00:00.000Z",
      "2025-11-03T14:00:00.000Z",
    ]);
  });

  it("fires what a handler schedules while catching up, when that is due too", async () => {
    await emulator.stop();
    clock = new LocalClock(join(dir, "clock.json"), () => REAL_NOW);
    emulator = await startSchedulerEmulator({
      port: 0,
      stateFile: join(dir, "scheduler.json"),
      clock,
      pollMs: null,
      fire: async (_target, input) => {
        deliveries.push({ targetArn: _target, input, at: clock.now().toISOString() });
        const { promptId } = JSON.parse(input) as { promptId: string };
        if (promptId === "first") {
          await client.send(new CreateScheduleCommand(oneTime("second", "2025-10-31T10:00:00")));
        }
      },
    });
    clock.attach((until) => emulator.runUntil(until));
    client.destroy();
    client = new SchedulerClient({
      endpoint: emulator.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    await client.send(new CreateScheduleCommand(oneTime("first", "2025-10-31T09:00:00")));
    await clock.advance(2 * 86_400_000);
    expect(deliveries.map((d) => [JSON.parse(d.input).promptId, d.at])).toEqual([
      ["first", "2025-10-31T13:00:00.000Z"],
      ["second", "2025-10-31T14:00:00.000Z"],
    ]);
  });

  it("retries a failed delivery per its RetryPolicy, then records a dead letter and deletes the schedule", async () => {
    failNext = 1;
    await client.send(new CreateScheduleCommand(oneTime("flaky", "2025-10-31T09:00:00")));
    await clock.advance(2 * 86_400_000);
    expect(deliveries).toHaveLength(1);
    expect(Date.parse(deliveries[0]?.at ?? "")).toBeGreaterThan(Date.parse("2025-10-31T13:00:00Z"));

    failNext = 10;
    await client.send(
      new CreateScheduleCommand(
        oneTime("broken", "2025-11-03T09:00:00", {
          Target: {
            Arn: TARGET,
            RoleArn: ROLE,
            Input: "{}",
            RetryPolicy: { MaximumRetryAttempts: 2 },
            DeadLetterConfig: { Arn: DLQ },
          },
        }),
      ),
    );
    const fired = await clock.advance(5 * 86_400_000);
    expect(fired.map((f) => f.ok)).toEqual([false, false, false]);
    expect(emulator.deadLetters()).toEqual([
      expect.objectContaining({ schedule: "default/broken", deadLetterArn: DLQ, error: "handler failed" }),
    ]);
    await expect(client.send(new GetScheduleCommand({ Name: "broken" }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it("fires on its own as real time passes when polling", async () => {
    await emulator.stop();
    emulator = await startSchedulerEmulator({
      port: 0,
      stateFile: join(dir, "scheduler.json"),
      clock,
      pollMs: 20,
      fire: async (targetArn, input) => {
        deliveries.push({ targetArn, input, at: clock.now().toISOString() });
      },
    });
    client.destroy();
    client = new SchedulerClient({
      endpoint: emulator.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    await client.send(new CreateScheduleCommand(oneTime("now", "2025-10-30T07:59:59")));
    await expect.poll(() => deliveries.length, { timeout: 2_000 }).toBe(1);
  });

  it("keeps schedules and the clock across a restart", async () => {
    await client.send(new CreateScheduleCommand(oneTime("persisted", "2025-11-03T09:00:00")));
    await clock.advance(86_400_000);
    const before = clock.now().toISOString();
    client.destroy();
    await emulator.stop();

    await start();
    expect(clock.now().toISOString()).toBe(before);
    expect((await client.send(new GetScheduleCommand({ Name: "persisted" }))).ScheduleExpression).toBe(
      "at(2025-11-03T09:00:00)",
    );
    await clock.advance(5 * 86_400_000);
    expect(deliveries.map((d) => d.at)).toEqual(["2025-11-03T14:00:00.000Z"]);
  });
});
