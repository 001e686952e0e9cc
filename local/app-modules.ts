import type { AppConfig } from "../core/config.js";
import type { Deps } from "../core/deps.js";
import type { Clock, Mailer } from "../core/ports.js";

/** A Lambda handler as the local stack calls it: the event, and a context it may ignore. */
export type LambdaHandler = (event: unknown, context?: unknown) => Promise<unknown>;

/** The application code the local stack runs: the very handlers and use cases deployed on AWS. */
export interface AppModules {
  loadConfig(): AppConfig;
  awsDeps(config: AppConfig, mailer: Mailer, clock?: Clock): Deps;
  sesMailer(): Mailer;
  inboundDeps(config: AppConfig, clock?: Clock): Deps;
  ensureTable(client: import("@aws-sdk/client-dynamodb").DynamoDBClient, tableName: string): Promise<unknown>;
  registerUser(deps: Deps, address: string): Promise<{ userId: string; statusUrl: string }>;
  createInboundHandler(deps: Deps): LambdaHandler;
  createDispatchHandler(deps: Deps): LambdaHandler;
  createSweepHandler(deps: Deps): LambdaHandler;
  createWebApp(deps: Deps): { fetch: (request: Request) => Response | Promise<Response> };
}

/**
 * Loads the application only once the stack has set the SST_RESOURCE_* and endpoint variables:
 * config and SDK clients read them when first used, exactly as in a Lambda cold start.
 */
export async function loadAppModules(): Promise<AppModules> {
  const [config, clients, ses, rawMail, table, users, inbound, dispatch, sweep, web] = await Promise.all([
    import("../core/config.js"),
    import("../core/aws/clients.js"),
    import("../core/aws/ses-client.js"),
    import("../core/aws/raw-mail-client.js"),
    import("../core/store/create-table.js"),
    import("../core/usecases/register-user.js"),
    import("../functions/inbound-mail.js"),
    import("../functions/prompt-due.js"),
    import("../functions/sweep.js"),
    import("../core/web/app.js"),
  ]);
  return {
    loadConfig: config.loadConfig,
    awsDeps: clients.awsDeps,
    sesMailer: ses.sesMailer,
    inboundDeps: rawMail.inboundDeps,
    ensureTable: table.ensureTable,
    registerUser: users.registerUser,
    createInboundHandler: inbound.createInboundHandler,
    createDispatchHandler: dispatch.createDispatchHandler,
    createSweepHandler: sweep.createSweepHandler,
    createWebApp: (deps) => web.createWebApp(deps),
  };
}
