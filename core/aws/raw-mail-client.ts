import { S3Client } from "@aws-sdk/client-s3";
import type { AppConfig } from "../config.js";
import type { Deps } from "../deps.js";
import { type Clock, systemClock } from "../ports.js";
import { awsDeps } from "./clients.js";
import { awsRegion } from "./region.js";
import { createS3RawMail } from "./s3-raw-mail.js";
import { sesMailer } from "./ses-client.js";

let s3: S3Client | undefined;

/** The S3 client, created once; path-style addresses when pointed at a local endpoint. */
export function s3Client(): S3Client {
  s3 ??= new S3Client({ region: awsRegion(), forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
  return s3;
}

/**
 * The inbound function's ports: everyone's, plus the raw mail SES stored in S3. Most mails in are
 * answered (intake confirmations), so SES loads at cold start.
 */
export function inboundDeps(config: AppConfig, clock: Clock = systemClock): Deps {
  return { ...awsDeps(config, sesMailer(), clock), rawMail: createS3RawMail(s3Client()) };
}
