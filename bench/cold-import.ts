import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";

/** One fresh process importing a bundle, timed inside the child with performance.now(). */
export interface ImportSample {
  /** Process start → import done (what a cold start pays before the first event). */
  sinceStartMs: number;
  /** The dynamic import alone. */
  importMs: number;
  /** CPU time (user + system) the import took: far less disturbed by other load on the machine. */
  importCpuMs: number;
  /** Spawn → exit, as seen by the parent (includes Node's own start-up and shutdown). */
  wallMs: number;
}

export interface ColdImport {
  runs: number;
  /** One sample per round, in round order: the same index in two bundles was measured moments apart. */
  rounds: ImportSample[];
  sinceStartMs: number;
  importMs: number;
  importCpuMs: number;
  wallMs: number;
}

// performance.now() counts from the process's time origin, so `done` is "since process start".
const CHILD = [
  "const before = performance.now();",
  "const cpuBefore = process.cpuUsage();",
  "await import(process.env.BENCH_IMPORT_URL);",
  "const done = performance.now();",
  "const cpu = process.cpuUsage(cpuBefore);",
  "process.stdout.write(JSON.stringify({ before, done, cpuMs: (cpu.user + cpu.system) / 1000 }));",
].join("\n");

export function importOnce(bundleFile: string, env: NodeJS.ProcessEnv): Promise<ImportSample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD], {
      env: { ...env, BENCH_IMPORT_URL: pathToFileURL(bundleFile).href },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) {
        reject(
          new Error(
            `importing ${bundleFile} failed (exit ${code}): ${stderr.trim().split("\n").slice(0, 5).join(" | ")}`,
          ),
        );
        return;
      }
      try {
        const { before, done, cpuMs } = JSON.parse(stdout) as { before: number; done: number; cpuMs: number };
        resolve({ sinceStartMs: done, importMs: done - before, importCpuMs: cpuMs, wallMs });
      } catch {
        reject(new Error(`importing ${bundleFile} printed no timing: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

/**
 * Cold import of several bundles, `runs` fresh processes each, interleaved round by round so that
 * a slow moment of the machine hits every bundle alike, and the order rotated each round so that
 * no bundle always goes first. One discarded round first warms the page cache.
 */
export async function measureColdImports(
  bundles: Record<string, string>,
  runs: number,
  env: NodeJS.ProcessEnv,
): Promise<Record<string, ColdImport>> {
  const names = Object.keys(bundles);
  const samples = new Map<string, ImportSample[]>(names.map((n) => [n, []]));
  for (let round = -1; round < runs; round++) {
    for (const name of rotated(names, round + 1)) {
      const sample = await importOnce(bundles[name] as string, env);
      if (round >= 0) samples.get(name)?.push(sample);
    }
  }
  const result: Record<string, ColdImport> = {};
  for (const name of names) {
    const list = samples.get(name) ?? [];
    result[name] = {
      runs: list.length,
      rounds: list,
      sinceStartMs: median(list.map((s) => s.sinceStartMs)),
      importMs: median(list.map((s) => s.importMs)),
      importCpuMs: median(list.map((s) => s.importCpuMs)),
      wallMs: median(list.map((s) => s.wallMs)),
    };
  }
  return result;
}

/**
 * `bundle` ÷ `floor`, as the median of the per-round ratios: each pair was measured moments apart,
 * so the machine's drift over the run cancels out instead of adding to the spread.
 */
export function pairedRatio<Sample = ImportSample>(
  bundle: { rounds: readonly Sample[] },
  floor: { rounds: readonly Sample[] },
  measure: (sample: Sample) => number,
): number {
  const pairs = Math.min(bundle.rounds.length, floor.rounds.length);
  const ratios = Array.from(
    { length: pairs },
    (_, i) => measure(bundle.rounds[i] as Sample) / measure(floor.rounds[i] as Sample),
  );
  return median(ratios);
}

/** `items` starting at index `by` (modulo), wrapping round: the order of round `by`. */
export function rotated<T>(items: readonly T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0–100); NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
