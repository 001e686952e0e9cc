import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { Mailer } from "../ports.js";
import { awsRegion } from "./region.js";
import { createSesMailer } from "./ses-mailer.js";

let ses: SESv2Client | undefined;

/** The SES v2 client, created once per process (see clients.ts for endpoints). */
export function sesClient(): SESv2Client {
  ses ??= new SESv2Client({ region: awsRegion() });
  return ses;
}

/** Mail through SES, over the one client. */
export function sesMailer(): Mailer {
  return createSesMailer(sesClient());
}
