import type { Config } from "./config.js";
import type { Functions } from "./functions.js";
import { sweepEvent } from "./links.js";

/** Failed deliveries and failed async invocations are kept two weeks (SQS's maximum). */
const FOURTEEN_DAYS = 14 * 24 * 60 * 60;

/**
 * EventBridge Scheduler wiring, created before the functions that link to it: the schedule
 * group, its dead-letter queue, the role schedules run as, the queue that catches invocations
 * Lambda gave up on, and alarms on both queues. The role's permission to invoke the dispatch
 * function is added once that function exists (wireScheduling), which keeps the graph acyclic.
 */
export function createScheduling(config: Config) {
  const group = new aws.scheduler.ScheduleGroup("PromptSchedules", { name: config.names.scheduleGroup });

  // Scheduler's DLQ receives only deliveries Scheduler could not make (RELIABILITY).
  const deadLetters = new aws.sqs.Queue("ScheduleDeadLetters", {
    messageRetentionSeconds: FOURTEEN_DAYS,
    sqsManagedSseEnabled: true,
  });

  // Errors thrown inside a function, after Lambda's own retries, land here (on-failure destination).
  const failedInvocations = new aws.sqs.Queue("FailedInvocations", {
    messageRetentionSeconds: FOURTEEN_DAYS,
    sqsManagedSseEnabled: true,
  });

  const role = new aws.iam.Role("SchedulerRole", {
    description: "Assumed by EventBridge Scheduler to fire coffeechat prompts",
    assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
      statements: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["scheduler.amazonaws.com"] }],
          conditions: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [config.accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [config.arns.scheduleGroup] },
          ],
        },
      ],
    }).json,
  });

  const schedules = new sst.Linkable("Schedules", {
    properties: {
      group: group.name,
      roleArn: role.arn,
      // The dispatch function's ARN from its fixed name: that function links this too.
      targetArn: config.arns.dispatchFunction,
      deadLetterArn: deadLetters.arn,
    },
    include: [
      sst.aws.permission({
        actions: [
          "scheduler:CreateSchedule",
          "scheduler:UpdateSchedule",
          "scheduler:GetSchedule",
          "scheduler:DeleteSchedule",
        ],
        resources: [config.arns.schedulesInGroup],
      }),
      sst.aws.permission({
        actions: ["iam:PassRole"],
        resources: [role.arn],
        conditions: [
          { test: "StringEquals", variable: "iam:PassedToService", values: ["scheduler.amazonaws.com"] },
        ],
      }),
    ],
  });

  const alarmTopic = new aws.sns.Topic("Alarms", {});
  if (config.settings.alarmEmail) {
    new aws.sns.TopicSubscription("AlarmEmail", {
      topic: alarmTopic.arn,
      protocol: "email",
      endpoint: config.settings.alarmEmail,
    });
  }
  alarmOnMessages(
    "ScheduleDeadLettersAlarm",
    deadLetters,
    alarmTopic,
    "A prompt schedule could not reach the dispatch function",
  );
  alarmOnMessages(
    "FailedInvocationsAlarm",
    failedInvocations,
    alarmTopic,
    "A function failed after all of Lambda's retries",
  );

  return { group, deadLetters, failedInvocations, role, schedules, alarmTopic };
}

export type Scheduling = ReturnType<typeof createScheduling>;

/** Once the functions exist: what the Scheduler role may do, failure destinations, the hourly sweep. */
export function wireScheduling(scheduling: Scheduling, functions: Functions) {
  new aws.iam.RolePolicy("SchedulerRoleInvoke", {
    role: scheduling.role.id,
    policy: aws.iam.getPolicyDocumentOutput({
      statements: [
        { actions: ["lambda:InvokeFunction"], resources: [functions.dispatch.arn] },
        { actions: ["sqs:SendMessage"], resources: [scheduling.deadLetters.arn] },
      ],
    }).json,
  });

  // Every asynchronously invoked function: a couple of retries, then the failure queue.
  for (const [name, fn] of [
    ["Dispatch", functions.dispatch],
    ["Inbound", functions.inbound],
    ["Feedback", functions.feedback],
  ] as const) {
    new aws.lambda.FunctionEventInvokeConfig(`${name}InvokeConfig`, {
      functionName: fn.name,
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 6 * 60 * 60,
      destinationConfig: { onFailure: { destination: scheduling.failedInvocations.arn } },
    });
  }

  // A lost schedule loses nothing: the sweep finds prompts still `scheduled` after their due time.
  const sweep = new sst.aws.Cron("Sweep", {
    function: functions.sweep,
    schedule: "rate(1 hour)",
    event: sweepEvent,
  });

  return { sweep };
}

function alarmOnMessages(name: string, queue: aws.sqs.Queue, topic: aws.sns.Topic, description: string) {
  return new aws.cloudwatch.MetricAlarm(name, {
    alarmDescription: description,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: queue.name },
    statistic: "Maximum",
    period: 300,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
    alarmActions: [topic.arn],
    okActions: [topic.arn],
  });
}
