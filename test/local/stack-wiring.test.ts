import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateScheduleCommand, GetScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../core/config.js";
import type { Deps } from "../../core/deps.js";
import { ensureTable } from "../../core/store/create-table.js";
import type { AppModules } from "../../local/app-modules.js";
import type { AdvanceReport } from "../../local/control-server.js";
import { LOCAL_RESOURCES } from "../../local/linked-resources.js";
import { freePort, PortInUseError } from "../../local/ports.js";
import type { SesReceiptEvent } from "../../local/ses-event.js";
import type { StackPorts } from "../../local/settings.js";
import { type Stack, type StackOptions, startStack } from "../../local/stack.js";
import { freeStackPorts } from "../support/stack-ports.js";

/**
 * The stack's own wiring, with stand-in handlers that record what they are given: SMTP → S3 →
 * SES-shaped event, schedules → dispatch/sweep, the same config shape as on AWS, data kept across a restart.
 */
const calls = { inbound: [] as SesReceiptEvent[], dispatch: [] as unknown[], sweep: 0 };
const credentials = LOCAL_RESOURCES.credentials;
const region = LOCAL_RESOURCES.region;

const standIns = async (): Promise<AppModules> => ({
  loadConfig,
  awsDeps: (config, mailer, clock) => ({ config, mailer, clock }) as Deps,
  sesMailer: () => ({ send: async () => ({ messageId: "stand-in" }) }),
  inboundDeps: (config, clock) => ({ config, clock }) as Deps,
  ensureTable: (client, table) => ensureTable(client, table),
  registerUser: async (deps, address) => ({
    userId: `usr_${address.split("@")[0]}`,
    statusUrl: `${deps.config.webUrl}/s/token`,
  }),
  createInboundHandler: () => async (event) => {
    calls.inbound.push(event as SesReceiptEvent);
  },
  createDispatchHandler: () => async (event) => {
    calls.dispatch.push(event);
  },
  createSweepHandler: () => async () => {
    calls.sweep++;
  },
  createWebApp: () => ({ fetch: (request: Request) => new Response(`web ${new URL(request.url).pathname}`) }),
});

let dataDir: string;
let ports: StackPorts;
let stack: Stack;

const options = (): StackOptions => ({
  host: "127.0.0.1",
  dataDir,
  users: ["you@example.com", "sam@example.org"],
  ports,
  schedulerPollMs: null,
  log: () => {},
  loadApp: standIns,
});

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "cc-wiring-"));
  ports = await freeStackPorts();
  stack = await startStack(options());
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const advance = async (ms: number) => {
  const response = await fetch(`${stack.addresses.control}/advance`, {
    method: "POST",
    body: JSON.stringify({ ms }),
  });
  return (await response.json()) as AdvanceReport;
};

describe("the local stack's wiring", () => {
  it("gives the handlers the same configuration shape as on AWS, pointed at the local services", () => {
    expect(JSON.parse(process.env.SST_RESOURCE_Settings ?? "{}")).toMatchObject({
      mailDomain: "localhost",
      webUrl: `http://127.0.0.1:${ports.web}`,
    });
    expect(JSON.parse(process.env.SST_RESOURCE_Schedules ?? "{}")).toEqual({
      group: "coffeechat",
      roleArn: LOCAL_RESOURCES.roleArn,
      targetArn: LOCAL_RESOURCES.dispatchArn,
      deadLetterArn: LOCAL_RESOURCES.deadLetterArn,
    });
    expect(process.env.AWS_ENDPOINT_URL_SESV2).toBe(`http://127.0.0.1:${ports.ses}`);
    const config = loadConfig();
    expect(config.rawMailBucket).toBe(LOCAL_RESOURCES.rawMailBucket);
    expect(config.tokenKey.length).toBeGreaterThanOrEqual(32);
    expect(stack.users.map((u) => u.statusUrl)).toEqual([
      `http://127.0.0.1:${ports.web}/s/token`,
      `http://127.0.0.1:${ports.web}/s/token`,
    ]);
  });

  it("stores mail taken in over SMTP in S3 under inbound/<messageId> and hands the handler an SES event for it", async () => {
    const raw =
      "From: You <you@example.com>\r\nTo: log@localhost\r\nSubject: hello\r\nMessage-ID: <m1@example.com>\r\n\r\nhi\r\n";
    const transport = createTransport({
      host: "127.0.0.1",
      port: ports.smtp,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({ envelope: { from: "you@example.com", to: ["log@localhost"] }, raw });
    transport.close();

    expect(calls.inbound).toHaveLength(1);
    const record = calls.inbound[0]?.Records[0];
    expect(record?.ses.receipt.recipients).toEqual(["log@localhost"]);
    expect(record?.ses.mail.commonHeaders.subject).toBe("hello");
    const s3 = new S3Client({
      endpoint: `http://127.0.0.1:${ports.s3}`,
      region,
      credentials,
      forcePathStyle: true,
    });
    const object = await s3.send(
      new GetObjectCommand({
        Bucket: LOCAL_RESOURCES.rawMailBucket,
        Key: `inbound/${record?.ses.mail.messageId}`,
      }),
    );
    expect(await object.Body?.transformToString()).toContain("Subject: hello");
    s3.destroy();
  });

  it("delivers schedules to the dispatch function and runs the hourly sweep as the clock advances", async () => {
    const scheduler = new SchedulerClient({
      endpoint: `http://127.0.0.1:${ports.scheduler}`,
      region,
      credentials,
    });
    expect(
      (await scheduler.send(new GetScheduleCommand({ Name: "coffeechat-sweep", GroupName: "coffeechat" })))
        .ScheduleExpression,
    ).toBe("rate(1 hour)");
    const at = new Date(stack.clock.now().getTime() + 90 * 60_000).toISOString().slice(0, 19);
    await scheduler.send(
      new CreateScheduleCommand({
        Name: "cc-prm_wiring",
        GroupName: "coffeechat",
        ScheduleExpression: `at(${at})`,
        ScheduleExpressionTimezone: "UTC",
        FlexibleTimeWindow: { Mode: "OFF" },
        ActionAfterCompletion: "DELETE",
        Target: {
          Arn: LOCAL_RESOURCES.dispatchArn,
          RoleArn: LOCAL_RESOURCES.roleArn,
          Input: '{"type":"prompt","userId":"u","promptId":"p"}',
        },
      }),
    );
    scheduler.destroy();

    const report = await advance(3 * 3_600_000 + 1_000);
    expect(calls.dispatch).toEqual([{ type: "prompt", userId: "u", promptId: "p" }]);
    expect(calls.sweep).toBe(3);
    expect(report.fired.map((f) => f.schedule)).toEqual([
      "coffeechat/coffeechat-sweep",
      "coffeechat/cc-prm_wiring",
      "coffeechat/coffeechat-sweep",
      "coffeechat/coffeechat-sweep",
    ]);
  });

  it("serves the web app and the SES outbox", async () => {
    expect(await (await fetch(`${stack.addresses.web}/s/abc`)).text()).toBe("web /s/abc");
    expect((await fetch(`${stack.addresses.outbox}/health-check`)).status).toBe(200);
    expect(await stack.outbox()).toEqual([]);
  });

  it("reports a port already taken in one clear line, before starting anything", async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const error = await startStack({
        ...options(),
        dataDir: join(dataDir, "other"),
        ports: { ...ports, smtp: port },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toBe(
        `port ${port} (SMTP inbox) is already in use: stop what holds it or set COFFEECHAT_SMTP_PORT to another port`,
      );
    } finally {
      blocker.close();
    }
  });

  it("keeps the clock, schedules, raw mail and table data across a restart, and leaves no java behind", async () => {
    const dynamo = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${ports.dynamodb}`,
      region,
      credentials,
    });
    await dynamo.send(
      new PutItemCommand({
        TableName: "coffeechat-local",
        Item: { pk: { S: "TEST#1" }, sk: { S: "x" }, v: { S: "kept" } },
      }),
    );
    dynamo.destroy();
    const clockBefore = stack.clock.now().getTime();
    const pids = stack.childPids;
    await stack.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();

    stack = await startStack(options());
    expect(stack.clock.now().getTime()).toBeGreaterThanOrEqual(clockBefore);
    expect(stack.clock.now().getTime() - clockBefore).toBeLessThan(60_000);
    expect(stack.scheduler.schedules().map((s) => s.name)).toEqual(["coffeechat-sweep"]);
    const again = new DynamoDBClient({ endpoint: `http://127.0.0.1:${ports.dynamodb}`, region, credentials });
    const item = await again.send(
      new GetItemCommand({ TableName: "coffeechat-local", Key: { pk: { S: "TEST#1" }, sk: { S: "x" } } }),
    );
    again.destroy();
    expect(item.Item?.v?.S).toBe("kept");
    const s3 = new S3Client({
      endpoint: `http://127.0.0.1:${ports.s3}`,
      region,
      credentials,
      forcePathStyle: true,
    });
    const key = `inbound/${calls.inbound[0]?.Records[0]?.ses.mail.messageId}`;
    const object = await s3.send(new GetObjectCommand({ Bucket: LOCAL_RESOURCES.rawMailBucket, Key: key }));
    expect(await object.Body?.transformToString()).toContain("Subject: hello");
    s3.destroy();
  }, 120_000);
});
