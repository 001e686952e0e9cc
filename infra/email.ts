import { RAW_MAIL_PREFIX } from "../core/usecases/inbound-event.js";
import type { Config } from "./config.js";
import type { Functions } from "./functions.js";
import { activeRuleSetName, type InboundRulePlan, planInboundRules } from "./inbound-rules.js";
import type { Storage } from "./storage.js";

/**
 * Sending: the SES domain identity (DKIM, DMARC, a custom MAIL FROM so SPF aligns too), a
 * configuration set whose bounce and complaint events go to SNS, and the `Mailer` link that lets
 * a function send — only as this identity.
 */
export function createMail(config: Config) {
  const feedbackTopic = new aws.sns.Topic("MailFeedback", {});

  new aws.sns.TopicPolicy("MailFeedbackPolicy", {
    arn: feedbackTopic.arn,
    policy: aws.iam.getPolicyDocumentOutput({
      statements: [
        {
          actions: ["sns:Publish"],
          principals: [{ type: "Service", identifiers: ["ses.amazonaws.com"] }],
          resources: [feedbackTopic.arn],
          conditions: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [config.accountId] },
            {
              test: "ArnLike",
              variable: "aws:SourceArn",
              values: [config.arns.configurationSets],
            },
          ],
        },
      ],
    }).json,
  });

  const identity = new sst.aws.Email("MailIdentity", {
    sender: config.mailDomain,
    dmarc: config.settings.dmarc,
    // Bounces return to bounce.<domain> (MX and SPF records for it): SPF then aligns with From.
    mailFrom: { domain: config.mailFromDomain },
    dns: config.settings.dns === "route53" ? sst.aws.dns() : false,
    events: [{ name: "feedback", types: ["bounce", "complaint"], topic: feedbackTopic.arn }],
  });

  const mailer = new sst.Linkable("Mailer", {
    // Linked for its permission only: the sender comes from Settings and SES applies the identity's
    // default configuration set, so a function reads no value from it.
    properties: {},
    include: [sst.aws.permission(sendPermission(config, identity.nodes.configurationSet.arn))],
  });

  return { feedbackTopic, identity, mailer };
}

export type Mail = ReturnType<typeof createMail>;

/**
 * Send as the domain, through its configuration set; in the SES sandbox the recipients are
 * identities too, so the users' own addresses are listed (nobody else can be mailed there).
 */
export function sendPermission(
  config: Pick<Config, "arns" | "mailDomain" | "users">,
  configSetArn: $util.Input<string>,
) {
  return {
    // SES v2 SendEmail with Raw (MIME) content is authorised as ses:SendRawEmail.
    actions: ["ses:SendEmail", "ses:SendRawEmail"],
    resources: $util
      .all([config.arns.sesIdentityPrefix, config.mailDomain, configSetArn, config.users])
      .apply(([identityArn, domain, configSet, users]) => [
        `${identityArn}${domain}`,
        configSet,
        ...users.map((user) => `${identityArn}${user}`),
      ]),
  };
}

/** Reads the active rule set at deploy time and decides where this stage's rule goes (infra/inbound-rules.ts). */
export async function planInbound(config: Pick<Config, "names" | "settings">): Promise<InboundRulePlan> {
  const active = await activeRuleSetName(() => aws.ses.getActiveReceiptRuleSet({}));
  return planInboundRules({
    active,
    ownRuleSet: config.names.receiptRuleSet,
    ruleName: config.names.receiptRule,
    region: config.settings.region,
  });
}

/**
 * Receiving: every address at the domain (SES rule recipients match a whole domain, not its
 * subdomains; the inbound handler accepts only `log@` and `reply+<token>@` and refuses the rest).
 * The raw message is stored in S3 first, then the inbound function is invoked asynchronously.
 */
export function createInbox(
  config: Pick<Config, "accountId" | "arns" | "mailDomain" | "names" | "region" | "settings">,
  plan: InboundRulePlan,
  storage: Pick<Storage, "bucket">,
  functions: Pick<Functions, "inbound">,
) {
  const invokeFromSes = new aws.lambda.Permission("InboundFromSes", {
    action: "lambda:InvokeFunction",
    function: functions.inbound.name,
    principal: "ses.amazonaws.com",
    sourceAccount: config.accountId,
    sourceArn: config.arns.receiptRule,
  });

  // This stage's own set: created (and later activated) when no set was active, adopted when it is
  // the active one already; never deleted nor deactivated on removal (infra/inbound-rules.ts).
  const adopt = plan.kind === "keep-own" ? { import: plan.ruleSet } : {};
  const ownSet =
    plan.kind === "join-active"
      ? undefined
      : new aws.ses.ReceiptRuleSet(
          "InboundRuleSet",
          { ruleSetName: plan.ruleSet },
          { retainOnDelete: true, ...adopt },
        );

  // SES checks, when the rule is created, that it may write to the bucket and invoke the function:
  // the rule waits for the bucket component (its children include the policy; SST's Bucket also
  // resolves `name` only once the policy exists) and for the permission.
  const rule = new aws.ses.ReceiptRule(
    "InboxRule",
    {
      name: config.names.receiptRule,
      ruleSetName: plan.ruleSet,
      recipients: [config.mailDomain],
      enabled: true,
      scanEnabled: true,
      tlsPolicy: "Require",
      s3Actions: [{ position: 1, bucketName: storage.bucket.name, objectKeyPrefix: RAW_MAIL_PREFIX }],
      lambdaActions: [{ position: 2, functionArn: functions.inbound.arn, invocationType: "Event" }],
    },
    { dependsOn: [invokeFromSes, storage.bucket, ...(ownSet ? [ownSet] : [])] },
  );

  const activation = ownSet
    ? new aws.ses.ActiveReceiptRuleSet(
        "InboundActive",
        { ruleSetName: ownSet.ruleSetName },
        // Removing this resource would deactivate whatever set is active then: never.
        { dependsOn: [rule], retainOnDelete: true, ...adopt },
      )
    : undefined;

  if (config.settings.dns === "route53") {
    sst.aws.dns().createRecord(
      "Inbound",
      {
        type: "MX",
        name: config.mailDomain,
        value: $interpolate`inbound-smtp.${config.region}.amazonaws.com`,
        priority: 10,
      },
      {},
    );
  }

  return { rule, ownSet, activation, summary: plan.summary };
}

/** Bounces and complaints reach the feedback function. */
export function wireFeedback(mail: Mail, functions: Pick<Functions, "feedback">) {
  new aws.lambda.Permission("FeedbackFromSns", {
    action: "lambda:InvokeFunction",
    function: functions.feedback.name,
    principal: "sns.amazonaws.com",
    sourceArn: mail.feedbackTopic.arn,
  });
  new aws.sns.TopicSubscription("FeedbackSubscription", {
    topic: mail.feedbackTopic.arn,
    protocol: "lambda",
    endpoint: functions.feedback.arn,
  });
}
