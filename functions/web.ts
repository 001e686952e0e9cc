import { handle } from "hono/aws-lambda";
import { awsDeps } from "../core/aws/clients.js";
import { loadConfig } from "../core/config.js";
import { createWebApp } from "../core/web/app.js";

export const handler = handle(createWebApp(awsDeps(loadConfig())));
