/**
 * Which handler each function runs and what it is linked to — plain data, no SST globals, so
 * infra/functions.ts builds from it and the wiring test reads it without SST.
 *
 * Link names are the `Resource.<Name>` keys handlers read (core/config.ts):
 * - Table     `{ name }`                                   the single DynamoDB table
 * - TokenKey  `{ value }`                                  the generated key tokens are derived from
 * - Settings  `{ mailDomain, webUrl, defaultTimeZone, promptHour, cadenceMonths, users, trustedArcSealers }`
 * - RawMail   `{ name }`                                   the bucket SES writes raw mail to
 * - Schedules `{ group, roleArn, targetArn, deadLetterArn }` EventBridge Scheduler wiring
 * - Mailer    `{}`                                         permission to send through SES
 */
export type LinkName = "Table" | "TokenKey" | "Settings" | "RawMail" | "Schedules" | "Mailer";

export const handlers = {
  inbound: "functions/inbound-mail.handler",
  dispatch: "functions/prompt-due.handler",
  sweep: "functions/sweep.handler",
  web: "functions/web.handler",
  feedback: "functions/mail-feedback.handler",
} as const;

export type FunctionKey = keyof typeof handlers;

/** What each function gets through `link:` (values and the IAM permissions that come with them). */
export const functionLinks: Record<FunctionKey, readonly LinkName[]> = {
  inbound: ["Table", "TokenKey", "Settings", "RawMail", "Schedules", "Mailer"],
  dispatch: ["Table", "TokenKey", "Settings", "Schedules", "Mailer"],
  sweep: ["Table", "TokenKey", "Settings", "Schedules", "Mailer"],
  web: ["Table", "TokenKey", "Settings", "Schedules", "Mailer"],
  feedback: ["Table", "TokenKey", "Settings", "Schedules", "Mailer"],
};

/** Everything a function can read as `Resource.<Name>`. */
export function resourcesOf(fn: FunctionKey): LinkName[] {
  return [...functionLinks[fn]];
}

/** The event the hourly sweep cron hands its function (a DispatchInput). */
export const sweepEvent = { type: "sweep" } as const;

/** Source file (relative to the repo root) and export name of a handler path like `functions/x.handler`. */
export function handlerSource(handler: string): { file: string; exportName: string } {
  const dot = handler.lastIndexOf(".");
  return { file: `${handler.slice(0, dot)}.ts`, exportName: handler.slice(dot + 1) };
}
