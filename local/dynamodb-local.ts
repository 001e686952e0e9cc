import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { createConnection } from "node:net";
import { dirname, join } from "node:path";

/** AWS's own DynamoDB emulator, from the jar inside the npm package `amplify-dynamodb-simulator`. */
export interface DynamoDbLocal {
  endpoint: string;
  /** The java process, so a forced exit can still kill it. */
  pid: number | undefined;
  stop(): Promise<void>;
}

export function emulatorDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("amplify-dynamodb-simulator/package.json")), "emulator");
}

/** DynamoDB Local's jar needs this Java or later. */
export const JAVA_NEEDED = 17;

export const JAVA_INSTALL_HINT = "apt-get install -y openjdk-17-jre-headless";

/** Whether `java` on the PATH runs and is recent enough for DynamoDB Local. */
export function javaAvailable(): boolean {
  const run = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (run.error || run.status !== 0) return false;
  const major = javaMajorVersion(`${run.stderr}${run.stdout}`);
  return major !== null && major >= JAVA_NEEDED;
}

/** The major version `java -version` reports: `"17.0.15"` → 17, the old `"1.8.0_202"` → 8. */
export function javaMajorVersion(output: string): number | null {
  const version = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!version) return null;
  const first = Number(version[1]);
  return first === 1 && version[2] !== undefined ? Number(version[2]) : first;
}

export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
  host?: string;
}): Promise<DynamoDbLocal> {
  if (!javaAvailable()) {
    throw new Error(`Java ${JAVA_NEEDED} is needed for DynamoDB Local: ${JAVA_INSTALL_HINT}`);
  }
  const dir = emulatorDir();
  const host = options.host ?? "127.0.0.1";
  const storage = options.dataDir ? ["-dbPath", options.dataDir] : ["-inMemory"];
  const child: ChildProcess = spawn(
    "java",
    [
      `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
      "-jar",
      join(dir, "DynamoDBLocal.jar"),
      ...storage,
      "-port",
      String(options.port),
      "-disableTelemetry",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await waitForPort(
      host,
      options.port,
      20_000,
      () => child.exitCode !== null,
      () => stderr,
    );
  } catch (error) {
    // Never leave a half-started java behind.
    if (child.exitCode === null) child.kill("SIGKILL");
    throw error;
  }
  return {
    endpoint: `http://${host}:${options.port}`,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

async function waitForPort(
  host: string,
  port: number,
  timeoutMs: number,
  failed: () => boolean = () => false,
  why: () => string = () => "",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (failed())
      throw new Error(`process for port ${port} exited: ${why().trim().split("\n").slice(-3).join(" ")}`);
    if (await canConnect(host, port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answered on ${host}:${port} within ${timeoutMs} ms`);
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
