/**
 * Cold start plus first call: a fresh process imports a handler's production bundle and handles
 * one representative event; its floor, a fresh process too, imports the same SDK clients (and the
 * design card's libraries) and makes the same AWS calls with the same inputs, in the same waves.
 *
 * Both talk to one local endpoint (replay-server.ts) that answers every request with the bytes
 * recorded in a warm-up run of the handlers from source (cold-start-recorder.ts, DynamoDB Local
 * behind it), so handler and floor read identical answers, no database time is in either, and
 * the calls each handler makes are whatever its code makes today: nothing here lists them.
 *
 * Beside each floor runs an information floor that also does the required libraries' first-call
 * work (a time-zone conversion; for inbound, the mail through the required parsers): the budget
 * stays on the plain floor, the second ratio says how much of the gap is coffeechat's own code.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { deserialize, serialize } from "node:v8";
import { startDynamoDbLocal } from "../local/dynamodb-local.js";
import { freePort } from "../local/ports.js";
import { typicalInvitePath } from "./aws-calls.js";
import { buildBundle, repoRoot } from "./build.js";
import { median, pairedRatio, rotated } from "./cold-import.js";
import type { Recording } from "./cold-start-recorder.js";
import type { FirstCallPlan } from "./floors/replay-calls.js";
import type { LibraryInput } from "./floors/required-libraries.js";
import { type HandlerName, handlerNames } from "./handlers.js";
import { BENCH_NOW } from "./per-email.js";
import { startReplayServer } from "./replay-server.js";

/** The floors of the first call, the budget's: bench/floors/<name>-first-call.ts. */
export const firstCallFloorEntries: Record<HandlerName, string> = {
  inbound: "bench/floors/inbound-first-call.ts",
  dispatch: "bench/floors/dispatch-first-call.ts",
  web: "bench/floors/web-first-call.ts",
};

/**
 * Information floors: each floor plus what the libraries coffeechat must use do in its first call
 * (bench/floors/required-libraries.ts). Measured beside the budget's floors, never instead of them.
 */
export const libraryFloorEntries: Record<HandlerName, string> = {
  inbound: "bench/floors/inbound-libraries-first-call.ts",
  dispatch: "bench/floors/dispatch-libraries-first-call.ts",
  web: "bench/floors/web-libraries-first-call.ts",
};

/** The zone the information floors convert a time into (the first conversion costs the same in any). */
const LIBRARY_FLOOR_ZONE = "America/New_York";

/** One fresh process, timed inside it with performance.now() (which counts from process start). */
export interface FirstCallSample {
  /** Process start → the first call returned: what the budget is on. */
  sinceStartMs: number;
  /** The first call alone, after the import. */
  callMs: number;
  /** CPU (user + system) of the import and the first call. */
  cpuMs: number;
}

export interface FirstCallRuns {
  rounds: FirstCallSample[];
  sinceStartMs: number;
  callMs: number;
  cpuMs: number;
}

export interface ColdStartResult {
  runs: number;
  handlers: Record<HandlerName, FirstCallRuns>;
  floors: Record<HandlerName, FirstCallRuns>;
  libraryFloors: Record<HandlerName, FirstCallRuns>;
  /** The AWS calls of each first call, `Service.Command` in the order sent. */
  calls: Record<HandlerName, string[]>;
  /** Median of the per-round ratios, on process start → first call returned. */
  ratio: Record<HandlerName, number>;
  /** The same, ÷ the information floor with the required libraries' work in it. */
  ratioOverLibraryFloor: Record<HandlerName, number>;
  /**
   * The information floor ÷ the floor: what the required libraries' first-call work alone adds to
   * the AWS calls. No handler that uses them on its first call can measure below it.
   */
  requiredLibrariesRatio: Record<HandlerName, number>;
  cpuRatio: Record<HandlerName, number>;
}

const PRELOAD = pathToFileURL(join(repoRoot, "bench/bench-clock.mjs")).href;

// The input is read before the import in both, so each pays the same for it; the timing goes out
// on fd 3, apart from the handler's own log lines.
const CHILD = [
  'import { readFileSync, writeSync } from "node:fs";',
  'import { deserialize } from "node:v8";',
  "const args = deserialize(readFileSync(process.env.BENCH_INPUT));",
  "const cpuBefore = process.cpuUsage();",
  "const module = await import(process.env.BENCH_IMPORT_URL);",
  "const imported = performance.now();",
  "const result = await module[process.env.BENCH_EXPORT](...args);",
  "const done = performance.now();",
  "const cpu = process.cpuUsage(cpuBefore);",
  "const statusCode = result && typeof result === 'object' ? (result.statusCode ?? null) : null;",
  "writeSync(3, JSON.stringify({ imported, done, cpuMs: (cpu.user + cpu.system) / 1000, statusCode }));",
  "process.exit(0);",
].join("\n");

interface Runner {
  key: string;
  handler: HandlerName;
  bundle: string;
  exportName: "handler" | "firstCall";
  input: string;
}

type RunnerKind = "handler" | "floor" | "library floor";
const runnerKey = (kind: RunnerKind, name: HandlerName) => (kind === "handler" ? name : `${kind} ${name}`);

/**
 * `runs` interleaved rounds (one discarded first), the order rotated each round, of every handler
 * and its floor. `bundles` are the handlers' and floors' built entry files; `env` what SST links.
 */
export async function measureColdStart(options: {
  handlers: Record<HandlerName, string>;
  outDir: string;
  env: NodeJS.ProcessEnv;
  runs: number;
  /** Extra node flags for the measured processes, e.g. `--cpu-prof` to see where a first call's time goes. */
  nodeFlags?: string[];
}): Promise<ColdStartResult> {
  const floorBundles = await buildFloors(firstCallFloorEntries, options.outDir, "first-call-floor");
  const libraryFloorBundles = await buildFloors(libraryFloorEntries, options.outDir, "library-floor");
  const rawMail = new Uint8Array(readFileSync(typicalInvitePath));
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const server = await startReplayServer({ dynamoEndpoint: dynamo.endpoint, rawMail });
  try {
    const awsEnv = {
      ...options.env,
      AWS_ACCESS_KEY_ID: "bench",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_ENDPOINT_URL_DYNAMODB: server.url,
      AWS_ENDPOINT_URL_S3: server.url,
      AWS_ENDPOINT_URL_SCHEDULER: server.url,
      AWS_ENDPOINT_URL_SESV2: server.url,
    };
    const planFile = join(options.outDir, "first-calls.bin");
    try {
      await record(awsEnv, server.url, planFile);
    } finally {
      await dynamo.stop();
    }
    const recording = deserialize(readFileSync(planFile)) as Recording;

    const runners: Runner[] = [];
    const calls = {} as Record<HandlerName, string[]>;
    for (const name of handlerNames) {
      const first = recording.firstCalls[name];
      const planned = first.waves.flat();
      calls[name] = planned.map((c) => `${c.service}.${c.command.replace(/Command$/, "")}`);
      const exchanges = server.recorded.get(name)?.length ?? 0;
      if (exchanges !== planned.length)
        throw new Error(
          `${name}: ${planned.length} SDK calls but ${exchanges} requests reached the endpoint`,
        );
      const handlerInput = join(options.outDir, `${name}-event.bin`);
      writeFileSync(handlerInput, serialize(first.args));
      const plan: FirstCallPlan = {
        documentClientOptions: recording.documentClientOptions,
        waves: first.waves,
      };
      const floorInput = join(options.outDir, `${name}-plan.bin`);
      // The floor gets the handler's event too: the web floor answers it through hono.
      writeFileSync(floorInput, serialize([plan, ...first.args]));
      const libraryInput: LibraryInput = { rawMail, zone: LIBRARY_FLOOR_ZONE, nowMs: first.nowMs };
      const libraryFloorInput = join(options.outDir, `${name}-library-plan.bin`);
      writeFileSync(libraryFloorInput, serialize([plan, libraryInput, ...first.args]));
      runners.push(
        {
          key: runnerKey("handler", name),
          handler: name,
          bundle: options.handlers[name],
          exportName: "handler",
          input: handlerInput,
        },
        {
          key: runnerKey("floor", name),
          handler: name,
          bundle: floorBundles[name],
          exportName: "firstCall",
          input: floorInput,
        },
        {
          key: runnerKey("library floor", name),
          handler: name,
          bundle: libraryFloorBundles[name],
          exportName: "firstCall",
          input: libraryFloorInput,
        },
      );
    }

    const samples = new Map<string, FirstCallSample[]>(runners.map((r) => [r.key, []]));
    for (let round = -1; round < options.runs; round++) {
      for (const runner of rotated(runners, round + 1)) {
        const env = { ...awsEnv, BENCH_NOW_MS: String(recording.firstCalls[runner.handler].nowMs) };
        server.replay(runner.handler);
        let sample: FirstCallSample;
        try {
          sample = await runOnce(runner, env, options.nodeFlags ?? []);
        } finally {
          const { unmatched, unused } = server.finish();
          if (unmatched.length > 0 || unused.length > 0)
            // biome-ignore lint/correctness/noUnsafeFinally: a round that made other calls than recorded must fail.
            throw new Error(
              `${runner.key}: made calls the recording does not have (${unmatched.join(", ") || "none"}) or left recorded calls unmade (${unused.join(", ") || "none"})`,
            );
        }
        if (round >= 0) samples.get(runner.key)?.push(sample);
      }
    }

    const summary = (key: string): FirstCallRuns => {
      const rounds = samples.get(key) ?? [];
      return {
        rounds,
        sinceStartMs: median(rounds.map((s) => s.sinceStartMs)),
        callMs: median(rounds.map((s) => s.callMs)),
        cpuMs: median(rounds.map((s) => s.cpuMs)),
      };
    };
    const perHandler = <T>(value: (name: HandlerName) => T) =>
      Object.fromEntries(handlerNames.map((n) => [n, value(n)])) as Record<HandlerName, T>;
    const handlers = perHandler((n) => summary(runnerKey("handler", n)));
    const floors = perHandler((n) => summary(runnerKey("floor", n)));
    const libraryFloors = perHandler((n) => summary(runnerKey("library floor", n)));
    const sinceStart = (a: FirstCallRuns, b: FirstCallRuns) => pairedRatio(a, b, (s) => s.sinceStartMs);
    return {
      runs: options.runs,
      handlers,
      floors,
      libraryFloors,
      calls,
      ratio: perHandler((n) => sinceStart(handlers[n], floors[n])),
      ratioOverLibraryFloor: perHandler((n) => sinceStart(handlers[n], libraryFloors[n])),
      requiredLibrariesRatio: perHandler((n) => sinceStart(libraryFloors[n], floors[n])),
      cpuRatio: perHandler((n) => pairedRatio(handlers[n], floors[n], (s) => s.cpuMs)),
    };
  } finally {
    await server.close();
  }
}

async function buildFloors(
  entries: Record<HandlerName, string>,
  outDir: string,
  prefix: string,
): Promise<Record<HandlerName, string>> {
  const floors = {} as Record<HandlerName, string>;
  for (const name of handlerNames) {
    floors[name] = (await buildBundle(entries[name], outDir, `${prefix}-${name}`)).outfile;
  }
  return floors;
}

/** The warm-up run: the handlers from source under tsx, against the recording endpoint. */
async function record(env: NodeJS.ProcessEnv, endpoint: string, planFile: string): Promise<void> {
  const { code, stderr } = await run(
    ["--import", "tsx", "--import", PRELOAD, join(repoRoot, "bench/cold-start-recorder.ts")],
    {
      ...env,
      BENCH_NOW_MS: String(BENCH_NOW.getTime()),
      BENCH_CONTROL_URL: `${endpoint}/__bench`,
      BENCH_PLAN_OUT: planFile,
    },
  );
  if (code !== 0) throw new Error(`the warm-up run failed (exit ${code}): ${lastLines(stderr)}`);
}

async function runOnce(runner: Runner, env: NodeJS.ProcessEnv, flags: string[]): Promise<FirstCallSample> {
  const { code, stderr, timing } = await run(
    [...flags, "--import", PRELOAD, "--input-type=module", "-e", CHILD],
    {
      ...env,
      BENCH_IMPORT_URL: pathToFileURL(runner.bundle).href,
      BENCH_EXPORT: runner.exportName,
      BENCH_INPUT: runner.input,
    },
  );
  if (code !== 0)
    throw new Error(`${runner.key}: the first call failed (exit ${code}): ${lastLines(stderr)}`);
  let parsed: { imported: number; done: number; cpuMs: number; statusCode: number | null };
  try {
    parsed = JSON.parse(timing);
  } catch {
    throw new Error(`${runner.key}: printed no timing: ${lastLines(stderr)}`);
  }
  if (runner.handler === "web" && runner.exportName === "handler" && parsed.statusCode !== 200)
    throw new Error(`web: the status page answered ${parsed.statusCode}`);
  return { sinceStartMs: parsed.done, callMs: parsed.done - parsed.imported, cpuMs: parsed.cpuMs };
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string; timing: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let timing = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdio[3]?.on("data", (chunk: Buffer) => {
      timing += chunk.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stderr, timing }));
  });
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-6).join(" | ");
}
