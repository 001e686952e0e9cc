import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  GetScheduleCommand,
  type SchedulerClient,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import { dispatchInputSchema } from "../followup/dispatch-input.js";
import { parseOrThrow } from "../model/parse.js";
import type { PromptScheduler, ScheduleRequest } from "../ports.js";
import { formatInZone } from "../time/format.js";
import { offsetAt } from "../time/wall-clock.js";
import { isValidZone } from "../zones.js";

export interface ScheduleTargetConfig {
  group: string;
  roleArn: string;
  targetArn: string;
  deadLetterArn: string;
}

export interface SchedulerOptions {
  /** Scheduler's own delivery retries before the dead-letter queue. */
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
  /** Our bounded retry of throttled calls (after the SDK's own). */
  throttleAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Schedule names allow [0-9a-zA-Z-_.], 1 to 64 characters. */
const SCHEDULE_NAME = /^[0-9a-zA-Z_.-]{1,64}$/;

const THROTTLED = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "ServiceQuotaExceededException",
]);

/**
 * One one-time EventBridge schedule per prompt: `at(...)` in the user's local wall time and zone,
 * deleted after it fires, with a retry policy and a dead-letter queue. The store holds the truth;
 * a schedule is only the alarm clock, so `ensure` is idempotent by name and `remove` forgiving.
 */
export function createEventBridgeScheduler(
  client: SchedulerClient,
  config: ScheduleTargetConfig,
  options: SchedulerOptions = {},
): PromptScheduler {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = options.throttleAttempts ?? 5;

  async function withThrottleRetry<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!(isNamed(error, THROTTLED) && attempt < attempts)) throw error;
        await sleep(Math.min(5_000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2));
      }
    }
  }

  return {
    async ensure(request) {
      const definition = scheduleDefinition(request, config, options);
      // A name may be taken (a retry, a re-plan) or freed (fired and deleted) between calls: a few rounds settle it.
      for (let round = 0; round < 3; round++) {
        try {
          await withThrottleRetry(() => client.send(new CreateScheduleCommand(definition)));
          return;
        } catch (error) {
          if (!isNamed(error, ["ConflictException"])) throw error;
        }
        try {
          const existing = await withThrottleRetry(() =>
            client.send(new GetScheduleCommand({ Name: definition.Name, GroupName: definition.GroupName })),
          );
          if (
            existing.ScheduleExpression === definition.ScheduleExpression &&
            existing.ScheduleExpressionTimezone === definition.ScheduleExpressionTimezone &&
            existing.Target?.Input === definition.Target?.Input
          ) {
            return;
          }
          await withThrottleRetry(() => client.send(new UpdateScheduleCommand(definition)));
          return;
        } catch (error) {
          if (!isNamed(error, ["ResourceNotFoundException"])) throw error;
        }
      }
      throw new Error(`schedule ${definition.Name} kept changing while being ensured`);
    },

    async remove(name) {
      try {
        await withThrottleRetry(() =>
          client.send(new DeleteScheduleCommand({ Name: name, GroupName: config.group })),
        );
      } catch (error) {
        if (!isNamed(error, ["ResourceNotFoundException"])) throw error;
      }
    },
  };
}

/** The full definition, used as is for both CreateSchedule and UpdateSchedule (an update replaces everything). */
export function scheduleDefinition(
  request: ScheduleRequest,
  config: ScheduleTargetConfig,
  options: Pick<SchedulerOptions, "maximumRetryAttempts" | "maximumEventAgeInSeconds"> = {},
): CreateScheduleCommandInput {
  if (!SCHEDULE_NAME.test(request.name))
    throw new Error(`invalid schedule name: ${JSON.stringify(request.name.slice(0, 80))}`);
  const { expression, timeZone } = atExpression(request.at, request.timeZone);
  return {
    Name: request.name,
    GroupName: config.group,
    ScheduleExpression: expression,
    ScheduleExpressionTimezone: timeZone,
    FlexibleTimeWindow: { Mode: "OFF" },
    ActionAfterCompletion: "DELETE",
    State: "ENABLED",
    Target: {
      Arn: config.targetArn,
      RoleArn: config.roleArn,
      Input: JSON.stringify(parseOrThrow(dispatchInputSchema(), request.input)),
      RetryPolicy: {
        MaximumRetryAttempts: options.maximumRetryAttempts ?? 3,
        MaximumEventAgeInSeconds: options.maximumEventAgeInSeconds ?? 3_600,
      },
      DeadLetterConfig: { Arn: config.deadLetterArn },
    },
  };
}

/**
 * `at(yyyy-mm-ddThh:mm:ss)` as wall time in the user's zone. The instant is rounded up to the
 * second (a schedule never fires before the prompt is due). A wall time that does not name the
 * instant uniquely (the repeated hour when clocks go back) or an unknown zone is written in UTC.
 */
export function atExpression(at: Date, timeZone: string): { expression: string; timeZone: string } {
  const instant = new Date(Math.ceil(at.getTime() / 1000) * 1000);
  if (isValidZone(timeZone) && !isAmbiguousWallTime(instant, timeZone))
    return { expression: `at(${wallTime(instant, timeZone)})`, timeZone };
  return { expression: `at(${wallTime(instant, "UTC")})`, timeZone: "UTC" };
}

const HOUR_MS = 3_600_000;

const wallTime = (instant: Date, zone: string) => formatInZone(instant, zone, "yyyy-MM-dd'T'HH:mm:ss");

/**
 * True when another instant near a zone transition shows the same wall time (clocks going back):
 * one shifted by the size of the switch either way.
 */
function isAmbiguousWallTime(instant: Date, zone: string): boolean {
  const shift =
    offsetAt(instant.getTime() + 3 * HOUR_MS, zone) - offsetAt(instant.getTime() - 3 * HOUR_MS, zone);
  if (shift === 0) return false;
  const wall = wallTime(instant, zone);
  return [-1, 1].some((sign) => wallTime(new Date(instant.getTime() + sign * shift * 60_000), zone) === wall);
}

function isNamed(error: unknown, names: Iterable<string>): boolean {
  return error instanceof Error && new Set(names).has(error.name);
}
