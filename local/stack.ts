import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  ConflictException,
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  SchedulerClient,
} from "@aws-sdk/client-scheduler";
import { serve } from "@hono/node-server";
import S3rver from "s3rver";
import type { Deps } from "../core/deps.js";
import { type EmbeddedStore, openEmbeddedStore } from "../core/store/embedded-store.js";
import { RAW_MAIL_PREFIX } from "../core/usecases/inbound-event.js";
import { type AppModules, type LambdaHandler, loadAppModules } from "./app-modules.js";
import { LocalClock } from "./clock.js";
import { closeServer } from "./close-server.js";
import { type OutboxMail, startControlServer } from "./control-server.js";
import { type DynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local.js";
import { LOCAL_RESOURCES, linkedEnvironment, localSecrets, webUrlOf } from "./linked-resources.js";
import { assertPortsFree } from "./ports.js";
import { type SchedulerEmulator, startSchedulerEmulator } from "./scheduler-emulator.js";
import { type Envelope, sesReceiptEvent } from "./ses-event.js";
import { startSesOutbox } from "./ses-outbox.js";
import { PORT_VARIABLES, type StackPorts, type StackSettings } from "./settings.js";
import { startSmtpInbox } from "./smtp-inbox.js";
import { type StoreKind, storeFolder } from "./store-choice.js";

export interface StackOptions extends StackSettings {
  /** The store to run on (`npm start` chooses, see store-choice.ts); DynamoDB Local if not given. */
  store?: StoreKind;
  /** Progress and problems, one line each. */
  log?: (line: string) => void;
  /** How often the scheduler looks for due work as real time passes (ms); null turns that off. */
  schedulerPollMs?: number | null;
  /** The application to run; the real one unless a test wires the stack to stand-ins. */
  loadApp?: () => Promise<AppModules>;
}

export interface RegisteredUser {
  address: string;
  userId: string;
  statusUrl: string;
}

export interface Stack {
  addresses: {
    inbox: string;
    replies: string;
    smtp: string;
    web: string;
    outbox: string;
    control: string;
  };
  users: RegisteredUser[];
  clock: LocalClock;
  scheduler: SchedulerEmulator;
  /** Child processes the stack runs (DynamoDB Local's java; none on the embedded store). */
  childPids: number[];
  /** Mail the local SES has sent, oldest first. */
  outbox(): Promise<OutboxMail[]>;
  stop(): Promise<void>;
}

/** The largest message the local inbox takes (SES's own limit is 40 MB). */
const SMTP_MAX_BYTES = 40 * 1024 * 1024;
/** Lambda retries a failed asynchronous invocation twice. */
const ASYNC_ATTEMPTS = 3;
const SWEEP_SCHEDULE = "coffeechat-sweep";

/**
 * Starts all of coffeechat on this machine: DynamoDB Local (or the embedded store), s3rver,
 * aws-ses-v2-local, the scheduler emulator, the SMTP inbox and the web app, wired to the same
 * handlers as on AWS. If any part fails to start, what did start is stopped again.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { host, ports, dataDir } = options;
  const storeKind = options.store ?? "dynamodb";
  mkdirSync(dataDir, { recursive: true });
  await assertPortsFree(
    host,
    (Object.keys(ports) as (keyof StackPorts)[])
      .filter((key) => key !== "dynamodb" || storeKind === "dynamodb")
      .map((key) => ({
        port: ports[key],
        service: PORT_VARIABLES[key].service,
        envVar: PORT_VARIABLES[key].envVar,
      })),
  );

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
    }
  };
  try {
    // Handlers read their configuration and SDK endpoints from here, as from a Lambda's environment.
    Object.assign(process.env, linkedEnvironment(options, localSecrets(dataDir).tokenKey));
    const local = (port: number) => `http://${host}:${port}`;

    const clock = new LocalClock(join(dataDir, "clock.json"));
    const dynamo: DynamoDbLocal | null =
      storeKind === "dynamodb"
        ? await startDynamoDbLocal({
            port: ports.dynamodb,
            host,
            dataDir: mkdir(storeFolder(dataDir, "dynamodb")),
          })
        : null;
    if (dynamo) stops.push(() => dynamo.stop());
    // The embedded store's TTL expiry goes by the local clock, as everything else here does.
    const embedded: EmbeddedStore | null =
      storeKind === "embedded"
        ? openEmbeddedStore(storeFolder(dataDir, "embedded"), { now: () => clock.now() })
        : null;
    if (embedded) stops.push(async () => embedded.close());
    /** The handlers' ports, with the embedded store in place of the table when that is the store. */
    const onStore = (deps: Deps): Deps => (embedded ? { ...deps, store: embedded } : deps);

    const s3 = new S3rver({
      address: host,
      port: ports.s3,
      silent: true,
      directory: mkdir(join(dataDir, "s3")),
      configureBuckets: [{ name: LOCAL_RESOURCES.rawMailBucket }],
    });
    await s3.run();
    stops.push(() => s3.close());

    const ses = await startSesOutbox(host, ports.ses);
    stops.push(() => closeServer(ses));

    let dispatch: LambdaHandler | null = null;
    let sweep: LambdaHandler | null = null;
    const scheduler = await startSchedulerEmulator({
      port: ports.scheduler,
      host,
      stateFile: join(dataDir, "scheduler.json"),
      clock,
      pollMs: options.schedulerPollMs,
      region: LOCAL_RESOURCES.region,
      onError: (message) => log(`scheduler: ${message}`),
      fire: async (targetArn, input) => {
        const handler =
          targetArn === LOCAL_RESOURCES.dispatchArn
            ? dispatch
            : targetArn === LOCAL_RESOURCES.sweepArn
              ? sweep
              : null;
        if (!handler) throw new Error(`no local function for target ${targetArn}`);
        await handler(JSON.parse(input), lambdaContext(targetArn));
      },
    });
    stops.push(() => scheduler.stop());
    clock.attach((until) => scheduler.runUntil(until));

    const app: AppModules = await (options.loadApp ?? loadAppModules)();
    const config = app.loadConfig();
    // One set of ports for dispatch, sweep and the web app here; on AWS the web function loads
    // SES on its first send instead (functions/web.ts), which sends the same mail.
    const deps = onStore(app.awsDeps(config, app.sesMailer(), clock));
    const credentials = LOCAL_RESOURCES.credentials;
    const region = LOCAL_RESOURCES.region;

    if (dynamo) {
      const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
      await app.ensureTable(dynamoClient, config.tableName);
      dynamoClient.destroy();
    }

    const schedulerClient = new SchedulerClient({ endpoint: local(ports.scheduler), region, credentials });
    await ensureSweepSchedule(schedulerClient);
    schedulerClient.destroy();

    const inbound = app.createInboundHandler(onStore(app.inboundDeps(config, clock)));
    dispatch = app.createDispatchHandler(deps);
    sweep = app.createSweepHandler(deps);

    const s3Client = new S3Client({ endpoint: local(ports.s3), region, credentials, forcePathStyle: true });
    stops.push(async () => s3Client.destroy());
    const smtp = await startSmtpInbox({
      port: ports.smtp,
      host,
      domain: config.mailDomain,
      maxBytes: SMTP_MAX_BYTES,
      deliver: (raw, envelope) =>
        receive({ raw, envelope, s3Client, bucket: LOCAL_RESOURCES.rawMailBucket, clock, inbound, log }),
    });
    stops.push(() => smtp.stop());

    const webApp = app.createWebApp(deps);
    const web = serve({ fetch: webApp.fetch, port: ports.web, hostname: host }) as Server;
    await new Promise<void>((resolve, reject) => {
      if (web.listening) return resolve();
      web.once("listening", () => resolve());
      web.once("error", reject);
    });
    stops.push(() => closeServer(web));

    const outbox = async (): Promise<OutboxMail[]> => {
      const response = await fetch(`${local(ports.ses)}/store`);
      const body = (await response.json()) as { emails?: OutboxMail[] };
      return body.emails ?? [];
    };
    const control = await startControlServer({ port: ports.control, host, clock, outbox });
    stops.push(() => control.stop());

    const users: RegisteredUser[] = [];
    for (const address of options.users) {
      const { userId, statusUrl } = await app.registerUser(deps, address);
      users.push({ address, userId, statusUrl });
    }

    return {
      addresses: {
        inbox: config.inboxAddress,
        replies: `reply+<token>@${config.mailDomain}`,
        smtp: `${host}:${ports.smtp}`,
        web: webUrlOf(options),
        outbox: local(ports.ses),
        control: local(ports.control),
      },
      users,
      clock,
      scheduler,
      childPids: dynamo?.pid === undefined ? [] : [dynamo.pid],
      outbox,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** What SES does with a message: the S3 action stores it, then the Lambda action runs (asynchronously, retried). */
async function receive(options: {
  raw: Buffer;
  envelope: Envelope;
  s3Client: S3Client;
  bucket: string;
  clock: LocalClock;
  inbound: LambdaHandler;
  log: (line: string) => void;
}): Promise<void> {
  const messageId = randomBytes(20).toString("hex");
  await options.s3Client.send(
    new PutObjectCommand({
      Bucket: options.bucket,
      Key: `${RAW_MAIL_PREFIX}${messageId}`,
      Body: options.raw,
      ContentType: "message/rfc822",
    }),
  );
  const event = sesReceiptEvent({
    raw: options.raw,
    envelope: options.envelope,
    messageId,
    receivedAt: options.clock.now(),
    functionArn: LOCAL_RESOURCES.inboundArn,
  });
  for (let attempt = 1; attempt <= ASYNC_ATTEMPTS; attempt++) {
    try {
      await options.inbound(event, lambdaContext(LOCAL_RESOURCES.inboundArn));
      return;
    } catch (error) {
      options.log(
        `inbound ${messageId}: attempt ${attempt} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  // The mail was accepted (as SES would have): the failure goes where Lambda's on-failure destination would send it.
  options.log(
    `inbound ${messageId}: gave up after ${ASYNC_ATTEMPTS} attempts; raw mail kept at ${RAW_MAIL_PREFIX}${messageId}`,
  );
}

async function ensureSweepSchedule(client: SchedulerClient) {
  await ignoreConflict(client.send(new CreateScheduleGroupCommand({ Name: LOCAL_RESOURCES.scheduleGroup })));
  await ignoreConflict(
    client.send(
      new CreateScheduleCommand({
        Name: SWEEP_SCHEDULE,
        GroupName: LOCAL_RESOURCES.scheduleGroup,
        ScheduleExpression: "rate(1 hour)",
        FlexibleTimeWindow: { Mode: "OFF" },
        Target: {
          Arn: LOCAL_RESOURCES.sweepArn,
          RoleArn: LOCAL_RESOURCES.roleArn,
          Input: JSON.stringify({ type: "sweep" }),
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        },
      }),
    ),
  );
}

async function ignoreConflict(request: Promise<unknown>) {
  try {
    await request;
  } catch (error) {
    if (!(error instanceof ConflictException)) throw error;
  }
}

function lambdaContext(functionArn: string) {
  const started = Date.now();
  return {
    functionName: functionArn.split(":").pop(),
    invokedFunctionArn: functionArn,
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, 60_000 - (Date.now() - started)),
  };
}

function mkdir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
