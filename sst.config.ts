/// <reference path="./.sst/platform/config.d.ts" />
export default $config({
  app(input) {
    return {
      name: "coffeechat",
      home: "aws",
      removal: input?.stage === "prod" ? "retain" : "remove",
      protect: input?.stage === "prod",
      // A Region where SES receives mail (docs/deploy.md); checked again in infra/settings.ts.
      providers: { aws: { region: (process.env.COFFEECHAT_REGION || "us-east-1") as aws.Region } },
    };
  },
  async run() {
    const { createConfig } = await import("./infra/config.js");
    const { createStorage } = await import("./infra/storage.js");
    const { createScheduling, wireScheduling } = await import("./infra/scheduler.js");
    const { createMail, createInbox } = await import("./infra/email.js");
    const { createFunctions } = await import("./infra/functions.js");

    const config = createConfig();
    const storage = createStorage(config);
    const scheduling = createScheduling(config);
    const mail = createMail(config);
    const functions = createFunctions(config, storage, scheduling, mail);
    createInbox(config, storage, mail, functions);
    wireScheduling(scheduling, functions);

    return {
      inbox: $interpolate`log@${config.mailDomain}`,
      web: functions.web.url,
      table: storage.data.name,
      rawMailBucket: storage.bucket.name,
      alarmTopic: scheduling.alarmTopic.arn,
    };
  },
});
