import { describe, expect, it } from "vitest";
import { sweepEvent } from "../../infra/links.js";
import { loadInfra, type MockWorld, mockWorld, platformInstalled } from "./pulumi-mocks.js";

// biome-ignore lint/suspicious/noExplicitAny: values from Pulumi's mocks.
type Any = any;

if (!platformInstalled()) {
  throw new Error(
    "SST's platform (.sst/platform, with @pulumi/aws) is not installed: run `npm run typecheck` once; it runs `sst install` from the npm registry.",
  );
}

const ACCOUNT = "123456789012";

/** A Config as infra/config.ts builds it, for stage `test` in us-east-1, as Pulumi outputs. */
function testConfig(world: MockWorld, overrides: Partial<{ dns: "route53" | "manual" }> = {}) {
  const { pulumi } = world;
  const arn = (service: string, resource: string) =>
    pulumi.output(`arn:aws:${service}:us-east-1:${ACCOUNT}:${resource}`);
  return {
    settings: {
      region: "us-east-1",
      dns: overrides.dns ?? "manual",
      dmarc: "v=DMARC1; p=quarantine;",
      alarmEmail: null,
    },
    names: {
      receiptRuleSet: "coffeechat-test-inbound",
      receiptRule: "coffeechat-test-inbox",
      scheduleGroup: "coffeechat-test-prompts",
      dispatchFunction: "coffeechat-test-prompt-due",
    },
    mailDomain: pulumi.output("test.coffee.example.com"),
    users: pulumi.output(["you@example.com", "sam@work.com"]),
    accountId: pulumi.output(ACCOUNT),
    region: pulumi.output("us-east-1"),
    arns: {
      configurationSets: arn("ses", "configuration-set/*"),
      scheduleGroup: arn("scheduler", "schedule-group/coffeechat-test-prompts"),
      schedulesInGroup: arn("scheduler", "schedule/coffeechat-test-prompts/*"),
      dispatchFunction: arn("lambda", "function:coffeechat-test-prompt-due"),
      sesIdentityPrefix: arn("ses", "identity/"),
      receiptRule: arn("ses", "receipt-rule-set/*:receipt-rule/coffeechat-test-inbox"),
    },
  } as Any;
}

/**
 * The raw-mail bucket as SST's Bucket component is: a component whose children are the bucket and
 * its policy (depending on the component is depending on them). And an inbound function.
 */
function storageAndFunctions(world: MockWorld) {
  class Bucket extends world.pulumi.ComponentResource {
    name = world.pulumi.output("raw-mail-bucket");
    constructor() {
      super("test:sst:Bucket", "RawMailBucket", {}, {});
      const bucket = new world.aws.s3.Bucket("RawMailBucketBucket", {}, { parent: this });
      new world.aws.s3.BucketPolicy(
        "RawMailBucketPolicy",
        { bucket: bucket.bucket, policy: "{}" },
        { parent: this },
      );
      this.registerOutputs({});
    }
  }
  const inbound = new world.aws.lambda.Function("Inbound", { role: "r", runtime: "nodejs22.x" });
  return { storage: { bucket: new Bucket() }, functions: { inbound } };
}

describe("the inbound rule, under Pulumi's mocks", () => {
  it("with no active set: creates the set, the rule in it after the bucket and the permission, then activates it; none of it deleted on removal but the rule", async () => {
    const world = await mockWorld({ activeRuleSet: null });
    const { planInbound, createInbox } = await loadInfra("email");
    const config = testConfig(world);
    const plan = await planInbound(config);
    expect(plan.kind).toBe("create-and-activate");
    const { storage, functions } = storageAndFunctions(world);
    createInbox(config, plan, storage, functions);
    await world.flush();

    const set = world.byName("InboundRuleSet");
    expect(set.inputs.ruleSetName).toBe("coffeechat-test-inbound");
    expect(set.retainOnDelete).toBe(true);
    expect(set.importId).toBe("");

    const rule = world.byName("InboxRule");
    expect(rule.inputs).toMatchObject({
      name: "coffeechat-test-inbox",
      ruleSetName: "coffeechat-test-inbound",
      recipients: ["test.coffee.example.com"],
      scanEnabled: true,
      tlsPolicy: "Require",
      s3Actions: [{ position: 1, bucketName: "raw-mail-bucket", objectKeyPrefix: "inbound/" }],
      lambdaActions: [{ position: 2, invocationType: "Event" }],
    });
    expect(rule.retainOnDelete).toBe(false);
    // SES checks the bucket policy and the invoke permission when the rule is created.
    expect(rule.dependencies).toEqual(
      expect.arrayContaining([world.urnOf("RawMailBucketPolicy"), world.urnOf("InboundFromSes"), set.urn]),
    );

    const active = world.byName("InboundActive");
    expect(active.inputs.ruleSetName).toBe("coffeechat-test-inbound");
    expect(active.dependencies).toContain(rule.urn);
    // Deleting it would call SetActiveReceiptRuleSet without a name: whatever is active then goes off.
    expect(active.retainOnDelete).toBe(true);

    const permission = world.byName("InboundFromSes");
    expect(permission.inputs).toMatchObject({
      action: "lambda:InvokeFunction",
      principal: "ses.amazonaws.com",
      sourceAccount: ACCOUNT,
      sourceArn: `arn:aws:ses:us-east-1:${ACCOUNT}:receipt-rule-set/*:receipt-rule/coffeechat-test-inbox`,
    });
  });

  it("with another set active: adds only its rule to that set, and never creates or activates a set", async () => {
    const world = await mockWorld({ activeRuleSet: "company-mail" });
    const { planInbound, createInbox } = await loadInfra("email");
    const config = testConfig(world);
    const plan = await planInbound(config);
    const { storage, functions } = storageAndFunctions(world);
    const inbox = createInbox(config, plan, storage, functions);
    await world.flush();

    expect(world.byName("InboxRule").inputs.ruleSetName).toBe("company-mail");
    const sesTypes = world.registered.map((r) => r.type).filter((t) => t.startsWith("aws:ses/"));
    expect(sesTypes).toEqual(["aws:ses/receiptRule:ReceiptRule"]);
    expect(inbox.summary).toMatch(/company-mail \(not created by this stage\)/);
  });

  it("on a later deploy of the stage whose set is active: keeps the rule there and keeps declaring the set and its activation, adopted (import) rather than created, still never deleted", async () => {
    const world = await mockWorld({ activeRuleSet: "coffeechat-test-inbound" });
    const { planInbound, createInbox } = await loadInfra("email");
    const config = testConfig(world);
    const { storage, functions } = storageAndFunctions(world);
    createInbox(config, await planInbound(config), storage, functions);
    await world.flush();

    expect(world.byName("InboxRule").inputs.ruleSetName).toBe("coffeechat-test-inbound");
    for (const name of ["InboundRuleSet", "InboundActive"]) {
      const resource = world.byName(name);
      expect(resource.inputs.ruleSetName).toBe("coffeechat-test-inbound");
      expect(resource.importId).toBe("coffeechat-test-inbound");
      expect(resource.retainOnDelete).toBe(true);
    }
  });
});

describe("IAM statements, under Pulumi's mocks", () => {
  it("lets a function send only as the domain, through its configuration set, to the users' own addresses", async () => {
    const world = await mockWorld({ activeRuleSet: null });
    const { sendPermission } = await loadInfra("email");
    const permission = sendPermission(
      testConfig(world),
      world.pulumi.output(`arn:aws:ses:us-east-1:${ACCOUNT}:configuration-set/feedback`),
    );
    expect(permission.actions).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
    expect(await world.settle(permission.resources)).toEqual([
      `arn:aws:ses:us-east-1:${ACCOUNT}:identity/test.coffee.example.com`,
      `arn:aws:ses:us-east-1:${ACCOUNT}:configuration-set/feedback`,
      `arn:aws:ses:us-east-1:${ACCOUNT}:identity/you@example.com`,
      `arn:aws:ses:us-east-1:${ACCOUNT}:identity/sam@work.com`,
    ]);
  });

  it("the schedule group, the role Scheduler assumes (this account and group only) and what the functions may do with schedules", async () => {
    const world = await mockWorld({ activeRuleSet: null });
    const { createScheduling } = await loadInfra("scheduler");
    const scheduling = createScheduling(testConfig(world));
    await world.flush();

    expect(world.byName("PromptSchedules").inputs.name).toBe("coffeechat-test-prompts");

    const trust = JSON.parse(world.byName("SchedulerRole").inputs.assumeRolePolicy).Statement;
    expect(trust).toEqual([
      {
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["scheduler.amazonaws.com"] }],
        conditions: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] },
          {
            test: "ArnLike",
            variable: "aws:SourceArn",
            values: [`arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule-group/coffeechat-test-prompts`],
          },
        ],
      },
    ]);

    const link = world.components.get("Schedules");
    const statements = await Promise.all(
      link.include.map(async (s: Any) => ({
        actions: s.actions,
        resources: await Promise.all(s.resources.map((r: Any) => world.settle(r))),
        conditions: s.conditions,
      })),
    );
    expect(statements).toEqual([
      {
        actions: [
          "scheduler:CreateSchedule",
          "scheduler:UpdateSchedule",
          "scheduler:GetSchedule",
          "scheduler:DeleteSchedule",
        ],
        resources: [`arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/coffeechat-test-prompts/*`],
        conditions: undefined,
      },
      {
        actions: ["iam:PassRole"],
        resources: ["arn:aws:mock:us-east-1:123456789012:SchedulerRole"],
        conditions: [
          { test: "StringEquals", variable: "iam:PassedToService", values: ["scheduler.amazonaws.com"] },
        ],
      },
    ]);
    expect(await world.settle(link.properties.group)).toBe("coffeechat-test-prompts");
    expect(scheduling.alarmTopic).toBeDefined();
  });

  it("once the functions exist: Scheduler may invoke only the dispatch function and write only its dead-letter queue; the sweep runs hourly", async () => {
    const world = await mockWorld({ activeRuleSet: null });
    const { createScheduling, wireScheduling } = await loadInfra("scheduler");
    const scheduling = createScheduling(testConfig(world));
    const fn = (name: string) => new world.aws.lambda.Function(name, { role: "r", runtime: "nodejs22.x" });
    const functions = {
      dispatch: fn("PromptDue"),
      inbound: fn("Inbound"),
      feedback: fn("Feedback"),
      sweep: fn("Sweep"),
    };
    wireScheduling(scheduling, functions as Any);
    await world.flush();

    const policy = JSON.parse(world.byName("SchedulerRoleInvoke").inputs.policy).Statement;
    expect(policy).toEqual([
      { actions: ["lambda:InvokeFunction"], resources: ["arn:aws:mock:us-east-1:123456789012:PromptDue"] },
      {
        actions: ["sqs:SendMessage"],
        resources: ["arn:aws:mock:us-east-1:123456789012:ScheduleDeadLetters"],
      },
    ]);
    for (const name of ["DispatchInvokeConfig", "InboundInvokeConfig", "FeedbackInvokeConfig"]) {
      expect(world.byName(name).inputs.destinationConfig.onFailure.destination).toBe(
        "arn:aws:mock:us-east-1:123456789012:FailedInvocations",
      );
    }
    expect(world.components.get("Sweep")).toMatchObject({ schedule: "rate(1 hour)", event: sweepEvent });
  });
});

describe("storage permissions, under Pulumi's mocks", () => {
  it("SES may only put raw mail under inbound/, for this account's rule; functions may only read it and use the table item by item", async () => {
    const world = await mockWorld({ activeRuleSet: null });
    const { createStorage } = await loadInfra("storage");
    createStorage({ ...testConfig(world), isProd: false, settings: { rawMailRetentionDays: 30 } });
    await world.flush();

    const bucket = world.components.get("RawMailBucket");
    expect(await world.settle(bucket.policy[0].conditions[1].values[0])).toBe(
      `arn:aws:ses:us-east-1:${ACCOUNT}:receipt-rule-set/*:receipt-rule/coffeechat-test-inbox`,
    );
    expect(bucket.policy).toMatchObject([
      {
        principals: [{ type: "service", identifiers: ["ses.amazonaws.com"] }],
        actions: ["s3:PutObject"],
        paths: ["inbound/*"],
        conditions: [
          { test: "StringEquals", variable: "aws:SourceAccount" },
          { test: "ArnLike", variable: "aws:SourceArn" },
        ],
      },
    ]);

    const rawMail = world.components.get("RawMail").include;
    expect(rawMail.map((p: Any) => p.actions)).toEqual([["s3:GetObject"], ["s3:ListBucket"]]);
    expect(await world.settle(rawMail[0].resources[0])).toBe(
      "arn:aws:mock:us-east-1:123456789012:RawMailBucket/inbound/*",
    );
    expect(rawMail[1].conditions).toEqual([
      { test: "StringLike", variable: "s3:prefix", values: ["inbound/*"] },
    ]);

    const [table] = world.components.get("Table").include;
    expect(table.actions).not.toContain("dynamodb:Scan");
    expect(table.actions.every((a: string) => a.startsWith("dynamodb:") && !a.includes("*"))).toBe(true);
    expect(await Promise.all(table.resources.map((r: Any) => world.settle(r)))).toEqual([
      "arn:aws:mock:us-east-1:123456789012:Data",
      "arn:aws:mock:us-east-1:123456789012:Data/index/*",
    ]);
  });
});

describe("alarms, under Pulumi's mocks", () => {
  it("watch the status page's errors and throttles, the sweep's errors and the SES bounce rate, and notify the alarm topic", async () => {
    const world = await mockWorld({ activeRuleSet: null });
    const { createAlarms } = await loadInfra("alarms");
    const topic = new world.aws.sns.Topic("Alarms", {});
    createAlarms({ alarmTopic: topic }, { web: { name: "web-fn" }, sweep: { name: "sweep-fn" } } as Any);
    await world.flush();

    const alarms = world.registered
      .filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
      .sort(
        (a, b) =>
          ["WebErrorsAlarm", "WebThrottlesAlarm", "SweepErrorsAlarm", "SesBounceRateAlarm"].indexOf(a.name) -
          ["WebErrorsAlarm", "WebThrottlesAlarm", "SweepErrorsAlarm", "SesBounceRateAlarm"].indexOf(b.name),
      );
    expect(alarms.map((a) => [a.name, a.inputs.metricName, a.inputs.dimensions?.FunctionName])).toEqual([
      ["WebErrorsAlarm", "Errors", "web-fn"],
      ["WebThrottlesAlarm", "Throttles", "web-fn"],
      ["SweepErrorsAlarm", "Errors", "sweep-fn"],
      ["SesBounceRateAlarm", "Reputation.BounceRate", undefined],
    ]);
    for (const alarm of alarms)
      expect(alarm.inputs.alarmActions).toEqual(["arn:aws:mock:us-east-1:123456789012:Alarms"]);
  });
});
