import { javaAvailable } from "./dynamodb-local.js";
import { PortInUseError } from "./ports.js";
import { SettingsError, settingsFromEnv } from "./settings.js";
import { type Stack, startStack } from "./stack.js";
import { chooseStore } from "./store-choice.js";

/** `npm start`: all of coffeechat on this machine, until Ctrl-C. */
async function main() {
  let settings: ReturnType<typeof settingsFromEnv>;
  try {
    settings = settingsFromEnv();
  } catch (error) {
    if (error instanceof SettingsError) fail(error.message);
    throw error;
  }
  const store = chooseStore({
    asked: settings.store,
    javaFound: javaAvailable(),
    dataDir: settings.dataDir,
    cwd: process.cwd(),
  });
  if (store.kind === null) fail(store.problem);

  console.log(`coffeechat: ${store.says}`);
  console.log(`coffeechat: starting the local stack (data in ${settings.dataDir})…`);
  const starting = startStack({ ...settings, store: store.kind, log: (line) => console.log(line) });
  let stopping = false;
  let childPids: number[] = [];
  const shutdown = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C: no more waiting, but no java left behind either.
      for (const pid of childPids) killQuietly(pid);
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping (Ctrl-C again to force)…`);
    // A stack still starting is stopped once it is up (a failed start has cleaned up after itself).
    const stack = await starting.catch(() => null);
    await stack?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  let stack: Stack;
  try {
    stack = await starting;
  } catch (error) {
    if (stopping) return;
    if (error instanceof PortInUseError) fail(error.message);
    fail(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  childPids = stack.childPids;
  if (stopping) return;

  const a = stack.addresses;
  const lines = [
    "",
    "coffeechat is running locally.",
    `  inbox    ${a.inbox}  (SMTP ${a.smtp}, no auth, no TLS)`,
    `  replies  ${a.replies}`,
    `  web      ${a.web}`,
    `  outbox   ${a.outbox}  (sent mail; JSON at ${a.outbox}/store)`,
    `  clock    ${stack.clock.now().toISOString()}  (npm run clock -- advance 3d)`,
    `  store    ${store.kind === "dynamodb" ? "DynamoDB Local" : "embedded (no Java needed)"}`,
    "",
    "Status links:",
    ...stack.users.map((u) => `  ${u.address}  ${u.statusUrl}`),
    "",
    `Send mail: npm run send -- message.eml --from ${stack.users[0]?.address ?? "you@example.com"}`,
    "Ctrl-C stops everything.",
  ];
  console.log(lines.join("\n"));
}

function fail(message: string): never {
  console.error(`coffeechat: ${message}`);
  process.exit(1);
}

function killQuietly(pid: number) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
