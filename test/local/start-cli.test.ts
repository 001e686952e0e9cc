import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { javaAvailable, javaMajorVersion } from "../../local/dynamodb-local.js";
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

  it("names a store it does not know", () => {
    const run = start({ COFFEECHAT_STORE: "postgres" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe("coffeechat: COFFEECHAT_STORE=postgres is not one of dynamodb, embedded");
  });

  it("hints how to install Java when DynamoDB Local is asked for and Java is missing", () => {
    const run = start({ PATH: "/nonexistent", COFFEECHAT_STORE: "dynamodb" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "coffeechat: COFFEECHAT_STORE=dynamodb: DynamoDB Local needs Java 17: apt-get install -y openjdk-17-jre-headless",
    );
  });
});

describe("npm start saying which store it runs on (before the port check stops it here)", () => {
  it.skipIf(!javaAvailable())("DynamoDB Local where Java is found, and how to run without it", () => {
    const run = start();
    expect(run.stdout).toContain(
      `coffeechat: Java 17 found: DynamoDB Local, data in ${join(dataDir, "dynamodb")} (COFFEECHAT_STORE=embedded runs without it)`,
    );
  });

  it("the embedded store without Java, and how to get DynamoDB Local", () => {
    const run = start({ PATH: "/nonexistent" });
    expect(run.stdout).toContain(
      `coffeechat: no Java 17: embedded store in ${join(dataDir, "embedded")}; install Java 17 for DynamoDB Local (apt-get install -y openjdk-17-jre-headless)`,
    );
    expect(run.stderr.trim()).toMatch(/^coffeechat: port \d+ \(web\) is already in use/);
  });

  it("the embedded store when the only java is too old for DynamoDB Local", () => {
    const bin = join(dataDir, "old-java");
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, "java"), `#!/bin/sh\necho 'openjdk version "11.0.2" 2019-01-15' >&2\n`, {
      mode: 0o755,
    });
    const run = start({ PATH: bin });
    expect(run.stdout).toContain("coffeechat: no Java 17: embedded store in");
  });

  it("the embedded store when asked for, even with Java", () => {
    const run = start({ COFFEECHAT_STORE: "embedded" });
    expect(run.stdout).toContain(
      `coffeechat: COFFEECHAT_STORE=embedded: embedded store in ${join(dataDir, "embedded")}; unset it for DynamoDB Local`,
    );
  });
});

describe("reading `java -version`", () => {
  it("finds the major version in old and new formats", () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(17);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorVersion('java version "1.8.0_202"')).toBe(8);
    expect(javaMajorVersion("command not found")).toBeNull();
  });
});
