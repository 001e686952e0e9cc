/** What SST would link to a deployed function: handlers read it at import (the web handler builds its app then). */
export function handlerImportEnv(): NodeJS.ProcessEnv {
  const resource = (value: unknown) => JSON.stringify(value);
  return {
    PATH: process.env.PATH,
    AWS_REGION: "us-east-1",
    // Lambda runs Node 22, where the SDK has nothing to warn about.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    SST_RESOURCE_Table: resource({ name: "coffeechat-bench" }),
    SST_RESOURCE_TokenKey: resource({ value: "bench-token-key-0123456789abcdef0123456789abcdef" }),
    SST_RESOURCE_Settings: resource({ mailDomain: "coffee.bench", webUrl: "https://web.coffee.bench" }),
    SST_RESOURCE_RawMail: resource({ name: "raw-mail" }),
    SST_RESOURCE_Schedules: resource({
      group: "coffeechat",
      roleArn: "arn:aws:iam::123456789012:role/scheduler",
      targetArn: "arn:aws:lambda:us-east-1:123456789012:function:dispatch",
      deadLetterArn: "arn:aws:sqs:us-east-1:123456789012:dlq",
    }),
  };
}
