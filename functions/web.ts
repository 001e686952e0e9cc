import { handle } from "hono/aws-lambda";
import { awsDeps } from "../core/aws/clients.js";
import { sesMailerOnFirstSend } from "../core/aws/ses-on-first-send.js";
import { loadConfig } from "../core/config.js";
import { createWebApp } from "../core/web/app.js";

type WebHandler = ReturnType<typeof handle>;

let handleRequest: WebHandler | undefined;

/** The app and its AWS clients are built with the first request, as in every other handler. */
export const handler: WebHandler = (event, context) => {
  handleRequest ??= handle(createWebApp(awsDeps(loadConfig(), sesMailerOnFirstSend)));
  return handleRequest(event, context);
};
