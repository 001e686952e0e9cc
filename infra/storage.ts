import { RAW_MAIL_PREFIX } from "../core/usecases/inbound-event.js";
import type { Config } from "./config.js";
import { tableActions, tableDefinition } from "./table.js";

/**
 * The single table and the raw-mail bucket. Each is wrapped in its own Linkable so a function
 * gets exactly the actions listed here (linking the components directly would grant `dynamodb:*`
 * and `s3:*`).
 */
export function createStorage(config: Config) {
  const data = new sst.aws.Dynamo("Data", {
    ...tableDefinition,
    deletionProtection: config.isProd,
    transform: {
      table: (args) => {
        // On-demand and PITR are SST's defaults today; stated here because the design depends on them.
        args.billingMode = "PAY_PER_REQUEST";
        args.pointInTimeRecovery = { enabled: true };
        args.serverSideEncryption = { enabled: true };
      },
    },
  });

  const table = new sst.Linkable("Table", {
    properties: { name: data.name },
    include: [
      sst.aws.permission({
        actions: tableActions,
        resources: [data.arn, $interpolate`${data.arn}/index/*`],
      }),
    ],
  });

  const bucket = new sst.aws.Bucket("RawMailBucket", {
    lifecycle: [
      {
        id: "expire-raw-mail",
        expiresIn: `${config.settings.rawMailRetentionDays} days`,
      },
    ],
    // Only SES, writing for this account's receipt rule, may put objects, and only under the prefix.
    policy: [
      {
        principals: [{ type: "service", identifiers: ["ses.amazonaws.com"] }],
        actions: ["s3:PutObject"],
        paths: [`${RAW_MAIL_PREFIX}*`],
        conditions: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [config.accountId] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [config.arns.receiptRule] },
        ],
      },
    ],
    transform: {
      bucket: (args) => {
        // Kept raw mail is evidence (refusals, failures): prod never empties the bucket on removal.
        args.forceDestroy = !config.isProd;
      },
    },
  });

  new aws.s3.BucketServerSideEncryptionConfiguration("RawMailEncryption", {
    bucket: bucket.name,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
  });

  const rawMail = new sst.Linkable("RawMail", {
    properties: { name: bucket.name },
    include: [
      // GetObject also covers HeadObject (size check before download).
      sst.aws.permission({
        actions: ["s3:GetObject"],
        resources: [$interpolate`${bucket.arn}/${RAW_MAIL_PREFIX}*`],
      }),
      // Without ListBucket a missing key answers 403 instead of 404.
      sst.aws.permission({
        actions: ["s3:ListBucket"],
        resources: [bucket.arn],
        conditions: [{ test: "StringLike", variable: "s3:prefix", values: [`${RAW_MAIL_PREFIX}*`] }],
      }),
    ],
  });

  return { data, table, bucket, rawMail };
}

export type Storage = ReturnType<typeof createStorage>;
