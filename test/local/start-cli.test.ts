import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../local/ports.js";

/** `npm start` refusing to start says why in one line and exits 1, without a stack trace. */
let dataDir: string;
let blocker: Server;
let env: NodeJS.ProcessEnv;
let blockedPort: number;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "cc-start-"));
  blockedPort = await freePort();
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(blockedPort, "127.0.0.1", resolve));
  env = {
    ...process.env,
    COFFEECHAT_DATA_DIR: dataDir,
    COFFEECHAT_SMTP_PORT: String(await freePort()),
    COFFEECHAT_WEB_PORT: String(blockedPort),
    COFFEECHAT_SES_PORT: String(await freePort()),
    COFFEECHAT_DYNAMODB_PORT: String(await freePort()),
    COFFEECHAT_S3_PORT: String(await freePort()),
    COFFEECHAT_SCHEDULER_PORT: String(await freePort()),
    COFFEECHAT_CONTROL_PORT: String(await freePort()),
  };
});

afterAll(() => {
  blocker.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = (extra: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ["--import", "tsx", "local/start.ts"], {
    env: { ...env, ...extra },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("npm start refusing to start", () => {
  it("names the port in use and the variable that moves it", () => {
    const run = start();
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `coffeechat: port ${blockedPort} (web) is already in use: stop what holds it or set COFFEECHAT_WEB_PORT to another port`,
    );
  });

  it("names a bad setting", () => {
    const run = start({ COFFEECHAT_SES_PORT: "eighty" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe("coffeechat: COFFEECHAT_SES_PORT=eighty is not a port number (1-65535)");
  });

  it("hints how to install Java when it is missing", () => {
    const run = start({ PATH: "/nonexistent" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "coffeechat: DynamoDB Local needs Java 17: apt-get install -y openjdk-17-jre-headless",
    );
  });
});
