import "aws-sdk-client-mock-vitest/extend";
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  UpdateScheduleCommand,
  ValidationException,
} from "@aws-sdk/client-scheduler";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { atExpression, createEventBridgeScheduler } from "../../core/aws/eventbridge-scheduler.js";
import type { ScheduleRequest } from "../../core/ports.js";

const config = {
  group: "coffeechat",
  roleArn: "arn:aws:iam::123456789012:role/scheduler",
  targetArn: "arn:aws:lambda:us-east-1:123456789012:function:dispatch",
  deadLetterArn: "arn:aws:sqs:us-east-1:123456789012:dlq",
};

const scheduler = mockClient(SchedulerClient);
const sleeps: number[] = [];
const adapter = () =>
  createEventBridgeScheduler(new SchedulerClient({ region: "us-east-1" }), config, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });

// 2025-03-30 is the night Berlin moves from CET (+01:00) to CEST (+02:00) at 02:00.
const request: ScheduleRequest = {
  name: "cc-prm_abc",
  at: new Date("2025-03-30T07:00:00.000Z"),
  timeZone: "Europe/Berlin",
  input: { type: "prompt", userId: "usr_a", promptId: "prm_abc" },
};

const expectedDefinition = {
  Name: "cc-prm_abc",
  GroupName: "coffeechat",
  ScheduleExpression: "at(2025-03-30T09:00:00)",
  ScheduleExpressionTimezone: "Europe/Berlin",
  FlexibleTimeWindow: { Mode: "OFF" },
  ActionAfterCompletion: "DELETE",
  State: "ENABLED",
  Target: {
    Arn: config.targetArn,
    RoleArn: config.roleArn,
    Input: '{"type":"prompt","userId":"usr_a","promptId":"prm_abc"}',
    RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
    DeadLetterConfig: { Arn: config.deadLetterArn },
  },
};

beforeEach(() => {
  scheduler.reset();
  sleeps.length = 0;
});

describe("ensure", () => {
  it("creates a one-time schedule in the user's local wall time, on a DST change day", async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: "arn:schedule" });

    await adapter().ensure(request);

    expect(scheduler).toReceiveCommandTimes(CreateScheduleCommand, 1);
    // 07:00Z is 09:00 CEST (+02:00) that morning, not 08:00 as the night before's offset would give.
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input).toEqual(expectedDefinition);
  });

  it("treats an existing schedule at the same time as success", async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: "exists", Message: "exists", $metadata: {} }));
    scheduler.on(GetScheduleCommand).resolves({
      Name: "cc-prm_abc",
      ScheduleExpression: "at(2025-03-30T09:00:00)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      Target: { Arn: config.targetArn, RoleArn: config.roleArn, Input: expectedDefinition.Target.Input },
    });

    await adapter().ensure(request);

    expect(scheduler).toReceiveCommandWith(GetScheduleCommand, {
      Name: "cc-prm_abc",
      GroupName: "coffeechat",
    });
    expect(scheduler).toReceiveCommandTimes(UpdateScheduleCommand, 0);
  });

  it("moves an existing schedule at another time with the full definition", async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: "exists", Message: "exists", $metadata: {} }));
    scheduler.on(GetScheduleCommand).resolves({
      Name: "cc-prm_abc",
      ScheduleExpression: "at(2025-03-29T09:00:00)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      Target: { Arn: config.targetArn, RoleArn: config.roleArn, Input: expectedDefinition.Target.Input },
    });
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: "arn:schedule" });

    await adapter().ensure(request);

    expect(scheduler.commandCalls(UpdateScheduleCommand)[0]?.args[0].input).toEqual(expectedDefinition);
  });

  it("creates again when the conflicting schedule vanished meanwhile (it fired and was deleted)", async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejectsOnce(new ConflictException({ message: "exists", Message: "exists", $metadata: {} }))
      .resolves({ ScheduleArn: "arn:schedule" });
    scheduler
      .on(GetScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: "gone", Message: "gone", $metadata: {} }));

    await adapter().ensure(request);

    expect(scheduler).toReceiveCommandTimes(CreateScheduleCommand, 2);
  });

  it("retries a throttled call after a pause, and gives up loudly after a bound", async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejectsOnce(new ThrottlingException({ message: "slow down", Message: "slow down", $metadata: {} }))
      .rejectsOnce(new ThrottlingException({ message: "slow down", Message: "slow down", $metadata: {} }))
      .resolves({ ScheduleArn: "arn:schedule" });

    await adapter().ensure(request);
    expect(scheduler).toReceiveCommandTimes(CreateScheduleCommand, 3);
    expect(sleeps).toHaveLength(2);

    scheduler.reset();
    sleeps.length = 0;
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ThrottlingException({ message: "slow down", Message: "slow down", $metadata: {} }));
    await expect(adapter().ensure(request)).rejects.toThrow("slow down");
    expect(scheduler).toReceiveCommandTimes(CreateScheduleCommand, 5);
  });

  it("rethrows other errors as they are", async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ValidationException({ message: "bad", Message: "bad", $metadata: {} }));
    await expect(adapter().ensure(request)).rejects.toBeInstanceOf(ValidationException);
    expect(sleeps).toEqual([]);
  });

  it("refuses a name EventBridge would refuse, before calling it", async () => {
    await expect(adapter().ensure({ ...request, name: "cc-prm abc\r\n" })).rejects.toThrow(
      /invalid schedule name/,
    );
    await expect(adapter().ensure({ ...request, name: "x".repeat(65) })).rejects.toThrow(
      /invalid schedule name/,
    );
    expect(scheduler).toReceiveCommandTimes(CreateScheduleCommand, 0);
  });
});

describe("remove", () => {
  it("deletes the schedule from the group", async () => {
    scheduler.on(DeleteScheduleCommand).resolves({});
    await adapter().remove("cc-prm_abc");
    expect(scheduler.commandCalls(DeleteScheduleCommand)[0]?.args[0].input).toEqual({
      Name: "cc-prm_abc",
      GroupName: "coffeechat",
    });
  });

  it("is fine when the schedule is already gone", async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: "gone", Message: "gone", $metadata: {} }));
    await expect(adapter().remove("cc-prm_abc")).resolves.toBeUndefined();
  });

  it("rethrows anything else", async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ValidationException({ message: "bad", Message: "bad", $metadata: {} }));
    await expect(adapter().remove("cc-prm_abc")).rejects.toBeInstanceOf(ValidationException);
  });
});

describe("atExpression", () => {
  it("writes local wall time in the zone, rounded up to the second", () => {
    expect(atExpression(new Date("2025-11-03T14:00:00.001Z"), "America/New_York")).toEqual({
      expression: "at(2025-11-03T09:00:01)",
      timeZone: "America/New_York",
    });
  });

  it("falls back to UTC for the repeated hour when clocks go back, so the instant stays exact", () => {
    // 2025-11-02 01:30 happens twice in New York: 05:30Z (EDT) and 06:30Z (EST).
    expect(atExpression(new Date("2025-11-02T05:30:00.000Z"), "America/New_York")).toEqual({
      expression: "at(2025-11-02T05:30:00)",
      timeZone: "UTC",
    });
    expect(atExpression(new Date("2025-11-02T06:30:00.000Z"), "America/New_York")).toEqual({
      expression: "at(2025-11-02T06:30:00)",
      timeZone: "UTC",
    });
    // An hour later the wall time is unique again.
    expect(atExpression(new Date("2025-11-02T07:30:00.000Z"), "America/New_York")).toEqual({
      expression: "at(2025-11-02T02:30:00)",
      timeZone: "America/New_York",
    });
  });

  it("falls back to UTC for an unknown zone", () => {
    expect(atExpression(new Date("2025-03-30T07:00:00.000Z"), "Mars/Olympus")).toEqual({
      expression: "at(2025-03-30T07:00:00)",
      timeZone: "UTC",
    });
  });
});
