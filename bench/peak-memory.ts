import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./build.js";
import type { MemoryProbe } from "./memory-probe.js";

/** Peak RSS above the baseline while receiving one message, measured in a fresh process. */
export function measurePeakMemory(target: string, warmUp: string): MemoryProbe {
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(repoRoot, "bench/memory-probe.ts"), target, warmUp],
    { cwd: repoRoot, encoding: "utf8", timeout: 60_000 },
  );
  if (child.status !== 0) {
    throw new Error(
      `memory probe failed (exit ${child.status}): ${(child.stderr ?? "").trim().split("\n").slice(0, 5).join(" | ")}`,
    );
  }
  return JSON.parse(child.stdout) as MemoryProbe;
}
