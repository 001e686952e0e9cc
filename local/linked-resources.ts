import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod/mini";
import type { StackSettings } from "./settings.js";

/** Names of the local resources: the same roles the SST app links on AWS. */
export const LOCAL_RESOURCES = {
  table: "coffeechat-local",
  rawMailBucket: "coffeechat-raw-mail",
  scheduleGroup: "coffeechat",
  roleArn: "arn:aws:iam::000000000000:role/coffeechat-local-scheduler",
  dispatchArn: "arn:aws:lambda:us-east-1:000000000000:function:coffeechat-local-dispatch",
  sweepArn: "arn:aws:lambda:us-east-1:000000000000:function:coffeechat-local-sweep",
  inboundArn: "arn:aws:lambda:us-east-1:000000000000:function:coffeechat-local-inbound",
  deadLetterArn: "arn:aws:sqs:us-east-1:000000000000:coffeechat-local-dead-letters",
  region: "us-east-1",
  /** s3rver only knows this key pair; the other local services accept any. */
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
} as const;

const Secrets = z.object({ tokenKey: z.string().check(z.minLength(32)) });

/** The token key is generated once per data dir, so status and reply links survive a restart. */
export function localSecrets(dataDir: string): z.output<typeof Secrets> {
  const file = join(dataDir, "secrets.json");
  if (existsSync(file)) {
    const parsed = Secrets.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (parsed.success) return parsed.data;
  }
  const secrets = { tokenKey: randomBytes(32).toString("base64url") };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export function webUrlOf(settings: StackSettings): string {
  return `http://${settings.host}:${settings.ports.web}`;
}

/**
 * The environment a deployed function sees, pointed at the local services: SST links as
 * `SST_RESOURCE_<Name>` JSON and SDK endpoints as `AWS_ENDPOINT_URL_<SERVICE>`.
 */
export function linkedEnvironment(settings: StackSettings, tokenKey: string): Record<string, string> {
  const local = (port: number) => `http://${settings.host}:${port}`;
  return {
    AWS_REGION: LOCAL_RESOURCES.region,
    AWS_DEFAULT_REGION: LOCAL_RESOURCES.region,
    AWS_ACCESS_KEY_ID: LOCAL_RESOURCES.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_RESOURCES.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: local(settings.ports.dynamodb),
    AWS_ENDPOINT_URL_S3: local(settings.ports.s3),
    AWS_ENDPOINT_URL_SESV2: local(settings.ports.ses),
    AWS_ENDPOINT_URL_SCHEDULER: local(settings.ports.scheduler),
    SST_RESOURCE_App: JSON.stringify({ name: "coffeechat", stage: "local" }),
    SST_RESOURCE_Table: JSON.stringify({ name: LOCAL_RESOURCES.table }),
    SST_RESOURCE_RawMail: JSON.stringify({ name: LOCAL_RESOURCES.rawMailBucket }),
    SST_RESOURCE_TokenKey: JSON.stringify({ value: tokenKey }),
    SST_RESOURCE_Settings: JSON.stringify({ mailDomain: "localhost", webUrl: webUrlOf(settings) }),
    SST_RESOURCE_Schedules: JSON.stringify({
      group: LOCAL_RESOURCES.scheduleGroup,
      roleArn: LOCAL_RESOURCES.roleArn,
      targetArn: LOCAL_RESOURCES.dispatchArn,
      deadLetterArn: LOCAL_RESOURCES.deadLetterArn,
    }),
  };
}
