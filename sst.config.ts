/// <reference path="./.sst/platform/config.d.ts" />
export default $config({
  app(input) {
    return {
      name: "coffeechat",
      home: "aws",
      removal: input?.stage === "prod" ? "retain" : "remove",
      protect: input?.stage === "prod",
      providers: {
        // A Region where SES receives mail (docs/deploy.md); infra/config.ts checks it against the settings.
        aws: { region: (process.env.COFFEECHAT_REGION || "us-east-1") as aws.Region },
        // The version SST itself uses; generates the token key (infra/functions.ts).
        random: "4.16.6",
      },
    };
  },
  async run() {
    const { assertDeployNode } = await import("./infra/node-version.js");
    const { createConfig } = await import("./infra/config.js");
    const { createStorage } = await import("./infra/storage.js");
    const { createScheduling, wireScheduling } = await import("./infra/scheduler.js");
    const { createMail, planInbound, createInbox, wireFeedback } = await import("./infra/email.js");
    const { createFunctions } = await import("./infra/functions.js");
    const { createAlarms } = await import("./infra/alarms.js");

    assertDeployNode(process.versions.node);
    const config = createConfig();
    // Before anything is created: where the receipt rule goes depends on what is active now.
    const inboundPlan = await planInbound(config);
    const storage = createStorage(config);
    const scheduling = createScheduling(config);
    const mail = createMail(config);
    const functions = createFunctions(config, storage, scheduling, mail);
    const inbox = createInbox(config, inboundPlan, storage, functions);
    wireFeedback(mail, functions);
    wireScheduling(scheduling, functions);
    createAlarms(scheduling, functions);

    const dkim = mail.identity.nodes.identity.dkimSigningAttributes.apply((a) => a?.tokens ?? []);
    return {
      inbox: $interpolate`log@${config.mailDomain}`,
      web: functions.router.url,
      inboundRules: inbox.summary,
      dns: {
        mx: $interpolate`${config.mailDomain} MX 10 inbound-smtp.${config.region}.amazonaws.com`,
        dkim: $util
          .all([config.mailDomain, dkim])
          .apply(([domain, tokens]) =>
            tokens.map((t) => `${t}._domainkey.${domain} CNAME ${t}.dkim.amazonses.com`),
          ),
        dmarc: $interpolate`_dmarc.${config.mailDomain} TXT "${config.settings.dmarc}"`,
        mailFromMx: $interpolate`${config.mailFromDomain} MX 10 feedback-smtp.${config.region}.amazonses.com`,
        mailFromSpf: $interpolate`${config.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
      },
      table: storage.data.name,
      rawMailBucket: storage.bucket.name,
      alarmTopic: scheduling.alarmTopic.arn,
    };
  },
});
