/**
 * `npm run bench`: what makes coffeechat fast and cheap, measured on this machine against the
 * budgets in budgets.ts. Prints readable tables, then as its last line one JSON object
 * (DESIGN §5). Exits non-zero when a budget is missed. `-- --update-baseline` rewrites
 * bench/bundle-baseline.json from this build.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type AwsCall, byOperation } from "./aws-call.js";
import { type AwsCallsResult, countAwsCalls, withDynamoDbLocal } from "./aws-calls.js";
import { writeBaseline } from "./baseline.js";
import { type BudgetCheck, budgets, check } from "./budgets.js";
import { type BuiltBundle, buildBundle, bundleComposition } from "./build.js";
import { type ColdImport, measureColdImports, pairedRatio } from "./cold-import.js";
import { type ColdStartResult, measureColdStart } from "./cold-start.js";
import {
  costPerUser,
  type DeploymentAssumptions,
  deploymentCost,
  monthlyCost,
  type UsageAssumptions,
} from "./cost.js";
import { handlerImportEnv } from "./handler-env.js";
import { type HandlerName, handlerBundles, handlerNames } from "./handlers.js";
import { mailFiles } from "./mail-files.js";
import type { MemoryProbe } from "./memory-probe.js";
import { measurePeakMemory } from "./peak-memory.js";
import { largestMail, measurePerEmail, type PerEmailResult } from "./per-email.js";
import { measureScale, type ScaleResult } from "./scale.js";
import { fixed, table } from "./table.js";

const COLD_IMPORT_RUNS = 41;
const COLD_START_RUNS = 31;
/** Lambda's START/END/REPORT lines (~350 B) and our own one or two JSON lines. */
const LOG_BYTES_PER_INVOCATION = 1_000;
/** A hello-world nodejs22.x Lambda on arm64 inits in ~120 ms (the public lambda-perf benchmark, Dec 2025). */
const RUNTIME_INIT_MS = 120;

const updateBaseline = process.argv.includes("--update-baseline");
const problems: string[] = [];
const kb = (bytes: number) => bytes / 1024;
const section = (title: string) => console.log(`\n== ${title}`);

/** Runs one part of the benchmark; a failure is reported and leaves that part unmeasured (so its budgets fail). */
async function attempt<T>(what: string, run: () => Promise<T> | T): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

const started = Date.now();
console.log(
  `coffeechat benchmark — Node ${process.version} on ${process.platform}/${process.arch} (Lambda runs nodejs22.x on arm64)`,
);

// 1. Bundles: handlers and their floors, with the production esbuild settings.
const outDir = mkdtempSync(join(tmpdir(), "coffeechat-bench-"));
const bundles = new Map<HandlerName, BuiltBundle>();
const floors = new Map<string, BuiltBundle>();
let cold: Record<string, ColdImport> = {};
let coldStart: ColdStartResult | null = null;
try {
  for (const h of handlerBundles) {
    const built = await attempt(`bundle ${h.name}`, () => buildBundle(h.entry, outDir, h.name));
    if (built) bundles.set(h.name, built);
    if (!floors.has(h.floorEntry)) {
      const floor = await attempt(`floor bundle ${h.floorEntry}`, () =>
        buildBundle(h.floorEntry, outDir, `floor-${floors.size}`),
      );
      if (floor) floors.set(h.floorEntry, floor);
    }
  }

  // 2. Cold import: fresh processes, handlers and floors interleaved in the same run.
  const toImport: Record<string, string> = {};
  for (const [name, b] of bundles) toImport[name] = b.outfile;
  for (const [entry, b] of floors) toImport[entry] = b.outfile;
  cold =
    (await attempt("cold import", () =>
      measureColdImports(toImport, COLD_IMPORT_RUNS, handlerImportEnv()),
    )) ?? {};

  // 2b. Cold start plus the first call, against floors making the same AWS calls.
  coldStart = await attempt("cold start + first call", () => {
    const handlers = Object.fromEntries([...bundles].map(([name, b]) => [name, b.outfile]));
    if (bundles.size !== handlerNames.length) throw new Error("not every handler built");
    return measureColdStart({
      handlers: handlers as Record<HandlerName, string>,
      outDir,
      env: handlerImportEnv(),
      runs: COLD_START_RUNS,
    });
  });
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

section("Bundles (esbuild via infra/bundle.ts: minified ESM, AWS SDK bundled, split) and cold import");
const coldRows = handlerBundles.map((h) => {
  const b = bundles.get(h.name);
  const floor = floors.get(h.floorEntry);
  const mine = cold[h.name];
  const base = cold[h.floorEntry];
  return {
    name: h.name,
    bundleKb: b ? kb(b.bytes) : Number.NaN,
    diskKb: b ? kb(b.totalBytes) : Number.NaN,
    floorKb: floor ? kb(floor.bytes) : Number.NaN,
    coldMs: mine?.sinceStartMs ?? Number.NaN,
    floorMs: base?.sinceStartMs ?? Number.NaN,
    importMs: mine?.importMs ?? Number.NaN,
    floorImportMs: base?.importMs ?? Number.NaN,
    wallMs: mine?.wallMs ?? Number.NaN,
    cpuMs: mine?.importCpuMs ?? Number.NaN,
    floorCpuMs: base?.importCpuMs ?? Number.NaN,
    cpuRatio: mine && base ? pairedRatio(mine, base, (s) => s.importCpuMs) : Number.NaN,
    ratio: mine && base ? pairedRatio(mine, base, (s) => s.sinceStartMs) : Number.NaN,
    importRatio: mine && base ? pairedRatio(mine, base, (s) => s.importMs) : Number.NaN,
  };
});
console.log(
  table(
    [
      "handler",
      "bundle KB",
      "on disk KB",
      "floor KB",
      "cold ms",
      "floor ms",
      "ratio",
      "import ms",
      "floor",
      "ratio",
      "import CPU ms",
      "floor",
      "ratio",
      "wall ms",
    ],
    coldRows.map((r) => [
      r.name,
      fixed(r.bundleKb),
      fixed(r.diskKb),
      fixed(r.floorKb),
      fixed(r.coldMs),
      fixed(r.floorMs),
      fixed(r.ratio, 2),
      fixed(r.importMs),
      fixed(r.floorImportMs),
      fixed(r.importRatio, 2),
      fixed(r.cpuMs),
      fixed(r.floorCpuMs),
      fixed(r.cpuRatio, 2),
      fixed(r.wallMs),
    ]),
  ),
);
console.log(
  "bundle KB = what a cold start loads: the entry and the chunks it imports statically; on disk = every chunk, those loaded on first use (import()) included.",
);
console.log(
  `cold ms = median of ${COLD_IMPORT_RUNS} fresh node processes, process start → import done (performance.now() in the child); import = the dynamic import alone; ratio = ÷ floor, the median of the per-round ratios (handler and floor measured moments apart, order rotated each round; the budget is on cold ms).`,
);
const load1 = loadavg()[0] ?? 0;
if (load1 > availableParallelism()) {
  console.log(
    `note: the machine is busy (load ${load1.toFixed(1)} on ${availableParallelism()} CPUs): wall-clock timings are noisy; the CPU columns are steadier.`,
  );
}
console.log(
  "floor = a bundle of only what the handler loads at cold start that is not coffeechat's own code: the SDK clients (inbound: S3, DynamoDB + lib-dynamodb, Scheduler, SES v2; dispatch: no S3; web: DynamoDB + lib-dynamodb, Scheduler) and the design card's libraries (zod/mini for every handler, hono for web). The ratio measures coffeechat's own code, its schemas and pages included, not the card's choices.",
);
for (const h of handlerBundles) {
  const b = bundles.get(h.name);
  if (!b) continue;
  const top = bundleComposition(b.metafile, b.coldOutputs)
    .slice(0, 8)
    .map((s) => `${s.source} ${fixed(kb(s.bytes))}`)
    .join(", ");
  console.log(`  ${h.name} is mostly: ${top}`);
  const later = bundleComposition(b.metafile, b.lazyOutputs)
    .slice(0, 6)
    .map((s) => `${s.source} ${fixed(kb(s.bytes))}`)
    .join(", ");
  if (later) console.log(`    loaded on first use: ${later}`);
}

section("Cold start plus the first call, against a floor making the same AWS calls");
if (coldStart) {
  const cs = coldStart;
  console.log(
    table(
      [
        "handler",
        "AWS calls",
        "start+call ms",
        "floor ms",
        "ratio",
        "call ms",
        "floor",
        "CPU ms",
        "floor",
        "CPU ratio",
        "w/ libraries ms",
        "libraries alone",
        "ratio (info)",
      ],
      handlerNames.map((n) => [
        n,
        cs.calls[n].length,
        fixed(cs.handlers[n].sinceStartMs),
        fixed(cs.floors[n].sinceStartMs),
        fixed(cs.ratio[n], 2),
        fixed(cs.handlers[n].callMs),
        fixed(cs.floors[n].callMs),
        fixed(cs.handlers[n].cpuMs),
        fixed(cs.floors[n].cpuMs),
        fixed(cs.cpuRatio[n], 2),
        fixed(cs.libraryFloors[n].sinceStartMs),
        fixed(cs.requiredLibrariesRatio[n], 2),
        fixed(cs.ratioOverLibraryFloor[n], 2),
      ]),
    ),
  );
  for (const n of handlerNames) console.log(`  ${n}: ${cs.calls[n].join(", ")}`);
  console.log(
    [
      `start+call ms = median of ${cs.runs} fresh node processes, process start → the first call returned; call = after the import; CPU = import and call; ratio = ÷ floor, the median of the per-round ratios (handlers and floors interleaved, order rotated each round; the budget is on start+call ms).`,
      "events: inbound gets the SES receipt event of the typical invite (test/fixtures/bench/forwarded-google-invite.eml) from the registered bench user; dispatch the schedule input of the first prompt that invite scheduled, at its due time; web a function-URL GET of the user's status page.",
      "floor = the cold-import floor's SDK clients and libraries, making the AWS calls listed above (same commands, same inputs, same waves of concurrent calls) through the same clients built the same way, and nothing else; for web, inside a request that hono (the card's web library) answers through its Lambda adapter, as the handler's is: building the request, routing it and writing the response are the library's work.",
      "w/ libraries = an information floor, never the budget's: the floor plus the least the libraries coffeechat must use do in the first call (bench/floors/required-libraries.ts): one time-zone conversion through @date-fns/tz and Intl (the first Intl date formatter a process builds costs about 10 ms), and for inbound the same mail read by postal-mime, email-forward-parser and ical.js. libraries alone = that floor ÷ the floor: what the required libraries' first-call work adds to the AWS calls before any of coffeechat's code runs, the lowest ratio a handler using them can reach. ratio (info) = start+call ÷ that floor: what coffeechat's own code adds.",
      "how: a warm-up run of the handlers from source (DynamoDB Local behind a recording endpoint; S3 serves the invite, Scheduler and SES v2 answer as AWS does) records each first call's SDK calls and the HTTP answers; every measured process then talks to one local endpoint that answers each request with its recorded bytes, so handler and floor read the same answers and neither waits on a database. A round whose calls differ from the recording fails the bench.",
      "the clock: every process runs with bench/bench-clock.mjs preloaded, so the wall clock reads the bench's date (the invite stays upcoming, the prompt due) whenever the bench runs.",
    ].join("\n"),
  );
}

// 3. Per-email compute over the corpus.
section("Per-email compute: receiveMail (parse + plan + state writes) against in-process fakes");
const { files, notes } = mailFiles();
for (const note of notes) console.log(`note: ${note}`);
const perEmail: PerEmailResult | null = await attempt("per-email", () => measurePerEmail(files));
const largest = largestMail(files);
const smallest = files.reduce<(typeof files)[number] | null>(
  (min, f) => (!min || f.bytes < min.bytes ? f : min),
  null,
);
const memory: MemoryProbe | null =
  largest && smallest
    ? await attempt("peak memory", () => measurePeakMemory(largest.path, smallest.path))
    : null;
if (perEmail) {
  console.log(
    table(
      ["messages", "timed runs", "p50 ms", "p99 ms", "max ms"],
      [
        [
          perEmail.messages,
          perEmail.samples,
          fixed(perEmail.p50Ms, 2),
          fixed(perEmail.p99Ms, 2),
          fixed(perEmail.maxMs, 2),
        ],
      ],
    ),
  );
  console.log("slowest messages (median of the timed runs):");
  for (const s of perEmail.slowest) console.log(`  ${fixed(s.ms)} ms  ${s.label} (${fixed(kb(s.bytes))} KB)`);
  console.log(
    `outcomes (warm-up pass): ${Object.entries(perEmail.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  for (const [message, labels] of groupErrors(perEmail.errors)) {
    console.log(`  ${labels.length} threw "${message}", e.g. ${labels.slice(0, 3).join(", ")}`);
  }
}
if (memory && largest) {
  console.log(
    `largest message ${largest.label} (${fixed(kb(largest.bytes))} KB): peak RSS +${fixed(memory.peakDeltaMb)} MB over ${fixed(memory.rssBeforeMb)} MB, ${fixed(memory.ms)} ms, ${memory.outcome}`,
  );
}

// 4. AWS calls through the real SDK clients and adapters.
section("AWS calls (real SDK clients and adapters; DynamoDB Local, S3/Scheduler/SES v2 canned)");
// One DynamoDB Local for the AWS-call scenarios and the scale measurements (shared SDK clients).
const measured = await attempt("DynamoDB Local", () =>
  withDynamoDbLocal(async () => ({
    aws: await attempt("AWS calls", () => countAwsCalls()),
    scale: await attempt("scale", () => measureScale()),
  })),
);
const aws: AwsCallsResult | null = measured?.aws ?? null;
const scale: ScaleResult | null = measured?.scale ?? null;
if (aws) {
  const scenarios: [string, AwsCall[]][] = [
    ["invite (forwarded Google invite → inbound)", aws.invite],
    ["prompt fired (prep → dispatch)", aws.promptFired],
    ["page view (GET /s/<token> → web)", aws.pageView],
  ];
  const rows = scenarios.flatMap(([name, calls]) => [
    ...byOperation(calls).map((o) => [
      name,
      `${o.service}.${o.operation}`,
      o.count,
      fixed(o.readUnits),
      fixed(o.writeUnits),
    ]),
    [name, "total", calls.length, "", ""],
  ]);
  console.log(table(["scenario", "call", "count", "RRU", "WRU"], rows));
}

// 5. What grows with an account.
section("Scale: one user with N contacts (DynamoDB Local, production adapters)");
if (scale) {
  console.log(
    table(
      ["measure", "N", "value"],
      [
        ["items read per mail (typical invite)", "10 contacts", scale.itemsReadPerMail["10"]],
        ["items read per mail (typical invite)", "5,000 contacts", scale.itemsReadPerMail["5000"]],
        ["status page HTML KB", "5,000 contacts", fixed(scale.pageKb["5000"])],
        ["status page memory rise MB", "5,000 contacts", fixed(scale.pagePeakMb["5000"])],
        ["AWS calls for pause", "1,000 pending prompts", scale.pauseAwsCalls["1000"]],
        ["AWS calls for hour (retime)", "1,000 pending prompts", scale.retimeAwsCalls["1000"]],
      ],
    ),
  );
  for (const note of scale.notes) console.log(`note: ${note}`);
}

// 6. Cost per active user per month.
section("Cost per active user per month (us-east-1 list prices)");
const assumptions: UsageAssumptions = {
  mailsIn: 10,
  promptsOut: 20,
  pageViews: 20,
  chunksPerMail: 1,
  memoryMb: { inbound: 1024, dispatch: 512, web: 512 },
  msPerAwsCall: 15,
  initMs: {
    inbound: RUNTIME_INIT_MS + (cold.inbound?.importMs ?? Number.NaN),
    dispatch: RUNTIME_INIT_MS + (cold.dispatch?.importMs ?? Number.NaN),
    web: RUNTIME_INIT_MS + (cold.web?.importMs ?? Number.NaN),
  },
  computeMs: {
    inbound: perEmail?.p50Ms ?? Number.NaN,
    dispatch: perEmail?.p50Ms ?? Number.NaN,
    web: perEmail?.p50Ms ?? Number.NaN,
  },
  logBytesPerInvocation: LOG_BYTES_PER_INVOCATION,
  // A year's worth: 100 contacts as the typical invite leaves them, twice over for the indexes.
  storedDynamoBytes: 100 * (scale?.bytesPerContact ?? Number.NaN) * 2,
  // Raw mail is kept 30 days (infra/settings.ts); a forwarded invite is ~30 KB.
  storedRawMailBytes: 10 * 30 * 1024,
};
const SWEEP_QUERIES = 8; // today and 7 days back (core/usecases/sweep.ts)
const deployment: DeploymentAssumptions = {
  sweepRunsPerMonth: 720,
  sweepMs: RUNTIME_INIT_MS + (cold.dispatch?.importMs ?? Number.NaN) + SWEEP_QUERIES * 15,
  sweepMemoryMb: 512,
  // An eventually consistent Query that finds nothing costs 0.5 RRU.
  sweepReadUnits: SWEEP_QUERIES * 0.5,
  alarms: 2,
  kmsKeys: 0,
  logBytesPerSweep: LOG_BYTES_PER_INVOCATION,
};
const cost = aws ? monthlyCost(aws, assumptions) : null;
const fixedCost = deploymentCost(deployment);
const costAt1000 = cost ? costPerUser(cost, fixedCost, 1_000) : Number.NaN;
const costAlone = cost ? costPerUser(cost, fixedCost, 1) : Number.NaN;
console.log(
  [
    `assumptions: ${assumptions.mailsIn} mails in (each a typical invite), ${assumptions.promptsOut} mails out (${assumptions.mailsIn} intake confirmations sent by inbound, ${assumptions.promptsOut - assumptions.mailsIn} scheduled prompts, each like a prep firing), ${assumptions.pageViews} page views;`,
    `  every invocation cold (one user's traffic is too sparse to stay warm): init = ${RUNTIME_INIT_MS} ms runtime + measured import ms;`,
    `  compute = per-email p50 for every invocation (dispatch and web are not timed on their own); +${assumptions.msPerAwsCall} ms per AWS call; memory ${assumptions.memoryMb.inbound}/${assumptions.memoryMb.dispatch}/${assumptions.memoryMb.web} MB (inbound/dispatch/web), arm64;`,
    `  DynamoDB RRU/WRU as DynamoDB Local reported them; SES's receipt rule PUTs each mail to S3; ${assumptions.chunksPerMail} × 256 KB chunk per mail;`,
    `  logs ${LOG_BYTES_PER_INVOCATION} B per invocation (kept a month); storage: 100 contacts' items ×2 for the indexes, 30 days of raw mail;`,
    "  DynamoDB reads are those of a young account (the invite scenario above); the scale table shows what grows with N.",
    "  per deployment: the hourly sweep (720 runs, 8 empty Queries each), 2 CloudWatch alarms, the table on the AWS owned key (no KMS charge); the domain's hosted zone is not counted.",
  ].join("\n"),
);
if (cost) {
  console.log(
    table(
      ["item", "quantity", "USD"],
      cost.lines.map((l) => [l.item, fixed(l.quantity, 2), l.usd.toFixed(6)]),
    ),
  );
  console.log(`per user: $${cost.totalUsd.toFixed(5)} a month`);
}
console.log(
  table(
    ["per deployment", "quantity", "USD"],
    fixedCost.lines.map((l) => [l.item, fixed(l.quantity, 2), l.usd.toFixed(6)]),
  ),
);
console.log(
  `per deployment: $${fixedCost.totalUsd.toFixed(5)} a month → per active user at 1,000 users $${costAt1000.toFixed(5)}; a one-user deployment $${costAlone.toFixed(4)} a month`,
);

// 6. Budgets.
const calls = (list: AwsCall[] | undefined) => list?.length ?? Number.NaN;
const checks: BudgetCheck[] = [
  ...coldRows.map((r) => check(`bundle ${r.name}`, r.bundleKb, budgets.bundleKb[r.name], "KB")),
  ...coldRows.map((r) => check(`cold import ${r.name} ÷ floor`, r.ratio, budgets.coldImportRatio, "×")),
  check("per-email p50", perEmail?.p50Ms ?? Number.NaN, budgets.perEmailMs.p50, "ms"),
  check("per-email p99", perEmail?.p99Ms ?? Number.NaN, budgets.perEmailMs.p99, "ms"),
  check("AWS calls per invite", calls(aws?.invite), budgets.awsCallsPerInvite, "calls"),
  check("AWS calls per prompt fired", calls(aws?.promptFired), budgets.awsCallsPerPromptFired, "calls"),
  check("AWS calls per page view", calls(aws?.pageView), budgets.awsCallsPerPageView, "calls"),
  check(
    "items read per mail at 5,000 contacts",
    scale?.itemsReadPerMail["5000"] ?? Number.NaN,
    budgets.itemsReadPerMail,
    "items",
  ),
  check(
    "items read per mail at 5,000 ÷ at 10",
    scale ? scale.itemsReadPerMail["5000"] / scale.itemsReadPerMail["10"] : Number.NaN,
    budgets.itemsReadGrowth,
    "×",
  ),
  check("status page at 5,000 contacts", scale?.pageKb["5000"] ?? Number.NaN, budgets.pageKb, "KB"),
  check(
    "status page memory at 5,000 contacts",
    scale?.pagePeakMb["5000"] ?? Number.NaN,
    budgets.pagePeakMb,
    "MB",
  ),
  check(
    "AWS calls for pause at 1,000 prompts",
    scale?.pauseAwsCalls["1000"] ?? Number.NaN,
    budgets.pauseAwsCalls,
    "calls",
  ),
  ...handlerNames.map((name) =>
    check(
      `cold start + first call ${name} ÷ floor`,
      coldStart?.ratio[name] ?? Number.NaN,
      budgets.coldStartRatio,
      "×",
    ),
  ),
  check("cost per active user per month (1,000 users)", costAt1000, budgets.costPerActiveUserMonthUsd, "USD"),
  check(
    "cost of a one-user deployment per month",
    costAlone,
    budgets.costSingleUserDeploymentMonthUsd,
    "USD",
  ),
];
section("Budgets");
console.log(
  table(
    ["check", "measured", "budget", "result"],
    checks.map((c) => [
      c.what,
      `${c.unit === "USD" ? c.measured.toFixed(5) : fixed(c.measured, c.unit === "×" ? 2 : 1)} ${c.unit}`,
      `≤ ${c.limit} ${c.unit}`,
      c.pass ? "PASS" : "FAIL",
    ]),
  ),
);
for (const p of problems) console.log(`error: ${p}`);

if (updateBaseline) {
  if (bundles.size === handlerNames.length) {
    writeBaseline(
      Object.fromEntries(handlerNames.map((n) => [n, bundles.get(n)?.bytes ?? 0])) as Record<
        HandlerName,
        number
      >,
    );
    console.log("bench/bundle-baseline.json updated from this build");
  } else {
    console.log("bench/bundle-baseline.json NOT updated: not every handler built");
  }
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);

const perHandler = (value: (r: (typeof coldRows)[number]) => number, digits: number) =>
  Object.fromEntries(coldRows.map((r) => [r.name, round(value(r), digits)]));
const summary = {
  bundleKb: perHandler((r) => r.bundleKb, 1),
  onDiskKb: perHandler((r) => r.diskKb, 1),
  coldImportMs: perHandler((r) => r.coldMs, 1),
  coldImportRatio: perHandler((r) => r.ratio, 2),
  perEmailMs: { p50: round(perEmail?.p50Ms, 3), p99: round(perEmail?.p99Ms, 3) },
  awsCallsPerInvite: aws ? aws.invite.length : null,
  costPerActiveUserMonthUsd: round(costAt1000, 6),
  costSingleUserDeploymentMonthUsd: round(costAlone, 4),
  scale: scale
    ? {
        itemsReadPerMail: scale.itemsReadPerMail,
        pageKb: { "5000": round(scale.pageKb["5000"], 1) },
        pagePeakMb: { "5000": round(scale.pagePeakMb["5000"], 1) },
        pauseAwsCalls: scale.pauseAwsCalls,
        retimeAwsCalls: scale.retimeAwsCalls,
      }
    : null,
  // Import plus the first call ÷ a floor making the same AWS calls with the same clients.
  coldStartRatio: Object.fromEntries(handlerNames.map((n) => [n, round(coldStart?.ratio[n], 2)])),
  // Information, not a budget: ÷ that floor plus the required libraries' own first-call work.
  coldStartRatioOverLibraryFloor: Object.fromEntries(
    handlerNames.map((n) => [n, round(coldStart?.ratioOverLibraryFloor[n], 2)]),
  ),
  // Information: that floor ÷ the floor, the required libraries' first-call work alone.
  coldStartRequiredLibrariesRatio: Object.fromEntries(
    handlerNames.map((n) => [n, round(coldStart?.requiredLibrariesRatio[n], 2)]),
  ),
  awsCallsPerPromptFired: aws ? aws.promptFired.length : null,
  awsCallsPerPageView: aws ? aws.pageView.length : null,
  peakMemoryMb: round(memory?.peakDeltaMb, 1),
  floorKb: Object.fromEntries(
    handlerBundles.map((h) => [
      h.name,
      round(floors.get(h.floorEntry) ? kb(floors.get(h.floorEntry)?.bytes ?? 0) : Number.NaN, 1),
    ]),
  ),
  importOnlyRatio: perHandler((r) => r.importRatio, 2),
  importCpuRatio: perHandler((r) => r.cpuRatio, 2),
  budgets: Object.fromEntries(checks.map((c) => [c.what, c.pass ? "PASS" : "FAIL"])),
  pass: checks.every((c) => c.pass) && problems.length === 0,
};
console.log(JSON.stringify(summary));
process.exitCode = summary.pass ? 0 : 1;

/** Thrown errors grouped by message, ids in parentheses left out, so one bug shows as one line. */
function groupErrors(errors: { label: string; message: string }[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const e of errors) {
    const message = e.message.replace(/\s*\([^)]*\)/g, "").slice(0, 160);
    groups.set(message, [...(groups.get(message) ?? []), e.label]);
  }
  return groups;
}

function round(value: number | undefined, digits: number): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
