import { RAW_MAIL_PREFIX } from "../core/usecases/inbound-event.js";
import type { Config } from "./config.js";
import type { Functions } from "./functions.js";
import type { Storage } from "./storage.js";

/**
 * Sending: the SES domain identity (DKIM, DMARC), a configuration set whose bounce and complaint
 * events go to SNS, and the `Mailer` link that lets a function send — only as this identity.
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
    dns: config.settings.dns === "route53" ? sst.aws.dns() : false,
    events: [{ name: "feedback", types: ["bounce", "complaint"], topic: feedbackTopic.arn }],
  });

  const mailer = new sst.Linkable("Mailer", {
    // Linked for its permission only: the sender comes from Settings and SES applies the identity's
    // default configuration set, so a function reads no value from it.
    properties: {},
    include: [
      sst.aws.permission({
        // SES v2 SendEmail with Raw (MIME) content is authorised as ses:SendRawEmail.
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: $util
          .all([
            config.arns.sesIdentityPrefix,
            config.mailDomain,
            identity.nodes.configurationSet.arn,
            config.users,
          ])
          .apply(([identityArn, domain, configSetArn, users]) => [
            `${identityArn}${domain}`,
            configSetArn,
            // In the SES sandbox the recipients are identities too: the users' own addresses.
            ...users.map((user) => `${identityArn}${user}`),
          ]),
      }),
    ],
  });

  return { feedbackTopic, identity, mailer };
}

export type Mail = ReturnType<typeof createMail>;

/**
 * Receiving: every address at the domain (SES rule recipients match a whole domain; the inbound
 * handler accepts only `log@` and `reply+<token>@` and refuses the rest). The raw message is
 * stored in S3 first, then the inbound function is invoked asynchronously with the SES event.
 */
export function createInbox(config: Config, storage: Storage, mail: Mail, functions: Functions) {
  const invokeFromSes = new aws.lambda.Permission("InboundFromSes", {
    action: "lambda:InvokeFunction",
    function: functions.inbound.name,
    principal: "ses.amazonaws.com",
    sourceAccount: config.accountId,
    sourceArn: config.arns.receiptRule,
  });

  const ruleSet = new aws.ses.ReceiptRuleSet("InboundRuleSet", { ruleSetName: config.names.receiptRuleSet });

  // SES checks it may write to the bucket and invoke the function when the rule is created.
  const rule = new aws.ses.ReceiptRule(
    "InboxRule",
    {
      name: config.names.receiptRule,
      ruleSetName: ruleSet.ruleSetName,
      recipients: [config.mailDomain],
      enabled: true,
      scanEnabled: true,
      tlsPolicy: "Require",
      s3Actions: [{ position: 1, bucketName: storage.bucket.name, objectKeyPrefix: RAW_MAIL_PREFIX }],
      lambdaActions: [{ position: 2, functionArn: functions.inbound.arn, invocationType: "Event" }],
    },
    { dependsOn: [invokeFromSes] },
  );

  // One rule set is active per account and Region: this replaces any other (see docs/deploy.md).
  new aws.ses.ActiveReceiptRuleSet(
    "InboundActive",
    { ruleSetName: ruleSet.ruleSetName },
    { dependsOn: [rule] },
  );

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

  return { ruleSet, rule };
}
