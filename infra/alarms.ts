import type { Functions } from "./functions.js";
import type { Scheduling } from "./scheduler.js";

/** One CloudWatch alarm: its metric, when it fires, and what it means for the operator. */
export interface AlarmSpec {
  name: string;
  description: string;
  namespace: string;
  metricName: string;
  dimensions?: Record<string, $util.Input<string>>;
  statistic: "Sum" | "Maximum" | "Average";
  period: number;
  threshold: number;
}

/**
 * Alarms beyond the two failure queues (infra/scheduler.ts): what goes wrong without leaving a
 * message in a queue. Each notifies the alarm topic (COFFEECHAT_ALARM_EMAIL subscribes to it).
 */
export function alarmSpecs(functions: {
  web: { name: $util.Input<string> };
  sweep: { name: $util.Input<string> };
}): AlarmSpec[] {
  return [
    {
      name: "WebErrorsAlarm",
      description: "The status page function failed (5xx): see its logs",
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: functions.web.name },
      statistic: "Sum",
      period: 300,
      threshold: 1,
    },
    {
      name: "WebThrottlesAlarm",
      description: "The status page hit its reserved concurrency: a flood of requests, or the cap is too low",
      namespace: "AWS/Lambda",
      metricName: "Throttles",
      dimensions: { FunctionName: functions.web.name },
      statistic: "Sum",
      period: 300,
      threshold: 1,
    },
    {
      name: "SweepErrorsAlarm",
      description: "The hourly sweep failed: overdue prompts are not being caught",
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: functions.sweep.name },
      statistic: "Sum",
      period: 3600,
      threshold: 1,
    },
    {
      // SES reviews an account above 5 % bounces and may pause sending above 10 %.
      name: "SesBounceRateAlarm",
      description: "The account's SES bounce rate is above 4 %: check who coffeechat is mailing",
      namespace: "AWS/SES",
      metricName: "Reputation.BounceRate",
      statistic: "Maximum",
      period: 3600,
      threshold: 0.04,
    },
  ];
}

export function createAlarms(
  scheduling: Pick<Scheduling, "alarmTopic">,
  functions: Pick<Functions, "web" | "sweep">,
) {
  return alarmSpecs(functions).map(
    (spec) =>
      new aws.cloudwatch.MetricAlarm(spec.name, {
        alarmDescription: spec.description,
        namespace: spec.namespace,
        metricName: spec.metricName,
        ...(spec.dimensions ? { dimensions: spec.dimensions } : {}),
        statistic: spec.statistic,
        period: spec.period,
        evaluationPeriods: 1,
        threshold: spec.threshold,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [scheduling.alarmTopic.arn],
        okActions: [scheduling.alarmTopic.arn],
      }),
  );
}
